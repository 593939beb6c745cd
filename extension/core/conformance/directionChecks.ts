// The trading direction: a request to short (or to trade both ways) needs code that can open a short; a
// long-only request needs code that never does. Closing a long (`-self.portfolio[s].quantity`,
// `self.sell`, liquidate) is not a short.
import type { StrategyRequest } from '../request/types';
import { argument, nameKey, numberValue, rangeOf, reachable, textOf, type CallFact, type CodeFacts } from './codeFacts';
import { ORDER_CALLS } from './instrumentChecks';
import { mismatch, type RequestMismatch } from './mismatch';
import { descendants, type PyNode } from './pythonTree';

/** A negation of one of these closes what is held rather than opening a short. */
const CLOSING = /quantity|holdings|portfolio|invested/i;

/** Calls that may open a short when the code means to: LEAN's sell, and helpers named for shorting. */
const SHORT_HELPER = /^(sell|sell_short|short|go_short|open_short|enter_short|_?short_\w+|_?\w+_short)$/;
const NOT_SHORTING = /^_?(is|close|exit|cover|cancel|check|has|can|flatten)_/;

/** The size argument of an order call: a weight or quantity. */
function sizeArgument(call: CallFact): PyNode[] {
  if (call.name === 'percent' && /PortfolioTarget/.test(call.callee)) return call.positional.slice(2);
  const size = argument(call, 1, 'percentage', 'quantity', 'target', 'percent');
  if (size) return [size];
  // set_holdings([PortfolioTarget(...)]) carries its targets in the first argument.
  const first = call.positional[0];
  return call.name === 'set_holdings' && first && first.type === 'list' ? [first] : [];
}

/**
 * Where an order's size can be negative: a negated number, or a negation of anything that is not a
 * holding; with `closing`, a negated holding too (it may close a long, or flip it to a short).
 */
function negativeSize(facts: CodeFacts, size: PyNode, closing = false): PyNode | undefined {
  for (const node of reachable(facts, size, 400)) {
    if (node.type !== 'unary_operator' || node.operators[0] !== '-') continue;
    const operand = node.children.find((c) => c.field === 'argument');
    if (!operand) continue;
    if (closing || numberValue(facts, operand) !== undefined) return node;
    const holding = reachable(facts, operand, 100).some(
      (n) => (n.type === 'identifier' || n.type === 'attribute') && CLOSING.test(textOf(facts, n)),
    );
    if (!holding) return node;
  }
  return undefined;
}

/** Orders whose size is a portfolio weight: a negative weight is always a short. */
function sizedByWeight(call: CallFact): boolean {
  return (
    call.name === 'set_holdings' || call.name === 'portfolio_target' || (call.name === 'percent' && /PortfolioTarget/.test(call.callee))
  );
}

interface ShortEvidence {
  /** Where the code opens a short for certain: a negative weight or number, InsightDirection.DOWN. */
  opens: CallFact | PyNode | undefined;
  /** Whether the code can short at all: also self.sell and shorting helpers, and sizes from a sign or direction. */
  can: boolean;
}

function shortEvidence(facts: CodeFacts): ShortEvidence {
  let opens: CallFact | PyNode | undefined;
  let can = false;
  for (const call of facts.calls) {
    const isOrder = ORDER_CALLS.has(call.name) || (call.name === 'percent' && /PortfolioTarget/.test(call.callee));
    if (isOrder) {
      for (const size of sizeArgument(call)) {
        // A negative quantity in market_order may close a long (`-qty`, `-100`); a negative weight opens a short.
        if (sizedByWeight(call) && negativeSize(facts, size)) opens ??= call;
        else if (negativeSize(facts, size, true)) can = true;
        else if (/sign|direction|side|signal|short/i.test(textOf(facts, size))) can = true;
      }
    }
    if (SHORT_HELPER.test(call.name) && !NOT_SHORTING.test(call.name)) can = true;
    // A framework alpha model (EmaCrossAlphaModel, a custom one) emits down insights of its own.
    if (call.name === 'set_alpha' || call.name === 'add_alpha') can = true;
  }
  const down = facts.dottedNames.has('insightdirection.down');
  if (down) opens ??= emittedDown(facts);
  return { opens, can: can || down || opens !== undefined };
}

/** InsightDirection.DOWN passed to a call or stored, not compared (a long-only model may skip downs). */
function emittedDown(facts: CodeFacts): PyNode | undefined {
  for (const node of descendants(facts.root)) {
    if (node.type !== 'attribute' || nameKey(textOf(facts, node)) !== 'insightdirection.down') continue;
    const parent = node.parent?.type;
    if (parent === 'argument_list' || parent === 'keyword_argument' || parent === 'assignment') return node;
  }
  return undefined;
}

export function checkDirection(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const read = request.direction;
  if (!read) return [];
  const evidence = shortEvidence(facts);
  if (read.value === 'long') {
    const at = evidence.opens;
    if (!at) return [];
    const node = 'node' in at ? at.node : at;
    return [
      mismatch('direction', request, read.span, 'long positions only', 'the code opens a short position here.', rangeOf(facts, node)),
    ];
  }
  if (evidence.can) return [];
  // With options, a bought put is the short side of the view: its order is a buy, not a negative size.
  const options = request.instruments.some((i) => i.securityType === 'option');
  if (options && facts.dottedNames.has('optionright.put')) return [];
  const meaning = read.value === 'short' ? 'short positions only' : 'both long and short positions';
  return [
    mismatch(
      'direction',
      request,
      read.span,
      meaning,
      'the code never opens a short (a negative weight or quantity in set_holdings or market_order, or self.sell).',
      firstOrderRange(facts),
    ),
  ];
}

function firstOrderRange(facts: CodeFacts) {
  const order = facts.calls.find((c) => ORDER_CALLS.has(c.name));
  return order ? rangeOf(facts, order.node) : undefined;
}
