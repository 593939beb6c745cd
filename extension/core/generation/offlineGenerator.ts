// The generator that needs no model: read the prompt into a request, then compose the code from the
// request's parts (compose/), or, for what the composer does not write yet (rotations, pairs, alpha
// formulas, universes), plan the template spec that does the most of it. What the code does not do of
// the request is listed in `unfulfilled`, and a request whose core it cannot write at all (options, a
// signal neither has, something impossible in LEAN) is declined with OfflineDeclinedError instead of
// substituted.
import { readRequest } from '../request/readRequest';
import type { StrategyRequest } from '../request/types';
import { unreadParts } from '../request/unreadFields';
import { planCompose } from './compose/planCompose';
import { renderComposed } from './compose/renderComposed';
import type { ComposePlan } from './compose/composeTypes';
import { offlineCoverage, problemGaps, withUnfulfilled } from './offlineCoverage';
import { LONG_SHORT_FAMILIES, NEEDS_MODEL, planFromRequest, type Gap } from './specFromRequest';
import { normalizeSpec, renderStrategy, toClassName, type StrategySpec } from './templates';

export interface OfflineGeneration {
  code: string;
  /** The template spec the code was rendered from, normalized; absent when the code was composed. */
  spec?: StrategySpec;
  /** The compose plan the code was rendered from; absent when a template wrote it. */
  plan?: ComposePlan;
  /** What wrote the code: `composer:<signal>` or `template:<family>`. */
  writer: string;
  /** The algorithm class's name in the code. */
  className: string;
  /** What the reader assumed or adjusted; shown to the user next to the code. */
  notes: string[];
  /** The request as read from the prompt. */
  request: StrategyRequest;
  /** One sentence for each part of the request the code does not do; empty when it does all it read. */
  unfulfilled: string[];
  /** The same sentences with the request field each is about. */
  gaps: Gap[];
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
  const composed = planCompose(request);
  if (composed) {
    const gaps = [...problemGaps(request), ...composed.gaps, ...notUnderstood(request)];
    const unfulfilled = gaps.map((g) => g.sentence);
    if (composed.kind === 'decline') throw new OfflineDeclinedError(`${composed.reason} ${NEEDS_MODEL}`, request, unfulfilled);
    const plan = options.className === undefined ? composed.plan : { ...composed.plan, className: toClassName(options.className) };
    return {
      code: withUnfulfilled(renderComposed(plan), unfulfilled),
      plan,
      writer: `composer:${plan.signal.kind}`,
      className: plan.className,
      notes: composed.notes,
      request,
      unfulfilled,
      gaps,
    };
  }
  const plan = planFromRequest(request, prompt);
  const spec = options.className === undefined ? plan.spec : normalizeSpec({ ...plan.spec, className: options.className });
  const coverage = offlineCoverage(request, {
    tickers: spec.tickers,
    resolution: spec.resolution,
    direction: LONG_SHORT_FAMILIES.has(spec.family) ? 'both' : 'long',
  });
  const gaps = [...coverage.gaps, ...plan.gaps, ...notUnderstood(request)];
  const unfulfilled = gaps.map((g) => g.sentence);
  const decline = coverage.decline ?? plan.decline ?? shortOnlyDecline(request, spec);
  if (decline) throw new OfflineDeclinedError(decline, request, unfulfilled);
  return {
    code: withUnfulfilled(renderStrategy(spec), unfulfilled),
    spec,
    writer: `template:${spec.family}`,
    className: spec.className!,
    notes: plan.notes,
    request,
    unfulfilled,
    gaps,
  };
}

/** One gap quoting the parts of the prompt no reader placed that look like part of the strategy (numbers, trading words). */
function notUnderstood(request: StrategyRequest): Gap[] {
  const parts = unreadParts(request.prompt, request.unread, request.signals.length > 0);
  if (parts.length === 0) return [];
  const fields = [...new Set(parts.flatMap((p) => p.fields))];
  const quoted = parts.map((p) => `"${p.text.length > 60 ? `${p.text.slice(0, 59)}…` : p.text}"`).join(', ');
  return [{ field: fields[0]!, also: fields.slice(1), sentence: `Not understood, so not done: ${quoted}.` }];
}

/** A short-only request written by a long-only template would trade the opposite of what was asked: declined. */
function shortOnlyDecline(request: StrategyRequest, spec: StrategySpec): string | undefined {
  if (request.direction?.value !== 'short' || LONG_SHORT_FAMILIES.has(spec.family)) return undefined;
  const words = request.prompt.slice(request.direction.span.start, request.direction.span.end);
  return `The offline generator cannot write a short-only strategy ("${words}"): its ${spec.family} template buys and sells only. ${NEEDS_MODEL}`;
}
