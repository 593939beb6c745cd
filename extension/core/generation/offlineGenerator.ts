// The generator that needs no model: read the prompt into a spec, render the family's template. It
// always answers with a runnable algorithm, so generation has a result when every endpoint is down.
import { readPrompt } from './promptReader';
import { normalizeSpec, renderStrategy, type StrategySpec } from './templates';

export interface OfflineGeneration {
  code: string;
  /** The spec the code was rendered from, normalized: every parameter and the class name filled in. */
  spec: StrategySpec;
  /** What the reader assumed or adjusted; shown to the user next to the code. */
  notes: string[];
}

/** Python source for `prompt`; `className` names the algorithm class (made PascalCase), else the family's name. */
export function generateOffline(prompt: string, options: { className?: string } = {}): OfflineGeneration {
  const reading = readPrompt(prompt);
  const spec = normalizeSpec(options.className === undefined ? reading.spec : { ...reading.spec, className: options.className });
  return { code: renderStrategy(spec), spec, notes: reading.notes };
}
