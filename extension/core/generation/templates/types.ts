// The data model of the template library: a strategy spec (what to build) and a family template (how
// to build one kind of strategy). Everything here is plain data so specs can be enumerated, serialised
// into a training set, and produced by the prompt reader or a model alike.

export type FamilyId =
  | 'sma-crossover'
  | 'ema-crossover'
  | 'rsi-mean-reversion'
  | 'bollinger-reversion'
  | 'macd-momentum'
  | 'donchian-breakout'
  | 'pairs-trading'
  | 'momentum-rotation'
  | 'alpha-factor';

export type Resolution = 'MINUTE' | 'HOUR' | 'DAILY';
export const RESOLUTIONS: readonly Resolution[] = ['MINUTE', 'HOUR', 'DAILY'];

/** Calendar date as `[year, month, day]`, month and day 1-based. */
export type DateTriple = [year: number, month: number, day: number];

/** Risk overlays; every one is optional and any combination works with any family. Fractions, not percents. */
export interface RiskSpec {
  /** Close a position when it has lost this fraction of its entry value (0.05 = 5%). */
  stopLossPct?: number;
  /** Close a position when price falls this fraction below its best price since entry. */
  trailingStopPct?: number;
  /** Fraction of portfolio value each position gets; replaces the family's own sizing. */
  positionSize?: number;
  /** Liquidate and stop trading for the rest of the backtest once equity is this fraction below its peak. */
  maxDrawdownPct?: number;
}

export interface StrategySpec {
  family: FamilyId;
  tickers: string[];
  resolution: Resolution;
  startDate: DateTriple;
  endDate: DateTriple;
  cash: number;
  /** Family parameters by name; missing ones take the family default, out-of-range ones are clamped. */
  params: Record<string, number>;
  risk: RiskSpec;
  /** Name of the generated algorithm class; defaults to the family's. Made PascalCase when rendered. */
  className?: string;
}

export interface ParamDef {
  name: string;
  description: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  /** Values `enumerateSpecs` walks through, each within [min, max]. */
  grid: readonly number[];
  /** For choice parameters, what each value means (`0` → `monthly`). */
  choices?: Readonly<Record<number, string>>;
}

export interface FamilyTemplate {
  id: FamilyId;
  title: string;
  description: string;
  /** Default class name of the generated algorithm (PascalCase). */
  className: string;
  /** Terms that name this family outright ("rsi", "bollinger"); the prompt reader weighs them heavily. */
  keywords: readonly string[];
  /** Terms that point to this family but also to others ("mean reversion", "momentum"). */
  hints: readonly string[];
  minTickers: number;
  maxTickers: number;
  defaultTickers: readonly string[];
  /** Ticker lists `enumerateSpecs` walks through, each within [minTickers, maxTickers]. */
  tickerSets: readonly (readonly string[])[];
  params: readonly ParamDef[];
  defaults: Readonly<Record<string, number>>;
  /** Rules between parameters (fast < slow) or with the tickers; one message per broken rule. */
  conflicts(params: Readonly<Record<string, number>>, tickers: readonly string[]): string[];
  /** Python source of the algorithm. Expects a spec that `normalizeSpec` has already checked. */
  render(spec: StrategySpec): string;
}

export function defaultsOf(params: readonly ParamDef[]): Record<string, number> {
  return Object.fromEntries(params.map((p) => [p.name, p.default]));
}

/** A family parameter of a spec that `normalizeSpec` has filled in. */
export function paramOf(spec: StrategySpec, name: string): number {
  const value = spec.params[name];
  if (value === undefined) throw new Error(`Parameter "${name}" is missing from the ${spec.family} spec; normalize the spec first.`);
  return value;
}

export function intParam(name: string, description: string, value: number, min: number, max: number, grid: readonly number[]): ParamDef {
  return { name, description, default: value, min, max, integer: true, grid };
}

export function floatParam(name: string, description: string, value: number, min: number, max: number, grid: readonly number[]): ParamDef {
  return { name, description, default: value, min, max, integer: false, grid };
}

export function choiceParam(name: string, description: string, value: number, choices: readonly string[]): ParamDef {
  const values = choices.map((_, i) => i);
  return {
    name,
    description,
    default: value,
    min: 0,
    max: choices.length - 1,
    integer: true,
    grid: values,
    choices: Object.fromEntries(choices.map((label, i) => [i, label])),
  };
}

/** "day", "hour" or "minute": what one bar of the resolution spans, for prose. */
export function barUnit(resolution: Resolution): string {
  return { MINUTE: 'minute', HOUR: 'hour', DAILY: 'day' }[resolution];
}
