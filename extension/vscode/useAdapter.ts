// Use Adapter: registers an exported GGUF LoRA in the local-server settings (after checking it is an
// adapter for the selected model's architecture) and restarts the local model server if it runs.
import path from 'node:path';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../core/commandCatalog';
import { readLocalServerSettings, readTrainingSettings, setLocalServerLoraAdapters } from './config';
import { loadTraining } from './chunks';
import type { Log } from './log';

/** Arguments of `executeCommand('leanAuthor.useAdapter', args)`, so tests and scripts can skip the prompts. */
export interface UseAdapterArgs {
  path?: string;
  scale?: number;
  /** What to do with adapters already configured; asked when absent. */
  mode?: 'replace' | 'add';
}

export interface AdapterServer {
  readonly running: boolean;
  start(): Promise<CommandOutcome>;
  /** Writes the server's settings without the "settings changed, restart?" offer: Use Adapter restarts it itself. */
  writeSettings(write: () => Thenable<void> | Promise<void>): Promise<void>;
}

export async function useAdapter(args: UseAdapterArgs | undefined, server: AdapterServer, log: Log): Promise<CommandOutcome> {
  const file = args?.path ?? (await pickAdapter());
  if (!file) return { status: 'cancelled' };
  const training = loadTraining();
  const settings = readLocalServerSettings();
  let problem: string | undefined;
  try {
    const adapter = await training.readGgufSummary(file);
    const model = settings.modelPath ? await training.readGgufSummary(settings.modelPath).catch(() => undefined) : undefined;
    problem = training.adapterMismatch(adapter, model);
    log.info(
      `Use Adapter: ${file} (${adapter.type}, ${adapter.architecture}${adapter.manifestSha256 ? `, run ${adapter.manifestSha256.slice(0, 12)}` : ''})`,
    );
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (problem) {
    const message = `LEAN: cannot use ${path.basename(file)}: ${problem}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'failed', message };
  }
  const others = settings.loraAdapters.filter((a) => path.resolve(a.path) !== path.resolve(file));
  let mode = args?.mode;
  if (!mode && others.length > 0) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Replace', description: `use only ${path.basename(file)}`, mode: 'replace' as const },
        { label: 'Add', description: `keep the ${others.length} adapter(s) already set`, mode: 'add' as const },
      ],
      { title: `LEAN: ${others.length} LoRA adapter(s) are already set`, ignoreFocusOut: true },
    );
    if (!choice) return { status: 'cancelled' };
    mode = choice.mode;
  }
  const adapters = [...(mode === 'add' ? others : []), { path: file, scale: args?.scale ?? 1 }];
  await server.writeSettings(() => setLocalServerLoraAdapters(adapters));
  if (server.running) {
    log.info('Use Adapter: restarting the local model server with the new adapters');
    return server.start();
  }
  const message = `LEAN: the local model server will load ${path.basename(file)}${settings.modelPath ? '' : ' once you select its base model'}.`;
  void vscode.window.showInformationMessage(message);
  return { status: 'done', detail: message };
}

async function pickAdapter(): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const runs = folder ? vscode.Uri.joinPath(folder.uri, readTrainingSettings().outputFolder, 'runs') : undefined;
  const picked = await vscode.window.showOpenDialog({
    title: 'Select an exported LoRA adapter (GGUF)',
    canSelectMany: false,
    filters: { 'GGUF LoRA adapters': ['gguf'] },
    ...(runs ? { defaultUri: runs } : {}),
  });
  return picked?.[0]?.fsPath;
}
