// The backtest runner against a real Docker-API engine (podman's service) and the TEST STAND-IN LEAN
// image built from local files (test/integration/leanStandIn/): the real quantconnect/lean image cannot
// be pulled here. The stand-in checks the run config and mounts, and returns a real LEAN result.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTAINER_LABEL,
  OWNER_LABEL,
  runBacktest,
  sweepOrphans,
  type BacktestOptions,
} from '../../extension/core/backtest/backtestRunner';
import { DockerError } from '../../extension/core/backtest/dockerConnection';
import { BacktestSetupError } from '../../extension/core/backtest/leanWorkspace';
import { buildStandInImage, podmanAvailable, startPodman, type PodmanEngine } from './podmanEngine';
import { buyAndHoldAlgorithm } from './leanAlgorithms';

const algorithm = (extra = '') => buyAndHoldAlgorithm({ extra });

/** A Lean CLI workspace in a temp folder: lean.json (with a comment), data/, and one project per call. */
function workspace(): { dir: string; project: (name: string, code: string) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-ws-'));
  writeFileSync(
    path.join(dir, 'lean.json'),
    '{\n  // written by lean init\n  "data-folder": "data",\n  "job-organization-id": "abc",\n}\n',
  );
  mkdirSync(path.join(dir, 'data', 'equity'), { recursive: true });
  return {
    dir,
    project: (name, code) => {
      const projectDir = path.join(dir, name);
      mkdirSync(projectDir);
      writeFileSync(path.join(projectDir, 'main.py'), code);
      writeFileSync(
        path.join(projectDir, 'config.json'),
        JSON.stringify({ 'algorithm-language': 'Python', parameters: { fast: '10' }, 'local-id': 123456789 }),
      );
      return projectDir;
    },
  };
}

const requirePodman = process.env['CI'] === 'true' || podmanAvailable();

describe.runIf(requirePodman)('backtest runner on podman with the stand-in LEAN image', () => {
  let engine: PodmanEngine;
  let image: string;
  let docker: Docker;
  let ws: ReturnType<typeof workspace>;
  const options = (projectDir: string, extra: Partial<BacktestOptions> = {}): BacktestOptions => ({
    projectDir,
    image,
    docker: { socket: engine.socketPath },
    timeoutMs: 60_000,
    allowNetwork: false,
    memoryMb: 0,
    cpus: 0,
    pidsLimit: 0,
    ...extra,
  });
  const ours = async () => (await docker.listContainers({ all: true, filters: { label: [CONTAINER_LABEL] } })).length;

  beforeAll(async () => {
    engine = await startPodman();
    image = buildStandInImage(engine.env);
    docker = new Docker({ socketPath: engine.socketPath });
    ws = workspace();
  }, 180_000);
  afterAll(async () => {
    await engine?.stop();
    if (ws) rmSync(ws.dir, { recursive: true, force: true });
  });

  it('runs a project: config keys and mounts as the Lean CLI makes them, results where the Lean CLI puts them', async () => {
    const projectDir = ws.project('Completes', algorithm());
    const lines: string[] = [];
    const run = await runBacktest(options(projectDir, { onLog: (line) => lines.push(line), now: new Date(2026, 10, 21, 9, 5, 7) }));
    expect(run.status, run.message + lines.join('\n')).toBe('completed');
    expect(run.exitCode).toBe(0);
    expect(run.outputDir).toBe(path.join(projectDir, 'backtests', '2026-11-21_09-05-07'));
    const files = readdirSync(run.outputDir).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'code',
        'config',
        `${run.algorithmId}.json`,
        `${run.algorithmId}-summary.json`,
        `${run.algorithmId}-order-events.json`,
      ]),
    );
    expect(readFileSync(path.join(run.outputDir, 'code', 'main.py'), 'utf8')).toBe(algorithm());
    expect(JSON.parse(readFileSync(path.join(run.outputDir, 'config'), 'utf8'))).toMatchObject({
      id: Number(run.algorithmId),
      container: run.container,
    });
    expect(run.algorithmId).toMatch(/^1\d{9}$/);
    expect(lines.some((l) => /TRACE:: Engine\.Main\(\): LEAN ALGORITHMIC TRADING ENGINE/.test(l))).toBe(true);
    expect(lines.some((l) => /STATISTICS:: Net Profit/.test(l))).toBe(true);
    expect(await ours()).toBe(0);
  }, 120_000);

  it('maps a LEAN runtime error to its line and removes the container', async () => {
    const projectDir = ws.project(
      'RuntimeError',
      algorithm('\n    def helper(self):\n        self.undefined_thing()  # stand-in: runtime-error\n'),
    );
    const run = await runBacktest(options(projectDir));
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      { kind: 'runtime', file: 'main.py', line: 18, message: "Runtime Error: name 'undefined_thing' is not defined" },
    ]);
    expect(run.message).toMatch(/undefined_thing.*main\.py, line 18/);
    expect(await ours()).toBe(0);
  }, 120_000);

  it('byte-compiles first, so a syntax error stops the run at the right line', async () => {
    const projectDir = ws.project('SyntaxError', algorithm().replace('def on_data(self, data: Slice):', 'def on_data(self, data: Slice)'));
    const run = await runBacktest(options(projectDir));
    expect(run.status).toBe('failed');
    expect(run.errors[0]).toMatchObject({
      kind: 'syntax',
      file: 'main.py',
      line: 13,
      message: expect.stringMatching(/SyntaxError: expected ':'/),
    });
    expect(await ours()).toBe(0);
  }, 120_000);

  it('stops a run that passes the timeout and removes its container', async () => {
    const projectDir = ws.project('Sleeps', algorithm('# stand-in: sleep\n'));
    const started = Date.now();
    const run = await runBacktest(options(projectDir, { timeoutMs: 3_000 }));
    expect(run.status).toBe('timeout');
    expect(run.message).toMatch(/longer than 3 s.*leanAuthor\.backtest\.timeoutSeconds/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await ours()).toBe(0);
  }, 120_000);

  it('cancels on the signal and removes the container', async () => {
    const projectDir = ws.project('Cancelled', algorithm('# stand-in: sleep\n'));
    const abort = new AbortController();
    const run = runBacktest(
      options(projectDir, { signal: abort.signal, onLog: (line) => line.includes('stand-in: sleeping') && abort.abort() }),
    );
    expect((await run).status).toBe('cancelled');
    expect(await ours()).toBe(0);
  }, 120_000);

  it('explains a container killed with exit 137 as running out of memory', async () => {
    const projectDir = ws.project('Killed', algorithm('# stand-in: exit-137\n'));
    const run = await runBacktest(options(projectDir, { memoryMb: 512 }));
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(137);
    expect(run.message).toMatch(/killed \(exit 137\).*out of memory.*limit 512 MB/);
    expect(await ours()).toBe(0);
  }, 120_000);

  it('runs with no network, and the limits from the settings', async () => {
    // The sleeping stand-in keeps the container alive while it is inspected; the timeout then ends it.
    const projectDir = ws.project('Limited', algorithm('# stand-in: sleep\n'));
    let inspection: Promise<Docker.ContainerInspectInfo | undefined> | undefined;
    const run = await runBacktest(
      options(projectDir, {
        memoryMb: 1024,
        pidsLimit: 256,
        cpus: 1,
        timeoutMs: 5_000,
        onLog: (line) => {
          if (!line.includes('stand-in: sleeping')) return;
          inspection = docker
            .listContainers({ filters: { label: [CONTAINER_LABEL] } })
            .then((list) => (list[0] ? docker.getContainer(list[0].Id).inspect() : undefined));
        },
      }),
    );
    expect(run.status).toBe('timeout');
    const inspected = await inspection;
    expect(inspected?.HostConfig.NetworkMode).toBe('none');
    expect(inspected?.HostConfig.Memory).toBe(1024 * 2 ** 20);
    expect(inspected?.HostConfig.PidsLimit).toBe(256);
    expect(inspected?.HostConfig.NanoCpus).toBe(1e9);
    expect(inspected?.Config.Labels[CONTAINER_LABEL]).toBe('backtest');
  }, 120_000);

  it('sweeps containers of ours whose owner process is gone, and only those', async () => {
    await sweepOrphans({ socket: engine.socketPath }); // leftovers of earlier, interrupted test runs
    const dead = await docker.createContainer({
      Image: image,
      Entrypoint: ['sleep', '60'],
      Labels: { [CONTAINER_LABEL]: 'backtest', [OWNER_LABEL]: `${os.hostname()}/999999999` },
    });
    const live = await docker.createContainer({
      Image: image,
      Entrypoint: ['sleep', '60'],
      Labels: { [CONTAINER_LABEL]: 'backtest', [OWNER_LABEL]: `${os.hostname()}/${process.pid}` },
    });
    const other = await docker.createContainer({ Image: image, Entrypoint: ['sleep', '60'] });
    expect(await sweepOrphans({ socket: engine.socketPath })).toBe(1);
    await expect(dead.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await live.inspect()).Id).toBe(live.id);
    await live.remove({ force: true });
    await other.remove({ force: true });
    expect(await ours()).toBe(0);
  }, 60_000);

  it('says the image is missing, and how to get it', async () => {
    const projectDir = ws.project('NoImage', algorithm());
    const error = await runBacktest(options(projectDir, { image: 'localhost/not-pulled:1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect((error as DockerError).reason).toBe('image-missing');
    expect((error as Error).message).toMatch(/localhost\/not-pulled:1 is not on this machine\. Pull it/);
  });

  it('says the engine is not running when nothing listens on the socket', async () => {
    const projectDir = ws.project('NoEngine', algorithm());
    const error = await runBacktest(options(projectDir, { docker: { socket: path.join(ws.dir, 'nothing.sock') } })).catch(
      (e: unknown) => e,
    );
    expect((error as DockerError).reason).toBe('not-running');
    expect((error as Error).message).toMatch(/container engine is not running.*Start Docker/);
  });

  it('explains a missing lean.json and a missing data folder', async () => {
    const lonely = mkdtempSync(path.join(os.tmpdir(), 'lean-author-lonely-'));
    try {
      writeFileSync(path.join(lonely, 'main.py'), algorithm());
      const noWorkspace = await runBacktest(options(lonely)).catch((e: unknown) => e);
      expect(noWorkspace).toBeInstanceOf(BacktestSetupError);
      expect((noWorkspace as Error).message).toMatch(/no lean\.json was found.*lean init/);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
    const ws2 = workspace();
    try {
      rmSync(path.join(ws2.dir, 'data'), { recursive: true });
      const noData = await runBacktest(options(ws2.project('NoData', algorithm()))).catch((e: unknown) => e);
      expect((noData as Error).message).toMatch(/data folder .*data named by lean\.json does not exist.*lean init/);
      expect(existsSync(path.join(ws2.dir, 'NoData', 'backtests'))).toBe(false);
    } finally {
      rmSync(ws2.dir, { recursive: true, force: true });
    }
  });
});
