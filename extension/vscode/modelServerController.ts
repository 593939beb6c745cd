// Start / Stop Local Model Server and Select Model: runs `lean-author serve` as a child process through
// the core's ManagedServer, shows its state in the status bar, and reports failures with what to do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../core/commandCatalog';
import { ManagedServer, type ServerState } from '../core/modelServer/managedServer';
import { readLocalServerSettings, setLocalServerModelPath } from './config';
import type { Log } from './log';

export class ModelServerController implements vscode.Disposable {
  private server: ManagedServer | undefined;
  private readonly status = vscode.window.createStatusBarItem('leanAuthor.modelServer', vscode.StatusBarAlignment.Right, 100);

  constructor(
    private readonly extensionPath: string,
    private readonly log: Log,
  ) {
    this.status.name = 'LEAN Model Server';
    this.show({ kind: 'stopped' });
  }

  async start(): Promise<CommandOutcome> {
    const settings = readLocalServerSettings();
    if (!settings.modelPath || !existsSync(settings.modelPath)) {
      const message = settings.modelPath
        ? `LEAN: the model file ${settings.modelPath} does not exist. Choose a GGUF model with "Select Model".`
        : 'LEAN: no model is set for the local model server. Choose a GGUF model with "Select Model".';
      void vscode.window
        .showErrorMessage(message, 'Select Model')
        .then((choice) => choice && vscode.commands.executeCommand('leanAuthor.selectModel'));
      return { status: 'needs-setup', message };
    }
    await this.server?.stop();
    const server = new ManagedServer({
      // VS Code's executable is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node for the CLI.
      node: process.execPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
      cli: path.join(this.extensionPath, 'dist', 'cli.js'),
      modelPath: settings.modelPath,
      host: '127.0.0.1',
      port: settings.port,
      parallel: settings.parallel,
      contextSize: settings.contextSize,
    });
    this.server = server;
    server.onState((state) => this.onState(state));
    try {
      const ready = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `LEAN: starting the local model server (${path.basename(settings.modelPath)})`,
          cancellable: true,
        },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return server.start(abort.signal);
        },
      );
      return { status: 'done', detail: ready.url };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (reason === 'cancelled') return { status: 'cancelled' };
      this.log.error('The local model server did not start', error, true);
      const message = `LEAN: the local model server did not start: ${reason}`;
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
  }

  async stop(): Promise<CommandOutcome> {
    if (!this.server || this.server.state.kind === 'stopped') {
      void vscode.window.showInformationMessage('LEAN: the local model server is not running.');
      return { status: 'done', detail: 'not running' };
    }
    await this.server.stop();
    return { status: 'done', detail: 'stopped' };
  }

  async selectModel(): Promise<CommandOutcome> {
    const picked = await vscode.window.showOpenDialog({
      title: 'Select a GGUF model for the local model server',
      canSelectMany: false,
      filters: { 'GGUF models': ['gguf'] },
    });
    const file = picked?.[0];
    if (!file) return { status: 'cancelled' };
    await setLocalServerModelPath(file.fsPath);
    if (this.server && this.server.state.kind !== 'stopped') {
      const choice = await vscode.window.showInformationMessage(
        `LEAN: model set to ${path.basename(file.fsPath)}. Restart the local model server to use it?`,
        'Restart',
      );
      if (choice) return this.start();
    }
    return { status: 'done', detail: file.fsPath };
  }

  private onState(state: ServerState): void {
    this.log.info(`Local model server: ${describeState(state)}`);
    this.show(state);
    if (state.kind === 'failed') {
      void vscode.window.showErrorMessage(`LEAN: ${state.reason}`, 'Show Log').then((choice) => choice && this.log.show());
    }
  }

  private show(state: ServerState): void {
    const icon = {
      stopped: '$(circle-slash)',
      starting: '$(loading~spin)',
      loading: '$(loading~spin)',
      ready: '$(server-process)',
      restarting: '$(sync~spin)',
      failed: '$(error)',
    }[state.kind];
    this.status.text = `${icon} LEAN model`;
    this.status.tooltip = `Local model server: ${describeState(state)}. Click to ${state.kind === 'ready' ? 'stop' : 'start'} it.`;
    this.status.command = state.kind === 'ready' ? 'leanAuthor.stopModelServer' : 'leanAuthor.startModelServer';
    this.status.show();
  }

  dispose(): void {
    void this.server?.stop();
    this.status.dispose();
  }
}

function describeState(state: ServerState): string {
  switch (state.kind) {
    case 'ready':
      return `running ${state.model} on ${state.device} at ${state.url}`;
    case 'loading':
      return `loading the model at ${state.url}`;
    case 'restarting':
      return `restarting (attempt ${state.attempt}) after it ${state.reason}`;
    case 'failed':
      return `failed: ${state.reason}`;
    default:
      return state.kind;
  }
}
