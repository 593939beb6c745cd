// The data model of the composing renderer: a plan (what to write, every default filled in and every
// choice made) and the blocks that write one part each. The plan is plain data, so plans can be listed
// for the training set; the blocks turn it into Python lines. Editor-agnostic.
import type { BarSize, Direction, Distance, Filter, Schedule, SignalKind, Sizing, Universe, Weekday } from '../../request/types';
import type { SecurityType } from '../../request/symbols';
import type { DateTriple } from '../templates/types';

/** LEAN's native resolutions a subscription can use. */
export type NativeResolution = 'SECOND' | 'MINUTE' | 'HOUR' | 'DAILY';

/** A traded instrument as the code adds it. */
export interface PlannedInstrument {
  symbol: string;
  type: Exclude<SecurityType, 'option'>;
  /** LEAN's market id (`coinbase`, `cme`, `usa`). */
  market: string;
  /** Continuous futures: how the contract rolls and which contract in expiry order is traded. */
  future?: { mapping: 'LAST_TRADING_DAY' | 'FIRST_DAY_MONTH' | 'OPEN_INTEREST' | 'OPEN_INTEREST_ANNUAL'; depth: number };
}

/** The bars the rules read: a native resolution, or bars consolidated from one. */
export interface PlannedBar {
  size: BarSize;
  /** The subscription's resolution: the bar's own when LEAN has it, else the one its bars are built from. */
  resolution: NativeResolution;
  /** Set when the bar is built by a consolidator from `resolution` data. */
  consolidated: boolean;
}

/** A signal with every number it needs, the stated ones and the defaults. */
export interface PlannedSignal {
  kind: PerSymbolKind | PortfolioKind;
  params: Record<string, number>;
  /** A gap rule fades gaps (bets they fill) or follows them. */
  gapMode?: 'fade' | 'follow';
  /** A calendar rule's window, every part decided. */
  calendar?: PlannedCalendar;
  /** An alpha formula as the prompt wrote it; it parses (alphaFormula.ts). */
  formula?: string;
}

/**
 * A calendar rule's window (see CalendarRule in request/types.ts): the position opens at `entryAt` of the
 * entry day and closes at `exitAt` of the exit day, both at the session's open or close.
 * - turn-of-month: trading days of the month, 1 the first, -1 the last; `month` limits it to the window opening that month
 * - day-of-week: the weekdays
 * - month-of-year: from the first trading day of `fromMonth` to the last of `toMonth`
 */
export type PlannedCalendar = { entryAt: 'open' | 'close'; exitAt: 'open' | 'close' } & (
  | { effect: 'turn-of-month'; entryDay: number; exitDay: number; month?: number }
  | { effect: 'day-of-week'; entryWeekday: Weekday; exitWeekday: Weekday }
  | { effect: 'month-of-year'; fromMonth: number; toMonth: number }
);

/**
 * Signals each symbol trades on its own: every signal kind but those of a pair and alpha formulas. A
 * calendar rule trades on scheduled events rather than on bars.
 */
export type PerSymbolKind = Exclude<SignalKind, 'pairs' | 'alpha-formula'>;

/** Signals that set the whole portfolio's weights at each rebalance. */
export type PortfolioKind = 'rotation' | 'pairs' | 'alpha-formula';

export interface PlannedRisk {
  stopLoss?: Distance;
  trailingStop?: Distance;
  takeProfit?: Distance;
  timeExit?: { count: number; unit: BarSize['unit'] | 'bar' };
  maxDrawdown?: number;
  /** "HH:MM" exchange time. */
  flatBy?: string;
}

/** A filter as planned: a trend filter with `daily` averages daily closes whatever bars the rules read. */
export type PlannedFilter = Filter | (Extract<Filter, { kind: 'trend' }> & { daily: true });

/** One option leg: which right, bought or sold, and how its contract is picked. */
export interface OptionLeg {
  right: 'call' | 'put';
  side: 'buy' | 'sell';
  daysToExpiry: number;
  /** Absolute delta to pick by; else the strike at the moneyness. */
  delta?: number;
  moneyness?: 'atm' | 'otm' | 'itm';
  /** How far out of or in the money, as a fraction of the price (0.1 = 10%). */
  distance?: number;
}

/** Options on one underlying: its legs, and whether the structure holds the shares too (covered call, protective put, collar). */
export interface PlannedOptions {
  underlying: PlannedInstrument;
  holdUnderlying: boolean;
  legs: OptionLeg[];
}

/**
 * What measures the market's regime (see Regime in request/types.ts): the standard deviation of daily
 * returns over `period` days against its average or median over the past `window` days, or the VIX
 * against `level`.
 */
export type PlannedMeasure =
  { by: 'volatility'; period: number; window: number; baseline: 'average' | 'median' } | { by: 'vix'; level: number };

/**
 * Regime selection: `calm` is the rule traded while the market is calm (volatility below its baseline,
 * the VIX below the level), `volatile` the rule traded otherwise. Both rules read every bar; the regime
 * picks the one that trades, and a position is flattened when the regime changes, so the rule that opened
 * it is always the one that closes it. `first` is the regime the prompt named first, the one the code's
 * test is written for (`volatile = vix > 25`).
 */
export interface PlannedRegimes {
  measure: PlannedMeasure;
  calm: PlannedSignal;
  volatile: PlannedSignal;
  first: 'calm' | 'volatile';
}

export interface ComposePlan {
  className: string;
  /** One line on what the strategy is, for the docstring's summary. */
  title: string;
  /** The fixed instruments; empty when a universe chooses them. */
  instruments: PlannedInstrument[];
  /** LEAN's universe selection choosing the US equities traded. */
  universe?: Universe;
  /** Option legs on the first instrument, which is their underlying. */
  options?: PlannedOptions;
  bar: PlannedBar;
  direction: Direction;
  /** The rule; with regimes, the rule of the regime the prompt named first. */
  signal: PlannedSignal;
  /** A rule for a calm market and another for a volatile one, where the prompt picks its rule by regime. */
  regimes?: PlannedRegimes;
  /** Undefined: an equal share for each traded instrument. */
  sizing?: Sizing;
  risk: PlannedRisk;
  /** When the rules are evaluated; undefined: on every bar (per-symbol signals) or once (fixed weights). */
  schedule?: Schedule;
  filters: PlannedFilter[];
  /** The instruments a filter compares against (the SPY of "while SPY is above its 200-day SMA"), by symbol. */
  references?: Record<string, PlannedInstrument>;
  start: DateTriple;
  end: DateTriple;
  cash: number;
}
