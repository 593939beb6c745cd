// Run Backtest: picks the project (the active file's, or asks), runs it through the backtest core with a
// cancellable progress notification, streams LEAN's log to the "LEAN Backtest" output channel, turns
// LEAN's errors into diagnostics on the right lines (replaced on the next run), offers to pull a missing
// image, and sums up the result; then hands the run to the backtest panel. Also sweeps containers a
// killed VS Code left behind.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type * as BacktestModule from '../core/backtest/index';
import { loadBacktest, type Backtest } from './chunks';
import { isCancelled } from '../core/cancellation';
import type { CommandOutcome } from '../core/commandCatalog';
import { readBacktestSettings } from './config';
import type { Log } from './log';
import { reportCancelled, withCancellableProgress } from './progress';
import { pickProject } from './projectPick';

export interface RunBacktestArgs {
  projectDir?: string;
}

/** Called when a run ends with an output folder (completed, failed or timed out); `failure` is null when it completed. */
export type RunFinished = (outputDir: string, failure: { message: string; errors: BacktestModule.LeanRunError[] } | null) => void;

export class BacktestController implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('LEAN Backtest', { log: true });
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('lean-backtest');
  /** Cancels the backtests running now; called when VS Code closes, so their containers are removed. */
  private readonly running = new Set<AbortController>();

  constructor(
    private readonly log: Log,
    private readonly finished: RunFinished = () => undefined,
  ) {}

  async run(raw?: unknown): Promise<CommandOutcome> {
    const args = (typeof raw === 'object' && raw !== null ? raw : {}) as RunBacktestArgs;
    const projectDir = args.projectDir ?? (await this.pickProject());
    if (!projectDir) return { status: 'cancelled' };
    const backtest = loadBacktest();
    const settings = readBacktestSettings();
    // Unsaved edits would not be in the container: save the project's open files first.
    await Promise.all(
      vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.fsPath.startsWith(projectDir + path.sep)).map((d) => d.save()),
    );
    this.clearDiagnostics(projectDir);
    this.channel.clear();
    this.channel.show(true);
    // Closing VS Code cancels the run too (dispose), so its container is removed.
    const closing = new AbortController();
    this.running.add(closing);
    try {
      const run = await withCancellableProgress(`LEAN: backtesting ${path.basename(projectDir)}`, (signal, progress) => {
        progress.report({ message: 'starting the LEAN container…' });
        let lines = 0;
        return backtest.runBacktest({
          projectDir,
          image: settings.image,
          docker: { socket: settings.dockerSocket },
          timeoutMs: settings.timeoutMs,
          allowNetwork: settings.allowNetwork,
          memoryMb: settings.memoryMb,
          cpus: settings.cpus,
          pidsLimit: settings.pidsLimit,
          signal: AbortSignal.any([signal, closing.signal]),
          onLog: (line) => {
            this.channel.info(line);
            if (++lines % 20 === 1) progress.report({ message: line.replace(/^\d{8} [\d:.]+ \w+:: /, '').slice(0, 80) });
          },
        });
      }).finally(() => this.running.delete(closing));
      this.showErrors(projectDir, run.errors);
      this.log.info(`Backtest of ${projectDir}: ${run.status}, ${run.message}`);
      // A cancelled run keeps its status as its outcome; the user reads the same as for any cancel.
      if (run.status === 'cancelled') return reportCancelled('Run Backtest', this.log);
      this.finished(run.outputDir, run.status === 'completed' ? null : { message: run.message, errors: run.errors });
      if (run.status !== 'completed') {
        void vscode.window
          .showErrorMessage(`LEAN: the backtest of ${path.basename(projectDir)} failed: ${run.message}`, 'Show Log')
          .then((choice) => {
            if (choice) this.channel.show();
          });
        return { status: 'failed', message: run.message };
      }
      void vscode.window
        .showInformationMessage(
          `LEAN: ${path.basename(projectDir)} backtest completed. ${await keyStatistics(backtest, run)}`,
          'Open Results Folder',
        )
        .then((choice) => choice && vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(run.outputDir)));
      return { status: 'done', detail: run.outputDir };
    } catch (error) {
      return this.failure(backtest, error, projectDir, args);
    }
  }

  /** After activation, off the critical path: removes containers of ours that a killed VS Code left behind. */
  sweepOrphansLater(): void {
    setTimeout(() => {
      const settings = readBacktestSettings();
      const socket = settings.dockerSocket || process.env['DOCKER_HOST'] || '/var/run/docker.sock';
      if (!settings.dockerSocket && !process.env['DOCKER_HOST'] && !existsSync(socket)) return;
      loadBacktest()
        .sweepOrphans({ socket: settings.dockerSocket })
        .then((removed) => removed && this.log.info(`Removed ${removed} leftover backtest container(s)`))
        .catch(() => undefined);
    }, 5_000).unref?.();
  }

  private async failure(backtest: Backtest, error: unknown, projectDir: string, args: RunBacktestArgs): Promise<CommandOutcome> {
    if (isCancelled(error)) return reportCancelled('Run Backtest', this.log);
    const message = error instanceof Error ? error.message : String(error);
    this.log.error('Run Backtest failed', error);
    if (error instanceof backtest.DockerError && error.reason === 'image-missing') {
      const image = backtest.chooseImage(readBacktestSettings().image, readProjectConfig(projectDir));
      const choice = await vscode.window.showErrorMessage(`LEAN: ${message}`, 'Pull Image');
      if (!choice) return { status: 'failed', message };
      const pulled = await this.pull(backtest, image);
      if (pulled === 'done') return this.run(args);
      return pulled === 'cancelled' ? reportCancelled('Run Backtest', this.log) : { status: 'failed', message };
    }
    if (error instanceof backtest.BacktestSetupError) {
      void vscode.window.showErrorMessage(`LEAN: ${message}`);
      return { status: 'needs-setup', message };
    }
    void vscode.window.showErrorMessage(`LEAN: the backtest could not run: ${message}`);
    return { status: 'failed', message };
  }

  private async pull(backtest: Backtest, image: string): Promise<'done' | 'cancelled' | 'failed'> {
    try {
      await withCancellableProgress(`LEAN: pulling ${image}`, (signal, progress) => {
        let reported = 0;
        return backtest.pullImage(
          image,
          { socket: readBacktestSettings().dockerSocket },
          ({ downloadedBytes, totalBytes, status }) => {
            const percent = totalBytes ? (downloadedBytes / totalBytes) * 100 : 0;
            progress.report({
              increment: Math.max(0, percent - reported),
              message: totalBytes ? `${(downloadedBytes / 2 ** 20).toFixed(0)} of ${(totalBytes / 2 ** 20).toFixed(0)} MiB` : status,
            });
            reported = Math.max(reported, percent);
          },
          signal,
        );
      });
      return 'done';
    } catch (error) {
      if (isCancelled(error)) return 'cancelled';
      void vscode.window.showErrorMessage(`LEAN: pulling ${image} failed: ${error instanceof Error ? error.message : String(error)}`);
      return 'failed';
    }
  }

  private showErrors(projectDir: string, errors: BacktestModule.LeanRunError[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const error of errors) {
      const file = path.join(projectDir, error.file ?? 'main.py');
      const line = Math.max(0, (error.line ?? 1) - 1);
      const column = Math.max(0, (error.column ?? 1) - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER),
        error.message,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'LEAN backtest';
      diagnostic.code = `backtest-${error.kind}`;
      byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
  }

  private clearDiagnostics(projectDir: string): void {
    this.diagnostics.forEach((uri) => {
      if (uri.fsPath.startsWith(projectDir + path.sep)) this.diagnostics.delete(uri);
    });
  }

  /** The active file's project (the nearest folder with main.py), else a pick among the workspace's projects. */
  private async pickProject(): Promise<string | undefined> {
    const picked = await pickProject('Backtest which project?');
    if (picked && 'none' in picked) {
      void vscode.window.showInformationMessage(
        'LEAN: no Lean CLI project (a folder with main.py and config.json) was found. Generate one with "Generate LEAN Strategy".',
      );
      return undefined;
    }
    return picked?.dir;
  }

  dispose(): void {
    // The runner kills and removes the container on abort; anything a killed host leaves, the next sweep removes.
    for (const abort of this.running) abort.abort();
    this.channel.dispose();
    this.diagnostics.dispose();
  }
}

function readProjectConfig(projectDir: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path.join(projectDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** "Net Profit 2.2%, Sharpe Ratio 1.1, Drawdown 3.4%" from the run's results, when it has them. */
async function keyStatistics(backtest: Backtest, run: BacktestModule.BacktestRun): Promise<string> {
  try {
    const statistics = (await backtest.readBacktestFolder(run.outputDir)).results.statistics;
    return ['Net Profit', 'Sharpe Ratio', 'Drawdown']
      .filter((name) => statistics[name] !== undefined)
      .map((name) => `${name} ${statistics[name]}`)
      .join(', ');
  } catch {
    return '';
  }
}
