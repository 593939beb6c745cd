// The backtest panel's commands and lifecycle: Show Backtest Panel (the latest run of the active file's
// project, or of a project the user picks), the panel after each Run Backtest, Export Report, and the
// serializer that brings the panel back after VS Code reloads. One panel per window, reused.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../core/commandCatalog';
import { savedSource, type HostToWebview } from '../shared/protocol';
import { BacktestPanel, PANEL_VIEW_TYPE } from './backtestPanel';
import type { RunFinished } from './backtestController';
import { exportReport } from './exportReport';
import { loadPanel } from './chunks';
import type { Log } from './log';
import { pickProject } from './projectPick';

export interface ShowPanelArgs {
  /** A project: show its latest run. */
  projectDir?: string;
  /** A run folder: show it. */
  folder?: string;
}

export interface ExportReportArgs {
  folder?: string;
  /** Replace (true) or keep (false) existing reports without asking. */
  overwrite?: boolean;
}

const NO_PROJECT =
  'There is no Lean CLI project (a folder with main.py and config.json) in this workspace. Create one with "LEAN: Generate LEAN Strategy", then run "LEAN: Run Backtest"; its results show here.';

export class BacktestPanelController implements vscode.Disposable {
  private panel: BacktestPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {}

  /** Registers the serializer: a panel open when VS Code reloaded comes back showing the same run. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state) => {
        const panel = this.adopt(BacktestPanel.revive(webviewPanel, this.extensionUri, this.log, this.actions()));
        // The webview redraws its saved view by itself at once; this refreshes it from disk.
        const source = savedSource(state);
        const panelModel = loadPanel();
        if (source.kind === 'run' && existsSync(source.folder)) panel.show(await panelModel.runMessage(source.folder));
        else if (source.kind === 'compare' && existsSync(source.a) && existsSync(source.b))
          panel.show(await panelModel.compareMessage(source.a, source.b));
        else panel.show({ type: 'panel/empty', reason: 'Run "LEAN: Show Backtest Panel" to show the latest backtest of a project.' });
      },
    });
  }

  /** Show Backtest Panel. */
  async show(raw?: unknown): Promise<CommandOutcome> {
    const args = (typeof raw === 'object' && raw !== null ? raw : {}) as ShowPanelArgs;
    const panelModel = loadPanel();
    let message: HostToWebview;
    let projectDir: string | undefined;
    if (args.folder) {
      message = await panelModel.runMessage(args.folder);
    } else {
      const picked = args.projectDir ? { dir: args.projectDir } : await pickProject('Show the backtests of which project?');
      if (!picked) return { status: 'cancelled' };
      if ('none' in picked) message = { type: 'panel/empty', reason: NO_PROJECT };
      else {
        projectDir = picked.dir;
        message = await panelModel.latestRunMessage(picked.dir);
      }
    }
    const panel = this.open(false);
    panel.show(message);
    if (message.type === 'panel/empty' && projectDir) panel.titleFor(projectDir);
    return { status: 'done', detail: describe(message) };
  }

  /** After Run Backtest: the run in the panel (opened beside the editor without taking focus). */
  readonly runFinished: RunFinished = (outputDir, failure) => {
    loadPanel()
      .finishedRunMessage(outputDir, failure)
      .then((message) => this.open(true).show(message))
      .catch((error: unknown) => this.log.error('Backtest panel: could not show the run', error));
  };

  /** Export Report: the given run, else the one in the panel, else the latest run of the active or picked project. */
  async exportReport(raw?: unknown): Promise<CommandOutcome> {
    const args = (typeof raw === 'object' && raw !== null ? raw : {}) as ExportReportArgs;
    let folder = args.folder ?? this.panel?.currentRun();
    if (!folder) {
      const picked = await pickProject('Export the report of which project?');
      if (!picked) return { status: 'cancelled' };
      if ('none' in picked) {
        void vscode.window.showInformationMessage(`LEAN: nothing to export. ${NO_PROJECT}`);
        return { status: 'failed', message: NO_PROJECT };
      }
      const latest = await loadPanel().latestRunMessage(picked.dir);
      if (latest.type !== 'panel/show' || !latest.run.folder) {
        const message = `${path.basename(picked.dir)} has no backtest results to export. Run "LEAN: Run Backtest" first.`;
        void vscode.window.showInformationMessage(`LEAN: ${message}`);
        return { status: 'failed', message };
      }
      folder = latest.run.folder;
    }
    return exportReport(folder, { overwrite: args.overwrite }, this.log);
  }

  private actions() {
    return { exportReport: (folder: string) => this.exportReport({ folder }) };
  }

  private open(preserveFocus: boolean): BacktestPanel {
    if (this.panel) {
      this.panel.reveal(preserveFocus);
      return this.panel;
    }
    return this.adopt(BacktestPanel.create(this.extensionUri, this.log, this.actions(), preserveFocus));
  }

  private adopt(panel: BacktestPanel): BacktestPanel {
    this.panel?.dispose();
    this.panel = panel;
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** What the panel shows, for programmatic callers (the e2e suite). */
function describe(message: HostToWebview): string {
  switch (message.type) {
    case 'panel/show':
      return `run ${message.run.folder ?? message.run.title}`;
    case 'panel/compare':
      return `compare ${message.compare.a.folder ?? ''} ${message.compare.b.folder ?? ''}`;
    case 'panel/empty':
      return `empty: ${message.reason}`;
    case 'panel/error':
      return `error: ${message.message}`;
  }
}
