// The alpha-formula block: a portfolio signal that scores every traded symbol by a formula of the 101
// Formulaic Alphas (alphaFormula.ts) and holds the best scores long and the worst short.
// - At each rebalance (daily unless the request says otherwise) `_rebalance` asks LEAN for the history
//   the formula's longest lookback needs, one call for all symbols (`self.history(symbols, bars,
//   resolution)`: a DataFrame indexed by symbol and time, Algorithm/QCAlgorithm.Python.cs), and
//   `_alpha` turns it into frames of dates by symbols and evaluates the formula. Cross-sectional
//   operators (rank, scale) work across each row, time-series ones down each column.
// - The latest row is the score. A symbol whose windows are not full yet, or whose value is NaN or
//   infinite, has no score and is not held; fewer than two scores, and nothing is traded.
// - The book: the top N long and the bottom N short (both ways), or one side (long only, short only).
//   N is the request's; unstated, a third of the symbols scored at each rebalance, at least one. Each
//   side is sized equally: half the portfolio per side both ways, all of it one way; or the stated
//   fixed fraction per position.
// It reads traded volume, so it writes US equities and ETFs (named or selected by a universe) only.
import type { Signal, StrategyRequest } from '../../request/types';
import { methodDoc, num, str, type Method } from '../templates/python';
import { quote, type Gap } from '../specFromRequest';
import { planBar } from './barBuilding';
import type { ComposePlan, PlannedBar, PlannedInstrument } from './composeTypes';
import { alphaPython, fieldName, parseAlpha, type AlphaField, type AlphaHelper } from './alphaFormula';
import { entryStateLines } from './riskOverlays';
import type { SignalBlock } from './signalBlocks';

/** Share of the symbols scored each side holds when the request states no number. */
const DEFAULT_SHARE = 3;

/** Why a security type's data cannot feed a formula of prices and volume. */
function notScorable(i: PlannedInstrument): string {
  switch (i.type) {
    case 'forex':
      return `${i.symbol} is a currency pair, whose LEAN data are quotes without volume`;
    case 'cfd':
      return `${i.symbol} is a CFD, whose LEAN data are quotes without volume`;
    case 'index':
      return `${i.symbol} is an index, which has no volume and is not traded`;
    case 'crypto':
      return `${i.symbol} is a crypto pair`;
    case 'cryptofuture':
      return `${i.symbol} is a crypto future`;
    default:
      return `${i.symbol} is a future`;
  }
}

/**
 * Why the request's alpha formula cannot be written, or undefined when it can: instruments that are not
 * US equities or ETFs, fewer than two to rank, or a formula that does not parse (the error names what).
 */
export function alphaDecline(
  request: StrategyRequest,
  core: Signal,
  instruments: readonly PlannedInstrument[],
  universe: boolean,
): string | undefined {
  const other = instruments.filter((i) => i.type !== 'equity' && i.type !== 'etf');
  if (other.length)
    return `The offline generator writes alpha formulas for US equities and ETFs only, whose daily bars carry the prices and volume a formula reads: ${other.map(notScorable).join('; ')}.`;
  if (!universe && instruments.length < 2)
    return `An alpha formula ranks symbols against each other, and the prompt names only ${instruments.map((i) => i.symbol).join('')}; name two or more, or a universe ("the S&P 500 constituents").`;
  const parsed = parseAlpha(core.formula!);
  if (!parsed.ok) return `The alpha formula ${quote(request, core)} cannot be written: ${parsed.error}`;
  return undefined;
}

/**
 * The alpha's params: how many names each side holds (`top` long, `bottom` short), as stated; a side of
 * a one-way book is not held, and a count that leaves nothing ranked out of a fixed list is cut, each
 * said in a gap. Unstated counts are a third of the symbols scored (said in a note), so they are not in
 * the params. A formula reading vwap is told it reads the typical price.
 */
export function alphaParams(
  request: StrategyRequest,
  core: Signal,
  symbols: number | undefined,
  direction: 'long' | 'short' | 'both',
  notes: string[],
  gaps: Gap[],
): Record<string, number> {
  const params: Record<string, number> = {};
  const parsed = parseAlpha(core.formula!);
  if (parsed.ok && parsed.fields.has('vwap'))
    notes.push("The formula's vwap is each bar's typical price, (high + low + close) / 3: LEAN's bars carry no VWAP.");
  const book = core.book ?? {};
  const sides = [
    ['top', direction !== 'short', 'long'],
    ['bottom', direction !== 'long', 'short'],
  ] as const;
  for (const [side, held, words] of sides) {
    const read = book[side];
    if (read && !held)
      gaps.push({
        field: 'direction',
        sentence: `The ${side} ${num(read.value)} ${quote(request, read)} ${words === 'long' ? 'are not bought' : 'are not shorted'}: the code trades ${direction} only.`,
      });
    else if (read) params[side] = read.value;
  }
  // One count stated for a two-way book: the other side holds as many.
  if (direction === 'both' && (params['top'] === undefined) !== (params['bottom'] === undefined)) {
    const [stated, other] = params['top'] !== undefined ? ['top', 'bottom'] : ['bottom', 'top'];
    params[other] = params[stated]!;
    notes.push(
      `Only the ${stated} ${num(params[stated]!)} was stated; the ${other} ${num(params[other])} are held ${other === 'top' ? 'long' : 'short'} too.`,
    );
  }
  const counted = Object.keys(params).length > 0;
  if (!counted)
    notes.push(
      `No number of names to hold was stated; the code holds ${direction === 'short' ? 'the bottom third short' : direction === 'long' ? 'the top third long' : 'the top third long and the bottom third short'} of the symbols scored at each rebalance (at least one).`,
    );
  // A one-way book of every symbol, or two sides that overlap, rank nothing out.
  if (counted && symbols !== undefined) {
    const held = (params['top'] ?? 0) + (params['bottom'] ?? 0);
    if (direction === 'both' ? held > symbols : held >= symbols) {
      const each = Math.max(1, direction === 'both' ? Math.floor(symbols / 2) : symbols - 1);
      gaps.push({
        field: 'numbers',
        sentence: `Holding ${held} of the ${symbols} instruments ranks nothing out; the code holds ${direction === 'both' ? `the top ${each} and the bottom ${each}` : `the ${direction === 'long' ? 'top' : 'bottom'} ${each}`}.`,
      });
      for (const side of ['top', 'bottom']) if (params[side] !== undefined) params[side] = each;
    }
  }
  return params;
}

/** An alpha formula reads native bars from history: consolidated ones (4-hour, weekly) are not built, daily bars are read instead. */
export function alphaBar(request: StrategyRequest, bar: PlannedBar, gaps: Gap[]): PlannedBar {
  if (!bar.consolidated) return bar;
  gaps.push({
    field: 'bar',
    sentence: `The formula reads daily bars, not the ${request.bar ? quote(request, request.bar) : 'bars'} asked for: it reads LEAN's history, which has second, minute, hour and daily bars only.`,
  });
  return planBar({ size: 1, unit: 'day' });
}

// --- rendering ---------------------------------------------------------------------------------------

/** The words for the book held: "the top 2 long and the bottom 2 short". */
function bookWords(plan: ComposePlan): string {
  const p = plan.signal.params;
  const third = (side: string) => `the ${side} third`;
  const top = p['top'] !== undefined ? `the top ${num(p['top'])}` : third('top');
  const bottom = p['bottom'] !== undefined ? `the bottom ${num(p['bottom'])}` : third('bottom');
  if (plan.direction === 'long') return `${top} long`;
  if (plan.direction === 'short') return `${bottom} short`;
  return `${top} long and ${bottom} short`;
}

function barUnit(plan: ComposePlan): string {
  return plan.bar.size.unit === 'day' ? 'daily' : `${plan.bar.size.unit}`;
}

/** The block-shaped view of the alpha: no indicators of its own (it reads history when it rebalances). */
export function alphaSignal(plan: ComposePlan): SignalBlock {
  const parsed = parsedOf(plan);
  const sizing =
    plan.sizing?.kind === 'fixed-fraction'
      ? `${num(plan.sizing.fraction * 100)}% of the portfolio per position`
      : plan.direction === 'both'
        ? 'half the portfolio each side, in equal weights'
        : 'in equal weights';
  const words = `Scores every symbol by the alpha formula ${plan.signal.formula} on ${barUnit(plan)} bars (${num(parsed.lookback)} bars of history) and holds ${bookWords(plan)}, ${sizing}.`;
  return {
    indicators: [],
    warmUp: 0,
    values: [],
    longEntry: 'False',
    longExit: 'False',
    shortEntry: 'False',
    shortExit: 'False',
    long: words,
    short: words,
  };
}

function parsedOf(plan: ComposePlan) {
  const parsed = parseAlpha(plan.signal.formula ?? '');
  if (!parsed.ok) throw new Error(`The plan's alpha formula does not parse: ${parsed.error}`);
  return parsed;
}

/** Columns of LEAN's history each field's frame is read from, in this order. */
const RAW: readonly AlphaField[] = ['open', 'high', 'low', 'close', 'volume'];

/** `_alpha`: the field frames the formula reads, then the formula. */
function alphaMethod(plan: ComposePlan): Method[] {
  const parsed = parsedOf(plan);
  const python = alphaPython(parsed.tree);
  const used = parsed.fields;
  const raw = new Set<AlphaField>(RAW.filter((f) => used.has(f)));
  if (used.has('vwap')) ['high', 'low', 'close'].forEach((f) => raw.add(f as AlphaField));
  if (used.has('returns')) raw.add('close');
  if (used.has('adv')) ['close', 'volume'].forEach((f) => raw.add(f as AlphaField));
  const body = [
    ...methodDoc(
      'The alpha formula for every date (rows) and symbol (columns) of the history.',
      `The formula: ${plan.signal.formula}. history is LEAN's bars by symbol and time; rank and scale work across the symbols of each date, the time-series operators down each symbol's bars.`,
    ),
  ];
  for (const field of RAW.filter((f) => raw.has(f))) body.push(`${field}s = history[${str(field)}].unstack(level=0)`);
  if (used.has('vwap'))
    body.push("# LEAN's bars carry no VWAP: the bar's typical price stands in for it.", 'vwaps = (highs + lows + closes) / 3');
  if (used.has('returns')) body.push('returns = closes / closes.shift(1) - 1');
  for (const days of advDays(parsed.tree))
    body.push(`${fieldName({ kind: 'field', field: 'adv', days })} = (closes * volumes).rolling(${num(days)}).mean()`);
  body.push(...python.steps, `return ${python.value}`);
  return [{ signature: 'def _alpha(self, history):', body }, ...helperMethods(python.helpers)];
}

function advDays(tree: unknown): number[] {
  const days = new Set<number>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { kind?: string; field?: string; days?: number };
    if (n.kind === 'field' && n.field === 'adv') days.add(n.days!);
    for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
  };
  visit(tree);
  return [...days].sort((a, b) => a - b);
}

const HELPERS: Readonly<Record<AlphaHelper, Method>> = {
  last_rank: {
    signature: 'def _last_rank(self, window):',
    body: [
      ...methodDoc("The rank of the window's latest value among its values: 1 the lowest, ties sharing their average rank."),
      'latest = window[-1]',
      'return (window < latest).sum() + ((window == latest).sum() + 1) / 2',
    ],
  },
  decay_linear: {
    signature: 'def _decay_linear(self, frame, days):',
    body: [
      ...methodDoc('The average of the last `days` values, weighted `days` for the latest down to 1 for the oldest.'),
      'weights = np.arange(1, days + 1) / (days * (days + 1) / 2)',
      'return frame.rolling(days).apply(lambda window: np.dot(window, weights), raw=True)',
    ],
  },
  scale: {
    signature: 'def _scale(self, frame, size):',
    body: [
      ...methodDoc("Each date's values rescaled so that their absolute values sum to `size`."),
      'return frame.mul(size).div(frame.abs().sum(axis=1), axis=0)',
    ],
  },
  compare: {
    signature: 'def _compare(self, test, a, b):',
    body: [
      ...methodDoc('The comparison or logic `test` of a and b as 1.0 or 0.0; NaN where either side is NaN.'),
      'result = test(a, b).astype(float)',
      'for side in (a, b):',
      '    if isinstance(side, pd.DataFrame):',
      '        result = result.where(side.notna())',
      'return result',
    ],
  },
  where: {
    signature: 'def _where(self, condition, when_true, when_false):',
    body: [
      ...methodDoc('when_true where the condition holds (is not 0), when_false where it does not; NaN where it is NaN.'),
      'base = condition * 0',
      'return (base + when_true).where(condition != 0, base + when_false)',
    ],
  },
};

function helperMethods(helpers: ReadonlySet<AlphaHelper>): Method[] {
  return (['last_rank', 'decay_linear', 'scale', 'compare', 'where'] as const).filter((h) => helpers.has(h)).map((h) => HELPERS[h]);
}

/** `_rebalance`, `_alpha` and the helpers the formula calls. */
export function alphaMethods(
  plan: ComposePlan,
  traded: (symbol: string) => string,
  gates: readonly string[],
  notReady: readonly string[],
): Method[] {
  const parsed = parsedOf(plan);
  const p = plan.signal.params;
  const longs = plan.direction !== 'short';
  const shorts = plan.direction !== 'long';
  const fraction = plan.sizing?.kind === 'fixed-fraction' ? num(plan.sizing.fraction) : undefined;
  const share = plan.direction === 'both' ? '0.5' : '1';
  const entry = entryStateLines(plan.risk);
  const body = [
    ...methodDoc(`Scores the symbols by the alpha formula and holds ${bookWords(plan)}.`),
    ...(plan.risk.maxDrawdown !== undefined ? ['if self._drawdown_halted():', '    return'] : []),
    ...(notReady.length ? [`if ${notReady.join(' or ')}:`, '    return'] : []),
    ...(gates.length
      ? [
          `if ${gates.map((g) => `not (${g})`).join(' or ')}:`,
          '    # The market filter is off: hold cash until it is on again.',
          '    self.liquidate()',
          '    return',
        ]
      : []),
    'if len(self._symbols) < 2:',
    '    return',
    `# The formula's longest lookback: ${num(parsed.lookback)} ${barUnit(plan)} bars.`,
    `history = self.history(self._symbols, ${num(parsed.lookback)}, Resolution.${plan.bar.resolution})`,
    'if history.empty:',
    '    return',
    '# A symbol with too little history for a window, or a NaN or infinite value, has no score.',
    'scores = self._alpha(history).tail(1).iloc[0]',
    'scores = scores[np.isfinite(scores)]',
    'if len(scores) < 2:',
    '    return',
    'ranked = list(scores.sort_values(ascending=False).index)',
  ];
  const count = (side: 'top' | 'bottom') => (p[side] !== undefined ? num(p[side]) : 'count');
  if ((longs && p['top'] === undefined) || (shorts && p['bottom'] === undefined))
    body.push(`count = max(1, len(ranked) // ${DEFAULT_SHARE})`);
  body.push(longs ? `longs = ranked[:${count('top')}]` : 'longs = []');
  body.push(shorts ? `shorts = [s for s in ranked[-${count('bottom')}:] if s not in longs]` : 'shorts = []');
  body.push(
    'for symbol in self._symbols:',
    `    if symbol not in longs and symbol not in shorts and self.portfolio[${traded('symbol')}].invested:`,
    `        self.liquidate(${traded('symbol')})`,
  );
  const side = (list: string, sign: '' | '-', opened: string) => {
    const weight = fraction ?? `${share} / len(${list})`;
    body.push(`for symbol in ${list}:`);
    if (entry.length) body.push(`    if ${opened}:`, ...entry.map((l) => `        ${l}`));
    body.push(`    self.set_holdings(${traded('symbol')}, ${sign}${weight})`);
  };
  if (longs) side('longs', '', `self.portfolio[${traded('symbol')}].quantity <= 0`);
  if (shorts) side('shorts', '-', `self.portfolio[${traded('symbol')}].quantity >= 0`);
  return [{ signature: 'def _rebalance(self):', body }, ...alphaMethod(plan)];
}
