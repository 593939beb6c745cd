// `lean-author pull` with node-llama-cpp's real downloader against a stand-in for Hugging Face's hosting.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../repositoryRoot';
import { startHuggingFaceStandIn, type StandIn } from './huggingFaceStandIn';

const root = repositoryRoot();
const cli = path.join(root, 'dist', 'cli.js');
const modelPath = path.join(root, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');

interface Run {
  code: number | null;
  events: { event: string; path?: string; message?: string; downloadedBytes?: number; totalBytes?: number }[];
  stderr: string;
}

function pull(uri: string, dir: string, endpoint: string, cancelAfterBytes?: number): Promise<Run> {
  const child = spawn(process.execPath, [cli, 'pull', uri, '--dir', dir, '--json'], {
    env: { ...process.env, HF_ENDPOINT: endpoint },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Run['events'] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as Run['events'][number];
      events.push(event);
      if (cancelAfterBytes !== undefined && (event.downloadedBytes ?? 0) > cancelAfterBytes) child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, events, stderr })));
}

describe('lean-author pull', () => {
  let standIn: StandIn;
  let slow: StandIn;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-pull-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    if (!existsSync(modelPath)) throw new Error(`${modelPath} is missing: run bash scripts/fetch-model.sh`);
    standIn = await startHuggingFaceStandIn({ repos: { 'test-user/SmolLM2-135M-Instruct-GGUF': [modelPath] } });
    slow = await startHuggingFaceStandIn({
      repos: { 'test-user/SmolLM2-135M-Instruct-GGUF': [modelPath] },
      throttleBytesPerSecond: 4 * 2 ** 20,
    });
  });
  afterAll(async () => {
    await standIn.close();
    await slow.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('downloads an hf: file URI byte for byte, with progress events', async () => {
    const dir = tempDir();
    const run = await pull('hf:test-user/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct.Q4_1.gguf', dir, standIn.endpoint);
    expect(run.code, run.stderr).toBe(0);
    const done = run.events.at(-1)!;
    expect(done.event).toBe('done');
    expect(path.dirname(done.path!)).toBe(dir);
    expect(readFileSync(done.path!).equals(readFileSync(modelPath))).toBe(true);
    const progress = run.events.filter((e) => e.event === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.downloadedBytes).toBe(progress.at(-1)!.totalBytes);
  }, 60_000);

  it('resolves an hf:<user>/<repo>:<quant> URI through the manifest', async () => {
    const run = await pull('hf:test-user/SmolLM2-135M-Instruct-GGUF:Q4_1', tempDir(), standIn.endpoint);
    expect(run.code, run.stderr).toBe(0);
    expect(standIn.requests.some((r) => r.includes('/v2/test-user/SmolLM2-135M-Instruct-GGUF/manifests/Q4_1'))).toBe(true);
    expect(readFileSync(run.events.at(-1)!.path!).length).toBe(readFileSync(modelPath).length);
  }, 60_000);

  it('removes partial files when cancelled', async () => {
    const dir = tempDir();
    const run = await pull('hf:test-user/SmolLM2-135M-Instruct-GGUF/SmolLM2-135M-Instruct.Q4_1.gguf', dir, slow.endpoint, 2 ** 20);
    expect(run.code, JSON.stringify(run.events.slice(-3)) + run.stderr).toBe(130);
    expect(run.events.at(-1)).toMatchObject({ event: 'error', message: expect.stringMatching(/cancelled/) });
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('explains a bad URI and a missing file', async () => {
    const bad = await pull('SmolLM2.gguf', tempDir(), standIn.endpoint);
    expect(bad.code).toBe(2);
    expect(bad.events[0]?.message).toMatch(/not a model URI\. Use hf:/);
    const missing = await pull('hf:test-user/SmolLM2-135M-Instruct-GGUF/nope.gguf', tempDir(), standIn.endpoint);
    expect(missing.code).toBe(1);
    expect(missing.events.at(-1)?.message).toMatch(/download failed/);
  }, 60_000);
});
