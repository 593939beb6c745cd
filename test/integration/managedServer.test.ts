// The extension's process manager for `lean-author serve`, against real processes: the real server on
// SmolLM2 for start, crash recovery and stop; and a stand-in script for a server that keeps crashing
// (a real server cannot be made to crash on cue).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManagedServer, type ServerState } from '../../extension/core/modelServer/managedServer';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();
const modelPath = path.join(root, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');
const launch = {
  node: process.execPath,
  cli: path.join(root, 'dist', 'cli.js'),
  modelPath,
  host: '127.0.0.1',
  port: 0,
  parallel: 1,
  contextSize: 1024,
};

function waitForState(server: ManagedServer, kind: ServerState['kind'], timeoutMs = 60_000): Promise<ServerState> {
  return new Promise((resolve, reject) => {
    if (server.state.kind === kind) return resolve(server.state);
    const timer = setTimeout(() => reject(new Error(`no ${kind} state within ${timeoutMs} ms (now ${server.state.kind})`)), timeoutMs);
    const listener = server.onState((state) => {
      if (state.kind !== kind) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(state);
    });
  });
}

describe('ManagedServer with the real lean-author serve', () => {
  it('starts, restarts after the process is killed, and stops', async () => {
    const server = new ManagedServer(launch, { backoffMs: 200 });
    const seen: string[] = [];
    server.onState((s) => seen.push(s.kind));
    const ready = await server.start();
    expect(ready.model).toBe('SmolLM2-135M-Instruct.Q4_1');
    expect((await fetch(`${ready.url}/health`)).status).toBe(200);

    process.kill(server.pid!, 'SIGKILL');
    await waitForState(server, 'restarting', 10_000);
    const again = (await waitForState(server, 'ready')) as Extract<ServerState, { kind: 'ready' }>;
    expect((await fetch(`${again.url}/health`)).status).toBe(200);

    await server.stop();
    expect(server.state.kind).toBe('stopped');
    await expect(fetch(`${again.url}/health`)).rejects.toThrow();
    expect(seen).toEqual(expect.arrayContaining(['starting', 'loading', 'ready', 'restarting', 'stopped']));
  }, 120_000);

  it('can be cancelled while the model loads', async () => {
    const server = new ManagedServer(launch);
    const abort = new AbortController();
    const started = server.start(abort.signal);
    await waitForState(server, 'starting', 5_000);
    abort.abort();
    await expect(started).rejects.toThrow('cancelled');
    expect(server.state.kind).toBe('stopped');
  }, 60_000);
});

describe('ManagedServer with a server that keeps crashing', () => {
  it('restarts with backoff and gives up after three crashes, saying why', async () => {
    // Test stand-in: answers /health like `lean-author serve`, then exits with an error after 300 ms.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-crashing-server-'));
    const script = path.join(dir, 'crashing-serve.js');
    writeFileSync(
      script,
      `const http = require('node:http');
       const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ status: 'ok', model: 'stand-in', gpu: 'cpu' })); });
       server.listen(0, '127.0.0.1', () => {
         console.log('lean-author serve: listening on http://127.0.0.1:' + server.address().port);
         setTimeout(() => { console.error('stand-in: out of memory'); process.exit(3); }, 300);
       });`,
    );
    const server = new ManagedServer({ ...launch, cli: script }, { backoffMs: 100 });
    const seen: ServerState[] = [];
    server.onState((s) => seen.push(s));
    await server.start();
    const failed = (await waitForState(server, 'failed', 20_000)) as Extract<ServerState, { kind: 'failed' }>;
    expect(failed.reason).toMatch(/crashed 3 times in a row.*exited with 3.*out of memory/);
    expect(seen.filter((s) => s.kind === 'restarting').map((s) => (s as { attempt: number }).attempt)).toEqual([1, 2]);
  }, 30_000);
});
