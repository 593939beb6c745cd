// The evaluation's stages, after QuantCode-Bench (compilation → backtest → at least one trade), gated in
// order so each implies the one before:
//   extracted    the answer held Python code (extractCode found an algorithm);
//   parses       no syntax diagnostic (the validator's `syntax-*` codes, from tree-sitter);
//   clean        no error diagnostic from the validator (LEAN API and pattern rules included; warnings allowed);
//   matches      clean, and no `request-mismatch`: the code does what the prompt's request asks;
//   backtestRan  the backtest completed (only measured with a backtest runner);
//   traded       the results hold at least one order.
// Each prompt is scored twice: the first answer (round 0, no repair), and the code the product keeps
// after its validator-driven repair rounds (the first clean round, else the one with fewest errors).
import { REQUEST_MISMATCH } from '../diagnostic';
import type { RepairRound } from '../generation/repairLoop';

export const STAGES = ['extracted', 'parses', 'clean', 'matches', 'backtestRan', 'traded'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_TITLES: Record<Stage, string> = {
  extracted: 'Code extracted',
  parses: 'Parses',
  clean: 'Validator-clean',
  matches: 'Matches the request',
  backtestRan: 'Backtest ran',
  traded: 'At least one trade',
};

/** The stages measured in a run: the first three always, the backtest ones only with a backtest runner. */
export function measuredStages(backtest: boolean): Stage[] {
  return backtest ? [...STAGES] : ['extracted', 'parses', 'clean', 'matches'];
}

export interface BacktestOutcome {
  status: 'completed' | 'failed' | 'timeout' | 'cancelled';
  /** Orders in the results (0 when the run left none, or its results could not be read). */
  orders: number;
  /** LEAN's first error, or where the results are. */
  message: string;
  outputDir: string;
  durationMs: number;
}

/** One answer's stages. The backtest ones are null when not measured, and false when an earlier stage failed. */
export interface AnswerStages {
  /** The repair round whose code this is (0: the first answer). */
  round: number;
  extracted: boolean;
  parses: boolean;
  clean: boolean;
  /** Clean, and the request-conformance check found nothing. */
  matches: boolean;
  backtestRan: boolean | null;
  traded: boolean | null;
  errors: number;
  warnings: number;
  /** The codes of the error diagnostics, in order (`syntax-missing-colon`, `no-code`, ...). */
  errorCodes: string[];
  /** The backtest of this code, when it was run (only clean code is backtested). */
  backtest: BacktestOutcome | null;
  code: string;
}

/** The validator stages of one round's code. */
export function roundStages(round: RepairRound): AnswerStages {
  const extracted = round.code.trim() !== '';
  const errors = round.diagnostics.filter((d) => d.severity === 'error');
  const mismatches = errors.filter((d) => d.code === REQUEST_MISMATCH);
  const parses = extracted && !round.diagnostics.some((d) => d.code.startsWith('syntax-'));
  const clean = parses && errors.length === mismatches.length;
  return {
    round: round.round,
    extracted,
    parses,
    clean,
    matches: clean && mismatches.length === 0,
    backtestRan: null,
    traded: null,
    errors: round.errors,
    warnings: round.warnings,
    errorCodes: errors.map((d) => d.code),
    backtest: null,
    code: round.code,
  };
}

/** Adds the backtest stages: `backtest` is the run of this code, or null when the code was not clean. */
export function withBacktest(stages: AnswerStages, backtest: BacktestOutcome | null): AnswerStages {
  const backtestRan = stages.matches && backtest?.status === 'completed';
  return { ...stages, backtestRan, traded: backtestRan && (backtest?.orders ?? 0) > 0, backtest };
}

/** An answer that never came (the stream died): no stage reached. */
export function failedStages(backtest: boolean): AnswerStages {
  return {
    round: 0,
    extracted: false,
    parses: false,
    clean: false,
    matches: false,
    backtestRan: backtest ? false : null,
    traded: backtest ? false : null,
    errors: 0,
    warnings: 0,
    errorCodes: [],
    backtest: null,
    code: '',
  };
}

/** The last stage an answer reached, for progress lines: "nothing", "extracted", ..., "traded". */
export function highestStage(stages: AnswerStages): string {
  let reached = 'nothing';
  for (const stage of STAGES) {
    if (stages[stage] !== true) break;
    reached = stage === 'backtestRan' ? 'backtest ran' : stage === 'matches' ? 'matches the request' : stage;
  }
  return reached;
}

export interface StageCount {
  count: number;
  /** count / prompts, from 0 to 1 (0 when there are no prompts). */
  share: number;
}

export interface EvalSummary {
  prompts: number;
  /** Per measured stage: how many first answers reached it. */
  noRepair: Partial<Record<Stage, StageCount>>;
  /** Per measured stage: how many answers reached it after the repair rounds. */
  withRepair: Partial<Record<Stage, StageCount>>;
  /** Prompts whose answer failed (the stream died); they count as reaching no stage. */
  failed: number;
}

export function summarize(
  rows: { noRepair: AnswerStages; withRepair: AnswerStages; error: string | null }[],
  stages: readonly Stage[],
): EvalSummary {
  const count = (pick: (row: (typeof rows)[number]) => AnswerStages) =>
    Object.fromEntries(
      stages.map((stage) => {
        const n = rows.filter((row) => pick(row)[stage] === true).length;
        return [stage, { count: n, share: rows.length ? n / rows.length : 0 }];
      }),
    ) as Partial<Record<Stage, StageCount>>;
  return {
    prompts: rows.length,
    noRepair: count((row) => row.noRepair),
    withRepair: count((row) => row.withRepair),
    failed: rows.filter((row) => row.error !== null).length,
  };
}

/** `3/8 (38%)`. */
export function formatCount(value: StageCount | undefined, prompts: number): string {
  if (!value) return '–';
  return `${value.count}/${prompts} (${Math.round(value.share * 100)}%)`;
}
