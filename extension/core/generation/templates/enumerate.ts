// A deterministic grid of specs per family (parameter grid × ticker sets × resolutions × risk overlays)
// for tests and for the training dataset. The full grid is large, so it is walked lazily and can be
// sampled evenly per family.
import { FAMILIES } from './registry';
import { normalizeSpec } from './spec';
import {
  RESOLUTIONS,
  type DateTriple,
  type FamilyId,
  type FamilyTemplate,
  type Resolution,
  type RiskSpec,
  type StrategySpec,
} from './types';

/** Risk overlay variants the grid walks: none, each overlay alone, and all of them together. */
export const RISK_VARIANTS: readonly RiskSpec[] = [
  {},
  { stopLossPct: 0.05 },
  { trailingStopPct: 0.1 },
  { positionSize: 0.5 },
  { maxDrawdownPct: 0.2 },
  { stopLossPct: 0.03, trailingStopPct: 0.08, positionSize: 0.25, maxDrawdownPct: 0.15 },
];

export interface EnumerateOptions {
  /** Families to walk, in FAMILIES order; all by default. */
  families?: readonly FamilyId[];
  resolutions?: readonly Resolution[];
  riskVariants?: readonly RiskSpec[];
  /** Replaces each family's own ticker sets; sets outside a family's ticker range are skipped for it. */
  tickerSets?: readonly (readonly string[])[];
  /**
   * At most this many specs per family, spread over its grid so every dimension varies. The whole
   * grid when absent.
   */
  maxPerFamily?: number;
  startDate?: DateTriple;
  endDate?: DateTriple;
  cash?: number;
}

export const DEFAULT_START: DateTriple = [2020, 1, 1];
export const DEFAULT_END: DateTriple = [2024, 12, 31];
export const DEFAULT_CASH = 100000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Every spec of the grid, deterministic, normalized, without duplicates; combinations that break a family rule are left out. */
export function* enumerateSpecs(options: EnumerateOptions = {}): Generator<StrategySpec> {
  const families = options.families ? FAMILIES.filter((f) => options.families!.includes(f.id)) : FAMILIES;
  const seen = new Set<string>();
  for (const family of families) {
    for (const spec of familyGrid(family, options)) {
      const key = JSON.stringify(spec);
      if (seen.has(key)) continue;
      seen.add(key);
      yield spec;
    }
  }
}

function* familyGrid(family: FamilyTemplate, options: EnumerateOptions): Generator<StrategySpec> {
  const tickerSets = (options.tickerSets ?? family.tickerSets).filter(
    (s) => s.length >= family.minTickers && s.length <= family.maxTickers,
  );
  const resolutions = options.resolutions ?? RESOLUTIONS;
  const risks = options.riskVariants ?? RISK_VARIANTS;
  // Mixed-radix digits, fastest first: risk, resolution, tickers, then each parameter.
  const radices = [risks.length, resolutions.length, tickerSets.length, ...family.params.map((p) => p.grid.length)];
  const total = radices.reduce((a, b) => a * b, 1);
  if (total === 0) return;
  const limit = Math.min(options.maxPerFamily ?? total, total);
  // A golden-ratio stride coprime with the size visits every index once and, unlike an even stride,
  // keeps every digit (so every dimension) varying even in a short prefix of the walk.
  let step = Math.max(1, Math.round(total * 0.6180339887));
  while (gcd(step, total) !== 1) step++;

  let produced = 0;
  for (let i = 0; i < total && produced < limit; i++) {
    let index = (i * step) % total;
    const digits = radices.map((radix) => {
      const digit = index % radix;
      index = Math.floor(index / radix);
      return digit;
    });
    const [r, res, t, ...p] = digits as [number, number, number, ...number[]];
    const params = Object.fromEntries(family.params.map((def, j) => [def.name, def.grid[p[j]!]!]));
    const tickers = [...tickerSets[t]!];
    if (family.conflicts(params, tickers).length) continue;
    produced++;
    yield normalizeSpec({
      family: family.id,
      tickers,
      resolution: resolutions[res]!,
      startDate: options.startDate ?? DEFAULT_START,
      endDate: options.endDate ?? DEFAULT_END,
      cash: options.cash ?? DEFAULT_CASH,
      params,
      risk: { ...risks[r]! },
    });
  }
}
