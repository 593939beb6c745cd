// The composer's combinations, as strategy requests: every security type with its markets, every bar
// size, signal, direction, sizing, risk overlay, schedule and filter the composer writes, drawn with a
// seeded generator so a sample is the same on every machine. The requests are what a prompt would be
// read into (spans are empty: no prompt was written), so each can be planned, rendered, validated and
// checked for conformance, and phrased into training prompts.
import type {
  BarSize,
  CalendarRule,
  Distance,
  Filter,
  Instrument,
  OptionContract,
  Read,
  Regime,
  RiskRequest,
  Schedule,
  Signal,
  SignalKind,
  Sizing,
  StrategyRequest,
  Universe,
} from '../../request/types';
import { symbolIndex, type SecurityType } from '../../request/symbols';
import { seededRandom } from '../../seededRandom';

const NOWHERE = { start: 0, end: 0 };
const read = <T>(value: T): Read<T> => ({ value, span: NOWHERE });

/** Instruments by security type, each set resolved against LEAN's symbol index (a set it lacks is skipped). */
const INSTRUMENT_SETS: readonly (readonly [SecurityType, string, readonly string[]])[] = [
  ['equity', 'usa', ['AAPL']],
  ['equity', 'usa', ['MSFT', 'NVDA', 'AMZN']],
  ['etf', 'usa', ['SPY']],
  ['etf', 'usa', ['QQQ', 'TLT']],
  ['crypto', 'coinbase', ['BTCUSD']],
  ['crypto', 'coinbase', ['BTCUSD', 'ETHUSD']],
  ['crypto', 'binance', ['ETHUSDT']],
  ['crypto', 'kraken', ['SOLUSD']],
  ['cryptofuture', 'binance', ['BTCUSDT']],
  ['cryptofuture', 'bybit', ['ETHUSDT']],
  ['forex', 'oanda', ['EURUSD']],
  ['forex', 'oanda', ['EURUSD', 'USDJPY']],
  ['forex', 'fxcm', ['GBPUSD']],
  ['future', 'cme', ['ES']],
  ['future', 'nymex', ['CL']],
  ['future', 'comex', ['GC']],
  ['future', 'cbot', ['ZN']],
  ['index', 'usa', ['SPX']],
  ['cfd', 'oanda', ['SPX500USD']],
  ['cfd', 'oanda', ['XAUUSD']],
];

const BARS: readonly BarSize[] = [
  { size: 1, unit: 'minute' },
  { size: 15, unit: 'minute' },
  { size: 1, unit: 'hour' },
  { size: 4, unit: 'hour' },
  { size: 1, unit: 'day' },
  { size: 1, unit: 'week' },
];

/** Signal kinds with the numbers each may state (one set drawn; any may be left to the default). */
const SIGNALS: readonly (readonly [SignalKind, readonly Record<string, number>[]])[] = [
  ['sma-crossover', [{ fast: 50, slow: 200 }, { fast: 10, slow: 30 }, {}]],
  ['ema-crossover', [{ fast: 9, slow: 21 }, { fast: 12, slow: 26 }, {}]],
  ['rsi', [{ period: 14, lower: 30, upper: 70 }, { period: 2, lower: 10, upper: 90 }, { period: 21 }, {}]],
  ['bollinger', [{ period: 20, std: 2 }, { period: 30, std: 2.5 }, {}]],
  ['macd', [{ fast: 12, slow: 26, signal: 9 }, { fast: 8, slow: 21, signal: 5 }, {}]],
  ['donchian', [{ period: 20, exit: 10 }, { period: 55, exit: 20 }, {}]],
  ['keltner', [{ period: 20, multiplier: 2 }, { period: 30, multiplier: 1.5 }, {}]],
  ['zscore', [{ period: 20, entry: 2, exit: 0.5 }, { period: 60, entry: 1.5, exit: 0 }, {}]],
  ['momentum', [{ period: 126 }, { period: 63, top: 1 }, { period: 252, skip: 21, top: 2 }, {}]],
  ['vwap', [{ threshold: 0.01 }, { threshold: 0.005 }, {}]],
  ['pairs', [{ period: 60, entry: 2, exit: 0.5 }, { period: 90, entry: 2.5, exit: 0 }, {}]],
  ['gap', [{ threshold: 0.01 }, { threshold: 0.02 }, {}]],
  // Its window is drawn from CALENDARS; it states no numbers of its own.
  ['calendar', [{}]],
  ['buy-and-hold', [{}]],
  // Its formula is drawn from ALPHA_FORMULAS; its numbers are in the formula.
  ['alpha-formula', [{}]],
];

/** Alpha formulas of "101 Formulaic Alphas" (Kakushadze 2016; #3, #4, #12, #13, #42, #15, #9) and a short-term reversal. */
const ALPHA_FORMULAS: readonly string[] = [
  '-1 * correlation(rank(open), rank(volume), 10)',
  '-1 * ts_rank(rank(low), 9)',
  'sign(delta(volume, 1)) * (-1 * delta(close, 1))',
  '-1 * rank(covariance(rank(close), rank(volume), 5))',
  'rank(vwap - close) / rank(vwap + close)',
  '-1 * sum(rank(correlation(rank(high), rank(volume), 3)), 3)',
  '((0 < ts_min(delta(close, 1), 5)) ? delta(close, 1) : ((ts_max(delta(close, 1), 5) < 0) ? delta(close, 1) : (-1 * delta(close, 1))))',
  'rank(delay(close, 5) / close)',
];

const STOPS: readonly Distance[] = [
  { amount: 0.05, unit: 'fraction' },
  { amount: 2, unit: 'atr' },
  { amount: 1.5, unit: 'std' },
  { amount: 500, unit: 'usd' },
  { amount: 30, unit: 'pips' },
];

const SCHEDULES: readonly Schedule[] = [
  { every: 'day', time: '10:00' },
  { every: 'week', weekday: 'monday' },
  { every: 'week', at: 'end' },
  { every: 'month', at: 'start' },
  { every: 'month', at: 'end' },
  { every: 'quarter', at: 'start' },
  { every: 'year', at: 'start' },
];

const FILTERS: readonly Filter[] = [
  { kind: 'trend', period: 200, average: 'sma', side: 'above' },
  { kind: 'trend', period: 50, average: 'ema', side: 'above' },
  { kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' },
  { kind: 'vix', below: 25 },
  { kind: 'volatility', regime: 'low', period: 20 },
  { kind: 'time-of-day', after: '10:00', before: '15:30' },
];

/** Rules a regime can pick: per-symbol rules on bars that read the same from any instruments' data. */
const REGIME_KINDS: readonly SignalKind[] = [
  'sma-crossover',
  'ema-crossover',
  'rsi',
  'bollinger',
  'macd',
  'donchian',
  'keltner',
  'zscore',
  'momentum',
];

/**
 * The measures of a regime selection, stated for the first rule's regime (the second rule takes the other
 * side): realized volatility with its numbers as stated or left to the defaults, or the VIX at a level.
 */
const REGIME_MEASURES: readonly Omit<Regime, 'side'>[] = [
  { by: 'volatility' },
  { by: 'volatility', period: 20 },
  { by: 'volatility', period: 60 },
  { by: 'volatility', period: 20, baseline: 'median', window: 252 },
  { by: 'volatility', period: 20, baseline: 'average', window: 126 },
  { by: 'vix', level: 20 },
  { by: 'vix', level: 25 },
  { by: 'vix', level: 30 },
];

/** Universes of US equities the composer selects. */
const UNIVERSES: readonly Universe[] = [
  { kind: 'etf-constituents', etf: 'SPY' },
  { kind: 'etf-constituents', etf: 'QQQ', count: 20, by: 'market-cap' },
  { kind: 'etf-constituents', etf: 'IWM', count: 50, by: 'dollar-volume' },
  { kind: 'fundamental', count: 100, by: 'dollar-volume', minPrice: 10 },
  { kind: 'fundamental', count: 30, by: 'dividend-yield' },
];

/** Option structures on one underlying: the legs, and whether the shares are held too. */
const OPTION_STRUCTURES: readonly { hold: boolean; legs: readonly Omit<OptionContract, 'underlying'>[] }[] = [
  { hold: true, legs: [{ right: read('call'), side: read('sell'), delta: read(0.3), daysToExpiry: read(30) }] },
  { hold: true, legs: [{ right: read('put'), side: read('buy'), moneyness: read('otm'), distance: read(0.1), daysToExpiry: read(90) }] },
  { hold: false, legs: [{ right: read('put'), side: read('sell'), delta: read(0.2), daysToExpiry: read(45) }] },
  {
    hold: false,
    legs: [
      { right: read('call'), side: read('buy'), moneyness: read('atm'), daysToExpiry: read(14) },
      { right: read('put'), side: read('buy'), moneyness: read('atm'), daysToExpiry: read(14) },
    ],
  },
  { hold: false, legs: [{ right: read('call'), side: read('buy'), delta: read(0.5), daysToExpiry: read(45) }] },
];

/**
 * Calendar windows: the turn of the month (days from its end or start, the session's open or close as
 * stated or left to the default), windows of one month's days, weekdays, and months held.
 */
const CALENDARS: readonly ((random: () => number) => CalendarRule)[] = [
  (random) => {
    const [entryDay, exitDay] = pick(random, [
      [-1, 3],
      [-3, 3],
      [-2, 1],
      [-1, 5],
      [1, 5],
      [-3, -1],
      [-1, 2],
    ] as const);
    // The effect named alone: the composer's default window.
    if (maybe(random, 0.15)) return { effect: read('turn-of-month') };
    const at = () => pick(random, [undefined, 'open', 'close'] as const);
    const [entryAt, exitAt] = [at(), at()];
    return {
      effect: read('turn-of-month'),
      entryDay: read(entryDay),
      exitDay: read(exitDay),
      ...(entryAt ? { entryAt: read(entryAt) } : {}),
      ...(exitAt ? { exitAt: read(exitAt) } : {}),
    };
  },
  (random) => {
    const [entryDay, exitDay, month] = pick(random, [
      [-5, 2, 12],
      [1, 5, 1],
    ] as const);
    return {
      effect: read('turn-of-month'),
      entryDay: read(entryDay),
      exitDay: read(exitDay),
      month: read(month),
      entryAt: read('open'),
      exitAt: read('close'),
    };
  },
  (random) => {
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
    const entryWeekday = pick(random, days);
    const exitWeekday = maybe(random, 0.3) ? entryWeekday : pick(random, days);
    const at = () => pick(random, [undefined, 'open', 'close'] as const);
    // The same day is held from its open to its close.
    const [entryAt, exitAt] = entryWeekday === exitWeekday ? pick(random, [[], ['open', 'close']] as const) : [at(), at()];
    return {
      effect: read('day-of-week'),
      entryWeekday: read(entryWeekday),
      exitWeekday: read(exitWeekday),
      ...(entryAt ? { entryAt: read(entryAt) } : {}),
      ...(exitAt ? { exitAt: read(exitAt) } : {}),
    };
  },
  (random) => {
    const [fromMonth, toMonth] = pick(random, [
      [11, 4],
      [5, 10],
      [1, 1],
      [10, 12],
    ] as const);
    return { effect: read('month-of-year'), fromMonth: read(fromMonth), toMonth: read(toMonth) };
  },
];

function drawCalendar(random: () => number): CalendarRule {
  return pick(random, CALENDARS)(random);
}

/** One US stock, ETF or index: a calendar rule trades at its session's open and close. */
function sessionOne(set: Instrument[]): boolean {
  return set.length === 1 && ['equity', 'etf', 'index'].includes(set[0]!.securityType);
}

/** The generator the enumeration draws with (re-exported for the tests and the dataset). */
export { seededRandom as seeded } from '../../seededRandom';

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function maybe(random: () => number, chance: number): boolean {
  return random() < chance;
}

function instrumentsOf(type: SecurityType, market: string, symbols: readonly string[]): Instrument[] | undefined {
  const index = symbolIndex();
  const out: Instrument[] = [];
  for (const symbol of symbols) {
    const resolved =
      type === 'equity' || type === 'etf'
        ? index.equity(symbol)
        : type === 'crypto' || type === 'cryptofuture'
          ? index.crypto(symbol, market, type)
          : type === 'forex'
            ? index.forex(symbol, market)
            : type === 'cfd'
              ? index.cfd(symbol, market)
              : type === 'future'
                ? index.future(symbol)
                : index.index(symbol, market);
    if (!resolved) return undefined;
    out.push({ symbol: resolved.symbol, securityType: resolved.securityType, market: resolved.market, marketStated: true, span: NOWHERE });
  }
  return out;
}

/** The instrument sets the symbol index resolves, with their types. */
export function instrumentSets(): Instrument[][] {
  return INSTRUMENT_SETS.map(([type, market, symbols]) => instrumentsOf(type, market, symbols)).filter(
    (s): s is Instrument[] => s !== undefined,
  );
}

/** One request drawn from the composer's combinations. */
export function drawRequest(random: () => number): StrategyRequest {
  const [kind, paramSets] = pick(random, SIGNALS);
  const sets = instrumentSets();
  // An alpha formula ranks stocks and ETFs, two or more, by their prices and volume.
  const stocks = (s: Instrument[]) => s.length > 1 && s.every((i) => i.securityType === 'equity' || i.securityType === 'etf');
  const instruments = pick(
    random,
    kind === 'pairs'
      ? sets.filter((s) => s.length === 2)
      : kind === 'alpha-formula'
        ? sets.filter(stocks)
        : kind === 'calendar'
          ? sets.filter(sessionOne)
          : sets,
  );
  const drawn = pick(random, paramSets);
  // A ranking needs more than one instrument to rank (or a universe, decided below).
  const params = kind === 'momentum' && instruments.length === 1 ? { period: drawn['period'] ?? 126 } : drawn;
  const signal: Signal = { kind, span: NOWHERE, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, read(v)])) };
  if (kind === 'gap' && maybe(random, 0.7))
    signal.gap = { side: read(pick(random, ['up', 'down'] as const)), mode: read(pick(random, ['fade', 'follow'] as const)) };
  if (kind === 'alpha-formula') signal.formula = pick(random, ALPHA_FORMULAS);
  if (kind === 'calendar') signal.calendar = drawCalendar(random);
  // A universe in place of the named equities, for the signals that trade each member, and for rotations.
  const universe =
    kind !== 'pairs' &&
    kind !== 'buy-and-hold' &&
    kind !== 'calendar' &&
    (kind !== 'momentum' || params['top'] !== undefined) &&
    maybe(random, 0.12)
      ? pick(random, UNIVERSES)
      : undefined;
  // Option legs on one stock or ETF, opened by the signal (or held as a structure for buy and hold).
  const equityOne = instruments.length === 1 && (instruments[0]!.securityType === 'equity' || instruments[0]!.securityType === 'etf');
  const structure =
    !universe && equityOne && kind !== 'pairs' && kind !== 'momentum' && kind !== 'calendar' && maybe(random, 0.2)
      ? pick(random, OPTION_STRUCTURES)
      : undefined;
  // An alpha formula reads LEAN's history, which has native bars only.
  const bar = pick(random, kind === 'alpha-formula' ? BARS.filter((b) => b.size === 1 && b.unit !== 'week') : BARS);
  const intraday = bar.unit === 'minute' || bar.unit === 'hour';
  const risk: RiskRequest = {};
  if (maybe(random, 0.4)) risk.stopLoss = read(pick(random, STOPS));
  if (maybe(random, 0.2)) risk.trailingStop = read(pick(random, STOPS.slice(0, 2)));
  if (maybe(random, 0.2)) risk.takeProfit = read({ amount: 0.1, unit: 'fraction' });
  if (maybe(random, 0.15))
    risk.timeExit = read(
      pick(random, [
        { count: 5, unit: 'day' as const },
        { count: 10, unit: 'bar' as const },
      ]),
    );
  if (maybe(random, 0.15)) risk.maxDrawdown = read(0.2);
  const flatBy = intraday && maybe(random, 0.2);
  // Only what a user would ask of these instruments: no flat-by time on markets open all day, pips only on currencies and CFDs.
  const allDay = instruments.some((i) => i.securityType === 'crypto' || i.securityType === 'cryptofuture');
  if (flatBy && !allDay) risk.flatBy = read('15:55');
  const pips = instruments.every((i) => i.securityType === 'forex' || i.securityType === 'cfd');
  if (!pips && risk.stopLoss?.value.unit === 'pips') delete risk.stopLoss;
  const sizings: Sizing[] = [
    { kind: 'equal-weight' },
    { kind: 'fixed-fraction', fraction: 0.1 },
    { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 2 },
    { kind: 'volatility-target', target: 0.15 },
    ...(risk.stopLoss ? [{ kind: 'risk-per-trade', fraction: 0.01, from: 'stop' } as Sizing] : []),
  ];
  if (kind === 'buy-and-hold' && instruments.length > 1 && maybe(random, 0.6)) {
    const share = Math.round(1000 / instruments.length) / 1000;
    sizings.push({
      kind: 'weights',
      weights: Object.fromEntries(
        instruments.map((i, n) => [i.symbol, n === 0 ? Number((1 - share * (instruments.length - 1)).toFixed(3)) : share]),
      ),
    });
  }
  const sizing = maybe(random, 0.5) ? pick(random, sizings) : undefined;
  const drawnDirection = maybe(random, 0.5) ? pick(random, ['long', 'short', 'both'] as const) : undefined;
  // Buy and hold holds long: a stated direction is only ever "long only" there.
  const direction = kind === 'buy-and-hold' && drawnDirection !== undefined ? 'long' : drawnDirection;
  // How many names the alpha book holds, on the sides it trades (both, unless a direction says one).
  if (kind === 'alpha-formula' && maybe(random, 0.6)) {
    const count = read(universe ? pick(random, [5, 10]) : 1);
    signal.book = {
      ...(direction !== 'short' ? { top: count } : {}),
      ...(direction !== 'long' ? { bottom: count } : {}),
    };
  }
  const schedule = maybe(random, kind === 'momentum' ? 0.6 : 0.25) ? pick(random, SCHEDULES) : undefined;
  const drawnFilters = maybe(random, 0.3)
    ? [
        pick(
          random,
          FILTERS.filter((f) => intraday || f.kind !== 'time-of-day'),
        ),
      ]
    : [];
  // A filter on SPY's trend while SPY itself is traded is a filter on the traded price, drawn as such already.
  const filters = drawnFilters.filter((f) => !(f.kind === 'trend' && f.symbol && instruments.some((i) => i.symbol === f.symbol)));
  const startYear = 2015 + Math.floor(random() * 6);
  const traded: Instrument[] = universe
    ? []
    : structure
      ? [
          ...(structure.hold ? instruments : []),
          ...structure.legs.map((leg) => ({
            ...instruments[0]!,
            securityType: 'option' as const,
            option: { underlying: instruments[0]!.symbol, ...leg },
          })),
        ]
      : instruments;
  const request: StrategyRequest = {
    prompt: '',
    instruments: traded,
    ...(universe ? { universe: read(universe) } : {}),
    markets: [],
    bar: read(bar),
    ...(direction ? { direction: read(direction) } : {}),
    // "Hold 60% SPY and 40% TLT" is the buy-and-hold signal with weights, as a careful reader takes it.
    signals: [signal],
    ...(sizing ? { sizing: read(sizing) } : {}),
    risk,
    ...(schedule ? { schedule: read(schedule) } : {}),
    filters: filters.map(read),
    period: { start: read(`${startYear}-01-01`), end: read(`${startYear + 3}-12-31`) },
    cash: read(pick(random, [25000, 100000, 1000000])),
    problems: [],
    unread: [],
  };
  return maybeRegimes(random, request, { structure: structure !== undefined });
}

/**
 * About one request in ten of those a regime can pick rules for (one per-symbol rule on bars, no universe,
 * no option legs) becomes a regime selection: a second rule of another kind, each rule tied to one side of
 * a measure, the first rule's side drawn. A filter of the regime's own measure is left out.
 */
function maybeRegimes(random: () => number, request: StrategyRequest, drawn: { structure: boolean }): StrategyRequest {
  const first = request.signals[0]!;
  const several = request.instruments.length > 1;
  // A z-score of two instruments is a pair, momentum over several a rotation: neither is one symbol's rule.
  const fits = (kind: SignalKind) => REGIME_KINDS.includes(kind) && !(several && (kind === 'zscore' || kind === 'momentum'));
  if (!fits(first.kind) || request.universe || drawn.structure || first.params['top'] || first.params['skip'] || !maybe(random, 0.1))
    return request;
  const [kind, paramSets] = pick(
    random,
    SIGNALS.filter(([k]) => k !== first.kind && fits(k)),
  );
  const drawnParams = pick(random, paramSets);
  const params = kind === 'momentum' ? (drawnParams['period'] !== undefined ? { period: drawnParams['period'] } : {}) : drawnParams;
  const second: Signal = { kind, span: NOWHERE, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, read(v)])) };
  const measure = pick(random, REGIME_MEASURES);
  const side = pick(random, ['low', 'high'] as const);
  const other = side === 'low' ? 'high' : 'low';
  return {
    ...request,
    signals: [
      { ...first, regime: read({ ...measure, side }) },
      { ...second, regime: read({ ...measure, side: other }) },
    ],
    filters: request.filters.filter((f) => f.value.kind !== (measure.by === 'vix' ? 'vix' : 'volatility')),
  };
}

/** `count` requests from `seed`, the same on every run. */
export function enumerateRequests(seed: number, count: number): StrategyRequest[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => drawRequest(random));
}
