// Regime selection: one rule while the market is calm, another while it is volatile ("RSI(2) mean
// reversion when volatility is low, a Donchian breakout when it is high"; "when VIX is above 25 use RSI,
// otherwise an EMA crossover"). Each rule is a signal block (signalBlocks.ts) of its own, its indicators
// and kept values named for its regime (`self._calm_rsi`, `self._volatile_entry_channel`), and is read
// in a method of its own (`_rsi_rule`) each time the rules run, so both keep their state whatever the
// regime; the regime picks the one whose entries and exits `_trade` acts on.
//
// The regime is measured on daily data whatever bars the rules read: the standard deviation of daily
// returns over a lookback (20 days unless stated) against its own average, or median, over the past year
// (or the window stated); or the VIX's daily close against a level. On bars other than daily ones a daily
// consolidator feeds the measure (`_update_regime`).
//
// When the regime changes, an open position is closed at once, and the new regime's rule trades from
// flat: a position is always closed by the rule that opened it, and never held by a rule that would not
// have opened it. Said in a note and in the docstring.
import type { Regime, Signal, StrategyRequest } from '../../request/types';
import { SIGNAL_NAMES } from '../../request/vocabulary';
import { block, methodDoc, num, type Method } from '../templates/python';
import { quote } from '../specFromRequest';
import { planBar, warmUpDays } from './barBuilding';
import type { ComposePlan, PerSymbolKind, PlannedMeasure, PlannedSignal } from './composeTypes';
import type { FilterParts } from './filterGates';
import { signalBlock, type IndicatorPart, type SignalBlock } from './signalBlocks';

/** A year of trading days: the window a volatility is compared over unless the prompt states one. */
export const REGIME_WINDOW = 252;
/** The volatility lookback, in days, unless the prompt states one. */
export const REGIME_PERIOD = 20;

const DAILY = planBar({ size: 1, unit: 'day' });

type Side = 'calm' | 'volatile';

// ---- Planning -------------------------------------------------------------------------------------

/** The rule the request names for the regime on `side` (low is calm), or undefined. */
function ruleOf(regimed: readonly Signal[], side: Regime['side']): Signal | undefined {
  return regimed.find((s) => s.regime!.value.side === side);
}

/**
 * Why the rules picked by regime cannot be written, or undefined when they can: the composer writes two
 * regimes (calm and volatile) of one measure, one rule each, on the traded instruments themselves.
 */
export function regimeDecline(request: StrategyRequest, regimed: readonly Signal[], options: boolean): string | undefined {
  const said = (s: Signal) => `${SIGNAL_NAMES[s.kind]} ${quote(request, s.regime!)}`;
  if (options)
    return `Regime selection switches between rules on the traded instruments; the composer does not write it for option legs (${regimed.map(said).join(', ')}).`;
  if (regimed.length > 2)
    return `The prompt picks among ${regimed.length} rules by regime (${regimed.map(said).join(', ')}); the composer writes two regimes, calm and volatile, with one rule each.`;
  const untied = request.signals.filter((s) => !s.regime);
  if (untied.length)
    return `The prompt picks ${regimed.map(said).join(' and ')} by regime, and also names ${untied.map((s) => `${SIGNAL_NAMES[s.kind]} (${quote(request, s)})`).join(', ')} with no regime; the composer writes one rule for each of two regimes.`;
  const [a, b] = regimed.map((s) => s.regime!.value) as [Regime, Regime];
  if (a.side === b.side)
    return `Both rules are for ${a.side === 'low' ? 'calm' : 'volatile'} markets (${regimed.map(said).join(', ')}); say which rule trades in the other regime.`;
  if (a.by !== b.by)
    return `The two regimes are measured differently (${regimed.map(said).join(', ')}); the composer switches between two rules on one measure, the VIX or realized volatility.`;
  if (a.by === 'vix' && a.level !== b.level)
    return `The regimes switch at two VIX levels (${regimed.map(said).join(', ')}), which leaves a range with no rule or with both; the composer switches between two rules at one level.`;
  if (a.by === 'volatility' && (a.period ?? REGIME_PERIOD) !== (b.period ?? REGIME_PERIOD))
    return `The regimes measure volatility over two lookbacks (${regimed.map(said).join(', ')}); the composer switches between two rules on one measure.`;
  if (regimed[0]!.kind === regimed[1]!.kind)
    return `Both regimes name ${SIGNAL_NAMES[regimed[0]!.kind]} (${regimed.map(said).join(', ')}); the composer writes a different rule for each regime.`;
  return undefined;
}

/** Why a rule of `kind` cannot be one regime's rule, or undefined: per-symbol rules on bars only. */
export function regimeKindDecline(request: StrategyRequest, signal: Signal, kind: string | undefined): string | undefined {
  const words = `${SIGNAL_NAMES[signal.kind]} (${quote(request, signal)})`;
  if (kind === undefined) return `The composer has no block for ${words}, one of the rules the regimes pick between.`;
  if (kind === 'pairs' || kind === 'rotation' || kind === 'alpha-formula')
    return `Regime selection switches between rules each instrument trades on its own; ${words} is read as a portfolio rule (${kind}), which it does not switch.`;
  if (kind === 'calendar') return `Regime selection switches between rules on bars; the calendar rule ${words} trades on scheduled days.`;
  if (kind === 'gap' && signal.gap?.side)
    return `Regime selection trades each rule both ways the direction allows; the gap rule ${words} names one side of the open, which it does not write inside a regime.`;
  return undefined;
}

/** The measure the two regimes share, every default filled in and named in a note. */
export function planMeasure(regimed: readonly Signal[], notes: string[]): PlannedMeasure {
  const regimes = regimed.map((s) => s.regime!.value);
  const first = regimes[0]!;
  if (first.by === 'vix') return { by: 'vix', level: first.level! };
  const period = regimes.find((r) => r.period !== undefined)?.period;
  const window = regimes.find((r) => r.window !== undefined)?.window;
  const baseline = regimes.find((r) => r.baseline !== undefined)?.baseline;
  const defaulted = [
    period === undefined ? `volatility over ${REGIME_PERIOD} days of daily returns` : undefined,
    baseline === undefined ? 'compared with its average' : undefined,
    window === undefined ? `over the past ${REGIME_WINDOW} days` : undefined,
  ].filter((d): d is string => d !== undefined);
  if (defaulted.length) notes.push(`Not stated, so the volatility regime uses defaults: ${defaulted.join(', ')}.`);
  return { by: 'volatility', period: period ?? REGIME_PERIOD, window: window ?? REGIME_WINDOW, baseline: baseline ?? 'average' };
}

/** The calm and the volatile rule's signals in the prompt's order, and the regime named first. */
export function regimeSides(regimed: readonly Signal[]): { calm: Signal; volatile: Signal; first: Side } {
  return {
    calm: ruleOf(regimed, 'low')!,
    volatile: ruleOf(regimed, 'high')!,
    first: regimed[0]!.regime!.value.side === 'low' ? 'calm' : 'volatile',
  };
}

/** The note on what happens at a regime change, the rule this module writes. */
export const FLIP_NOTE =
  "When the regime changes, the open position is closed at once and the new regime's rule trades from flat, so a position is always closed by the rule that opened it.";

// ---- Rendering ------------------------------------------------------------------------------------

/** The rule of each regime as a block, its indicators and kept values named for the regime. */
interface RegimeRule {
  side: Side;
  signal: PlannedSignal;
  block: SignalBlock;
  /** The method that reads it: `_rsi_rule`. */
  method: string;
}

function rulesOf(plan: ComposePlan): [RegimeRule, RegimeRule] {
  const regimes = plan.regimes!;
  const rule = (side: Side): RegimeRule => {
    const signal = regimes[side];
    const block = signalBlock(signal.kind as PerSymbolKind, signal.params, signal.gapMode);
    return { side, signal, block: prefixed(block, side), method: `_${signal.kind.replace(/-/g, '_')}_rule` };
  };
  return [rule('calm'), rule('volatile')];
}

/** A block with its indicators and kept values renamed `<prefix>_<name>`, so two blocks never share a dictionary. */
function prefixed(block: SignalBlock, prefix: string): SignalBlock {
  const names = [...block.indicators.map((i) => i.name), ...Object.keys(block.keep ?? {})].sort((a, b) => b.length - a.length);
  const rename = (text: string) =>
    names.reduce((t, name) => t.replace(new RegExp(`self\\._${name}(?=[\\[.])`, 'g'), `self._${prefix}_${name}`), text);
  return {
    ...block,
    indicators: block.indicators.map((i) => ({
      ...i,
      name: `${prefix}_${i.name}`,
      ...(typeof i.feed === 'object' ? { feed: { of: `${prefix}_${i.feed.of}` } } : {}),
    })),
    values: block.values.map(rename),
    ...(block.keep
      ? { keep: Object.fromEntries(Object.entries(block.keep).map(([name, value]) => [`${prefix}_${name}`, rename(value)])) }
      : {}),
    longEntry: rename(block.longEntry),
    longExit: rename(block.longExit),
    shortEntry: rename(block.shortEntry),
    shortExit: rename(block.shortExit),
  };
}

/** Whether the measure is fed from the rules' own bars (daily ones) rather than by a daily consolidator. */
function fedFromBars(plan: ComposePlan): boolean {
  return plan.bar.resolution === 'DAILY' && !plan.bar.consolidated;
}

/** The name of the regime the code tests, and the per-symbol dictionary of its value at the last bar. */
function tested(plan: ComposePlan): { name: Side; was: string } {
  const name = plan.regimes!.first;
  return { name, was: `self._was_${name}` };
}

/**
 * The regime rules seen as one block, for the parts of the renderer that read a block: the indicators
 * of both, the warm-up of the longer, every per-symbol dictionary to create and to forget (the kept
 * values, the regime at the last bar, the last daily close the measure saw); and the four conditions
 * as the names `_trade` unpacks them into.
 */
export function regimeSignal(plan: ComposePlan): SignalBlock {
  const rules = rulesOf(plan);
  const keep: Record<string, string> = {};
  for (const r of rules) Object.assign(keep, r.block.keep ?? {});
  keep[`was_${tested(plan).name}`] = tested(plan).name;
  if (plan.regimes!.measure.by === 'volatility') keep['regime_close'] = 'bar.close';
  return {
    indicators: rules.flatMap((r) => r.block.indicators),
    warmUp: Math.max(...rules.map((r) => r.block.warmUp)),
    values: [],
    keep,
    longEntry: 'long_entry',
    longExit: 'long_exit',
    shortEntry: 'short_entry',
    shortExit: 'short_exit',
    long: regimeWords(plan, 'long'),
    short: regimeWords(plan, 'short'),
  };
}

/** The strategy in words for the docstring: each regime, its rule, and what a change of regime does. */
export function regimeWords(plan: ComposePlan, direction: 'long' | 'short' | 'both' = plan.direction): string {
  const measure = plan.regimes!.measure;
  const [calm, volatile] = rulesOf(plan);
  const ruleText = (r: RegimeRule) =>
    direction === 'long' ? r.block.long : direction === 'short' ? r.block.short : `${r.block.long} ${r.block.short}`;
  const where =
    measure.by === 'vix'
      ? { calm: `the VIX is below ${num(measure.level)}`, volatile: `it is above ${num(measure.level)}` }
      : {
          calm: `the ${num(measure.period)}-day volatility of daily returns is below its ${num(measure.window)}-day ${measure.baseline}`,
          volatile: 'it is above',
        };
  return `While ${where.calm}, it trades the calm-market rule: ${ruleText(calm)} While ${where.volatile}, the volatile-market rule: ${ruleText(volatile)} ${FLIP_NOTE}`;
}

/**
 * What the regime's measure adds to the filters' parts: its indicators (fed by `_update_regime`), the VIX
 * subscription where no VIX filter made one, and its warm-up: the lookback and the window on daily data.
 */
export function regimeMeasureParts(plan: ComposePlan, filters: FilterParts): FilterParts {
  const measure = plan.regimes!.measure;
  const parts: FilterParts = { ...filters, indicators: [...filters.indicators], initialize: [...filters.initialize] };
  parts.notReady = [...filters.notReady];
  parts.references = [...filters.references];
  if (measure.by === 'vix') {
    if (!parts.references.includes('self._vix')) {
      parts.initialize.push('self._vix = self.add_index("VIX", Resolution.DAILY, Market.USA).symbol');
      parts.references.push('self._vix');
      parts.notReady.push('not self.securities[self._vix].has_data');
    }
    return parts;
  }
  parts.indicators.push(...measureIndicators(measure));
  const days = measure.period + measure.window + 1;
  if (fedFromBars(plan)) parts.warmUpBars = Math.max(parts.warmUpBars, days);
  else parts.warmUpDays = Math.max(parts.warmUpDays, warmUpDays(DAILY, plan.instruments, days));
  return parts;
}

function measureIndicators(measure: Extract<PlannedMeasure, { by: 'volatility' }>): IndicatorPart[] {
  return [
    { name: 'regime_volatility', create: `StandardDeviation(${num(measure.period)})`, feed: 'custom' },
    measure.baseline === 'median'
      ? { name: 'regime_history', create: `RollingWindow[float](${num(measure.window)})`, feed: 'custom' }
      : { name: 'regime_average', create: `SimpleMovingAverage(${num(measure.window)})`, feed: 'custom' },
  ];
}

/** `_track`'s line for the daily consolidator feeding the volatility measure, where the rules read other bars. */
export function regimeTrackLines(plan: ComposePlan): string[] {
  if (plan.regimes!.measure.by !== 'volatility' || fedFromBars(plan)) return [];
  return ['self.consolidate(symbol, Resolution.DAILY, self._update_regime)'];
}

/** `_on_bar`'s line feeding a daily bar to the volatility measure, where the rules read daily bars. */
export function regimeOnBarLines(plan: ComposePlan): string[] {
  return plan.regimes!.measure.by === 'volatility' && fedFromBars(plan) ? ['self._update_regime(bar)'] : [];
}

/** The test of the regime the prompt named first, as `_trade` writes it (after `volatility = ...` for a volatility measure). */
function regimeTest(plan: ComposePlan): string[] {
  const measure = plan.regimes!.measure;
  const { name } = tested(plan);
  const compare = name === 'calm' ? '<' : '>';
  if (measure.by === 'vix') return [`${name} = self.securities[self._vix].price ${compare} ${num(measure.level)}`];
  const baseline =
    measure.baseline === 'median' ? 'np.median(list(self._regime_history[symbol]))' : 'self._regime_average[symbol].current.value';
  return ['volatility = self._regime_volatility[symbol].current.value', `${name} = volatility ${compare} ${baseline}`];
}

/** The names a rule method returns, for the sides traded. */
function returned(plan: ComposePlan): string[] {
  const longs = plan.direction !== 'short';
  const shorts = plan.direction !== 'long';
  return [...(longs ? ['long_entry', 'long_exit'] : []), ...(shorts ? ['short_entry', 'short_exit'] : [])];
}

/**
 * `_trade`'s lines in place of one block's conditions: both rules read, the regime tested, and the
 * conditions of the regime's rule unpacked into `long_entry`, `long_exit`, `short_entry`, `short_exit`.
 */
export function regimeSelectLines(plan: ComposePlan): string[] {
  const rules = rulesOf(plan);
  const { name } = tested(plan);
  const [picked, other] = name === 'calm' ? rules : [rules[1], rules[0]];
  const names = returned(plan);
  return [
    '# Both rules are read each time, so each keeps its own state; the regime picks the one that trades.',
    ...rules.map((r) => `${r.side}_rule = self.${r.method}(symbol, price)`),
    ...regimeTest(plan),
    `${names.join(', ')} = ${picked.side}_rule if ${name} else ${other.side}_rule`,
    ...(plan.direction === 'long' ? ['short_entry = False'] : plan.direction === 'short' ? ['long_entry = False'] : []),
  ];
}

/** `_trade`'s lines after the risk exits: a change of regime closes the open position; the regime is remembered. */
export function regimeFlipLines(plan: ComposePlan, close: string): string[] {
  const { name, was } = tested(plan);
  return [
    ...block(`if quantity != 0 and ${was}.get(symbol, ${name}) != ${name}:`, [
      "# The regime changed: close the other rule's position; this regime's rule trades from flat.",
      close,
      'quantity = 0',
    ]),
    `${was}[symbol] = ${name}`,
  ];
}

/** The two rule methods, and `_update_regime` for a volatility measure. */
export function regimeMethods(plan: ComposePlan): Method[] {
  const names = returned(plan);
  const conditions: Record<string, keyof SignalBlock> = {
    long_entry: 'longEntry',
    long_exit: 'longExit',
    short_entry: 'shortEntry',
    short_exit: 'shortExit',
  };
  const methods: Method[] = rulesOf(plan).map((r) => ({
    signature: `def ${r.method}(self, symbol, price):`,
    body: [
      ...methodDoc(`The ${r.side}-market rule (${SIGNAL_NAMES[r.signal.kind as PerSymbolKind]}): its ${names.join(', ')} now.`),
      ...r.block.values,
      ...names.map((n) => `${n} = ${r.block[conditions[n]!] as string}`),
      ...Object.entries(r.block.keep ?? {}).map(([name, value]) => `self._${name}[symbol] = ${value}`),
      `return ${names.join(', ')}`,
    ],
  }));
  const measure = plan.regimes!.measure;
  if (measure.by === 'volatility')
    methods.push({
      signature: 'def _update_regime(self, bar):',
      body: [
        ...methodDoc(
          "Feeds one daily bar to the regime's measure.",
          `The ${num(measure.period)}-day standard deviation of daily returns, and its ${num(measure.window)}-day ${measure.baseline}.`,
        ),
        'symbol = bar.symbol',
        'previous = self._regime_close.get(symbol)',
        'self._regime_close[symbol] = bar.close',
        ...block('if not previous:', ['return']),
        'volatility = self._regime_volatility[symbol]',
        'volatility.update(bar.end_time, bar.close / previous - 1)',
        ...block('if volatility.is_ready:', [
          measure.baseline === 'median'
            ? 'self._regime_history[symbol].add(volatility.current.value)'
            : 'self._regime_average[symbol].update(bar.end_time, volatility.current.value)',
        ]),
      ],
    });
  return methods;
}
