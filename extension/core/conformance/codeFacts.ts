// What the request checks read from an algorithm's parse tree: its calls with their arguments, what each
// name is assigned (so `self.add_equity(t)` inside `for t in tickers` finds the tickers), the numbers and
// strings it writes, and its algorithm class. Editor-agnostic; values are read, never executed.
import type { Tree } from 'web-tree-sitter';
import type { SourceRange } from '../diagnostic';
import { descendants, fieldChild, LineIndex, readPythonTree, type PyNode } from './pythonTree';

export interface CallFact {
  node: PyNode;
  /** The callee as written, without whitespace: `self.add_equity`, `self.schedule.on`, `timedelta`. */
  callee: string;
  /** The callee's last name in snake case: `add_equity`, `on`, `timedelta`, `trade_bar_consolidator`. */
  name: string;
  positional: PyNode[];
  /** Keyword arguments by snake-case name. */
  keywords: Map<string, PyNode>;
}

export interface CodeFacts {
  source: string;
  root: PyNode;
  calls: CallFact[];
  /** Per name as written (`x`, `self.x`): the values assigned to it, loop iterables and parameter defaults included. */
  assigned: Map<string, PyNode[]>;
  /**
   * The absolute values of the numbers the code writes: literals, constant expressions (`1 - 0.05`,
   * `100 * 1000`) and numeric strings (`get_parameter("fast", "50")`); not those of set_start_date,
   * set_end_date and set_cash, which are dates and cash, never a rule's parameter.
   */
  numbers: number[];
  /** The tokens of every plain string literal (split at spaces and commas), normalised by `symbolKey`. */
  stringTokens: Set<string>;
  /** Every dotted name, normalised by `nameKey`: `resolution.daily`, `market.coinbase`, `self.time.month`. */
  dottedNames: Set<string>;
  /** Every identifier, lower case (`self`, `atr`, `_rebalance`). */
  identifiers: Set<string>;
  /** The QCAlgorithm subclass (or else the first class); undefined in a file without one. */
  algorithmClass: PyNode | undefined;
  lines: LineIndex;
}

/** Calls whose numbers are dates or cash. */
const SETUP_CALLS = new Set(['set_start_date', 'set_end_date', 'set_cash']);

export function collectCodeFacts(tree: Tree, source: string): CodeFacts {
  const root = readPythonTree(tree);
  const facts: CodeFacts = {
    source,
    root,
    calls: [],
    assigned: new Map(),
    numbers: [],
    stringTokens: new Set(),
    dottedNames: new Set(),
    identifiers: new Set(),
    algorithmClass: undefined,
    lines: new LineIndex(source),
  };
  const classes: PyNode[] = [];
  const setupCalls = new Set<PyNode>();
  for (const node of descendants(root)) {
    switch (node.type) {
      case 'call': {
        const call = readCall(facts, node);
        if (!call) break;
        facts.calls.push(call);
        if (SETUP_CALLS.has(call.name)) setupCalls.add(node);
        break;
      }
      case 'assignment':
      case 'for_statement':
      case 'for_in_clause':
        recordAssignment(facts, fieldChild(node, 'left'), fieldChild(node, 'right'));
        break;
      case 'named_expression':
        recordAssignment(facts, fieldChild(node, 'name'), fieldChild(node, 'value'));
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        recordAssignment(facts, fieldChild(node, 'name'), fieldChild(node, 'value'));
        break;
      case 'string':
      case 'concatenated_string': {
        if (node.parent?.type === 'concatenated_string') break;
        const value = stringValue(facts, node);
        if (value !== undefined) for (const token of tokensOf(value)) facts.stringTokens.add(token);
        break;
      }
      case 'attribute':
        facts.dottedNames.add(nameKey(textOf(facts, node)));
        break;
      case 'identifier':
        facts.identifiers.add(textOf(facts, node).toLowerCase());
        break;
      case 'class_definition':
        classes.push(node);
        break;
      default:
        break;
    }
  }
  facts.numbers = collectNumbers(facts, setupCalls);
  facts.algorithmClass =
    classes.find((c) => /\bQCAlgorithm\b/.test(textOf(facts, fieldChild(c, 'superclasses') ?? c).slice(0, 400))) ?? classes[0];
  return facts;
}

function readCall(facts: CodeFacts, node: PyNode): CallFact | undefined {
  const callee = fieldChild(node, 'function');
  if (!callee) return undefined;
  const last = callee.type === 'attribute' ? fieldChild(callee, 'attribute') : callee.type === 'identifier' ? callee : undefined;
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  const args = fieldChild(node, 'arguments');
  if (args?.type === 'argument_list') {
    for (const arg of args.children) {
      if (arg.type === 'comment') continue;
      if (arg.type === 'keyword_argument') {
        const name = fieldChild(arg, 'name');
        const value = fieldChild(arg, 'value');
        if (name && value) keywords.set(toSnake(textOf(facts, name)), value);
      } else positional.push(arg);
    }
  } else if (args) positional.push(args);
  return {
    node,
    callee: textOf(facts, callee).replace(/\s+/g, ''),
    name: last ? toSnake(textOf(facts, last)) : '',
    positional,
    keywords,
  };
}

function recordAssignment(facts: CodeFacts, left: PyNode | undefined, right: PyNode | undefined): void {
  if (!left || !right) return;
  const targets = isPattern(left) ? left.children.filter((c) => c.type !== 'comment') : [left];
  const values = isPattern(left) && isSequence(right) ? right.children.filter((c) => c.type !== 'comment') : undefined;
  targets.forEach((target, i) => {
    if (isPattern(target)) return recordAssignment(facts, target, values?.[i] ?? right);
    if (target.type !== 'identifier' && target.type !== 'attribute') return;
    const key = nameKeyOf(facts, target);
    const list = facts.assigned.get(key) ?? [];
    list.push(values && values.length === targets.length ? values[i]! : right);
    facts.assigned.set(key, list);
  });
}

function isPattern(node: PyNode): boolean {
  return node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern';
}

function isSequence(node: PyNode): boolean {
  return node.type === 'expression_list' || node.type === 'tuple' || node.type === 'list';
}

function collectNumbers(facts: CodeFacts, setupCalls: Set<PyNode>): number[] {
  const numbers: number[] = [];
  const stack: PyNode[] = [facts.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (setupCalls.has(node)) continue;
    if (node.type === 'integer' || node.type === 'float' || node.type === 'binary_operator') {
      const value = numberValue(facts, node);
      if (value !== undefined) numbers.push(Math.abs(value));
    } else if (node.type === 'string') {
      const value = stringValue(facts, node);
      if (value !== undefined && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) numbers.push(Math.abs(Number(value)));
    }
    for (const child of node.children) stack.push(child);
  }
  return numbers;
}

export function textOf(facts: CodeFacts, node: PyNode): string {
  return facts.source.slice(node.start, node.end);
}

export function rangeOf(facts: CodeFacts, node: PyNode): SourceRange {
  return facts.lines.range(node.start, node.end);
}

/** The value of a plain string literal (no f-string interpolation); escapes are left as written. */
export function stringValue(facts: CodeFacts, node: PyNode): string | undefined {
  if (node.type === 'concatenated_string') {
    const parts = node.children.filter((c) => c.type === 'string').map((c) => stringValue(facts, c));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string' || node.children.some((c) => c.type === 'interpolation')) return undefined;
  return node.children
    .filter((c) => c.type === 'string_content' || c.type === 'escape_sequence')
    .map((c) => textOf(facts, c))
    .join('');
}

/** The value of a number or constant arithmetic expression (`-0.5`, `100 * 1000`, `1 - 0.05`). */
export function numberValue(facts: CodeFacts, node: PyNode): number | undefined {
  switch (node.type) {
    case 'integer':
    case 'float': {
      const text = textOf(facts, node).replace(/_/g, '');
      if (/[jJ]$/.test(text)) return undefined;
      const value = Number(text.replace(/[lL]$/, ''));
      return Number.isFinite(value) ? value : undefined;
    }
    case 'parenthesized_expression':
      return node.children.length === 1 ? numberValue(facts, node.children[0]!) : undefined;
    case 'unary_operator': {
      const operand = fieldChild(node, 'argument');
      const value = operand ? numberValue(facts, operand) : undefined;
      if (value === undefined) return undefined;
      return node.operators[0] === '-' ? -value : node.operators[0] === '+' ? value : undefined;
    }
    case 'binary_operator': {
      const left = fieldChild(node, 'left');
      const right = fieldChild(node, 'right');
      const a = left ? numberValue(facts, left) : undefined;
      const b = right ? numberValue(facts, right) : undefined;
      if (a === undefined || b === undefined) return undefined;
      const value = arithmetic(node.operators[0], a, b);
      return value !== undefined && Number.isFinite(value) ? value : undefined;
    }
    default:
      return undefined;
  }
}

function arithmetic(operator: string | undefined, a: number, b: number): number | undefined {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '//':
      return Math.floor(a / b);
    case '**':
      return a ** b;
    default:
      return undefined;
  }
}

/**
 * The nodes an expression can draw values from: its own subtree, and the values assigned to the names
 * and `self.` attributes it reads, followed through further assignments (loop variables to their
 * iterables, attributes to what initialize stored in them). Bounded; never executes anything.
 */
export function reachable(facts: CodeFacts, expression: PyNode, limit = 4000): PyNode[] {
  const out: PyNode[] = [];
  const seen = new Set<PyNode>();
  const stack: PyNode[] = [expression];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    out.push(node);
    if (node.type === 'identifier' || node.type === 'attribute') {
      // The member name of `x.member` is no variable of its own.
      const isMemberName = node.type === 'identifier' && node.field === 'attribute' && node.parent?.type === 'attribute';
      if (!isMemberName) for (const value of facts.assigned.get(nameKeyOf(facts, node)) ?? []) stack.push(value);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** The string literal values among `nodes`. */
export function stringsIn(facts: CodeFacts, nodes: Iterable<PyNode>): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type !== 'string' || node.parent?.type === 'concatenated_string') continue;
    const value = stringValue(facts, node);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** The numbers (with their signs) among `nodes`: literals and constant expressions, counted once each. */
export function numbersIn(facts: CodeFacts, nodes: Iterable<PyNode>): number[] {
  const out: number[] = [];
  for (const node of nodes) {
    if (node.type !== 'integer' && node.type !== 'float' && node.type !== 'unary_operator' && node.type !== 'binary_operator') continue;
    const parent = node.parent;
    // A literal under a folded expression counts as part of it (`-1` is one number, not 1 and -1).
    if (parent && (parent.type === 'unary_operator' || parent.type === 'binary_operator') && numberValue(facts, parent) !== undefined)
      continue;
    const value = numberValue(facts, node);
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** `Calendar.WEEKLY` → `calendar.weekly`: dotted names compared without case or underscores. */
export function nameKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/_/g, '').toLowerCase();
}

function nameKeyOf(facts: CodeFacts, node: PyNode): string {
  return textOf(facts, node).replace(/\s+/g, '');
}

/** A ticker as compared: upper case, letters and digits only (`BTC-USD`, `btcusd` → `BTCUSD`). */
export function symbolKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function tokensOf(value: string): string[] {
  const tokens = value.split(/[\s,;|]+/).map(symbolKey);
  const whole = symbolKey(value);
  return [...tokens, whole].filter((t) => t.length > 0 && t.length <= 24);
}

/** `AddEquity` → `add_equity`, `SMA` → `sma`, `set_holdings` unchanged. */
export function toSnake(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Whether `a` and `b` are the same number, up to floating-point noise (0.05 * 100 is 5.000000000000001). */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether the code writes any of `candidates` (compared by absolute value). */
export function writesNumber(facts: CodeFacts, candidates: readonly number[]): boolean {
  return candidates.some((c) => facts.numbers.some((n) => sameNumber(n, Math.abs(c))));
}

/** The calls named `name` (snake case), in source order. */
export function callsNamed(facts: CodeFacts, ...names: string[]): CallFact[] {
  return facts.calls.filter((c) => names.includes(c.name));
}

/** The argument at `index` or given as `keyword`. */
export function argument(call: CallFact, index: number, ...keywords: string[]): PyNode | undefined {
  for (const k of keywords) {
    const value = call.keywords.get(k);
    if (value) return value;
  }
  return call.positional[index];
}
