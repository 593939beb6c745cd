// Evaluates a model on held-out prompts through the product's own generation path: the same prompt
// building, model chain, code extraction, validator and repair loop as Generate Strategy and
// `lean-author generate` (generateStrategy, with no offline fallback), plus an optional backtest runner.
// Editor-agnostic: the CLI (`lean-author eval`) and the generation-quality script call it; the caller
// starts servers, loads the validator and brings the backtest runner.
import type { StrategyRequest } from '../request/types';
import type { LeanApiIndex } from '../validation/api/apiIndex';
import type { LeanDiagnostic } from '../diagnostic';
import { isCancelled, throwIfCancelled } from '../cancellation';
import { generateStrategy } from '../generation/generate';
import { StreamInterruptedError, type ModelEndpoint } from '../generation/modelChain';
import { buildMessages } from '../generation/prompting';
import type { GenerationEvent } from '../generation/repairLoop';
import type { EvalPrompt } from './evalPrompts';
import {
  failedStages,
  measuredStages,
  roundStages,
  summarize,
  withBacktest,
  type AnswerStages,
  type BacktestOutcome,
  type EvalSummary,
  type Stage,
} from './stages';

/** Runs the backtest of `code` as a project called `name`; resolves with the outcome, rejects on setup problems. */
export type Backtester = (code: string, name: string, prompt: EvalPrompt, signal?: AbortSignal) => Promise<BacktestOutcome>;

export interface EvaluationOptions {
  prompts: EvalPrompt[];
  /** The chain, in order (the managed local server first when there is one). */
  endpoints: ModelEndpoint[];
  /** Worked examples in the prompt (0 for the zero-example prompt the dataset trains on). */
  examples: number;
  repairRounds: number;
  maxTokens: number;
  temperature: number;
  firstTokenTimeoutMs: number;
  index: LeanApiIndex;
  /** The validator; given the prompt's request, it also checks the code against it (the "matches the request" stage). */
  validate: (code: string, request?: StrategyRequest) => LeanDiagnostic[];
  /** With a backtest runner, code that is clean and matches its request is backtested and the last two stages are measured. */
  backtest?: Backtester | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: EvalProgress) => void) | undefined;
  /** The repair loop's own events (attempts, fail-overs, streamed text, rounds). */
  onGeneration?: ((event: GenerationEvent, index: number) => void) | undefined;
}

export type EvalProgress =
  | { type: 'prompt'; index: number; total: number; prompt: EvalPrompt }
  | { type: 'backtest'; index: number; total: number; round: number }
  | { type: 'row'; index: number; total: number; row: EvalRow };

export interface EvalRow {
  /** 0-based position in the evaluated prompts. */
  index: number;
  id: string;
  prompt: string;
  meta: Record<string, unknown> | null;
  /** The first answer, before any repair. */
  noRepair: AnswerStages;
  /** The code the product keeps after the repair rounds (the same as noRepair when round 0 was clean). */
  withRepair: AnswerStages;
  rounds: { round: number; endpoint: string; model: string; errors: number; warnings: number; durationMs: number; notes: string[] }[];
  durationMs: number;
  /** Why this prompt has no answer (the stream died mid-answer), else null. */
  error: string | null;
}

export interface EvalRun {
  stages: Stage[];
  rows: EvalRow[];
  summary: EvalSummary;
  /** Stopped by the signal; `rows` holds the prompts finished before. */
  cancelled: boolean;
  /** Things that make the numbers harder to compare (a dataset built by another version, ...). */
  warnings: string[];
  durationMs: number;
}

export async function runEvaluation(options: EvaluationOptions): Promise<EvalRun> {
  const started = Date.now();
  const stages = measuredStages(options.backtest !== undefined);
  const rows: EvalRow[] = [];
  const warnings = promptWarnings(options);
  const total = options.prompts.length;
  let cancelled = false;
  for (const [index, prompt] of options.prompts.entries()) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    options.onProgress?.({ type: 'prompt', index, total, prompt });
    try {
      const row = await evaluatePrompt(options, prompt, index);
      rows.push(row);
      options.onProgress?.({ type: 'row', index, total, row });
    } catch (error) {
      if (options.signal?.aborted || isCancelled(error)) {
        cancelled = true;
        break;
      }
      throw error;
    }
  }
  return { stages, rows, summary: summarize(rows, stages), cancelled, warnings, durationMs: Date.now() - started };
}

async function evaluatePrompt(options: EvaluationOptions, prompt: EvalPrompt, index: number): Promise<EvalRow> {
  const started = Date.now();
  const backtest = options.backtest !== undefined;
  const base = { index, id: prompt.id, prompt: prompt.prompt, meta: prompt.meta };
  let outcome;
  try {
    outcome = await generateStrategy({
      prompt: prompt.prompt,
      endpoints: options.endpoints,
      offline: false,
      offlineFallback: false,
      maxRepairRounds: options.repairRounds,
      firstTokenTimeoutMs: options.firstTokenTimeoutMs,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      examples: options.examples,
      index: options.index,
      validate: options.validate,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onGeneration ? { onEvent: (event: GenerationEvent) => options.onGeneration!(event, index) } : {}),
    });
  } catch (error) {
    // One answer cut off mid-stream is this prompt's failure; an unreachable or misconfigured chain is the run's.
    if (!(error instanceof StreamInterruptedError)) throw error;
    const failed = failedStages(backtest);
    return { ...base, noRepair: failed, withRepair: failed, rounds: [], durationMs: Date.now() - started, error: error.message };
  }
  let noRepair = roundStages(outcome.rounds[0]!);
  let withRepair = roundStages(outcome.rounds[outcome.chosen]!);
  if (options.backtest) {
    const run = async (stages: AnswerStages) => {
      if (!stages.matches) return null;
      options.onProgress?.({ type: 'backtest', index, total: options.prompts.length, round: stages.round });
      return options.backtest!(stages.code, `p${String(index + 1).padStart(3, '0')}_round${stages.round}`, prompt, options.signal);
    };
    const first = await run(noRepair);
    throwIfCancelled(options.signal);
    // The same code needs no second backtest.
    const kept = withRepair.round === noRepair.round ? first : await run(withRepair);
    throwIfCancelled(options.signal);
    noRepair = withBacktest(noRepair, first);
    withRepair = withBacktest(withRepair, kept);
  }
  return {
    ...base,
    noRepair,
    withRepair,
    rounds: outcome.rounds.map((r) => ({
      round: r.round,
      endpoint: r.endpoint,
      model: r.model,
      errors: r.errors,
      warnings: r.warnings,
      durationMs: r.durationMs,
      notes: r.notes,
    })),
    durationMs: Date.now() - started,
    error: null,
  };
}

/** Dataset prompts carry the system message they were built with; say when this build sends another. */
function promptWarnings(options: EvaluationOptions): string[] {
  if (options.examples !== 0) return [];
  const differing = options.prompts.filter(
    (p) => p.system !== null && p.system !== buildMessages(p.prompt, { index: options.index, examples: 0 }).messages[0]!.content,
  );
  if (differing.length === 0) return [];
  return [
    `${differing.length} of ${options.prompts.length} dataset prompts were built with a system message other than the one this build sends ` +
      `(first: ${differing[0]!.id}); the evaluation sends this build's. Rebuild the dataset to compare like with like.`,
  ];
}
