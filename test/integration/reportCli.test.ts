// `lean-author report` as a real process on real LEAN output (the shared fixtures, copied to a temp
// folder because reports are written into the run's folder).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAN_RUNS } from '../sharedFixtures';
import { cli } from './serveProcess';

function report(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'report', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('lean-author report', () => {
  let dir: string;
  let run: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-report-'));
    run = path.join(dir, 'sma-crossover');
    cpSync(LEAN_RUNS['sma-crossover'], run, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the results model as JSON for scripts', async () => {
    const result = await report([run, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { algorithmId: string; statistics: Record<string, string> };
    const raw = JSON.parse(readFileSync(path.join(run, '1186467672.json'), 'utf8')) as { statistics: Record<string, string> };
    expect(json.algorithmId).toBe('1186467672');
    expect(json.statistics['Net Profit']).toBe(raw.statistics['Net Profit']);
  });

  it('writes HTML and Markdown with PNG charts into the run folder, never over an existing report', async () => {
    const html = await report([run, '--format', 'html']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout.trim()).toBe(path.join(run, 'report.html'));
    const again = await report([run, '--format', 'html']);
    expect(again.stdout.trim()).toBe(path.join(run, 'report-2.html'));
    const md = await report([run, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    const files = md.stdout.trim().split('\n');
    expect(files[0]).toBe(path.join(run, 'report.md'));
    for (const png of files.slice(1)) expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    writeFileSync(path.join(dir, 'taken.html'), 'mine');
    const taken = await report([run, '--out', path.join(dir, 'taken.html')]);
    expect(taken.code).toBe(2);
    expect(readFileSync(path.join(dir, 'taken.html'), 'utf8')).toBe('mine');
  });

  it('explains a folder with no result and a truncated result', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const none = await report([empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/lean-author report: .*/);
    const cut = path.join(dir, 'cut');
    cpSync(LEAN_RUNS['sma-crossover'], cut, { recursive: true });
    const file = path.join(cut, '1186467672.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 5000));
    const truncated = await report([cut, '--format', 'json']);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/1186467672\.json/);
    expect(existsSync(path.join(cut, 'report.html'))).toBe(false);
  });
});
