// Generate LEAN Strategy, Refine Strategy and Set API Key. Asks for what it needs, builds the model
// chain (local server first, then the configured endpoints with keys from SecretStorage), runs the
// generation core with progress and cancel, streams the code into the new project's main.py, and
// writes every file through undoable WorkspaceEdits. Arguments let scripts and tests skip the prompts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { isCancelled } from '../core/cancellation';
import type { CommandOutcome } from '../core/commandCatalog';
import { REQUEST_MISMATCH } from '../core/diagnostic';
import type { GenerationEvent, GenerationOutcome, ModelEndpoint } from '../core/generation/index';
import { readGenerationSettings } from './config';
import { apiIndex, loadGeneration, loadValidator } from './chunks';
import type { Log } from './log';
import type { ModelServerController } from './modelServerController';
import { reportCancelled, withCancellableProgress } from './progress';
import { StreamingDocument } from './streamingDocument';

const SECRET_PREFIX = 'leanAuthor.apiKey.';
const PROPOSAL_SCHEME = 'lean-author-proposal';

export interface GenerateArgs {
  prompt?: string;
  name?: string;
  /** Folder the project folder is created in. */
  folder?: string;
  offline?: boolean;
}

export interface RefineArgs {
  instruction?: string;
  /** Skips the Accept/Reject question (for scripts and tests). */
  decision?: 'accept' | 'reject';
}

export class GenerateController implements vscode.Disposable {
  private readonly proposals = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly modelServer: ModelServerController,
    private readonly log: Log,
  ) {
    const proposals = this.proposals;
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, {
        provideTextDocumentContent: (uri) => proposals.get(uri.toString()) ?? '',
      }),
    );
  }

  async generate(raw?: unknown): Promise<CommandOutcome> {
    const args = (typeof raw === 'object' && raw !== null ? raw : {}) as GenerateArgs;
    const generation = loadGeneration();
    const prompt = args.prompt?.trim() || (await this.askPrompt());
    if (!prompt) return { status: 'cancelled' };
    const folder = args.folder ?? (await this.pickFolder());
    if (!folder) {
      if (!vscode.workspace.workspaceFolders?.length) {
        const message = 'LEAN: open a folder first (your Lean CLI workspace, or any folder) so the project has somewhere to go.';
        void vscode.window
          .showErrorMessage(message, 'Open Folder')
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.files.openFolder'));
        return { status: 'needs-setup', message };
      }
      return { status: 'cancelled' };
    }
    const name = args.name ?? (await this.askName(folder, generation.suggestProjectName(prompt)));
    if (!name) return { status: 'cancelled' };
    const problem = generation.checkProjectName(name);
    if (problem) {
      void vscode.window.showErrorMessage(`LEAN: the project name "${name}" does not work: ${problem}`);
      return { status: 'failed', message: problem };
    }
    const projectDir = path.join(folder, name);
    if (existsSync(projectDir)) {
      const message = `LEAN: ${projectDir} already exists, so nothing was written. Choose another project name.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', message };
    }

    const settings = readGenerationSettings();
    const validator = await loadValidator();
    const mainUri = vscode.Uri.file(path.join(projectDir, 'main.py'));
    const stream = new StreamingDocument(mainUri);
    try {
      const outcome = await withCancellableProgress(`LEAN: generating ${name}`, async (signal, progress) => {
        const endpoints = args.offline ? [] : await this.chain(settings.useLocalServer, settings.endpoints);
        return generation.generateStrategy({
          prompt,
          className: name,
          endpoints,
          offline: args.offline === true,
          offlineFallback: settings.offlineFallback,
          maxRepairRounds: settings.repairRounds,
          firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
          maxTokens: settings.maxTokens,
          temperature: settings.temperature,
          examples: settings.examples,
          index: apiIndex(),
          validate: (code, request) => validator.validate(code, { fileName: 'main.py', request }),
          signal,
          onEvent: (event) => this.onEvent(event, progress, stream),
        });
      });
      await stream.finish(outcome.code);
      await this.writeProjectFiles(folder, name, prompt, outcome);
      await vscode.window.showTextDocument(mainUri, { preview: false });
      const message = this.announce(name, outcome);
      return { status: 'done', detail: mainUri.fsPath, message };
    } catch (error) {
      await stream.discard();
      return this.failure('Generate LEAN Strategy', error);
    }
  }

  async refine(raw?: unknown): Promise<CommandOutcome> {
    const args = (typeof raw === 'object' && raw !== null ? raw : {}) as RefineArgs;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
      const message = 'LEAN: open the algorithm (a Python file) you want to refine, then run Refine Strategy again.';
      void vscode.window.showInformationMessage(message);
      return { status: 'needs-setup', message };
    }
    const instruction =
      args.instruction?.trim() ||
      (
        await vscode.window.showInputBox({
          title: 'Refine Strategy',
          prompt: 'What should change?',
          placeHolder: 'add a 5% trailing stop',
          ignoreFocusOut: true,
        })
      )?.trim();
    if (!instruction) return { status: 'cancelled' };
    const document = editor.document;
    const original = document.getText();
    const version = document.version;
    const settings = readGenerationSettings();
    const generation = loadGeneration();
    const validator = await loadValidator();
    try {
      const outcome = await withCancellableProgress(`LEAN: refining ${path.basename(document.fileName)}`, async (signal, progress) => {
        const endpoints = await this.chain(settings.useLocalServer, settings.endpoints);
        if (endpoints.length === 0)
          throw new Error(
            'Refine Strategy needs a model: set one with "LEAN: Select Model" or add an endpoint in the leanAuthor.generation.endpoints setting.',
          );
        return generation.refineStrategy({
          code: original,
          instruction,
          endpoints,
          maxRepairRounds: settings.repairRounds,
          firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
          maxTokens: settings.maxTokens,
          temperature: settings.temperature,
          index: apiIndex(),
          validate: (code, request) => validator.validate(code, { fileName: path.basename(document.fileName), request }),
          signal,
          onEvent: (event) => this.onEvent(event, progress),
        });
      });
      const proposal = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: document.uri.path, query: String(Date.now()) });
      this.proposals.set(proposal.toString(), outcome.code);
      await vscode.commands.executeCommand(
        'vscode.diff',
        document.uri,
        proposal,
        `${path.basename(document.fileName)} ↔ refined: ${instruction}`,
      );
      const summary = outcome.clean
        ? 'no validator errors'
        : `${outcome.diagnostics.filter((d) => d.severity === 'error').length} validator error(s)`;
      const decision =
        args.decision ??
        ((await vscode.window.showInformationMessage(
          `LEAN: ${outcome.endpoint?.name ?? 'the model'} proposes this change (${summary}). Apply it?`,
          'Accept',
          'Reject',
        )) === 'Accept'
          ? 'accept'
          : 'reject');
      this.proposals.delete(proposal.toString());
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      if (decision !== 'accept') return { status: 'cancelled' };
      if (document.version !== version) {
        const message = 'LEAN: the file changed while the model worked, so the refinement was not applied. Run Refine Strategy again.';
        void vscode.window.showWarningMessage(message);
        return { status: 'failed', message };
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(original.length)), outcome.code);
      await vscode.workspace.applyEdit(edit);
      return { status: 'done', detail: outcome.endpoint?.name ?? '' };
    } catch (error) {
      return this.failure('Refine Strategy', error);
    }
  }

  /** Set API Key: stores (or, given an empty key, removes) an endpoint's key in SecretStorage only. */
  async setApiKey(rawName?: unknown, rawKey?: unknown): Promise<CommandOutcome> {
    const endpoints = readGenerationSettings().endpoints;
    let name = typeof rawName === 'string' ? rawName : undefined;
    if (!name) {
      if (endpoints.length === 0) {
        const message = 'LEAN: add an endpoint to the "leanAuthor.generation.endpoints" setting first; its key is then set here.';
        void vscode.window
          .showInformationMessage(message, 'Open Settings')
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'leanAuthor.generation.endpoints'));
        return { status: 'needs-setup', message };
      }
      const picked = await vscode.window.showQuickPick(
        endpoints.map((e) => ({ label: e.name, description: `${e.model} at ${e.baseURL}` })),
        { title: 'Set the API key of which endpoint?' },
      );
      name = picked?.label;
    }
    if (!name) return { status: 'cancelled' };
    const key =
      typeof rawKey === 'string'
        ? rawKey
        : await vscode.window.showInputBox({
            title: `API key for ${name}`,
            prompt: 'Kept in VS Code secret storage, never in settings. Leave empty to remove the stored key.',
            password: true,
            ignoreFocusOut: true,
          });
    if (key === undefined) return { status: 'cancelled' };
    if (key.trim()) await this.secrets.store(`${SECRET_PREFIX}${name}`, key.trim());
    else await this.secrets.delete(`${SECRET_PREFIX}${name}`);
    this.log.info(`API key for endpoint "${name}" ${key.trim() ? 'stored' : 'removed'}`);
    void vscode.window.showInformationMessage(`LEAN: API key for ${name} ${key.trim() ? 'saved in secret storage' : 'removed'}.`);
    return { status: 'done', detail: name };
  }

  private async chain(useLocalServer: boolean, configured: { name: string; baseURL: string; model: string }[]): Promise<ModelEndpoint[]> {
    const endpoints: ModelEndpoint[] = [];
    if (useLocalServer) {
      const local = await this.modelServer.localEndpoint();
      if (local) endpoints.push(local);
    }
    for (const endpoint of configured)
      endpoints.push({ ...endpoint, apiKey: (await this.secrets.get(`${SECRET_PREFIX}${endpoint.name}`)) ?? undefined });
    return endpoints;
  }

  private onEvent(event: GenerationEvent, progress: vscode.Progress<{ message?: string }>, stream?: StreamingDocument): void {
    switch (event.type) {
      case 'attempt':
        progress.report({
          message: `${event.round ? `repair round ${event.round}: ` : ''}asking ${event.endpoint.name} (${event.endpoint.model})…`,
        });
        stream?.startRound();
        break;
      case 'failover':
        this.log.warn(`${event.endpoint.name} did not answer (${event.reason}); trying the next endpoint`);
        progress.report({ message: `${event.endpoint.name} did not answer; trying the next endpoint…` });
        break;
      case 'text':
        stream?.append(event.delta);
        break;
      case 'round':
        this.log.info(
          `Round ${event.round.round} by ${event.round.endpoint} (${event.round.model}): ${event.round.errors} error(s), ${event.round.warnings} warning(s) in ${event.round.durationMs} ms`,
        );
        if (event.round.errors)
          progress.report({ message: `round ${event.round.round}: ${event.round.errors} error(s); asking for a fix…` });
        break;
    }
  }

  private async writeProjectFiles(folder: string, name: string, prompt: string, outcome: GenerationOutcome): Promise<void> {
    const files = loadGeneration()
      .projectFiles(name, prompt, outcome)
      .filter((f) => !f.path.endsWith('/main.py'));
    const edit = new vscode.WorkspaceEdit();
    for (const file of files)
      edit.createFile(vscode.Uri.file(path.join(folder, file.path)), {
        contents: Buffer.from(file.content, 'utf8'),
        ignoreIfExists: false,
        overwrite: false,
      });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not create the project files in ${path.join(folder, name)}`);
  }

  /** Shows how the strategy was made and what it does not do of the request; returns the text shown. */
  private announce(name: string, outcome: GenerationOutcome): string {
    // Mismatches with the request are listed under "Not done", not counted as validator errors.
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error' && d.code !== REQUEST_MISMATCH).length;
    const who =
      outcome.source === 'offline'
        ? `the offline generator (${outcome.offlineReason})`
        : `${outcome.endpoint?.name} (${outcome.endpoint?.model}) in ${outcome.rounds.length} round(s)`;
    const state = errors ? `${errors} validator error(s) remain; see the Problems panel` : 'no validator errors';
    this.log.info(`Generated ${name} with ${who}: ${state}`);
    if (outcome.unfulfilled.length === 0) {
      const message = `LEAN: generated ${name} with ${who}: ${state}.`;
      void vscode.window.showInformationMessage(message);
      return message;
    }
    // What the code does not do of the request is never left to a file the user may not open.
    for (const sentence of outcome.unfulfilled) this.log.warn(`Generated ${name}: not done: ${sentence}`);
    const message = `LEAN: generated ${name} with ${who}: ${state}. Not done: ${outcome.unfulfilled.join(' ')}`;
    void vscode.window.showWarningMessage(message);
    return message;
  }

  private failure(command: string, error: unknown): CommandOutcome {
    const generation = loadGeneration();
    if (isCancelled(error)) return reportCancelled(command, this.log);
    if (generation.isOfflineDeclined(error)) {
      // Nothing was written: say what cannot be done and where to set up a model that can.
      const message = `LEAN: nothing was written. ${error.message}`;
      this.log.warn(message);
      void vscode.window
        .showWarningMessage(message, 'Open Settings')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'leanAuthor.generation.endpoints'));
      return { status: 'needs-setup', message };
    }
    const message = `LEAN: ${command} failed: ${error instanceof Error ? error.message : String(error)}`;
    this.log.error(`${command} failed`, error);
    if (error instanceof generation.ModelConfigurationError)
      void vscode.window
        .showErrorMessage(message, 'Set API Key', 'Open Settings')
        .then((choice) =>
          choice === 'Set API Key'
            ? vscode.commands.executeCommand('leanAuthor.setApiKey', error.endpoint.name)
            : choice && vscode.commands.executeCommand('workbench.action.openSettings', 'leanAuthor.generation'),
        );
    else void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => choice && this.log.show());
    return { status: 'failed', message };
  }

  private async askPrompt(): Promise<string | undefined> {
    // A selection in the editor (e.g. notes in a Markdown file) is taken as a multi-line description.
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
    const value = await vscode.window.showInputBox({
      title: 'Generate LEAN Strategy (1/2): describe the strategy',
      prompt: 'Tickers, signals, periods, dates, cash and risk rules. Select text in an editor first for a longer description.',
      placeHolder: 'RSI mean reversion on AAPL and MSFT with a 5% stop',
      value: selected,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : 'Describe the strategy in a sentence or two.'),
    });
    return value?.trim() || undefined;
  }

  private async askName(folder: string, suggested: string): Promise<string | undefined> {
    const generation = loadGeneration();
    return (
      await vscode.window.showInputBox({
        title: 'Generate LEAN Strategy (2/2): project name',
        prompt: `Created as a Lean CLI project in ${folder}`,
        value: suggested,
        ignoreFocusOut: true,
        validateInput: (name) =>
          generation.checkProjectName(name.trim()) ??
          (existsSync(path.join(folder, name.trim())) ? 'A folder with this name already exists.' : undefined),
      })
    )?.trim();
  }

  /** The Lean CLI workspace (folder with lean.json) when there is one, else a workspace folder; asks when there are several. */
  private async pickFolder(): Promise<string | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return undefined;
    const leanJsons = await vscode.workspace.findFiles('**/lean.json', '**/{node_modules,.git,backtests}/**', 10);
    const candidates = [
      ...leanJsons.map((uri) => ({ label: path.dirname(uri.fsPath), description: 'Lean CLI workspace' })),
      ...folders
        .filter((f) => !leanJsons.some((l) => path.dirname(l.fsPath) === f.uri.fsPath))
        .map((f) => ({ label: f.uri.fsPath, description: 'workspace folder' })),
    ];
    if (leanJsons.length === 1) return candidates[0]!.label;
    if (candidates.length === 1) return candidates[0]!.label;
    return (await vscode.window.showQuickPick(candidates, { title: 'Where should the project go?' }))?.label;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
