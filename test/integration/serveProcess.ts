// Runs `lean-author serve` as a real process on the SmolLM2-135M test model (scripts/fetch-model.sh).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();
export const cli = path.join(root, 'dist', 'cli.js');
export const modelPath = path.join(root, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');
/** The context size of the servers started here, shared by the server bench's other contenders. */
export const CONTEXT_SIZE = 2048;
export const MODEL_ID = 'SmolLM2-135M-Instruct.Q4_1';

export interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts the server on a free port and waits for /health to answer 200. */
export async function startServer(...extra: string[]): Promise<Server> {
  if (!existsSync(modelPath)) throw new Error(`${modelPath} is missing: run bash scripts/fetch-model.sh`);
  // LEAN_AUTHOR_TEST_THREADS=1 when other work shares the cores: llama.cpp with a thread per core then
  // runs many times slower than with one.
  const threads = process.env['LEAN_AUTHOR_TEST_THREADS'] ? ['--threads', process.env['LEAN_AUTHOR_TEST_THREADS']] : [];
  const args = [cli, 'serve', '--model', modelPath, '--port', '0', '--ctx-size', String(CONTEXT_SIZE), ...threads, ...extra];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  let url = '';
  while (Date.now() < deadline) {
    url ||= /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    if (
      url &&
      (await fetch(`${url}/health`)
        .then((r) => r.status)
        .catch(() => 0)) === 200
    )
      return { url, child, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy:\n${output}`);
}

export async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  return exited;
}
