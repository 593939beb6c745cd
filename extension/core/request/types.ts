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
  /** Absolute delta, 0 to 1 ("30-delta" is 0.3). */
  delta?: Read<number>;
  daysToExpiry?: Read<number>;
  moneyness?: Read<'atm' | 'otm' | 'itm'>;
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
}

export type BarUnit = 'second' | 'minute' | 'hour' | 'day' | 'week';

/** A bar of `size` units: LEAN has 1 second, minute, hour and day natively; others are consolidated. */
export interface BarSize {
  size: number;
  unit: BarUnit;
}

export type Direction = 'long' | 'short' | 'both';

export interface StrategyRequest {
  prompt: string;
  instruments: Instrument[];
  /** Markets named without an instrument they apply to ("on Coinbase" with no pair) are kept here too. */
  markets: Read<string>[];
  bar?: Read<BarSize>;
  direction?: Read<Direction>;
  problems: RequestProblem[];
  /** The parts of the prompt no field explains. */
  unread: Span[];
}
