// What the host posts to the backtest panel, read from disk: one run with its project's history, two runs
// compared, the latest run of a project, or an explanation when there is nothing to show. Editor-agnostic
// (the VS Code adapter posts these messages; the tests and the bench build the same ones from fixtures).
// Every message that reports a problem says what to do next.
import path from 'node:path';
import { BacktestResultsError, listBacktests, type BacktestHistoryEntry } from '../backtest/results/index';
import type { HistoryEntryView, HostToWebview } from '../../shared/protocol';
import { buildCompareView } from './compareModel';
import type { RunnerError } from './panelErrors';
import { buildRunView, failedRunView, type RunViewOptions } from './panelModel';
import { readReportSource } from '../report/readReportSource';

/** The Lean CLI project a run folder belongs to (`<project>/backtests/<run>`), or null. */
export function projectOfRun(runFolder: string): string | null {
  const parent = path.dirname(path.resolve(runFolder));
  return path.basename(parent) === 'backtests' ? path.dirname(parent) : null;
}

export function historyView(entries: readonly BacktestHistoryEntry[]): HistoryEntryView[] {
  return entries.map((e) => ({ folder: e.path, name: e.name, time: e.time, hasResult: e.hasResult }));
}

/** The runs of the run folder's project, newest first; empty for a folder outside a project. */
export async function historyOfRun(runFolder: string): Promise<HistoryEntryView[]> {
  const project = projectOfRun(runFolder);
  return project ? historyView(await listBacktests(project)) : [];
}

/** `panel/show` for a run folder (or result file), or `panel/error` saying why it cannot be read. */
export async function runMessage(runPath: string, options: RunViewOptions = {}): Promise<HostToWebview> {
  try {
    const source = await readReportSource(runPath);
    return { type: 'panel/show', run: buildRunView(source, options), history: await historyOfRun(source.dir) };
  } catch (error) {
    return { type: 'panel/error', message: unreadable(runPath, error) };
  }
}

/**
 * After a backtest: the run's results with the runner's errors; when LEAN left no result (it failed
 * before writing one), the failure itself, so the panel still says what went wrong and where.
 */
export async function finishedRunMessage(
  runFolder: string,
  failure: { message: string; errors: readonly RunnerError[] } | null,
): Promise<HostToWebview> {
  const shown = await runMessage(runFolder, { runnerErrors: failure?.errors ?? [] });
  if (shown.type === 'panel/show' || !failure) return shown;
  const project = projectOfRun(runFolder);
  return {
    type: 'panel/show',
    run: failedRunView({
      folder: path.resolve(runFolder),
      project: project ? path.basename(project) : null,
      run: path.basename(runFolder),
      message: failure.message,
      errors: failure.errors,
    }),
    history: await historyOfRun(runFolder),
  };
}

/** The newest run of a project that holds a result, or `panel/empty` saying how to get one. */
export async function latestRunMessage(projectDir: string): Promise<HostToWebview> {
  const runs = await listBacktests(projectDir);
  const latest = runs.find((r) => r.hasResult);
  if (!latest) {
    const name = path.basename(projectDir);
    return {
      type: 'panel/empty',
      reason:
        runs.length === 0
          ? `${name} has no backtests yet. Run one with "LEAN: Run Backtest" (with ${name}/main.py open); its results show here.`
          : `None of the ${runs.length} runs in ${name}/backtests holds a LEAN result (each failed before LEAN wrote one). Fix the errors shown in the Problems panel and run "LEAN: Run Backtest" again.`,
    };
  }
  return runMessage(latest.path);
}

/** `panel/compare` for two runs, or `panel/error` naming the one that cannot be read. */
export async function compareMessage(a: string, b: string): Promise<HostToWebview> {
  const [left, right] = await Promise.allSettled([readReportSource(a), readReportSource(b)]);
  if (left.status === 'rejected') return { type: 'panel/error', message: unreadable(a, left.reason) };
  if (right.status === 'rejected') return { type: 'panel/error', message: unreadable(b, right.reason) };
  return { type: 'panel/compare', compare: buildCompareView(left.value, right.value), history: await historyOfRun(left.value.dir) };
}

function unreadable(runPath: string, error: unknown): string {
  const why = (error instanceof BacktestResultsError || error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  return `The run ${path.basename(runPath)} could not be read: ${why}. Pick another run in the Runs tab, or run "LEAN: Run Backtest" again.`;
}
