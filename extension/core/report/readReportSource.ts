// Reading a run for a report: a Lean CLI output folder through readBacktestFolder, or one result file
// (an old `result.json`, or any `<id>.json` given directly) through readBacktestResultFile.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BacktestResultsError, readBacktestFolder, readBacktestResultFile, type BacktestResults } from '../backtest/results/index';
import type { ReportSource } from './source';

/**
 * Reads a run folder or a result file. Throws BacktestResultsError (a clear one-line message) when the
 * path does not exist, the folder holds no result, or the result file is not a usable LEAN result.
 */
export async function readReportSource(backtestPath: string): Promise<ReportSource> {
  const absolute = path.resolve(backtestPath);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new BacktestResultsError(backtestPath, 'does not exist');
  if (info.isDirectory()) {
    const { results, files, warnings } = await readBacktestFolder(absolute);
    return describe(results, warnings, absolute, files.result ?? files.summary);
  }
  const { results, warnings } = await readBacktestResultFile(absolute);
  return describe(results, warnings, path.dirname(absolute), absolute);
}

function describe(results: BacktestResults, warnings: string[], dir: string, resultFile: string | null): ReportSource {
  const parent = path.dirname(dir);
  const project = path.basename(parent) === 'backtests' ? path.basename(path.dirname(parent)) : null;
  const run = path.basename(dir);
  return { results, warnings, dir, resultFile, project, run, title: project ?? run };
}
