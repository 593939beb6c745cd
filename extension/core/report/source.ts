// What a report is made from: the results model of one run plus where it came from. A run is a Lean CLI
// output folder (`<project>/backtests/<run>/`) or a single result file (e.g. an old PascalCase
// `result.json`). Plain data: the renderers import only this; readReportSource.ts does the reading.
import type { BacktestResults } from '../backtest/results/index';

export interface ReportSource {
  results: BacktestResults;
  /** The results model's warnings (skipped or repaired parts of the files). */
  warnings: string[];
  /** The run's folder (absolute): where reports are written by default. */
  dir: string;
  /** The result file that was read (absolute): `<id>.json`, else `<id>-summary.json`, else the file given. */
  resultFile: string | null;
  /** The Lean CLI project when the folder sits in `<project>/backtests/`, else null. */
  project: string | null;
  /** The run folder's name, e.g. "2025-11-04_15-51-31". */
  run: string;
  /** The report's heading: the project, else the run folder's name. */
  title: string;
}

/** "<run folder>/<result file>": names the source without the rest of the local path. */
export function sourceName(source: ReportSource): string {
  const file = source.resultFile?.split(/[\\/]/).pop();
  return file ? `${source.run}/${file}` : source.run;
}
