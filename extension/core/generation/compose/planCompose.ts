// From a strategy request to a compose plan: every stated value used as stated, every default named
// in a note, every part the composer cannot write named in a gap, and a decline when the core of the
// strategy cannot be written or what is asked is impossible in LEAN. `undefined` hands the request to
// the template library (an alpha named without its formula, a request naming nothing to trade), which
// the composer does not write.
import type { Distance, Filter, Read, Signal, StrategyRequest } from '../../request/types';
import { symbolIndex } from '../../request/symbols';
import { readPrompt } from '../promptReader';
import { DEFAULT_CASH, toClassName } from '../templates';
import { money, pascalCase } from '../templates/python';
import { dateOf, quote, type Gap } from '../specFromRequest';
import { barWords, planBar } from './barBuilding';
import { planPeriod } from './defaultPeriod';
import type {
  ComposePlan,
  OptionLeg,
  PerSymbolKind,
  PlannedBar,
  PlannedFilter,
  PlannedInstrument,
  PlannedRisk,
  PortfolioKind,
} from './composeTypes';
import { bullish, DEFAULT_STRIKE_DISTANCE } from './optionLegs';
import { PORTFOLIO_DEFAULTS } from './portfolioBlocks';
import { alphaBar, alphaDecline, alphaParams } from './alphaBlocks';
import { calendarFit, calendarTitle, planCalendar } from './calendarBlocks';
import { selectable } from './universeSelection';
import { canShort } from './instrumentAdapters';
import { SIGNAL_DEFAULTS } from './signalBlocks';
import { FLIP_NOTE, planMeasure, regimeDecline, regimeKindDecline, regimeSides } from './regimeBlocks';

export type ComposeOutcome =
  { kind: 'plan'; plan: ComposePlan; notes: string[]; gaps: Gap[] } | { kind: 'decline'; reason: string; gaps: Gap[] };

const PER_SYMBOL: ReadonlySet<string> = new Set(Object.keys(SIGNAL_DEFAULTS));

type ComposedKind = PerSymbolKind | PortfolioKind;

const KIND_TITLES: Readonly<Record<ComposedKind, string>> = {
  rotation: 'Momentum rotation',
  pairs: 'Pairs trade',
  'alpha-formula': 'Alpha formula',
  calendar: 'Calendar rule',
  'sma-crossover': 'SMA crossover',
  'ema-crossover': 'EMA crossover',
  rsi: 'RSI',
  bollinger: 'Bollinger bands',
  macd: 'MACD crossover',
  donchian: 'Donchian breakout',
  keltner: 'Keltner breakout',
  zscore: 'Z-score reversion',
  momentum: 'Time-series momentum',
  vwap: 'VWAP reversion',
  gap: 'Gap',
  'buy-and-hold': 'Buy and hold',
};

/** The composer's reading of a request; undefined when the request is for the template library. */
export function planCompose(request: StrategyRequest): ComposeOutcome | undefined {
  const optionRead = request.instruments.filter((i) => i.securityType === 'option');
  let optionPlan: ComposePlan['options'];
  const notesBefore: string[] = [];
  if (optionRead.length) {
    const planned = planOptions(request, optionRead, notesBefore);
    if ('decline' in planned) return { kind: 'decline', reason: planned.decline, gaps: [] };
    optionPlan = planned;
  }
  const instruments = optionPlan
    ? [
        request.instruments.find((i) => i.securityType !== 'option' && i.symbol === optionPlan.underlying.symbol) ??
          underlyingInstrument(optionPlan.underlying),
      ]
    : request.instruments;
  const universe = optionPlan ? undefined : request.universe?.value;
  if (universe ? instruments.length > 0 || !selectable(universe) : instruments.length === 0) return undefined;
  // Regime selection: a rule for a calm market and one for a volatile one (regimeBlocks.ts), the first named leading.
  const regimed = request.signals.filter((s) => s.regime);
  if (regimed.length) {
    const reason = regimeDecline(request, regimed, optionPlan !== undefined);
    if (reason) return { kind: 'decline', reason, gaps: [] };
  }
  const core = regimed[0] ?? request.signals[0];
  const notes: string[] = [...notesBefore];
  const kind = optionPlan
    ? core
      ? coreKind(request, core)
      : 'buy-and-hold'
    : (coreKind(request, core) ?? (core ? undefined : styleKind(request, notes)));
  if (optionPlan && (kind === 'pairs' || kind === 'rotation' || kind === 'alpha-formula'))
    return { kind: 'decline', reason: `The offline generator cannot combine option legs with a ${KIND_TITLES[kind]}.`, gaps: [] };
  const second = regimed[1];
  const otherKind = second ? coreKind(request, second) : undefined;
  if (second) {
    const reason = regimeKindDecline(request, core!, kind) ?? regimeKindDecline(request, second, otherKind);
    if (reason) return { kind: 'decline', reason, gaps: [] };
  }
  if (!kind) return undefined;
  // The kinds of the rules written: one, or one per regime.
  const kinds: ComposedKind[] = otherKind ? [kind, otherKind] : [kind];

  const gaps: Gap[] = [];
  const planned: PlannedInstrument[] = instruments.map((i) => ({
    symbol: i.symbol,
    type: i.securityType as PlannedInstrument['type'],
    market: i.market,
    ...(i.securityType === 'future'
      ? {
          future: {
            mapping: (i.future?.mapping?.value ?? 'open-interest').toUpperCase().replace(/-/g, '_') as NonNullable<
              PlannedInstrument['future']
            >['mapping'],
            depth: i.future?.depth?.value ?? 0,
          },
        }
      : {}),
  }));
  for (const future of planned.filter((i) => i.type === 'future' && !instruments.find((r) => r.symbol === i.symbol)?.future?.mapping))
    notes.push(
      `${future.symbol} is traded as a continuous front-month future, rolled by open interest and back-adjusted (no roll rule was stated).`,
    );
  for (const index of planned.filter((i) => i.type === 'index'))
    notes.push(
      `${index.symbol} is an index: LEAN adds indices as data only, so the code marks it tradable to trade the index level itself.`,
    );

  const params = signalNumbers(request, kind, core, gaps, notes, otherKind && KIND_TITLES[kind]);
  const otherParams = otherKind ? signalNumbers(request, otherKind, second, gaps, notes, KIND_TITLES[otherKind]) : undefined;
  for (const signal of request.signals.filter((s) => s !== core && !s.regime))
    gaps.push({
      field: 'rules',
      sentence: `The prompt also asks for ${signal.kind} (${quote(request, signal)}); the code trades ${KIND_TITLES[kind]} only.`,
    });

  if (universe && kind === 'pairs')
    return {
      kind: 'decline',
      reason: `A pairs trade needs two named instruments, not a universe (${quote(request, request.universe!)}).`,
      gaps,
    };
  if (kind === 'pairs') {
    if (planned.length !== 2)
      return { kind: 'decline', reason: `A pairs trade needs exactly two instruments; the prompt names ${planned.length}.`, gaps };
    if (request.direction && request.direction.value !== 'both')
      return {
        kind: 'decline',
        reason: `A pairs trade holds one leg short, so it cannot be written ${request.direction.value === 'long' ? 'long only' : 'short only'} (${quote(request, request.direction)}).`,
        gaps,
      };
  }
  if (kind === 'alpha-formula') {
    const reason = alphaDecline(request, core!, planned, universe !== undefined);
    if (reason) return { kind: 'decline', reason, gaps };
  }
  // Direction: stated, or long only (a pair is both ways by construction; option legs by their own side;
  // an alpha formula's book long its top and short its bottom). A cash account cannot be short.
  const gapMode = kind === 'gap' ? (core?.gap?.mode?.value ?? 'fade') : undefined;
  const otherGapMode = otherKind === 'gap' ? (second?.gap?.mode?.value ?? 'fade') : undefined;
  if ((kind === 'gap' && !core?.gap?.mode) || (otherKind === 'gap' && !second?.gap?.mode))
    notes.push('No gap mode stated; the rule fades gaps (bets they fill).');
  const gapSide = core?.gap?.side?.value;
  // A gap rule on one side of the open trades one way: a fade of gap downs buys, a fade of gap ups shorts.
  const gapDirection = gapSide ? ((gapSide === 'down') === (gapMode === 'fade') ? 'long' : 'short') : 'both';
  let direction =
    kind === 'pairs'
      ? 'both'
      : optionPlan
        ? optionDirection(optionPlan, kind!)
        : (request.direction?.value ?? (otherKind ? 'long' : kind === 'gap' ? gapDirection : kind === 'alpha-formula' ? 'both' : 'long'));
  if (!request.direction && (otherKind || (kind !== 'buy-and-hold' && kind !== 'pairs' && kind !== 'gap')) && !optionPlan)
    notes.push(
      kind === 'alpha-formula'
        ? 'No direction stated; the code holds the best scores long and the worst short.'
        : 'No direction stated; the code trades long only.',
    );
  const noShorts = planned.filter((i) => !canShort(i));
  if (direction !== 'long' && noShorts.length > 0) {
    const which = noShorts.map((i) => `${i.symbol} on ${i.market}`).join(', ');
    const reason = `${which} trade${noShorts.length === 1 ? 's' : ''} in a cash account, which cannot sell short (LEAN's ${noShorts[0]!.market} brokerage model offers no margin account).`;
    if (direction === 'short' || kind === 'pairs')
      return {
        kind: 'decline',
        reason: `The strategy cannot be written as asked: ${reason} Trade on Binance, Kraken or Bybit, or a perpetual future, to go short.`,
        gaps,
      };
    // The short side is what the prompt stated, or what its gap rule implies.
    const said = request.direction ?? core;
    gaps.push({ field: 'direction', sentence: `The short side${said ? ` ${quote(request, said)}` : ''} is not traded: ${reason}` });
    direction = 'long';
  }
  // Option legs trade the way their side and right do; a stated direction they do not trade is named.
  if (optionPlan && request.direction && request.direction.value !== direction)
    gaps.push({
      field: 'direction',
      sentence: `The direction ${quote(request, request.direction)} is not how the option legs trade: they are opened on the underlying's ${direction === 'short' ? 'short' : 'long'} entries.`,
    });

  // A calendar rule's window, or why it cannot be written (calendarBlocks.ts).
  const calendarPlan =
    kind === 'calendar'
      ? planCalendar(request, core!, planned, direction, { universe: universe !== undefined, options: optionPlan !== undefined })
      : undefined;
  if (calendarPlan && 'decline' in calendarPlan) return { kind: 'decline', reason: calendarPlan.decline, gaps };
  if (calendarPlan) notes.push(...calendarPlan.notes);

  if (kind === 'alpha-formula')
    Object.assign(params, alphaParams(request, core!, universe ? undefined : planned.length, direction, notes, gaps));

  // Bars. A gap rule, a VWAP, or a time of day (flat by, a trading window) needs intraday bars: minute bars unless others are asked.
  const clock = request.risk.flatBy !== undefined || request.filters.some((f) => f.value.kind === 'time-of-day');
  const intraday = kinds.some((k) => k === 'gap' || k === 'vwap' || k === 'calendar') || clock;
  // The rule whose needs set the bars: a gap rule's, a VWAP rule's, else the first.
  const barKind = kinds.find((k) => k === 'gap') ?? kinds.find((k) => k === 'vwap') ?? kind;
  const asked = planBar(request.bar?.value ?? (intraday ? { size: 1, unit: 'minute' } : { size: 1, unit: 'day' }));
  // An alpha formula reads LEAN's history, which has native bars only.
  const bar = kind === 'alpha-formula' ? alphaBar(request, asked, gaps) : asked;
  if (!request.bar)
    notes.push(
      barKind === 'gap'
        ? 'No bar size stated; a gap rule acts at the open, so the rules read minute bars.'
        : barKind === 'calendar'
          ? 'No bar size stated; a calendar rule trades at the open or close, so the code reads minute bars to fill its orders there.'
          : intraday
            ? `No bar size stated; ${barKind === 'vwap' ? 'a VWAP rule' : 'a time of day'} needs intraday bars, so the rules read minute bars.`
            : 'No bar size stated; the rules read daily bars.',
    );
  if (kind === 'calendar' && (bar.resolution === 'HOUR' || bar.resolution === 'DAILY'))
    notes.push(
      `On ${barWords(bar.size)}, LEAN fills the calendar rule's orders at the latest ${bar.resolution === 'HOUR' ? 'hourly' : 'daily'} close it has, before the open or close the rule trades at; ask for minute bars to fill there.`,
    );
  if (kinds.includes('gap') && (bar.size.unit === 'day' || bar.size.unit === 'week'))
    return {
      kind: 'decline',
      reason: `A gap rule trades at the open, which ${barWords(bar.size)} do not show; ask for intraday bars (minute bars).`,
      gaps,
    };
  const noVolume = planned.find((i) => i.type === 'forex' || i.type === 'cfd' || i.type === 'index');
  if (kinds.includes('vwap') && noVolume)
    return {
      kind: 'decline',
      reason: `A VWAP rule needs traded volume, and LEAN's ${noVolume.symbol} data ${noVolume.type === 'index' ? 'carry no volume (an index is not traded)' : 'are quotes without volume'}.`,
      gaps,
    };
  const sessionBars = bar.size.unit === 'day' || bar.size.unit === 'week';
  const measure = second ? planMeasure(regimed, notes) : undefined;
  // A universe member joins with its history replayed through `_on_bar`, which feeds a volatility measure on daily bars only.
  if (measure?.by === 'volatility' && universe && !(bar.resolution === 'DAILY' && !bar.consolidated))
    return {
      kind: 'decline',
      reason: `Regime selection by volatility on a universe is written on daily bars, where new members' history feeds the regime; the prompt asks for ${barWords(bar.size)}.`,
      gaps,
    };
  if (measure) notes.push(FLIP_NOTE);
  // Opposite gates no bar passes (only in calm markets and only in volatile ones) would trade nothing at all. A
  // pair applies no filters, a rotation or an alpha book only market ones, and a volatility regime replaces volatility gates.
  const opposite =
    kind === 'pairs'
      ? undefined
      : contradictoryFilters(request, measure?.by !== 'volatility' && kind !== 'rotation' && kind !== 'alpha-formula');
  if (opposite)
    return {
      kind: 'decline',
      reason: `The prompt asks to trade only ${opposite}, and no market is both; say which rule trades in which regime, or name one regime.`,
      gaps,
    };

  const risk = riskOf(request, planned, gaps);
  // Daily and weekly bars arrive once a session, so a time of day can neither gate nor end a trade on them.
  if (sessionBars && risk.flatBy && request.risk.flatBy) {
    delete risk.flatBy;
    gaps.push({
      field: 'risk',
      sentence: `Going flat by ${quote(request, request.risk.flatBy)} is not in the code: on ${barWords(bar.size)} the rules see no time of day; ask for intraday bars.`,
    });
  }
  const filterReads = request.filters.filter((f) => {
    if (measure?.by === 'volatility' && f.value.kind === 'volatility') {
      gaps.push({
        field: 'filters',
        sentence: `The filter ${quote(request, f)} is not applied: the volatility regime already picks the rule for calm and volatile markets.`,
      });
      return false;
    }
    if (!(sessionBars && f.value.kind === 'time-of-day')) return true;
    gaps.push({
      field: 'filters',
      sentence: `The time window ${quote(request, f)} is not applied: on ${barWords(bar.size)} the rules see no time of day; ask for intraday bars.`,
    });
    return false;
  });
  if (kind === 'calendar') calendarFit(request, risk, filterReads, gaps);
  if (optionPlan) optionRiskGaps(request, risk, gaps);
  let sizing = sizingOf(request, planned, risk, gaps);
  // Option legs are sized by a share of the portfolio (premium bought, notional sold) or in round lots against held shares.
  if (optionPlan && sizing && sizing.kind !== 'fixed-fraction' && request.sizing) {
    gaps.push({
      field: 'sizing',
      sentence: `The sizing ${quote(request, request.sizing)} is not kept: option legs are sized by a share of the portfolio.`,
    });
    sizing = undefined;
  }
  const references = referencesOf(request);

  // A default start waits for the last of the traded instruments to list (an option's underlying is in `planned`).
  const { start, end, notes: periodNotes } = planPeriod({ start: dateOf(request.period.start), end: dateOf(request.period.end) }, planned);
  notes.push(...periodNotes);
  const cash = request.cash?.value ?? DEFAULT_CASH;
  if (!request.cash) notes.push(`No starting cash stated; assumed ${money(DEFAULT_CASH)}.`);
  if (request.schedule === undefined && sizing?.kind === 'weights' && kind === 'buy-and-hold')
    notes.push('No rebalance schedule stated; the weights are set once and then drift.');

  let schedule = request.schedule?.value;
  if (kind === 'calendar') schedule = undefined;
  if (kind === 'rotation' && !schedule) {
    schedule = { every: 'month', at: 'start' };
    notes.push('No rebalance schedule stated; the rotation rebalances at the start of each month.');
  }
  if (kind === 'alpha-formula' && !schedule) {
    schedule = { every: 'day' };
    notes.push('No rebalance schedule stated; the alpha book is rebalanced every day, 30 minutes after the open.');
  }
  if (kind === 'pairs' || kind === 'rotation' || kind === 'alpha-formula') portfolioGaps(request, kind, risk, sizing, gaps);
  const traded = universe ? universeWords(universe) : planned.map((i) => i.symbol).join(', ');
  const structure = optionPlan ? structureName(optionPlan) : undefined;
  const sides = second ? regimeSides(regimed) : undefined;
  const calmKind = sides && (sides.calm === core ? kind : otherKind!);
  const volatileKind = sides && (sides.volatile === core ? kind : otherKind!);
  const named = structure ?? (calendarPlan ? calendarTitle(calendarPlan.calendar) : KIND_TITLES[kind]);
  // Regime selection names both rules: "RSI in calm markets, Donchian breakout in volatile ones".
  const rules = sides ? `${KIND_TITLES[calmKind!]} in calm markets, ${KIND_TITLES[volatileKind!]} in volatile ones` : undefined;
  const title = rules
    ? `${rules}, on ${traded}, ${barWords(bar.size)}.`
    : `${named} on ${traded}${structure && kind !== 'buy-and-hold' ? ` on ${KIND_TITLES[kind]} signals` : ''}, ${barWords(bar.size)}.`;
  const planned2 = otherKind ? { kind: otherKind, params: otherParams!, ...(otherGapMode ? { gapMode: otherGapMode } : {}) } : undefined;
  const plan: ComposePlan = {
    className: toClassName(
      `${pascalCase(sides ? `${KIND_TITLES[calmKind!]} or ${KIND_TITLES[volatileKind!]} by regime` : named)} ${
        universe
          ? universe.kind === 'etf-constituents'
            ? `${universe.etf} members`
            : 'universe'
          : planned
              .slice(0, 2)
              .map((i) => i.symbol)
              .join(' ')
      }`,
    ),
    title,
    instruments: planned,
    ...(universe ? { universe } : {}),
    ...(optionPlan ? { options: optionPlan } : {}),
    bar,
    direction,
    signal: {
      kind,
      params,
      ...(gapMode ? { gapMode } : {}),
      ...(calendarPlan ? { calendar: calendarPlan.calendar } : {}),
      ...(kind === 'alpha-formula' ? { formula: core!.formula! } : {}),
    },
    ...(sides && measure && planned2
      ? {
          regimes: {
            measure,
            calm: sides.calm === core ? { kind, params, ...(gapMode ? { gapMode } : {}) } : planned2,
            volatile: sides.volatile === core ? { kind, params, ...(gapMode ? { gapMode } : {}) } : planned2,
            first: sides.first,
          },
        }
      : {}),
    ...(sizing &&
    ((kind !== 'pairs' && kind !== 'rotation' && kind !== 'alpha-formula') ||
      sizing.kind === 'fixed-fraction' ||
      (kind === 'rotation' && sizing.kind === 'volatility-target'))
      ? { sizing }
      : {}),
    risk,
    ...(schedule ? { schedule } : {}),
    filters:
      kind === 'pairs'
        ? []
        : kind === 'rotation' || kind === 'alpha-formula'
          ? filterReads.map((f) => f.value).filter(marketFilter)
          : filterReads.map((f) => dailyTrend(request, f, bar)),
    ...(Object.keys(references).length ? { references } : {}),
    start,
    end,
    cash,
  };
  return { kind: 'plan', plan, notes, gaps };
}

/** What an option structure is called: covered call, protective put, collar, straddle or strangle, or its legs. */
function structureName(options: NonNullable<ComposePlan['options']>): string {
  const legs = options.legs
    .map((l) => `${l.side}-${l.right}`)
    .sort()
    .join(' ');
  if (options.holdUnderlying) {
    if (legs === 'sell-call') return 'Covered call';
    if (legs === 'buy-put') return 'Protective put';
    if (legs === 'buy-put sell-call') return 'Collar';
  }
  if (legs === 'buy-call buy-put' || legs === 'sell-call sell-put') {
    const same = options.legs.every((l) => l.moneyness === 'atm');
    return `${legs.startsWith('buy') ? 'Long' : 'Short'} ${same ? 'straddle' : 'strangle'}`;
  }
  const words = options.legs.map((l) => `${l.side === 'buy' ? 'bought' : 'sold'} ${l.right}s`);
  return `Options (${words.join(' and ')})`;
}

/** The option legs of a request, or the reason they cannot be written. */
function planOptions(
  request: StrategyRequest,
  reads: StrategyRequest['instruments'],
  notes: string[],
): NonNullable<ComposePlan['options']> | { decline: string } {
  const underlyings = [...new Set(reads.map((o) => o.option?.underlying ?? o.symbol))];
  const named = `options on ${underlyings.join(', ')}`;
  if (underlyings.length !== 1)
    return { decline: `The offline generator writes options on one underlying at a time; the prompt asks for ${named}.` };
  if (/\bwheel\b/i.test(request.prompt))
    return {
      decline: `The offline generator cannot write the wheel (${named}): it switches between puts and calls on assignment, which the composer does not write.`,
    };
  const underlying = underlyings[0]!;
  const held = request.instruments.find((i) => i.securityType !== 'option' && i.symbol === underlying);
  const resolved = held ? { symbol: held.symbol, securityType: held.securityType, market: held.market } : symbolIndex().equity(underlying);
  if (!resolved || (resolved.securityType !== 'equity' && resolved.securityType !== 'etf'))
    return {
      decline: `The offline generator writes options on US equities and ETFs; ${underlying} is ${resolved ? `a${resolved.securityType === 'index' ? 'n' : ''} ${resolved.securityType}` : 'not a US equity it knows'}.`,
    };
  const legs: OptionLeg[] = [];
  for (const read of reads) {
    const option = read.option!;
    if (!option.right) return { decline: `The prompt does not say whether to trade calls or puts (${named}); say which.` };
    // Trading calls or puts on a signal with no verb ("spy 0dte atm calls when price > vwap") means buying them.
    if (!option.side) notes.push(`No side stated for the ${option.right.value}s; the code buys them.`);
    const leg: OptionLeg = { right: option.right.value, side: option.side?.value ?? 'buy', daysToExpiry: option.daysToExpiry?.value ?? 30 };
    if (option.delta) leg.delta = option.delta.value;
    else if (option.moneyness) {
      leg.moneyness = option.moneyness.value;
      if (option.distance) leg.distance = option.distance.value;
      else if (option.moneyness.value !== 'atm')
        notes.push(
          `No distance from the money stated for the ${option.right.value}s; the strike is ${DEFAULT_STRIKE_DISTANCE * 100}% ${option.moneyness.value === 'otm' ? 'out of' : 'in'} the money.`,
        );
    } else notes.push(`No delta or strike stated for the ${option.right.value}s; the code picks the strike nearest the money.`);
    if (!option.daysToExpiry) notes.push(`No expiry stated for the ${option.right.value}s; the code picks contracts about 30 days out.`);
    legs.push(leg);
  }
  return {
    underlying: { symbol: resolved.symbol, type: resolved.securityType as 'equity' | 'etf', market: resolved.market },
    holdUnderlying: held !== undefined,
    legs,
  };
}

function underlyingInstrument(underlying: PlannedInstrument): StrategyRequest['instruments'][number] {
  return {
    symbol: underlying.symbol,
    securityType: underlying.type,
    market: underlying.market,
    marketStated: false,
    span: { start: 0, end: 0 },
  };
}

/**
 * The direction the underlying's signal trades option legs in: a structure (it holds the shares, has
 * no signal, or mixes bullish and bearish legs without a two-way signal) opens on the long entry; legs
 * all bullish on the long entry; all bearish on the short entry; a signal over both kinds both ways.
 */
function optionDirection(options: NonNullable<ComposePlan['options']>, kind: ComposedKind): 'long' | 'short' | 'both' {
  if (options.holdUnderlying || kind === 'buy-and-hold') return 'long';
  const up = options.legs.filter(bullish).length;
  if (up === options.legs.length) return 'long';
  if (up === 0) return 'short';
  return 'both';
}

/** Option legs take stops and targets on their premium, as fractions; other distances are named as not done. */
function optionRiskGaps(request: StrategyRequest, risk: PlannedRisk, gaps: Gap[]): void {
  for (const key of ['stopLoss', 'takeProfit', 'trailingStop'] as const) {
    const value = risk[key];
    const read = request.risk[key];
    if (!value || !read || (key !== 'trailingStop' && value.unit === 'fraction')) continue;
    delete risk[key];
    gaps.push({
      field: 'risk',
      sentence: `The ${key === 'trailingStop' ? 'trailing stop' : key === 'stopLoss' ? 'stop loss' : 'take profit'} ${quote(request, read)} is not in the code: option legs take stops and targets as a share of their premium.`,
    });
  }
  if (risk.timeExit?.unit === 'bar' && request.risk.timeExit) {
    delete risk.timeExit;
    gaps.push({
      field: 'risk',
      sentence: `The time exit ${quote(request, request.risk.timeExit)} in bars is not in the code: option legs are timed in days.`,
    });
  }
}

function universeWords(universe: NonNullable<ComposePlan['universe']>): string {
  const best = universe.by ? ` best by ${universe.by.replace(/-/g, ' ')}` : '';
  const ranked = universe.count !== undefined ? `the ${universe.count}${best} of ` : '';
  return universe.kind === 'etf-constituents' ? `${ranked}${universe.etf}'s holdings` : `${ranked}US equities`;
}

/**
 * What the composer writes for the request's core signal: a per-symbol signal, buy-and-hold for fixed
 * weights, a rotation for a momentum ranking that picks the holdings, a pair for a pairs trade or a
 * z-score of two instruments; undefined for the templates.
 */
function coreKind(request: StrategyRequest, core: Signal | undefined): ComposedKind | undefined {
  if (!core) return request.sizing?.value.kind === 'weights' ? 'buy-and-hold' : undefined;
  // An alpha formula named without its formula ("Alpha#101") is the templates'.
  if (core.kind === 'alpha-formula') return core.formula === undefined ? undefined : 'alpha-formula';
  // Option legs are on an underlying, not a second instrument of a pair.
  const named = request.instruments.filter((i) => i.securityType !== 'option').length;
  if (core.kind === 'pairs' || (core.kind === 'zscore' && named === 2)) return 'pairs';
  if (
    core.kind === 'momentum' &&
    (core.params['top'] !== undefined ||
      core.params['skip'] !== undefined ||
      request.universe ||
      (request.instruments.length > 1 && request.schedule))
  )
    return 'rotation';
  if (!PER_SYMBOL.has(core.kind)) return undefined;
  return core.kind as PerSymbolKind;
}

/** The template family the older reader finds in a prompt's style words ("trend following"), as a composer signal. */
const STYLE_KINDS: Readonly<Record<string, (instruments: number) => ComposedKind | undefined>> = {
  'sma-crossover': () => 'sma-crossover',
  'ema-crossover': () => 'ema-crossover',
  'rsi-mean-reversion': () => 'rsi',
  'bollinger-reversion': () => 'bollinger',
  'macd-momentum': () => 'macd',
  'donchian-breakout': () => 'donchian',
  'pairs-trading': (n) => (n === 2 ? 'pairs' : 'zscore'),
  'momentum-rotation': (n) => (n > 1 ? 'rotation' : 'momentum'),
};

/**
 * A prompt that names no rule but a style ("trend following", "mean reversion"): the rule the older
 * template reader picks for the style, said in a note. Undefined when it finds no style either, or only
 * the alpha-factor family, which the templates write.
 */
function styleKind(request: StrategyRequest, notes: string[]): ComposedKind | undefined {
  if (request.sizing?.value.kind === 'weights') return undefined;
  const reading = readPrompt(request.prompt);
  const kind = STYLE_KINDS[reading.spec.family]?.(request.instruments.length);
  if (!kind) return undefined;
  const said = reading.notes.find((n) => n.startsWith('No strategy type recognised'));
  notes.push(said ?? `No rule was named; the prompt's style reads as ${KIND_TITLES[kind]}, so that is the rule written.`);
  return kind;
}

/** The signal's numbers: stated ones used, others named in a gap, missing ones defaulted and noted. */
function signalNumbers(
  request: StrategyRequest,
  kind: ComposedKind,
  core: Signal | undefined,
  gaps: Gap[],
  notes: string[],
  /** The rule's name where the request has two (one per regime), for the note on its defaults. */
  rule?: string,
): Record<string, number> {
  const params: Record<string, number> = {};
  // An alpha formula's numbers are in its formula; how many it holds is its book (alphaCounts).
  const defaults =
    kind === 'alpha-formula' ? {} : kind === 'rotation' || kind === 'pairs' ? PORTFOLIO_DEFAULTS[kind] : SIGNAL_DEFAULTS[kind];
  const known = Object.keys(defaults);
  for (const [name, read] of Object.entries(core?.params ?? {})) {
    if (known.includes(name)) params[name] = read.value;
    else
      gaps.push({
        field: 'numbers',
        sentence: `The prompt's ${name} ${quote(request, read)} is not used: the ${KIND_TITLES[kind]} rule has no such setting.`,
      });
  }
  const defaulted = known.filter((name) => params[name] === undefined);
  for (const name of defaulted) params[name] = defaults[name]!;
  if (defaulted.length)
    notes.push(
      `Not stated, so defaults were used${rule ? ` for the ${rule} rule` : ''}: ${defaulted.map((n) => `${n} ${params[n]}`).join(', ')}.`,
    );
  const swap = (a: string, b: string) => {
    if (params[a]! < params[b]!) return;
    const asked = [core?.params[a], core?.params[b]].some((r) => r !== undefined);
    if (!asked) return;
    gaps.push({
      field: 'numbers',
      sentence: `The ${a} setting (${params[a]}) is not below the ${b} setting (${params[b]}); the code uses them the other way round.`,
    });
    [params[a], params[b]] = [params[b]!, params[a]!];
  };
  if (kind === 'sma-crossover' || kind === 'ema-crossover' || kind === 'macd') swap('fast', 'slow');
  if (kind === 'rsi') swap('lower', 'upper');
  if (kind === 'pairs') swap('exit', 'entry');
  if (kind === 'rotation' && !request.universe && params['top']! >= request.instruments.length) {
    gaps.push({
      field: 'numbers',
      sentence: `The rotation holds the top ${params['top']} of ${request.instruments.length} instruments, so it ranks nothing out; it holds the top ${Math.max(1, request.instruments.length - 1)}.`,
    });
    params['top'] = Math.max(1, request.instruments.length - 1);
  }
  return params;
}

function riskOf(request: StrategyRequest, instruments: PlannedInstrument[], gaps: Gap[]): PlannedRisk {
  const risk: PlannedRisk = {};
  const { stopLoss, trailingStop, takeProfit, timeExit, maxDrawdown, flatBy } = request.risk;
  const fx = instruments.every((i) => i.type === 'forex' || i.type === 'cfd');
  const distance = (read: Read<Distance> | undefined, what: string): Distance | undefined => {
    if (!read) return undefined;
    if (read.value.unit === 'pips' && !fx) {
      gaps.push({
        field: 'risk',
        sentence: `The ${what} ${quote(request, read)} is in pips, which only currency pairs and CFDs have; it is not in the code.`,
      });
      return undefined;
    }
    return read.value;
  };
  const stop = distance(stopLoss, 'stop loss');
  const trail = distance(trailingStop, 'trailing stop');
  const target = distance(takeProfit, 'take profit');
  if (stop) risk.stopLoss = stop;
  if (trail) risk.trailingStop = trail;
  if (target) risk.takeProfit = target;
  if (timeExit) risk.timeExit = timeExit.value;
  if (maxDrawdown) risk.maxDrawdown = maxDrawdown.value;
  if (flatBy) risk.flatBy = flatBy.value;
  return risk;
}

function sizingOf(request: StrategyRequest, instruments: PlannedInstrument[], risk: PlannedRisk, gaps: Gap[]): ComposePlan['sizing'] {
  const read = request.sizing;
  if (!read) return undefined;
  const sizing = read.value;
  if (sizing.kind === 'equal-weight') return undefined;
  if (sizing.kind === 'weights') {
    const symbols = new Set(instruments.map((i) => i.symbol));
    const unknown = Object.keys(sizing.weights).filter((s) => !symbols.has(s));
    if (unknown.length) {
      gaps.push({
        field: 'sizing',
        sentence: `The weights ${quote(request, read)} name ${unknown.join(', ')}, which the code does not trade; it sizes in equal weight.`,
      });
      return undefined;
    }
    return sizing;
  }
  if (sizing.kind === 'risk-per-trade' && sizing.from === 'stop' && !risk.stopLoss) {
    gaps.push({
      field: 'sizing',
      sentence: `The sizing ${quote(request, read)} risks a share of equity to the stop, but no stop loss was stated; the code sizes in equal weight.`,
    });
    return undefined;
  }
  return sizing;
}

/** What a portfolio block does not do of the request: filters, and risk or sizing it has no place for. */
function portfolioGaps(
  request: StrategyRequest,
  kind: 'pairs' | 'rotation' | 'alpha-formula',
  risk: PlannedRisk,
  sizing: ComposePlan['sizing'],
  gaps: Gap[],
): void {
  // A rotation or an alpha book holds cash while a market filter (another symbol's trend, the VIX) is off; other filters are not written.
  for (const filter of request.filters) {
    if (kind !== 'pairs' && marketFilter(filter.value)) continue;
    gaps.push({
      field: 'filters',
      sentence: `The filter ${quote(request, filter)} is not applied: the ${KIND_TITLES[kind]} block has no filters of that kind.`,
    });
  }
  const drop = (key: keyof PlannedRisk, words: string) => {
    const read = request.risk[key];
    if (risk[key] === undefined || !read) return;
    delete risk[key];
    gaps.push({
      field: 'risk',
      sentence: `${words} ${quote(request, read)} is not in the code: the ${KIND_TITLES[kind]} block does not write it.`,
    });
  };
  if (kind === 'pairs') {
    // The pair's stop is on the spread (standard deviations) or on its combined value (a fraction, dollars).
    if (risk.stopLoss && !['std', 'fraction', 'usd'].includes(risk.stopLoss.unit)) drop('stopLoss', 'The stop loss');
    drop('trailingStop', 'The trailing stop');
    drop('takeProfit', 'The take profit');
    drop('timeExit', 'The time exit');
    drop('flatBy', 'Going flat by a time of day');
  } else drop('flatBy', 'Going flat by a time of day');
  if (sizing && sizing.kind !== 'fixed-fraction' && !(kind === 'rotation' && sizing.kind === 'volatility-target') && request.sizing)
    gaps.push({
      field: 'sizing',
      sentence: `The sizing ${quote(request, request.sizing)} is not kept: the ${KIND_TITLES[kind]} block sizes its positions in equal weight.`,
    });
}

/**
 * Gates no bar can pass together, in words ("in calm markets and in volatile ones"): a low and a high
 * volatility regime (where `volatility` gates are applied), or a VIX below one level and above another at
 * or over it. Undefined when none.
 */
function contradictoryFilters(request: StrategyRequest, volatility: boolean): string | undefined {
  const filters = request.filters.map((f) => f.value);
  const vol = filters.filter((f) => f.kind === 'volatility');
  if (volatility && vol.some((f) => f.regime === 'low') && vol.some((f) => f.regime === 'high')) {
    const [low, high] = ['low', 'high'].map((side) =>
      request.filters.find((f) => f.value.kind === 'volatility' && f.value.regime === side)!,
    );
    return `${quote(request, low!)} and ${quote(request, high!)}`;
  }
  const vix = request.filters.filter((f) => f.value.kind === 'vix');
  const below = Math.min(...vix.map((f) => (f.value.kind === 'vix' ? (f.value.below ?? Infinity) : Infinity)));
  const above = Math.max(...vix.map((f) => (f.value.kind === 'vix' ? (f.value.above ?? -Infinity) : -Infinity)));
  if (below <= above) return vix.map((f) => quote(request, f)).join(' and ');
  return undefined;
}

/** A filter on the market rather than on each traded symbol: another symbol's trend, or the VIX. */
function marketFilter(filter: Filter): boolean {
  return (filter.kind === 'trend' && filter.symbol !== undefined) || filter.kind === 'vix';
}

/**
 * A trend filter on the traded price stated in days ("above its 200-day SMA") on intraday bars is an
 * average of daily closes, not of the intraday bars; on daily bars the two are the same.
 */
function dailyTrend(request: StrategyRequest, read: Read<Filter>, bar: PlannedBar): PlannedFilter {
  const filter = read.value;
  const intraday = bar.size.unit !== 'day' && bar.size.unit !== 'week';
  if (filter.kind !== 'trend' || filter.symbol || !intraday) return filter;
  const words = request.prompt.slice(read.span.start, read.span.end);
  return /\bday|daily\b/i.test(words) ? { ...filter, daily: true } : filter;
}

/** The instruments trend filters compare against, resolved as LEAN knows them (an index, else a US equity or ETF). */
function referencesOf(request: StrategyRequest): Record<string, PlannedInstrument> {
  const out: Record<string, PlannedInstrument> = {};
  for (const { value } of request.filters) {
    if (value.kind !== 'trend' || !value.symbol) continue;
    const index = symbolIndex().index(value.symbol);
    out[value.symbol] = index
      ? { symbol: index.symbol, type: 'index', market: index.market }
      : { symbol: value.symbol, type: 'etf', market: 'usa' };
  }
  return out;
}
