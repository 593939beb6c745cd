// The generator that needs no model: read the prompt into a spec, render the family's template. It
// answers with a runnable algorithm when the template library can write what was asked; what the code
// does not do of the request is listed in `unfulfilled`, and a request whose core it cannot write at
// all (crypto, forex, futures, options) is declined with OfflineDeclinedError instead of substituted.
import { readRequest } from '../request/readRequest';
import type { StrategyRequest } from '../request/types';
import { offlineCoverage, withUnfulfilled } from './offlineCoverage';
import { readPrompt } from './promptReader';
import { normalizeSpec, renderStrategy, type StrategySpec } from './templates';

/** The families whose code holds short positions too (the rest buy and sell only). */
const LONG_SHORT_FAMILIES: ReadonlySet<string> = new Set(['pairs-trading', 'alpha-factor']);

export interface OfflineGeneration {
  code: string;
  /** The spec the code was rendered from, normalized: every parameter and the class name filled in. */
  spec: StrategySpec;
  /** What the reader assumed or adjusted; shown to the user next to the code. */
  notes: string[];
  /** The request as read from the prompt. */
  request: StrategyRequest;
  /** One sentence for each part of the request the code does not do; empty when it does all it read. */
  unfulfilled: string[];
}

/**
 * The offline generator cannot write the strategy: nothing is written. Recognised by its name, since
 * the CLI and the extension load the generation code as separate bundles.
 */
export class OfflineDeclinedError extends Error {
  override name = 'OfflineDeclinedError';
  constructor(
    message: string,
    readonly request: StrategyRequest,
    readonly unfulfilled: string[],
  ) {
    super(message);
  }
}

export function isOfflineDeclined(error: unknown): error is OfflineDeclinedError {
  return error instanceof Error && error.name === 'OfflineDeclinedError';
}

/** Python source for `prompt`; `className` names the algorithm class (made PascalCase), else the family's name. */
export function generateOffline(prompt: string, options: { className?: string } = {}): OfflineGeneration {
  const request = readRequest(prompt);
  const refusal = request.problems.find((p) => p.kind === 'empty' || p.kind === 'too-long' || p.kind === 'not-english');
  if (refusal) throw new OfflineDeclinedError(refusal.message, request, [refusal.message]);
  const reading = readPrompt(prompt);
  const spec = normalizeSpec(options.className === undefined ? reading.spec : { ...reading.spec, className: options.className });
  const coverage = offlineCoverage(request, {
    tickers: spec.tickers,
    resolution: spec.resolution,
    direction: LONG_SHORT_FAMILIES.has(spec.family) ? 'both' : 'long',
  });
  if (coverage.decline) throw new OfflineDeclinedError(coverage.decline, request, coverage.unfulfilled);
  return {
    code: withUnfulfilled(renderStrategy(spec), coverage.unfulfilled),
    spec,
    notes: reading.notes,
    request,
    unfulfilled: coverage.unfulfilled,
  };
}
