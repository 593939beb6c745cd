// The evaluation's backtest stages through the product's backtest runner: each clean answer becomes a
// Lean CLI project (main.py, config.json) in a folder of the workspace, runs in LEAN's image as Run
// Backtest runs it, and counts as traded when its results hold at least one order. The projects and
// their backtests/ folders are kept for inspection.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chooseImage, runBacktest } from '../backtest/backtestRunner';
import { connectReady, type DockerSettings } from '../backtest/dockerConnection';
import { BacktestSetupError, readJsonc } from '../backtest/leanWorkspace';
import { readBacktestFolder } from '../backtest/results/index';
import { projectConfig } from '../generation/leanProject';
import type { Backtester } from './runEvaluation';
import { defaultOf } from '../defaults';

export interface BacktestStageOptions {
  /** A Lean CLI workspace: lean.json and the data folder it names. */
  workspaceDir: string;
  /** Where the projects go; inside the workspace, so the runner finds lean.json above them. */
  projectsDir: string;
  image?: string | undefined;
  docker: DockerSettings;
  timeoutMs: number;
  memoryMb: number;
  cpus: number;
  onLog?: (line: string) => void;
}

/**
 * Checks, before any model runs, what every backtest needs: the workspace, its data folder, a reachable
 * engine and the image. Returns the image; throws BacktestSetupError or DockerError saying what to do.
 */
export async function checkBacktestSetup(options: BacktestStageOptions): Promise<string> {
  const leanJson = path.join(options.workspaceDir, 'lean.json');
  if (!existsSync(leanJson))
    throw new BacktestSetupError(
      `${options.workspaceDir} holds no lean.json. Backtests run in a Lean CLI workspace: pass --workspace (a folder made by \`lean init\`, or one with a lean.json of {"data-folder": "data"} and LEAN's data in data/).`,
    );
  const config = readJsonc(leanJson);
  const dataDir = path.resolve(options.workspaceDir, typeof config['data-folder'] === 'string' ? config['data-folder'] : 'data');
  if (!existsSync(dataDir))
    throw new BacktestSetupError(
      `the data folder ${dataDir} named by ${leanJson} does not exist. \`lean init\` creates it with LEAN's sample data.`,
    );
  const image = chooseImage(options.image, {});
  await connectReady(options.docker ?? {}, image);
  return image;
}

export function createBacktester(options: BacktestStageOptions): Backtester {
  return async (code, name, prompt, signal) => {
    const projectDir = path.join(options.projectsDir, name);
    mkdirSync(projectDir, { recursive: true });
    writeFileSync(path.join(projectDir, 'main.py'), code);
    writeFileSync(path.join(projectDir, 'config.json'), projectConfig(prompt.prompt));
    const run = await runBacktest({
      projectDir,
      image: options.image,
      docker: options.docker,
      timeoutMs: options.timeoutMs,
      allowNetwork: false,
      memoryMb: options.memoryMb,
      cpus: options.cpus,
      pidsLimit: defaultOf('backtest.pidsLimit'),
      ...(options.onLog ? { onLog: options.onLog } : {}),
      ...(signal ? { signal } : {}),
    });
    let orders = 0;
    if (run.status === 'completed')
      orders = await readBacktestFolder(run.outputDir).then(
        (folder) => folder.results.orders.length,
        () => 0,
      );
    return { status: run.status, orders, message: run.message, outputDir: run.outputDir, durationMs: run.durationMs };
  };
}
