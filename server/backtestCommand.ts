// `lean-author backtest PROJECT_DIR`: runs the project in LEAN's image like `lean backtest`, streams
// LEAN's log to stderr, and prints where the results are, the errors at their lines, and the key
// statistics. Exit codes: 0 completed, 1 LEAN failed or timed out, 2 setup or engine problem, 130 cancelled.
import { runBacktest, type BacktestRun } from '../extension/core/backtest/backtestRunner';
import { DockerError } from '../extension/core/backtest/dockerConnection';
import { BacktestSetupError } from '../extension/core/backtest/leanWorkspace';
import { readBacktestFolder } from '../extension/core/backtest/results/index';
import { cancelOnInterrupt, reportCancelled } from './cancelled';
import { UsageError } from './usageError';
import { defaultOf } from '../extension/core/defaults';

export interface BacktestCommandOptions {
  image?: string | undefined;
  timeout: number;
  json: boolean;
  dockerSocket?: string | undefined;
  allowNetwork: boolean;
  memory: number;
  cpus: number;
}

const KEY_STATISTICS = ['Net Profit', 'Compounding Annual Return', 'Sharpe Ratio', 'Drawdown', 'Win Rate', 'Total Orders'];

export interface BacktestReport {
  code: number;
  run: BacktestRun;
  statistics: Record<string, string>;
}

export async function backtestCommand(projectDir: string, options: BacktestCommandOptions): Promise<number> {
  const { code, run, statistics } = await backtestReport(projectDir, options);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...run, statistics }, null, 2)}\n`);
  } else if (run.status !== 'cancelled') {
    const lines = [`Backtest ${run.status}: ${run.message}`, `Output: ${run.outputDir}`];
    for (const e of run.errors) lines.push(`  ${e.file ?? 'main.py'}:${e.line ?? 1}: ${e.kind} error: ${e.message}`);
    for (const name of KEY_STATISTICS) if (statistics[name] !== undefined) lines.push(`  ${name.padEnd(26)} ${statistics[name]}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return code;
}

/**
 * Runs the backtest (LEAN's log to stderr unless `json`) and returns the run, its statistics and the exit
 * code; a cancelled run prints the cancelled line (server/cancelled.ts) and has code 130.
 */
export async function backtestReport(projectDir: string, options: BacktestCommandOptions): Promise<BacktestReport> {
  const interrupt = cancelOnInterrupt();
  let run: BacktestRun;
  try {
    run = await runBacktest({
      projectDir,
      image: options.image ?? process.env['LEAN_AUTHOR_IMAGE'],
      docker: { socket: options.dockerSocket ?? process.env['LEAN_AUTHOR_DOCKER_SOCKET'] },
      timeoutMs: options.timeout * 1000,
      allowNetwork: options.allowNetwork,
      memoryMb: options.memory,
      cpus: options.cpus,
      pidsLimit: defaultOf('backtest.pidsLimit'),
      signal: interrupt.signal,
      onLog: (line) => {
        if (!options.json) process.stderr.write(`${line}\n`);
      },
    });
  } catch (error) {
    if (error instanceof BacktestSetupError || error instanceof DockerError) throw new UsageError(error.message);
    throw error;
  } finally {
    interrupt.dispose();
  }
  const statistics = await readStatistics(run);
  // A cancelled run still has an outcome (its status, in --json); what a person reads is the cancelled line.
  const code = run.status === 'cancelled' ? reportCancelled('and removed the container') : run.status === 'completed' ? 0 : 1;
  return { code, run, statistics };
}

/** The statistics LEAN wrote, read through the results model; empty when the run left no result. */
async function readStatistics(run: BacktestRun): Promise<Record<string, string>> {
  try {
    return (await readBacktestFolder(run.outputDir)).results.statistics;
  } catch {
    return {};
  }
}
