// `lean-author report BACKTEST_DIR [--format html|md|json] [--out PATH] [--overwrite]`: a thin shell
// over extension/core/report. BACKTEST_DIR is a run folder (`<project>/backtests/<run>/`) or one result
// file (an old `result.json`). JSON without --out goes to stdout; otherwise the written files' paths
// are printed, one a line, the report first. Warnings from reading the results go to stderr.
// Exit codes: 0 written, 2 missing folder, no or malformed result, or an existing --out file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BacktestResultsError } from '../extension/core/backtest/results/index';
import { jsonReportText, readReportSource, ReportExistsError, writeReport, type ReportFormat } from '../extension/core/report/index';

export interface ReportCommandOptions {
  format: ReportFormat;
  out?: string | undefined;
  overwrite: boolean;
}

export async function reportCommand(backtestPath: string, options: ReportCommandOptions): Promise<number> {
  // `lean-author report DIR --format json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    if (options.format === 'json' && options.out === undefined) {
      const source = await readReportSource(backtestPath);
      printWarnings(source.warnings);
      process.stdout.write(jsonReportText(source));
      return 0;
    }
    const written = await writeReport(backtestPath, { ...options, resvgWasm: bundledResvgWasm() });
    printWarnings(written.warnings);
    process.stdout.write(`${[written.report, ...written.images].join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BacktestResultsError) && !(error instanceof ReportExistsError)) throw error;
    process.stderr.write(`lean-author report: ${error.message}\n`);
    return 2;
  }
}

/** resvg's wasm where a packaged build ships it (dist/wasm/resvg.wasm); else png.ts finds it in node_modules. */
function bundledResvgWasm(): string | undefined {
  const file = path.join(__dirname, 'wasm', 'resvg.wasm');
  return existsSync(file) ? file : undefined;
}

function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`lean-author report: warning: ${warning}\n`);
}
