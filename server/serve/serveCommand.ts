// `lean-author serve`: loads the model in the background (so /health can say "loading"), listens,
// and shuts down cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createHttpServer, modelIdFor, type ServerState } from './httpServer';
import { LlamaEngine } from './llamaEngine';

export interface ServeOptions {
  model: string;
  host: string;
  port: number;
  parallel: number;
  ctxSize: number;
  apiKey?: string | undefined;
  threads?: number | undefined;
  lora?: { path: string; scale: number }[] | undefined;
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  if (!existsSync(options.model)) {
    throw new Error(
      `the model file ${options.model} does not exist. Pass --model with a GGUF file (bash scripts/fetch-model.sh fetches a small one).`,
    );
  }
  for (const adapter of options.lora ?? []) {
    if (!existsSync(adapter.path))
      throw new Error(`the LoRA adapter ${adapter.path} does not exist. Pass --lora with a GGUF adapter file (PATH or PATH:SCALE).`);
  }
  const state: ServerState = { engine: undefined, loadError: undefined, apiKey: options.apiKey, modelId: modelIdFor(options.model) };
  const server = createHttpServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  // The first line is machine-readable: the extension and tests read the port from it.
  process.stdout.write(`lean-author serve: listening on http://${options.host}:${port}\n`);

  const loading = new AbortController();
  const load = LlamaEngine.load(
    {
      modelPath: options.model,
      contextSize: options.ctxSize,
      parallel: options.parallel,
      queueLimit: options.parallel * 4,
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.lora?.length ? { lora: options.lora } : {}),
    },
    loading.signal,
  ).then(
    (engine) => {
      state.engine = engine;
      const adapters = engine.adapters.map((a) => `${path.basename(a.path)}:${a.scale}`).join(', ');
      process.stdout.write(`lean-author serve: model ${state.modelId} ready (${engine.gpu})${adapters ? ` with LoRA ${adapters}` : ''}\n`);
    },
    (error: unknown) => {
      state.loadError = `the model could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      process.stderr.write(`lean-author serve: ${state.loadError}\n`);
    },
  );

  await new Promise<void>((resolve) => {
    let stopping = false;
    // Persistent listeners (not `once`): a dependency's signal-exit re-raises the signal when it sees
    // no other listener, which would kill the process before the model is released.
    const stop = (signal: string) => {
      if (stopping) {
        process.stderr.write(`lean-author serve: ${signal} again, exiting at once\n`);
        process.exit(1);
      }
      stopping = true;
      process.stdout.write(`lean-author serve: ${signal}, shutting down\n`);
      loading.abort();
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  await load;
  await state.engine?.dispose();
}
