// The template library: a parameterized LEAN algorithm for each strategy family that renders without
// any model, so generation always has a runnable answer and the dataset has ground truth.
import { DEFAULT_CASH, DEFAULT_END, DEFAULT_START } from './enumerate';
import { familyById } from './registry';
import { normalizeSpec } from './spec';
import type { FamilyId, StrategySpec } from './types';

export { FAMILIES, familyById, findFamily } from './registry';
export { SpecError } from './errors';
export { enumerateSpecs, RISK_VARIANTS, DEFAULT_CASH, DEFAULT_END, DEFAULT_START, type EnumerateOptions } from './enumerate';
export { normalizeSpec, normalizeTicker, toClassName } from './spec';
export {
  RESOLUTIONS,
  type DateTriple,
  type FamilyId,
  type FamilyTemplate,
  type ParamDef,
  type Resolution,
  type RiskSpec,
  type StrategySpec,
} from './types';

/** Python source of the algorithm the spec describes. Throws SpecError when the spec is impossible. */
export function renderStrategy(spec: StrategySpec): string {
  const normalized = normalizeSpec(spec);
  return familyById(normalized.family).render(normalized);
}

/** The family with its default tickers, parameters and backtest settings, and no risk overlay. */
export function defaultSpec(familyId: FamilyId): StrategySpec {
  const family = familyById(familyId);
  return normalizeSpec({
    family: family.id,
    tickers: [...family.defaultTickers],
    resolution: 'DAILY',
    startDate: [...DEFAULT_START],
    endDate: [...DEFAULT_END],
    cash: DEFAULT_CASH,
    params: { ...family.defaults },
    risk: {},
  });
}
