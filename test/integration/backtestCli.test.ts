// `lean-author backtest` and `generate --backtest` as real processes, on podman with the TEST STAND-IN
// LEAN image (the real quantconnect/lean image cannot be pulled here).
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStandInImage, podmanAvailable, startPodman, type PodmanEngine } from './podmanEngine';
import { cli } from './serveProcess';
import { buyAndHoldAlgorithm } from './leanAlgorithms';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const algorithm = (extra = '') => buyAndHoldAlgorithm({ className: 'Held', extra });

describe.runIf(process.env['CI'] === 'true' || podmanAvailable())('lean-author backtest', () => {
  let engine: PodmanEngine;
  let image: string;
  let ws: string;
  const run = (args: string[], options: { uid?: number; cwd?: string; cli?: string } = {}): Promise<Run> => {
    const child = spawn(process.execPath, [options.cli ?? cli, ...args], {
      cwd: options.cwd ?? ws,
      env: { ...process.env, LEAN_AUTHOR_IMAGE: image, LEAN_AUTHOR_DOCKER_SOCKET: engine.socketPath },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  };
  const project = (name: string, code: string) => {
    mkdirSync(path.join(ws, name));
    writeFileSync(path.join(ws, name, 'main.py'), code);
    return path.join(ws, name);
  };

  beforeAll(async () => {
    engine = await startPodman();
    image = buildStandInImage(engine.env);
    ws = mkdtempSync(path.join(os.tmpdir(), 'lean-author-cli-ws-'));
    chmodSync(ws, 0o755);
    writeFileSync(path.join(ws, 'lean.json'), '{ "data-folder": "data" }\n');
    mkdirSync(path.join(ws, 'data'));
  }, 180_000);
  afterAll(async () => {
    await engine?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('runs a project, streams the log, and prints the output folder and key statistics', async () => {
    const result = await run(['backtest', project('Cli', algorithm())]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/TRACE:: Engine\.Main\(\)/);
    expect(result.stdout).toMatch(/^Backtest completed/);
    expect(result.stdout).toMatch(/Output: .*Cli\/backtests\/\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}/);
    expect(result.stdout).toMatch(/Net Profit\s+\S+%/);
    expect(result.stdout).toMatch(/Sharpe Ratio\s+-?\d/);
  }, 120_000);

  it('prints a runtime error at its line and exits 1', async () => {
    const result = await run([
      'backtest',
      project('CliError', algorithm('\n    def helper(self):\n        self.undefined_thing()  # stand-in: runtime-error\n')),
      '--json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { status: string; errors: { file: string; line: number }[] };
    expect(report.status).toBe('failed');
    expect(report.errors[0]).toMatchObject({ file: 'main.py', line: 18 });
  }, 120_000);

  it('says how to set up a workspace when there is no lean.json', async () => {
    const lonely = mkdtempSync(path.join(os.tmpdir(), 'lean-author-lonely-cli-'));
    writeFileSync(path.join(lonely, 'main.py'), algorithm());
    const result = await run(['backtest', lonely]);
    rmSync(lonely, { recursive: true, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no lean\.json was found.*lean init/);
  });

  it('says there is no permission when the socket is not readable by the user', async () => {
    const projectDir = project('CliNoPermission', algorithm());
    chmodSync(projectDir, 0o755);
    chmodSync(path.join(projectDir, 'main.py'), 0o644);
    // The checkout may sit in a folder only root can read (a fresh clone in mktemp -d): run a copy of
    // the bundled CLI that "nobody" can read. podman's socket belongs to root with mode 600.
    const readable = mkdtempSync(path.join(os.tmpdir(), 'lean-author-cli-copy-'));
    chmodSync(readable, 0o755);
    // The CLI is an entry plus one bundle per command (dist/cli-<name>.js): copy both.
    for (const name of ['cli.js', 'cli-backtest.js']) {
      copyFileSync(path.join(path.dirname(cli), name), path.join(readable, name));
      chmodSync(path.join(readable, name), 0o644);
    }
    const result = await run(['backtest', projectDir], { uid: 65534, cwd: os.tmpdir(), cli: path.join(readable, 'cli.js') });
    rmSync(readable, { recursive: true, force: true });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/no permission to use the container engine.*docker group/);
    expect(readdirSync(projectDir)).toEqual(['main.py']);
  }, 60_000);

  it('generates a project offline and backtests it with --backtest', async () => {
    const result = await run(['generate', 'SMA crossover on SPY', '--offline', '--name', 'GenThenRun', '--backtest', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { source: string; backtest: { status: string; statistics: Record<string, string> } };
    expect(report.source).toBe('offline');
    expect(report.backtest.status).toBe('completed');
    expect(report.backtest.statistics['Net Profit']).toMatch(/%$/);
  }, 120_000);
});
