// The strategy request: everything a plain-language prompt can ask for, as one typed, JSON-serialisable
// value. Editor-agnostic. Every field that was read records the span of the prompt it came from, so a
// check of generated code against the request (and a note to the user) can quote the user's own words;
// what no field explains is kept in `unread`, never dropped.
import type { SecurityType } from './symbols';

/** Character offsets into the prompt as the user wrote it: `prompt.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** A value read from the prompt, with where it was read. */
export interface Read<T> {
  value: T;
  span: Span;
}

export interface FutureContract {
  /** The root LEAN trades (`ES`, `CL`). */
  root: string;
  /** How the continuous contract rolls, when the prompt says (LEAN's DataMappingMode). */
  mapping?: Read<'last-trading-day' | 'first-day-month' | 'open-interest' | 'open-interest-annual'>;
  /** Which contract in expiry order is traded: 0 the front month. */
  depth?: Read<number>;
}

export interface OptionContract {
  underlying: string;
  right?: Read<'call' | 'put'>;
  /** Whether the contracts are bought or sold ("sell 30-delta puts", "covered call": sold; "protective put": bought). */
  side?: Read<'buy' | 'sell'>;
  /** Absolute delta, 0 to 1 ("30-delta" is 0.3). */
  delta?: Read<number>;
  daysToExpiry?: Read<number>;
  moneyness?: Read<'atm' | 'otm' | 'itm'>;
  /** How far out of or in the money, as a fraction of the price ("10% otm" is 0.1). */
  distance?: Read<number>;
}

export interface Instrument {
  symbol: string;
  securityType: SecurityType;
  /** LEAN's market id; `marketStated` says whether the prompt named it or LEAN's default was taken. */
  market: string;
  marketStated: boolean;
  span: Span;
  /** LEAN's description of the symbol, where it has one (futures: "E-mini S&P 500 Futures"). */
  description?: string;
  future?: FutureContract;
  option?: OptionContract;
}

/** Something the prompt asked that the reader could not turn into a field: said to the user, never guessed. */
export interface RequestProblem {
  kind: 'unknown-ticker' | 'unknown-market' | 'not-listed' | 'contradiction' | 'empty' | 'too-long' | 'not-english';
  message: string;
  span?: Span;
  /** A likely meant value ("AAPL" for "appl"). */
  suggestion?: string;
  /** The request field the problem is about, where it is not the instruments. */
  field?: RequestField;
}

export type BarUnit = 'second' | 'minute' | 'hour' | 'day' | 'week';

/** A bar of `size` units: LEAN has 1 second, minute, hour and day natively; others are consolidated. */
export interface BarSize {
  size: number;
  unit: BarUnit;
}

export type Direction = 'long' | 'short' | 'both';

/**
 * The signal families a rule can use. Crossovers trade the cross of a fast and a slow average; the
 * others trade a level or band of one indicator, a ranking, a spread, or the calendar.
 */
export type SignalKind =
  | 'sma-crossover'
  | 'ema-crossover'
  | 'rsi'
  | 'bollinger'
  | 'macd'
  | 'donchian'
  | 'keltner'
  | 'zscore'
  | 'momentum'
  | 'pairs'
  | 'vwap'
  | 'gap'
  | 'calendar'
  | 'alpha-formula'
  | 'buy-and-hold';

/**
 * One signal of the entry and exit rules, with its numbers by name. The names per kind (any may be
 * absent when the prompt does not state it):
 * - sma-crossover, ema-crossover: `fast`, `slow` (bars)
 * - rsi: `period`; `lower` (the oversold level, bought below or shorted back), `upper` (the overbought level)
 * - bollinger: `period`, `std` (band width in standard deviations)
 * - macd: `fast`, `slow`, `signal`
 * - donchian: `period` (the entry channel), `exit` (the exit channel)
 * - keltner: `period`, `multiplier` (ATR multiple)
 * - zscore, pairs: `period` (lookback), `entry`, `exit` (z-score levels, absolute)
 * - momentum: `period` (lookback), `top` (how many held), `skip` (most recent bars skipped)
 * - gap: `threshold` (fraction, 0.02 = 2%)
 * - vwap: `threshold` (fraction away from VWAP)
 * Thresholds are in the indicator's own units (RSI 0-100, z-scores, standard deviations); percents are fractions.
 */
export interface Signal {
  kind: SignalKind;
  span: Span;
  params: Record<string, Read<number>>;
  /** A gap rule: which gaps it trades (up, down; both when absent) and whether it fades or follows them. */
  gap?: { side?: Read<'up' | 'down'>; mode?: Read<'fade' | 'follow'> };
  /** An alpha formula as written ("-1 * correlation(rank(open), rank(volume), 10)"); absent when only its name was read. */
  formula?: string;
  /** An alpha formula's book where the prompt states it: how many names it holds long (the top) and short (the bottom). */
  book?: { top?: Read<number>; bottom?: Read<number> };
  /** A calendar rule's window, where the prompt states one the composer knows (see CalendarRule). */
  calendar?: CalendarRule;
  /** The market regime this rule trades in, where the prompt picks its rule by regime (see Regime). */
  regime?: Read<Regime>;
}

/**
 * The market regime a rule trades in, where the prompt picks one rule for a calm market and another for
 * a volatile one ("RSI mean reversion when volatility is low and a Donchian breakout when it is high",
 * "when VIX is above 25 use RSI, otherwise an EMA crossover"): two signals of the request then hold one
 * each, one on each side. `by` names what measures the regime:
 * - volatility: the standard deviation of daily returns over `period` days (20 when absent) against its
 *   own average over the past `window` days (252, a year, when absent), or its median where `baseline`
 *   says so; `side` low is calm (below it), high volatile (above it)
 * - vix: the VIX against `level`: `side` high is above it, low below it
 * A regime read from "otherwise" or "when it is high" holds the other regime's measure and numbers.
 */
export interface Regime {
  by: 'volatility' | 'vix';
  side: 'low' | 'high';
  period?: number;
  window?: number;
  baseline?: 'average' | 'median';
  level?: number;
}

/** The calendar effects whose windows a request can hold. */
export type CalendarEffect = 'turn-of-month' | 'day-of-week' | 'month-of-year';

/**
 * When a calendar rule holds its position, as far as the prompt states it (absent parts are left to the
 * composer's defaults). The position opens at `entryAt` (the session's open or close) of the entry day
 * and closes at `exitAt` of the exit day:
 * - turn-of-month: `entryDay` and `exitDay` are trading days of the month, counted from its start (1 the
 *   first) or, negative, from its end (-1 the last trading day; "2 trading days before month end" is -3).
 *   An exit day after a negative entry day is in the next month. `month` (1-12) limits the rule to the
 *   window opening in that month ("the last 5 trading days of December and the first 2 of January").
 * - day-of-week: `entryWeekday` and `exitWeekday` ("Monday's open to Friday's close"; "Mondays only" is
 *   Monday to Monday).
 * - month-of-year: held from the first trading day of `fromMonth` to the last of `toMonth`, 1-12
 *   ("November through April" is 11 to 4).
 */
export interface CalendarRule {
  effect: Read<CalendarEffect>;
  entryDay?: Read<number>;
  exitDay?: Read<number>;
  month?: Read<number>;
  entryWeekday?: Read<Weekday>;
  exitWeekday?: Read<Weekday>;
  fromMonth?: Read<number>;
  toMonth?: Read<number>;
  entryAt?: Read<'open' | 'close'>;
  exitAt?: Read<'open' | 'close'>;
}

/** A distance from the entry price: a fraction (0.05 = 5%, bps converted), an ATR or standard-deviation multiple, pips or dollars. */
export interface Distance {
  amount: number;
  unit: 'fraction' | 'atr' | 'std' | 'pips' | 'usd';
}

export interface RiskRequest {
  stopLoss?: Read<Distance>;
  trailingStop?: Read<Distance>;
  takeProfit?: Read<Distance>;
  /** Close a position after this long: "exit after 5 days", "hold for 10 bars". */
  timeExit?: Read<{ count: number; unit: BarUnit | 'bar' }>;
  /** Stop trading once equity is this fraction below its peak. */
  maxDrawdown?: Read<number>;
  /** Flat by this exchange time of day, "HH:MM" 24-hour ("flat by 15:55", "close all positions at 3:55pm"). */
  flatBy?: Read<string>;
}

/**
 * How positions are sized:
 * - equal-weight: the same share of the portfolio for each holding
 * - fixed-fraction: `fraction` of the portfolio per position ("10% per position")
 * - weights: fixed weights per symbol, fractions summing to about 1 ("60/40 SPY/TLT")
 * - risk-per-trade: risk `fraction` of equity per trade, sized from the stop distance or from `atrMultiple` × ATR
 * - volatility-target: scale to `target` annualised volatility (fraction)
 */
export type Sizing =
  | { kind: 'equal-weight' }
  | { kind: 'fixed-fraction'; fraction: number }
  | { kind: 'weights'; weights: Record<string, number> }
  | { kind: 'risk-per-trade'; fraction: number; from: 'stop' | 'atr'; atrMultiple?: number }
  | { kind: 'volatility-target'; target: number };

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';

/**
 * When the strategy trades or rebalances: every day, week (on `weekday` when stated), month or quarter,
 * `at` its start or end when stated, at `time` ("HH:MM" exchange time) when stated.
 */
export interface Schedule {
  every: 'day' | 'week' | 'month' | 'quarter' | 'year';
  weekday?: Weekday;
  at?: 'start' | 'end';
  time?: string;
}

/**
 * A universe beyond the named instruments:
 * - etf-constituents: the holdings of `etf` ("the S&P 500 constituents" → SPY), optionally the `count` best by `by`
 * - fundamental: the `count` US equities best by `by` ("top 50 by dollar volume"), with an optional minimum price
 */
export type Universe =
  | { kind: 'etf-constituents'; etf: string; count?: number; by?: UniverseRank }
  | { kind: 'fundamental'; count: number; by: UniverseRank; minPrice?: number };

export type UniverseRank = 'dollar-volume' | 'volume' | 'market-cap' | 'momentum' | 'pe-ratio' | 'dividend-yield';

/**
 * A condition that gates the rules:
 * - trend: trade only when `symbol` (the traded one when absent) is above (`side` above) its `period`-bar average
 * - vix: trade only when the VIX is below `below` and/or above `above`
 * - volatility: trade only in a calm (`regime` low) or volatile (`regime` high) market, measured over `period` bars
 * - time-of-day: trade only between `after` and `before` ("HH:MM" exchange time)
 */
export type Filter =
  | { kind: 'trend'; period: number; average: 'sma' | 'ema'; side: 'above' | 'below'; symbol?: string }
  | { kind: 'vix'; below?: number; above?: number }
  | { kind: 'volatility'; regime: 'low' | 'high'; period?: number }
  | { kind: 'time-of-day'; after?: string; before?: string };

export interface StrategyRequest {
  prompt: string;
  instruments: Instrument[];
  /** Markets named without an instrument they apply to ("on Coinbase" with no pair) are kept here too. */
  markets: Read<string>[];
  bar?: Read<BarSize>;
  direction?: Read<Direction>;
  /** Entry and exit signals in the order the prompt names them. */
  signals: Signal[];
  sizing?: Read<Sizing>;
  risk: RiskRequest;
  schedule?: Read<Schedule>;
  universe?: Read<Universe>;
  filters: Read<Filter>[];
  /** The backtest period, ISO dates ("2020-01-01"). */
  period: { start?: Read<string>; end?: Read<string> };
  /** Starting cash in the account currency. */
  cash?: Read<number>;
  problems: RequestProblem[];
  /** The parts of the prompt no field explains. */
  unread: Span[];
}

/**
 * The parts of a request that a check or a disclosure is about: what the code does not do
 * (`unfulfilled`), and where generated code differs from the request (`request-mismatch`).
 */
export type RequestField =
  | 'instruments'
  | 'types'
  | 'markets'
  | 'numbers'
  | 'direction'
  | 'rules'
  | 'bar'
  | 'schedule'
  | 'sizing'
  | 'risk'
  | 'universe'
  | 'filters'
  | 'period'
  | 'cash';
