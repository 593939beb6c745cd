// Regime selection: a request that picks one rule for a calm market and another for a volatile one
// (Signal.regime) needs code that measures the regime (the VIX, or a volatility of returns), writes its
// stated numbers, tests it, and trades each rule in its own regime, not the other way round.
//
// Which rule a branch trades is read from the names it reaches: the identifiers below it, the values
// assigned to the local names it reads, and the bodies of the methods it calls (`self._rsi_rule(...)`),
// a few steps deep; a rule is known by its indicator's words (rsi, donchian, bollinger ...). Which regime
// a test holds in is read from its comparison: the VIX above a level, or a volatility above its average
// or median, is the volatile regime; `not` turns it round. Where either cannot be told, the code passes:
// code may be written many ways, and only a selection read for certain as swapped is a mismatch.
import type { Regime, Signal, SignalKind, StrategyRequest } from '../request/types';
import { SIGNAL_NAMES } from '../request/vocabulary';
import { fieldChild, descendants, type PyNode } from './pythonTree';
import { numberValue, textOf, writesNumber, type CodeFacts } from './codeFacts';
import { mismatch, type RequestMismatch } from './mismatch';

/** Words naming each rule's indicator, as tokens of identifiers (`self._calm_rsi` → calm, rsi). */
const RULE_WORDS: Readonly<Partial<Record<SignalKind, RegExp>>> = {
  'sma-crossover': /^(?:sma|simple)$/,
  'ema-crossover': /^(?:ema|exponential)$/,
  rsi: /^(?:rsi|relative)$/,
  bollinger: /^(?:bollinger|bb|bands|bbands)$/,
  macd: /^(?:macd|convergence)$/,
  donchian: /^(?:donchian|dc|breakout|highest|lowest)$/,
  keltner: /^(?:keltner)$/,
  zscore: /^(?:zscore|z)$/,
  momentum: /^(?:momentum|mom|roc)$/,
  vwap: /^(?:vwap)$/,
  gap: /^(?:gap|gaps)$/,
};

/** Words two rules share: a crossover's, where its own (sma, ema) is not written. */
const SHARED_WORDS: Readonly<Partial<Record<SignalKind, RegExp>>> = {
  'sma-crossover': /^(?:crossover|cross|fast|slow)$/,
  'ema-crossover': /^(?:crossover|cross|fast|slow)$/,
};

/** Words of a baseline a volatility is compared with. */
const BASELINE = /median|average|mean|sma|avg|baseline|typical|normal|history|threshold|percentile|quantile/;
/** Words of a volatility measured now. */
const VOLATILITY = /vol|std|deviation|atr/;
/** Names too common to follow: following them reaches most of the algorithm. */
const STOP = new Set(['self', 'symbol', 'price', 'bar', 'data', 'traded', 'quantity', 'security', 'time']);

type Side = Regime['side'];

export function checkRegimes(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const regimed = request.signals.filter((s): s is Signal & { regime: NonNullable<Signal['regime']> } => s.regime !== undefined);
  if (regimed.length < 2) return [];
  const out: RequestMismatch[] = [];
  const first = regimed[0]!.regime;
  const by = first.value.by;
  const add = (meaning: string, does: string) => out.push(mismatch('filters', request, first.span, meaning, does));
  if (by === 'vix' && !readsVix(facts)) add('a regime by the VIX', 'the code never reads the VIX (self.add_index("VIX")).');
  if (by === 'volatility' && !measuresVolatility(facts))
    add('a regime by volatility', 'the code computes no volatility (a standard deviation of returns).');
  for (const s of regimed) {
    const r = s.regime.value;
    const numbers: [number | undefined, string, number[]][] = [
      [r.level, `a VIX level of ${r.level}`, [r.level ?? 0]],
      [r.period, `volatility over ${r.period} days`, [r.period ?? 0]],
      [r.window, `a baseline over ${r.window} days`, windowForms(r.window ?? 0)],
    ];
    for (const [value, meaning, forms] of numbers)
      if (value !== undefined && !writesNumber(facts, forms) && !out.some((m) => m.message.includes(meaning)))
        add(meaning, `the code never writes ${value}.`);
  }
  if (out.length) return out;
  const selection = selectionOf(facts, by, regimed);
  if (selection === 'none') add('one rule in each regime', `the code never picks its rule by ${by === 'vix' ? 'the VIX' : 'volatility'}.`);
  if (selection === 'swapped') {
    const words = regimed.map((s) => `${SIGNAL_NAMES[s.kind]} when ${s.regime.value.side === 'low' ? 'calm' : 'volatile'}`).join(', ');
    add(words, 'the code trades each rule in the other regime.');
  }
  return out;
}

/** A window of days as code may write it: days, years (252 a year, 365 calendar days), months (21). */
function windowForms(days: number): number[] {
  const forms = [days];
  if (days % 252 === 0) forms.push(days / 252, (days / 252) * 365);
  if (days % 21 === 0) forms.push(days / 21);
  return forms;
}

function readsVix(facts: CodeFacts): boolean {
  return facts.stringTokens.has('VIX') || facts.stringTokens.has('VX') || [...facts.identifiers].some((n) => n.includes('vix'));
}

function measuresVolatility(facts: CodeFacts): boolean {
  if (facts.calls.some((c) => /^(?:std|standard_deviation|stdev|pstdev|var|variance|log_return|logr|atr)$/.test(c.name))) return true;
  return [...facts.identifiers].some((n) => VOLATILITY.test(n));
}

/**
 * How the code picks its rule by the regime: `right` where a test of the regime trades each rule in its
 * own regime, `swapped` where the only tests read for certain trade them the other way round, `unknown`
 * where no test can be read that far, and `none` where no condition reads the regime's measure at all.
 */
function selectionOf(facts: CodeFacts, by: Regime['by'], regimed: readonly Signal[]): 'right' | 'swapped' | 'unknown' | 'none' {
  const methods = methodBodies(facts);
  const low = regimed.find((s) => s.regime!.value.side === 'low')!;
  const high = regimed.find((s) => s.regime!.value.side === 'high')!;
  let tested = false;
  let swapped = false;
  for (const node of descendants(facts.root)) {
    const branches = branchesOf(node);
    if (!branches) continue;
    if (!comparesMeasure(facts, branches.condition, by)) continue;
    tested = true;
    const side = sideOf(facts, branches.condition, by, 0);
    if (!side) continue;
    const [whenTrue, whenFalse] = [branches.whenTrue, branches.whenFalse].map((b) => (b ? rulesIn(facts, methods, b, [low, high]) : []));
    const [calmBranch, volatileBranch] = side === 'low' ? [whenTrue!, whenFalse!] : [whenFalse!, whenTrue!];
    const only = (found: Signal[], s: Signal) => found.length === 1 && found[0] === s;
    if (only(calmBranch, low) && (only(volatileBranch, high) || volatileBranch.length === 0)) return 'right';
    if (only(volatileBranch, high) && calmBranch.length === 0) return 'right';
    if ((only(calmBranch, high) && !volatileBranch.includes(high)) || (only(volatileBranch, low) && !calmBranch.includes(low)))
      swapped = true;
  }
  if (swapped) return 'swapped';
  return tested ? 'unknown' : 'none';
}

/**
 * Whether a condition compares the regime's measure (or something named a regime) with something: in
 * its own words or in the value of a name it reads (`calm = volatility < average`). A readiness check
 * (`if not self._vix_ready`) compares nothing.
 */
function comparesMeasure(facts: CodeFacts, condition: PyNode, by: Regime['by']): boolean {
  const words = by === 'vix' ? /vix|regime/ : new RegExp(`${VOLATILITY.source}|regime`);
  const nodes = [condition];
  for (const n of descendants(condition))
    if (n.type === 'identifier' && !STOP.has(textOf(facts, n))) nodes.push(...(facts.assigned.get(textOf(facts, n)) ?? []));
  return nodes.some((root) =>
    [...descendants(root)].some(
      (n) =>
        n.type === 'comparison_operator' &&
        !n.operators.some((op) => op === 'is' || op === 'is not' || op === 'in' || op === 'not in') &&
        [...descendants(n)].some((i) => i.type === 'identifier' && words.test(textOf(facts, i).toLowerCase())),
    ),
  );
}

/** The condition and the two branches of an `if` (its `else` or `elif` the false branch) or of `a if c else b`. */
function branchesOf(node: PyNode): { condition: PyNode; whenTrue: PyNode | undefined; whenFalse: PyNode | undefined } | undefined {
  if (node.type === 'if_statement' || node.type === 'elif_clause') {
    const condition = fieldChild(node, 'condition');
    if (!condition) return undefined;
    const next = node.type === 'if_statement' ? fieldChild(node, 'alternative') : nextAlternative(node);
    const whenFalse = next?.type === 'else_clause' ? fieldChild(next, 'body') : next;
    return { condition, whenTrue: fieldChild(node, 'consequence'), whenFalse };
  }
  if (node.type === 'conditional_expression') {
    const [whenTrue, condition, whenFalse] = node.children.filter((c) => c.type !== 'comment');
    if (!condition) return undefined;
    return { condition, whenTrue, whenFalse };
  }
  return undefined;
}

/** The `elif` or `else` after an `elif` in its `if` statement. */
function nextAlternative(node: PyNode): PyNode | undefined {
  const siblings = node.parent?.children.filter((c) => c.field === 'alternative') ?? [];
  return siblings[siblings.indexOf(node) + 1];
}

/** The method bodies of the file by name (`_rsi_rule` → its block). */
function methodBodies(facts: CodeFacts): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const node of descendants(facts.root)) {
    if (node.type !== 'function_definition') continue;
    const name = fieldChild(node, 'name');
    const body = fieldChild(node, 'body');
    if (name && body) out.set(textOf(facts, name), body);
  }
  return out;
}

/**
 * The identifiers `node` reaches, lower case: its own; those of the values assigned to the local names
 * it reads, and of those values' names in turn (two steps); and, with `calls`, those of the bodies of the
 * methods it or those values call. A method body is read, not followed further: its locals
 * (`long_entry`) are assigned in other methods too.
 */
function reached(facts: CodeFacts, methods: Map<string, PyNode>, node: PyNode, calls: boolean): string[] {
  const out: string[] = [];
  const seen = new Set<PyNode>();
  let frontier: { node: PyNode; follow: boolean }[] = [{ node, follow: true }];
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: { node: PyNode; follow: boolean }[] = [];
    for (const { node: root, follow } of frontier) {
      if (seen.has(root)) continue;
      seen.add(root);
      for (const n of descendants(root)) {
        if (n.type !== 'identifier') continue;
        const name = textOf(facts, n);
        out.push(name.toLowerCase());
        if (!follow || STOP.has(name)) continue;
        const member = n.field === 'attribute' && n.parent?.type === 'attribute';
        if (!member) for (const value of facts.assigned.get(name) ?? []) next.push({ node: value, follow: true });
        const body = methods.get(name);
        if (calls && body && n.parent?.parent?.type === 'call') next.push({ node: body, follow: false });
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * The rules of `candidates` a branch trades, by the words of their indicators among the names it reaches:
 * a rule's own words ("rsi", "ema") first, and only where none is found the words crossovers share.
 */
function rulesIn(facts: CodeFacts, methods: Map<string, PyNode>, branch: PyNode, candidates: readonly Signal[]): Signal[] {
  const tokens = [...new Set(reached(facts, methods, branch, true).flatMap((n) => n.split(/_+/).filter(Boolean)))];
  const found = (table: Readonly<Partial<Record<SignalKind, RegExp>>>) =>
    candidates.filter((s) => {
      const words = table[s.kind];
      return words !== undefined && tokens.some((t) => words.test(t));
    });
  const own = found(RULE_WORDS);
  return own.length ? own : found(SHARED_WORDS);
}

/** The regime in which `condition` holds: low (calm) or high (volatile); undefined where it cannot be told. */
function sideOf(facts: CodeFacts, condition: PyNode, by: Regime['by'], depth: number): Side | undefined {
  if (depth > 3) return undefined;
  const node = condition.type === 'parenthesized_expression' && condition.children.length === 1 ? condition.children[0]! : condition;
  if (node.type === 'not_operator') {
    const inner = fieldChild(node, 'argument');
    const side = inner ? sideOf(facts, inner, by, depth + 1) : undefined;
    return side && (side === 'low' ? 'high' : 'low');
  }
  if (node.type === 'identifier') {
    for (const value of facts.assigned.get(textOf(facts, node)) ?? []) {
      const side = sideOf(facts, value, by, depth + 1);
      if (side) return side;
    }
    return undefined;
  }
  if (node.type !== 'comparison_operator' || node.operators.length !== 1) return undefined;
  const [left, right] = node.children.filter((c) => c.type !== 'comment');
  const op = node.operators[0]!;
  if (!left || !right || !['<', '<=', '>', '>='].includes(op)) return undefined;
  const measured = (operand: PyNode): boolean | undefined => {
    const names = reached(facts, new Map(), operand, false).join(' ');
    if (by === 'vix') return /vix/.test(names) ? true : numberValue(facts, operand) !== undefined ? false : undefined;
    if (BASELINE.test(names)) return false;
    return VOLATILITY.test(names) ? true : undefined;
  };
  const [l, r] = [measured(left), measured(right)];
  if (l === undefined || r === undefined || l === r) return undefined;
  const above = op === '>' || op === '>=';
  // The measure above its baseline is the volatile regime.
  return above === l ? 'high' : 'low';
}
