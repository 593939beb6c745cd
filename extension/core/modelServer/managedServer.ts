// Runs `lean-author serve` as a child process (never inside the extension host), waits for /health,
// restarts it after a crash with backoff, and gives up after repeated crashes with the reason.
// Editor-agnostic: the VS Code adapter turns its state changes into a status bar item and messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { CancelledError } from '../cancellation';

export interface ServerLaunch {
  /** The Node executable and the CLI script (`dist/cli.js`). */
  node: string;
  cli: string;
  modelPath: string;
  host: string;
  port: number;
  parallel: number;
  contextSize: number;
  /** CPU threads for llama.cpp (default: the server's, the number of cores). */
  threads?: number;
  /** LoRA adapters loaded on top of the model, with their scales. */
  lora?: { path: string; scale: number }[];
  /** Extra environment, e.g. ELECTRON_RUN_AS_NODE for VS Code's Electron. */
  env?: Record<string, string>;
}

export type ServerState =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  | { kind: 'loading'; url: string }
  | { kind: 'ready'; url: string; model: string; device: string; adapters: string[] }
  | { kind: 'restarting'; attempt: number; reason: string }
  | { kind: 'failed'; reason: string };

/** What `lean-author serve` answers on GET /health. */
interface HealthBody {
  model?: string;
  gpu?: string;
  adapters?: { id: number; path: string; scale: number }[];
  error?: string;
}

export interface ManagedServerOptions {
  /** Crashes within `crashWindowMs` after which the server is not restarted again. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** First restart delay; doubles with each crash. */
  backoffMs?: number;
  readyTimeoutMs?: number;
}

export class ManagedServer {
  private child: ChildProcess | undefined;
  private current: ServerState = { kind: 'stopped' };
  private crashes: number[] = [];
  private stopping = false;
  private output = '';
  private readonly listeners = new Set<(state: ServerState) => void>();
  private readonly options: Required<ManagedServerOptions>;

  constructor(
    private readonly launch: ServerLaunch,
    options: ManagedServerOptions = {},
  ) {
    this.options = { maxCrashes: 3, crashWindowMs: 60_000, backoffMs: 1_000, readyTimeoutMs: 120_000, ...options };
  }

  get state(): ServerState {
    return this.current;
  }

  /** The running server's process id, for diagnostics. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  onState(listener: (state: ServerState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts the server and resolves once /health answers 200; rejects with a reason a user can act on, or CancelledError. */
  async start(signal?: AbortSignal): Promise<Extract<ServerState, { kind: 'ready' }>> {
    if (this.current.kind === 'ready') return this.current;
    this.stopping = false;
    this.crashes = [];
    return this.run(signal);
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    this.child = undefined;
    this.set({ kind: 'stopped' });
  }

  private async run(signal?: AbortSignal): Promise<Extract<ServerState, { kind: 'ready' }>> {
    this.set({ kind: 'starting' });
    const { node, cli, modelPath, host, port, parallel, contextSize, threads, env, lora = [] } = this.launch;
    this.output = '';
    const child = spawn(
      node,
      [
        cli,
        'serve',
        '--model',
        modelPath,
        '--host',
        host,
        '--port',
        String(port),
        '--parallel',
        String(parallel),
        '--ctx-size',
        String(contextSize),
        ...(threads ? ['--threads', String(threads)] : []),
        ...lora.flatMap((a) => ['--lora', `${a.path}:${a.scale}`]),
      ],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8_000)));
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8_000)));
    child.once('exit', (code, exitSignal) => this.exited(child, code, exitSignal));
    const ready = await this.waitReady(child, signal);
    this.set(ready);
    return ready;
  }

  private async waitReady(child: ChildProcess, signal?: AbortSignal): Promise<Extract<ServerState, { kind: 'ready' }>> {
    const deadline = Date.now() + this.options.readyTimeoutMs;
    let url = '';
    while (Date.now() < deadline) {
      if (signal?.aborted) {
        await this.stop();
        throw new CancelledError();
      }
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the model server exited: ${this.lastLines()}`);
      if (!url) {
        url = /listening on (http:\/\/\S+)/.exec(this.output)?.[1] ?? '';
        if (url) this.set({ kind: 'loading', url });
      }
      if (url) {
        const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })
          .then(async (r) => ({ status: r.status, body: (await r.json()) as HealthBody }))
          .catch(() => undefined);
        if (health?.status === 200)
          return {
            kind: 'ready',
            url,
            model: health.body.model ?? '',
            device: health.body.gpu ?? 'cpu',
            adapters: (health.body.adapters ?? []).map((a) => `${a.path.split(/[\\/]/).pop() ?? a.path}@${a.scale}`),
          };
        if (health?.body.error) {
          await this.stop();
          throw new Error(health.body.error);
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await this.stop();
    throw new Error(`the model server did not become ready within ${this.options.readyTimeoutMs / 1000} s: ${this.lastLines()}`);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child || this.stopping) return;
    this.child = undefined;
    const reason = `exited with ${code ?? signal}: ${this.lastLines()}`;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < this.options.crashWindowMs), now];
    if (this.crashes.length >= this.options.maxCrashes) {
      this.set({
        kind: 'failed',
        reason: `the model server crashed ${this.crashes.length} times in a row, so it was not restarted. Last: ${reason}`,
      });
      return;
    }
    const attempt = this.crashes.length;
    this.set({ kind: 'restarting', attempt, reason });
    setTimeout(
      () => {
        if (this.stopping) return;
        this.run().catch((error: unknown) => this.set({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }));
      },
      this.options.backoffMs * 2 ** (attempt - 1),
    );
  }

  private lastLines(): string {
    return this.output.trim().split('\n').slice(-3).join(' | ') || 'no output';
  }

  private set(state: ServerState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
