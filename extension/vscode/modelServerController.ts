// Start / Stop Local Model Server, Select Model and Download Model: runs `lean-author serve` (and
// `lean-author pull`) as child processes through the core, shows the server's model, adapters and
// device in the status bar, and reports failures with what to do.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { isCancelled } from '../core/cancellation';
import type { CommandOutcome } from '../core/commandCatalog';
import { ManagedServer, type ServerState } from '../core/modelServer/managedServer';
import { downloadModel } from '../core/modelServer/modelDownload';
import { affects, readLocalServerSettings, setLocalServerModelPath, type LocalServerSettings } from './config';
import type { Log } from './log';
import { reportCancelled, withCancellableProgress } from './progress';

export class ModelServerController implements vscode.Disposable {
  private server: ManagedServer | undefined;
  private readonly status = vscode.window.createStatusBarItem('leanAuthor.modelServer', vscode.StatusBarAlignment.Right, 100);
  /** The settings the running server was started with, to tell whether a settings change affects it. */
  private startedWith: string | undefined;
  /** Writes of the server's settings by our own commands in flight: they offer (or do) the restart themselves. */
  private ownWrites = 0;
  private readonly settingsListener: vscode.Disposable;

  constructor(
    private readonly extensionPath: string,
    /** The extension's global storage: downloaded models go to its `models/` folder. */
    private readonly storagePath: string,
    private readonly log: Log,
  ) {
    this.status.name = 'LEAN Model Server';
    this.show({ kind: 'stopped' });
    this.settingsListener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, 'localServer')) this.onSettingsChanged();
    });
  }

  /** Runs a write of the server's settings by one of our commands, which handles the restart itself. */
  async writeSettings(write: () => Thenable<void> | Promise<void>): Promise<void> {
    this.ownWrites++;
    try {
      await write();
    } finally {
      this.ownWrites--;
    }
  }

  /** A `leanAuthor.localServer.*` change edited by hand while the server runs: offer to restart it with the new settings. */
  private onSettingsChanged(): void {
    if (this.ownWrites > 0 || this.server?.state.kind !== 'ready') return;
    if (launchKey(readLocalServerSettings()) === this.startedWith) return;
    void vscode.window
      .showInformationMessage('LEAN: the local model server settings changed. Restart the server to use them?', 'Restart server')
      .then((choice) => choice && this.start());
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
    const missingAdapter = settings.loraAdapters.find((a) => !existsSync(a.path));
    if (missingAdapter) {
      const message = `LEAN: the LoRA adapter ${missingAdapter.path} does not exist. Fix or remove it in the "leanAuthor.localServer.loraAdapters" setting.`;
      void vscode.window
        .showErrorMessage(message, 'Open Settings')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'leanAuthor.localServer.loraAdapters'));
      return { status: 'needs-setup', message };
    }
    await this.server?.stop();
    this.startedWith = launchKey(settings);
    const server = new ManagedServer({
      ...this.cliLaunch(),
      modelPath: settings.modelPath,
      lora: settings.loraAdapters,
      host: '127.0.0.1',
      port: settings.port,
      parallel: settings.parallel,
      contextSize: settings.contextSize,
    });
    this.server = server;
    server.onState((state) => this.onState(state));
    try {
      const ready = await withCancellableProgress(
        `LEAN: starting the local model server (${path.basename(settings.modelPath)})`,
        (signal) => server.start(signal),
      );
      return { status: 'done', detail: ready.url };
    } catch (error) {
      if (isCancelled(error)) return reportCancelled('Start Local Model Server', this.log);
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error('The local model server did not start', error, true);
      const message = `LEAN: the local model server did not start: ${reason}`;
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
  }

  /**
   * The running local server as a chain endpoint, starting it first when a model is set; undefined when
   * no model is set (the chain then goes straight to the configured endpoints).
   */
  async localEndpoint(): Promise<{ name: string; baseURL: string; model: string } | undefined> {
    if (this.server?.state.kind !== 'ready') {
      const settings = readLocalServerSettings();
      if (!settings.modelPath || !existsSync(settings.modelPath)) return undefined;
      const outcome = await this.start();
      if (outcome.status !== 'done') return undefined;
    }
    const state = this.server?.state;
    return state?.kind === 'ready' ? { name: 'local', baseURL: `${state.url}/v1`, model: state.model } : undefined;
  }

  /** True while a server is starting, ready or restarting (Use Adapter restarts it then). */
  get running(): boolean {
    return this.server !== undefined && this.server.state.kind !== 'stopped' && this.server.state.kind !== 'failed';
  }

  async stop(): Promise<CommandOutcome> {
    if (!this.server || this.server.state.kind === 'stopped') {
      void vscode.window.showInformationMessage('LEAN: the local model server is not running.');
      return { status: 'done', detail: 'not running' };
    }
    await this.server.stop();
    return { status: 'done', detail: 'stopped' };
  }

  /** Picks a downloaded model, a GGUF file, or an `hf:` URI (downloaded first). `choice` skips the prompts. */
  async selectModel(choice?: unknown): Promise<CommandOutcome> {
    let picked = typeof choice === 'string' ? choice : await this.pickModel();
    if (!picked) return { status: 'cancelled' };
    if (/^(hf:|https?:)/i.test(picked)) return this.download(picked);
    if (!existsSync(picked)) {
      const message = `LEAN: ${picked} does not exist. Choose an existing GGUF file.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
    picked = path.resolve(picked);
    await this.useModel(picked);
    return { status: 'done', detail: picked };
  }

  /** Download Model: asks for a URI unless given one, downloads it with progress and cancel, and selects it. */
  async download(uri?: unknown): Promise<CommandOutcome> {
    const modelUri =
      typeof uri === 'string'
        ? uri.trim()
        : (
            await vscode.window.showInputBox({
              title: 'Download a GGUF model',
              prompt: 'A Hugging Face model URI or the URL of a .gguf file',
              placeHolder: 'hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M',
              ignoreFocusOut: true,
              validateInput: (value) =>
                /^(hf:\S+\/\S+|https?:\/\/\S+)$/i.test(value.trim()) ? undefined : 'Use hf:<user>/<repo>:<quant> or an http(s) URL.',
            })
          )?.trim();
    if (!modelUri) return { status: 'cancelled' };
    const dir = this.modelsDir();
    try {
      const file = await withCancellableProgress(`LEAN: downloading ${modelUri}`, (signal, progress) => {
        let reported = 0;
        return downloadModel(
          this.cliLaunch(),
          modelUri,
          dir,
          ({ downloadedBytes, totalBytes }) => {
            const percent = totalBytes ? (downloadedBytes / totalBytes) * 100 : 0;
            progress.report({
              increment: percent - reported,
              message: `${mebibytes(downloadedBytes)} of ${mebibytes(totalBytes)} MiB`,
            });
            reported = percent;
          },
          signal,
        );
      });
      this.log.info(`Downloaded ${modelUri} to ${file}`);
      await this.useModel(file);
      return { status: 'done', detail: file };
    } catch (error) {
      if (isCancelled(error)) return reportCancelled('Download Model', this.log);
      const message = `LEAN: downloading ${modelUri} failed: ${error instanceof Error ? error.message : String(error)}. Check the URI and your connection; HF_ENDPOINT selects a Hugging Face mirror.`;
      this.log.error('Model download failed', error);
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }
  }

  private async pickModel(): Promise<string | undefined> {
    const current = readLocalServerSettings().modelPath;
    type Item = vscode.QuickPickItem & { value: string };
    const downloaded: Item[] = this.downloadedModels().map((file) => ({
      label: `$(file-binary) ${path.basename(file)}`,
      description: file === current ? 'current' : 'downloaded',
      detail: file,
      value: file,
    }));
    const items: Item[] = [
      ...downloaded,
      { label: '$(folder-opened) Browse for a GGUF file…', value: 'browse' },
      { label: '$(cloud-download) Download a model (hf: URI or URL)…', value: 'download' },
    ];
    const item = await vscode.window.showQuickPick(items, {
      title: 'Model for the local model server',
      placeHolder: current || 'No model selected',
    });
    if (!item) return undefined;
    if (item.value === 'download') {
      const uri = await vscode.window.showInputBox({
        title: 'Download a GGUF model',
        placeHolder: 'hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M',
        ignoreFocusOut: true,
      });
      return uri?.trim() || undefined;
    }
    if (item.value !== 'browse') return item.value;
    const picked = await vscode.window.showOpenDialog({
      title: 'Select a GGUF model for the local model server',
      canSelectMany: false,
      filters: { 'GGUF models': ['gguf'] },
    });
    return picked?.[0]?.fsPath;
  }

  private async useModel(file: string): Promise<void> {
    await this.writeSettings(() => setLocalServerModelPath(file));
    if (this.server && this.server.state.kind !== 'stopped') {
      void vscode.window
        .showInformationMessage(`LEAN: model set to ${path.basename(file)}. Restart the local model server to use it?`, 'Restart')
        .then((choice) => choice && this.start());
    } else {
      void vscode.window.showInformationMessage(`LEAN: the local model server will run ${path.basename(file)}.`);
    }
  }

  private modelsDir(): string {
    const dir = path.join(this.storagePath, 'models');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private downloadedModels(): string[] {
    const dir = path.join(this.storagePath, 'models');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.toLowerCase().endsWith('.gguf'))
      .map((name) => path.join(dir, name));
  }

  private cliLaunch() {
    // VS Code's executable is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node for the CLI.
    return { node: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' }, cli: path.join(this.extensionPath, 'dist', 'cli.js') };
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
    this.status.text =
      state.kind === 'ready'
        ? `${icon} ${state.model}${state.adapters.length ? ` + ${state.adapters.length} LoRA` : ''} · ${state.device.toUpperCase()}`
        : `${icon} LEAN model`;
    this.status.tooltip = `Local model server: ${describeState(state)}. Click to ${state.kind === 'ready' ? 'stop' : 'start'} it.`;
    this.status.command = state.kind === 'ready' ? 'leanAuthor.stopModelServer' : 'leanAuthor.startModelServer';
    this.status.show();
  }

  dispose(): void {
    void this.server?.stop();
    this.status.dispose();
    this.settingsListener.dispose();
  }
}

/** What the server is started with, as comparable text. */
function launchKey(settings: LocalServerSettings): string {
  return JSON.stringify(settings);
}

function mebibytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function describeState(state: ServerState): string {
  switch (state.kind) {
    case 'ready':
      return `running ${state.model}${state.adapters.length ? ` with LoRA ${state.adapters.join(', ')}` : ''} on ${state.device === 'cpu' ? 'the CPU' : `the GPU (${state.device})`} at ${state.url}`;
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
