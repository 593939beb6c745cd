// Alpha formulas in the notation of "101 Formulaic Alphas" (Kakushadze 2016, appendix A): the parser,
// the lookback a formula needs, and the pandas expression that evaluates it. Editor-agnostic.
//
// The data are frames of dates (rows) by symbols (columns), one per field: open, high, low, close,
// volume, vwap (the day's typical price, (high + low + close) / 3: LEAN's bars carry no VWAP), returns
// (close to close) and adv{d} (the average daily dollar volume over d bars). Operators, as the paper
// defines them:
//   rank(x)                    cross-sectional percentile rank at each date (ties share their average)
//   delay(x, d), delta(x, d)   x d bars ago; x minus that
//   correlation(x, y, d), covariance(x, y, d), stddev(x, d)
//                              over the past d bars (sample statistics, as pandas computes them)
//   ts_mean / sma, ts_sum / sum, ts_min / min, ts_max / max, product (x, d)
//   ts_rank(x, d)              the rank of today's value among the past d (1 the lowest, d the highest)
//   ts_argmax, ts_argmin (x, d) the day of the window's maximum or minimum, 1 its oldest to d today
//   decay_linear(x, d)         weighted average over d bars, weights d (today) down to 1, summing to one
//   scale(x, a = 1)            x rescaled at each date so its absolute values sum to a
//   signedpower(x, a)          sign(x) * abs(x)^a
//   abs, log, sign; + - * / and ^ (power); < <= > >= == != give 1 or 0; && ||; c ? x : y
// A window that is not a whole number is floored, as the paper says. Names are case-insensitive
// (Ts_ArgMax, SignedPower), and BRAIN's spellings of the same operators are accepted (ts_corr,
// ts_std_dev, ts_delay ...). NaN is never turned into a number: a comparison or a choice on NaN is NaN,
// so a symbol without enough history has no score.
//
// Why a hand-written parser: the grammar is a dozen precedence levels of C-like expressions plus calls,
// and no parsing library is a dependency. Expression libraries (jsep, expr-eval) give `^` JavaScript's
// or their own meaning and have no notion of windows or fields, so their trees would be re-checked node
// by node anyway; this recursive descent of about a hundred lines checks as it parses, and every error
// names what is wrong in the user's own words.
import { num } from '../templates/python';

export type AlphaField = 'open' | 'high' | 'low' | 'close' | 'volume' | 'vwap' | 'returns' | 'adv';

type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';
type BinaryOperator = '+' | '-' | '*' | '/' | '^' | Comparison | '&&' | '||';

/** The operators over a window of bars (correlation and covariance over two series). */
type Windowed =
  | 'delay'
  | 'delta'
  | 'ts_mean'
  | 'ts_sum'
  | 'ts_min'
  | 'ts_max'
  | 'ts_product'
  | 'ts_rank'
  | 'ts_argmax'
  | 'ts_argmin'
  | 'decay_linear'
  | 'stddev'
  | 'correlation'
  | 'covariance';

export type AlphaNode =
  | { kind: 'number'; value: number }
  | { kind: 'field'; field: AlphaField; days?: number }
  | { kind: 'negate'; operand: AlphaNode }
  | { kind: 'binary'; operator: BinaryOperator; left: AlphaNode; right: AlphaNode }
  | { kind: 'choose'; test: AlphaNode; then: AlphaNode; otherwise: AlphaNode }
  | { kind: 'elementwise'; fn: 'abs' | 'log' | 'sign'; operand: AlphaNode }
  | { kind: 'rank'; operand: AlphaNode }
  | { kind: 'scale'; operand: AlphaNode; size: number }
  | { kind: 'signedpower'; operand: AlphaNode; exponent: AlphaNode }
  | { kind: 'window'; fn: Windowed; operands: AlphaNode[]; days: number };

export interface ParsedAlpha {
  tree: AlphaNode;
  /** Bars of history the formula needs before its latest value is defined. */
  lookback: number;
  /** The fields it reads. */
  fields: Set<AlphaField>;
}

export type AlphaParse = ({ ok: true } & ParsedAlpha) | { ok: false; error: string };

/** Each operator the paper (and BRAIN) spells, by the name it is written with, lower-cased. */
const NAMES: Readonly<Record<string, Windowed | 'rank' | 'scale' | 'signedpower' | 'abs' | 'log' | 'sign'>> = {
  rank: 'rank',
  scale: 'scale',
  signedpower: 'signedpower',
  abs: 'abs',
  log: 'log',
  sign: 'sign',
  delay: 'delay',
  ts_delay: 'delay',
  delta: 'delta',
  ts_delta: 'delta',
  ts_mean: 'ts_mean',
  sma: 'ts_mean',
  sum: 'ts_sum',
  ts_sum: 'ts_sum',
  min: 'ts_min',
  ts_min: 'ts_min',
  max: 'ts_max',
  ts_max: 'ts_max',
  product: 'ts_product',
  ts_product: 'ts_product',
  ts_rank: 'ts_rank',
  ts_argmax: 'ts_argmax',
  ts_argmin: 'ts_argmin',
  decay_linear: 'decay_linear',
  ts_decay_linear: 'decay_linear',
  stddev: 'stddev',
  ts_std: 'stddev',
  ts_stddev: 'stddev',
  ts_std_dev: 'stddev',
  correlation: 'correlation',
  ts_corr: 'correlation',
  ts_correlation: 'correlation',
  covariance: 'covariance',
  ts_cov: 'covariance',
  ts_covariance: 'covariance',
};

/** Names the paper uses that need data the offline generator does not write, with what they need. */
const NEEDS: Readonly<Record<string, string>> = {
  indneutralize: 'industry classifications (IndClass), which the offline generator does not write',
  cap: "each company's market capitalisation, which the offline generator does not read",
};

const FIELDS: ReadonlySet<string> = new Set(['open', 'high', 'low', 'close', 'volume', 'vwap', 'returns']);

/** The operators the parser knows, for the sentence naming an unknown one. */
export const OPERATOR_WORDS =
  'rank, delay, delta, correlation, covariance, stddev, ts_mean (sma), ts_sum (sum), ts_min (min), ts_max (max), product, ts_rank, ts_argmax, ts_argmin, decay_linear, scale, signedpower, abs, log and sign';

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?)|([a-z_][a-z0-9_.]*)|(==|!=|<=|>=|&&|\|\||[-+*/^<>?:(),]))/iy;

interface Token {
  kind: 'number' | 'name' | 'symbol' | 'end';
  text: string;
  at: number;
}

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return `The formula has "${text.slice(at).trim()[0]}", which is not part of the formula notation.`;
    const start = m.index + m[0].length - (m[1] ?? m[2] ?? m[3])!.length;
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1], at: start });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2].toLowerCase(), at: start });
    else tokens.push({ kind: 'symbol', text: m[3]!, at: start });
    at = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

class FormulaError extends Error {}

/** Parses a formula; an error is a sentence naming what is wrong. */
export function parseAlpha(formula: string): AlphaParse {
  const tokens = tokenize(formula);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  let i = 0;
  const peek = () => tokens[i]!;
  const near = (t: Token) => (t.kind === 'end' ? 'at its end' : `at "${formula.slice(t.at, t.at + 20).trim()}"`);
  const fail = (sentence: string): never => {
    throw new FormulaError(sentence);
  };
  const expect = (symbol: string, after: string) => {
    const t = peek();
    if (t.kind !== 'symbol' || t.text !== symbol) fail(`The formula is malformed: "${symbol}" expected ${after}, ${near(t)}.`);
    i++;
  };
  const accept = (...symbols: string[]): string | undefined => {
    const t = peek();
    if (t.kind === 'symbol' && symbols.includes(t.text)) {
      i++;
      return t.text;
    }
    return undefined;
  };

  // Lowest to highest precedence, as in C: ?: || && == != < <= > >= + - * / unary ^.
  const ternary = (): AlphaNode => {
    const test = either();
    if (!accept('?')) return test;
    const then = ternary();
    expect(':', 'between the two choices of "?"');
    const otherwise = ternary();
    return { kind: 'choose', test, then, otherwise };
  };
  const leftAssociative = (operators: readonly string[], next: () => AlphaNode) => (): AlphaNode => {
    let left = next();
    for (let op = accept(...operators); op; op = accept(...operators))
      left = { kind: 'binary', operator: op as BinaryOperator, left, right: next() };
    return left;
  };
  const unary = (): AlphaNode => {
    if (accept('-')) return { kind: 'negate', operand: unary() };
    if (accept('+')) return unary();
    return power();
  };
  const power = (): AlphaNode => {
    const base = primary();
    if (!accept('^')) return base;
    return { kind: 'binary', operator: '^', left: base, right: unary() };
  };
  const multiplicative = leftAssociative(['*', '/'], unary);
  const additive = leftAssociative(['+', '-'], multiplicative);
  const relational = leftAssociative(['<', '<=', '>', '>='], additive);
  const equality = leftAssociative(['==', '!='], relational);
  const both = leftAssociative(['&&'], equality);
  const either = leftAssociative(['||'], both);

  const primary = (): AlphaNode => {
    const t = peek();
    if (t.kind === 'number') {
      i++;
      return { kind: 'number', value: Number(t.text) };
    }
    if (t.kind === 'symbol' && t.text === '(') {
      i++;
      const inner = ternary();
      expect(')', 'to close a bracket');
      return inner;
    }
    if (t.kind !== 'name') return fail(`The formula is malformed: a value was expected ${near(t)}.`);
    i++;
    if (accept('(')) {
      known(t.text);
      const args: AlphaNode[] = [];
      if (!accept(')')) {
        do args.push(ternary());
        while (accept(','));
        expect(')', `after the arguments of ${t.text}`);
      }
      return call(t.text, args);
    }
    return fieldOf(t.text);
  };

  /** An operator is named before its arguments are read, so the error is about it, not about them. */
  const known = (name: string): void => {
    if (NEEDS[name]) fail(`The formula calls ${name}, which needs ${NEEDS[name]}.`);
    if (!NAMES[name])
      fail(
        `The formula calls ${name}, which is not an operator of the 101 Formulaic Alphas the offline generator writes (${OPERATOR_WORDS}).`,
      );
  };

  const call = (name: string, args: AlphaNode[]): AlphaNode => {
    const fn = NAMES[name]!;
    const arity = (counts: number[], shape: string) => {
      if (!counts.includes(args.length))
        fail(`${name} takes ${shape}; the formula gives it ${args.length} argument${args.length === 1 ? '' : 's'}.`);
    };
    const series = (node: AlphaNode, what: string) => {
      if (lookbackOf(node) === 0) fail(`The ${what} of ${name} must depend on prices or volume; the formula gives it only numbers.`);
      return node;
    };
    switch (fn) {
      case 'abs':
      case 'log':
      case 'sign':
        arity([1], 'one argument');
        return { kind: 'elementwise', fn, operand: args[0]! };
      case 'rank':
        arity([1], 'one argument');
        return { kind: 'rank', operand: series(args[0]!, 'argument') };
      case 'scale': {
        arity([1, 2], 'one or two arguments (x, and the sum of absolute values, 1 unless given)');
        const size = args[1] ? constant(args[1], `The second argument of ${name}`) : 1;
        return { kind: 'scale', operand: series(args[0]!, 'first argument'), size };
      }
      case 'signedpower':
        arity([2], 'two arguments (x, a)');
        return { kind: 'signedpower', operand: series(args[0]!, 'first argument'), exponent: args[1]! };
      default: {
        const pair = fn === 'correlation' || fn === 'covariance';
        arity([pair ? 3 : 2], pair ? 'three arguments (x, y, d)' : 'two arguments (x, d)');
        const windowArg = args[args.length - 1]!;
        if (windowArg.kind !== 'number')
          fail(
            `The last argument of ${name} is its window in bars and must be a number; the formula gives it an expression${name === 'min' || name === 'max' ? ` (the paper's ${name}(x, d) is ts_${name}(x, d))` : ''}.`,
          );
        const days = Math.floor((windowArg as { value: number }).value);
        const least = pair || fn === 'stddev' ? 2 : 1;
        if (days < least)
          fail(
            `The window of ${name} must be at least ${least} bar${least === 1 ? '' : 's'}; the formula gives ${num((windowArg as { value: number }).value)}.`,
          );
        const operands = args
          .slice(0, -1)
          .map((a, n) => series(a, pair ? (n === 0 ? 'first argument' : 'second argument') : 'first argument'));
        return { kind: 'window', fn, operands, days };
      }
    }
  };

  const constant = (node: AlphaNode, what: string): number => {
    const value =
      node.kind === 'number' ? node.value : node.kind === 'negate' && node.operand.kind === 'number' ? -node.operand.value : undefined;
    if (value === undefined) return fail(`${what} must be a number.`);
    return value;
  };

  const fieldOf = (name: string): AlphaNode => {
    if (FIELDS.has(name)) return { kind: 'field', field: name as AlphaField };
    const adv = /^adv(\d+)$/.exec(name);
    if (adv && Number(adv[1]) >= 1) return { kind: 'field', field: 'adv', days: Number(adv[1]) };
    if (NEEDS[name]) return fail(`The formula reads ${name}, which needs ${NEEDS[name]}.`);
    return fail(
      `The formula names "${name}", which is not a field the offline generator reads (open, high, low, close, volume, vwap, returns, adv<days>)${NAMES[name] ? ` (${name} is an operator and needs its arguments in brackets)` : ''}.`,
    );
  };

  try {
    if (peek().kind === 'end') return { ok: false, error: 'The formula is empty.' };
    const tree = ternary();
    if (peek().kind !== 'end') fail(`The formula is malformed: it goes on after a complete expression, ${near(peek())}.`);
    checkData(tree);
    const lookback = lookbackOf(tree);
    if (lookback === 0) fail('The formula reads no price or volume field, so it gives every symbol the same score.');
    return { ok: true, tree, lookback, fields: fieldsOf(tree) };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Comparisons, logic and choices test data: one side at least must depend on it. */
function checkData(node: AlphaNode): void {
  for (const child of children(node)) checkData(child);
  if (node.kind === 'binary' && isLogic(node.operator) && lookbackOf(node) === 0)
    throw new FormulaError(`The formula compares numbers only (${node.operator}); a comparison must read prices or volume.`);
  if (node.kind === 'choose' && lookbackOf(node.test) === 0)
    throw new FormulaError('The condition before "?" in the formula reads no prices or volume; it must test the data.');
}

function isLogic(operator: BinaryOperator): boolean {
  return !['+', '-', '*', '/', '^'].includes(operator);
}

function children(node: AlphaNode): AlphaNode[] {
  switch (node.kind) {
    case 'number':
    case 'field':
      return [];
    case 'negate':
    case 'elementwise':
    case 'rank':
    case 'scale':
      return [node.operand];
    case 'signedpower':
      return [node.operand, node.exponent];
    case 'binary':
      return [node.left, node.right];
    case 'choose':
      return [node.test, node.then, node.otherwise];
    case 'window':
      return node.operands;
  }
}

/**
 * Bars of history a node needs before its latest value is defined: a field one (returns two, adv{d} d);
 * a window of d bars adds d - 1 to what its operands need, a delay of d adds d; anything else needs the
 * most any operand needs. Numbers need none.
 */
export function lookbackOf(node: AlphaNode): number {
  switch (node.kind) {
    case 'number':
      return 0;
    case 'field':
      return node.field === 'returns' ? 2 : node.field === 'adv' ? node.days! : 1;
    case 'window': {
      const inner = Math.max(...node.operands.map(lookbackOf));
      return node.fn === 'delay' || node.fn === 'delta' ? inner + node.days : inner + node.days - 1;
    }
    default:
      return Math.max(0, ...children(node).map(lookbackOf));
  }
}

function fieldsOf(node: AlphaNode, out = new Set<AlphaField>()): Set<AlphaField> {
  if (node.kind === 'field') out.add(node.field);
  for (const child of children(node)) fieldsOf(child, out);
  return out;
}

// --- Python -------------------------------------------------------------------------------------------

/** The local each field's frame is held in, in `_alpha`. */
export function fieldName(node: Extract<AlphaNode, { kind: 'field' }>): string {
  switch (node.field) {
    case 'returns':
      return 'returns';
    case 'adv':
      return `adv${node.days}`;
    default:
      return `${node.field}s`;
  }
}

/** The helper methods a formula's Python calls, by name. */
export type AlphaHelper = 'last_rank' | 'decay_linear' | 'scale' | 'compare' | 'where';

export interface AlphaPython {
  /** Lines computing the parts used more than once, or too long to read inline (`step1 = ...`). */
  steps: string[];
  /** The formula's value: a frame of dates by symbols. */
  value: string;
  helpers: Set<AlphaHelper>;
}

/** Python precedence of a rendered expression: what may sit around it without brackets. */
const enum Level {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Power = 4,
  Atom = 5,
}

interface Rendered {
  text: string;
  level: Level;
}

const COMPARE_UFUNC: Readonly<Record<Comparison | '&&' | '||', string>> = {
  '<': 'np.less',
  '<=': 'np.less_equal',
  '>': 'np.greater',
  '>=': 'np.greater_equal',
  '==': 'np.equal',
  '!=': 'np.not_equal',
  '&&': 'np.logical_and',
  '||': 'np.logical_or',
};

const ROLLING: Readonly<Partial<Record<Windowed, string>>> = {
  ts_mean: 'mean()',
  ts_sum: 'sum()',
  ts_min: 'min()',
  ts_max: 'max()',
  stddev: 'std()',
  ts_product: 'apply(np.prod, raw=True)',
  ts_rank: 'apply(self._last_rank, raw=True)',
};

/** Longest expression on one line (a step's or the returned value): longer ones have their parts made steps. */
const LONGEST = 84;

/** A number as a Python literal, exactly as parsed (1e-07 stays 1e-07). */
function literal(value: number): string {
  return String(value);
}

/** Numbers, fields and their negations are written as they are, never as steps. */
function isLeaf(node: AlphaNode): boolean {
  return node.kind === 'number' || node.kind === 'field' || (node.kind === 'negate' && isLeaf(node.operand));
}

/**
 * The formula as pandas over the field frames (`closes`, `volumes` ...): `value` is one expression,
 * after `steps` (`step1 = ...`) that compute once each part the formula uses more than once, and the
 * parts of any expression too long for one line.
 */
export function alphaPython(tree: AlphaNode): AlphaPython {
  const helpers = new Set<AlphaHelper>();
  const steps: string[] = [];
  const uses = new Map<string, number>();
  // Uses counted once per distinct part: the parts inside a repeated part are computed with it.
  const count = (node: AlphaNode) => {
    if (isLeaf(node)) return;
    const key = JSON.stringify(node);
    const seen = uses.get(key) ?? 0;
    uses.set(key, seen + 1);
    if (seen > 0) return;
    // signedpower writes its operand twice.
    (node.kind === 'signedpower' ? [node.operand, ...children(node)] : children(node)).forEach(count);
  };
  count(tree);
  const named = new Map<string, string>();
  const asStep = (node: AlphaNode): Rendered => {
    const key = JSON.stringify(node);
    const own = write(node);
    if (!named.has(key)) {
      named.set(key, `step${named.size + 1}`);
      steps.push(`${named.get(key)!} = ${own.text}`);
    }
    return { text: named.get(key)!, level: Level.Atom };
  };
  // How a parent writes a node: inline, or as the step that computes it.
  const write = (node: AlphaNode): Rendered => {
    const key = JSON.stringify(node);
    const step = named.get(key);
    if (step) return { text: step, level: Level.Atom };
    if (isLeaf(node)) return render(node, write, helpers);
    let own = render(node, write, helpers);
    if (own.text.length > LONGEST) {
      const parts = new Set(children(node).filter((c) => !isLeaf(c)));
      own = render(node, (c) => (parts.has(c) ? asStep(c) : write(c)), helpers);
    }
    return (uses.get(key) ?? 0) > 1 ? stepFrom(node, own) : own;
  };
  const stepFrom = (node: AlphaNode, own: Rendered): Rendered => {
    const key = JSON.stringify(node);
    named.set(key, `step${named.size + 1}`);
    steps.push(`${named.get(key)!} = ${own.text}`);
    return { text: named.get(key)!, level: Level.Atom };
  };
  const value = write(tree).text;
  return { steps, value, helpers };
}

/** One node as Python, its children written by `child` (which may have named them as steps). */
function render(node: AlphaNode, child: (n: AlphaNode) => Rendered, helpers: Set<AlphaHelper>): Rendered {
  const at = (n: AlphaNode, level: Level): string => {
    const r = child(n);
    return r.level >= level ? r.text : `(${r.text})`;
  };
  const plain = (n: AlphaNode): string => child(n).text;
  switch (node.kind) {
    case 'number':
      return { text: literal(node.value), level: Level.Atom };
    case 'field':
      return { text: fieldName(node), level: Level.Atom };
    case 'negate':
      // "-x" for a name, a call or a power; brackets around sums, products and another minus.
      return { text: `-${at(node.operand, Level.Power)}`, level: Level.Unary };
    case 'binary': {
      const { operator, left, right } = node;
      if (operator === '^') return { text: `${at(left, Level.Atom)} ** ${at(right, Level.Unary)}`, level: Level.Power };
      if (operator === '+' || operator === '-')
        return { text: `${at(left, Level.Sum)} ${operator} ${at(right, Level.Product)}`, level: Level.Sum };
      if (operator === '*' || operator === '/')
        return { text: `${at(left, Level.Product)} ${operator} ${at(right, Level.Unary)}`, level: Level.Product };
      helpers.add('compare');
      return { text: `self._compare(${COMPARE_UFUNC[operator]}, ${plain(left)}, ${plain(right)})`, level: Level.Atom };
    }
    case 'choose':
      helpers.add('where');
      return { text: `self._where(${plain(node.test)}, ${plain(node.then)}, ${plain(node.otherwise)})`, level: Level.Atom };
    case 'elementwise':
      return { text: `np.${node.fn}(${plain(node.operand)})`, level: Level.Atom };
    case 'rank':
      return { text: `${at(node.operand, Level.Atom)}.rank(axis=1, pct=True)`, level: Level.Atom };
    case 'scale':
      helpers.add('scale');
      return { text: `self._scale(${plain(node.operand)}, ${literal(node.size)})`, level: Level.Atom };
    case 'signedpower': {
      const operand = plain(node.operand);
      return { text: `np.sign(${operand}) * np.abs(${operand}) ** ${at(node.exponent, Level.Unary)}`, level: Level.Product };
    }
    case 'window': {
      const [x, y] = node.operands;
      const d = literal(node.days);
      const series = at(x!, Level.Atom);
      switch (node.fn) {
        case 'delay':
          return { text: `${series}.shift(${d})`, level: Level.Atom };
        case 'delta':
          return { text: `${series}.diff(${d})`, level: Level.Atom };
        case 'correlation':
          return { text: `${series}.rolling(${d}).corr(${plain(y!)})`, level: Level.Atom };
        case 'covariance':
          return { text: `${series}.rolling(${d}).cov(${plain(y!)})`, level: Level.Atom };
        case 'ts_argmax':
        case 'ts_argmin':
          return { text: `${series}.rolling(${d}).apply(np.${node.fn.slice(3)}, raw=True) + 1`, level: Level.Sum };
        case 'decay_linear':
          helpers.add('decay_linear');
          return { text: `self._decay_linear(${plain(x!)}, ${d})`, level: Level.Atom };
        default:
          if (node.fn === 'ts_rank') helpers.add('last_rank');
          return { text: `${series}.rolling(${d}).${ROLLING[node.fn]!}`, level: Level.Atom };
      }
    }
  }
}
