// The ordered list of strategy families. The order is part of the contract: the prompt reader breaks
// ties by it and `enumerateSpecs` walks families in it.
import { alphaFactor } from './alphaFactor';
import { bollingerReversion } from './bollingerReversion';
import { donchianBreakout } from './donchianBreakout';
import { SpecError } from './errors';
import { emaCrossover, smaCrossover } from './maCrossover';
import { macdMomentum } from './macdMomentum';
import { momentumRotation } from './momentumRotation';
import { pairsTrading } from './pairsTrading';
import { rsiMeanReversion } from './rsiMeanReversion';
import type { FamilyId, FamilyTemplate } from './types';

export const FAMILIES: readonly FamilyTemplate[] = [
  smaCrossover,
  emaCrossover,
  rsiMeanReversion,
  bollingerReversion,
  macdMomentum,
  donchianBreakout,
  pairsTrading,
  momentumRotation,
  alphaFactor,
];

const BY_ID = new Map<string, FamilyTemplate>(FAMILIES.map((family) => [family.id, family]));

/** The family with this id, or undefined: for ids from outside (a CLI flag, a model's answer). */
export function findFamily(id: string): FamilyTemplate | undefined {
  return BY_ID.get(id);
}

/** The family with this id; throws SpecError, naming the known ids, for an unknown one. */
export function familyById(id: FamilyId): FamilyTemplate {
  const family = BY_ID.get(id);
  if (!family) throw new SpecError(`Unknown strategy family "${String(id)}". Known families: ${FAMILIES.map((f) => f.id).join(', ')}.`);
  return family;
}
