// One backtest panel (a WebviewPanel titled "LEAN Backtest: <project>"): its HTML under a strict CSP,
// the messages to the webview (kept, and sent again whenever the webview says it is ready, since a
// hidden webview is reloaded when shown again), and what the webview asks for, each message checked
// with the protocol's parse function. The webview may only name runs the host listed (the history or
// the runs on screen) and files inside the shown run's project.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseWebviewToHost, type HostToWebview, type WebviewToHost } from '../shared/protocol';
import { loadPanel } from './chunks';
import type { Log } from './log';
import { makeNonce, panelHtml } from '../shared/panelHtml';

export const PANEL_VIEW_TYPE = 'leanAuthor.backtestPanel';

export interface PanelActions {
  exportReport(folder: string): Promise<unknown>;
}

export class BacktestPanel implements vscode.Disposable {
  private ready = false;
  private message: HostToWebview | undefined;
  /** Run folders the webview may name: the last history and the runs on screen. */
  private readonly known = new Set<string>();
  /** The run on screen (for Export Report without a folder), when one is. */
  private current: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  static create(extensionUri: vscode.Uri, log: Log, actions: PanelActions, preserveFocus: boolean): BacktestPanel {
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'LEAN Backtest',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      webviewOptions(extensionUri),
    );
    return new BacktestPanel(panel, extensionUri, log, actions);
  }

  /** Takes over a panel VS Code restored after a reload (see the serializer in backtestPanelController.ts). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: Log, actions: PanelActions): BacktestPanel {
    panel.webview.options = webviewOptions(extensionUri);
    return new BacktestPanel(panel, extensionUri, log, actions);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly actions: PanelActions,
  ) {
    const webview = panel.webview;
    const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.css')).toString(),
      nonce: makeNonce((n) => randomBytes(n)),
      title: 'LEAN Backtest',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewToHost(raw);
        if (!message) {
          this.log.warn(`Backtest panel: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        this.handle(message).catch((error: unknown) => this.log.error('Backtest panel: a request failed', error));
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows a message (and remembers a view for a reloaded webview). */
  show(message: HostToWebview): void {
    // An error is shown above the current view, which stays the one to send again (an error with no
    // view is kept instead) and whose runs stay the ones the webview may name.
    if (message.type !== 'panel/error' || !this.message) this.message = message;
    if (message.type !== 'panel/error') {
      this.known.clear();
      this.current = undefined;
    }
    const project = (folder: string | null) => (folder ? loadPanel().projectOfRun(folder) : null);
    switch (message.type) {
      case 'panel/show': {
        const { run } = message;
        if (run.folder) this.known.add(run.folder);
        this.current = run.folder ?? undefined;
        const name = project(run.folder);
        this.panel.title = `LEAN Backtest: ${name ? path.basename(name) : run.title}`;
        break;
      }
      case 'panel/compare': {
        const { a, b } = message.compare;
        for (const folder of [a.folder, b.folder]) if (folder) this.known.add(folder);
        const name = project(a.folder);
        this.panel.title = `LEAN Backtest: ${name ? path.basename(name) : a.title} (compare)`;
        break;
      }
      default:
        break;
    }
    if ('history' in message) for (const entry of message.history) this.known.add(entry.folder);
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Sets the title for a project whose panel has nothing to show yet. */
  titleFor(projectDir: string): void {
    this.panel.title = `LEAN Backtest: ${path.basename(projectDir)}`;
  }

  /** The run on screen, if any. */
  currentRun(): string | undefined {
    return this.current;
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  private async handle(message: WebviewToHost): Promise<void> {
    const panelModel = loadPanel();
    switch (message.type) {
      case 'webview/ready':
        this.ready = true;
        if (this.message) void this.panel.webview.postMessage(this.message);
        return;
      case 'openLocation':
        return this.openLocation(message.file, message.line);
      case 'selectRun':
        if (!this.allowed(message.folder)) return;
        this.show(await panelModel.runMessage(message.folder));
        return;
      case 'compareRuns':
        if (!this.allowed(message.a) || !this.allowed(message.b)) return;
        this.show(await panelModel.compareMessage(message.a, message.b));
        return;
      case 'exportReport': {
        const folder = message.folder ?? this.current;
        if (folder && this.allowed(folder)) await this.actions.exportReport(folder);
        return;
      }
    }
  }

  private allowed(folder: string): boolean {
    if (this.known.has(folder)) return true;
    this.log.warn(`Backtest panel: the webview named a run it was not shown (${folder}); ignored`);
    return false;
  }

  /** Opens a file of the shown run's project (or of the run's code/ copy) at a 1-based line. */
  private async openLocation(file: string, line: number): Promise<void> {
    if (!this.current) return;
    const base = loadPanel().projectOfRun(this.current) ?? path.join(this.current, 'code');
    const target = path.resolve(base, file);
    const relative = path.relative(base, target);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      this.log.warn(`Backtest panel: refused to open ${file}, which is outside ${base}`);
      return;
    }
    if (!existsSync(target)) {
      void vscode.window.showWarningMessage(`LEAN: ${file} is not in ${base} any more; was it renamed or moved since the run?`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    const at = new vscode.Position(Math.min(line - 1, Math.max(0, document.lineCount - 1)), 0);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Only the bundle and its CSS can be loaded; the panel's state survives hiding through setState.
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    retainContextWhenHidden: false,
  };
}
