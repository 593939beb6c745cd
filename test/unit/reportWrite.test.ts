// writeReport: where reports go and the never-overwrite rule. Runs are copied to the OS temp folder,
// never written next to the shared fixtures.
import { LEAN_RUNS } from '../sharedFixtures';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BacktestResultsError } from '../../extension/core/backtest/results/index';
import { ReportExistsError, writeReport } from '../../extension/core/report/index';

const SMA = LEAN_RUNS['sma-crossover'];
const RSI = LEAN_RUNS['rsi-minutely'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-report-write-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture run at <scratch>/<name>/backtests/2025-11-04_15-51-31, as the Lean CLI lays it out. */
function copyRun(name: string, from = RSI): string {
  const dir = path.join(scratch, name, 'backtests', '2025-11-04_15-51-31');
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(from)) copyFileSync(path.join(from, file), path.join(dir, file));
  return dir;
}

async function rejection<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

describe('writeReport', () => {
  it('writes into the run folder and never replaces an earlier report: report-2.html, report-3.html ...', async () => {
    const dir = copyRun('numbered');
    const first = await writeReport(dir, { format: 'html' });
    expect(first).toEqual({ format: 'html', report: path.join(dir, 'report.html'), images: [], warnings: [] });
    const html = readFileSync(first.report, 'utf8');
    expect(html).toContain('<h1>numbered</h1>');
    expect(html).toContain('Algorithm 1983772575 · run 2025-11-04_15-51-31');

    writeFileSync(first.report, 'edited by hand');
    expect((await writeReport(dir, { format: 'html' })).report).toBe(path.join(dir, 'report-2.html'));
    expect((await writeReport(dir, { format: 'html' })).report).toBe(path.join(dir, 'report-3.html'));
    expect(readFileSync(first.report, 'utf8')).toBe('edited by hand');
    expect(readFileSync(path.join(dir, 'report-3.html'), 'utf8')).toBe(html);
  });

  it('numbers a Markdown report and its images together, and leaves nothing behind when a name is taken', async () => {
    const dir = copyRun('markdown');
    const first = await writeReport(dir, { format: 'md' });
    expect([first.report, ...first.images]).toEqual(
      ['report.md', 'report-equity.png', 'report-drawdown.png'].map((f) => path.join(dir, f)),
    );

    rmSync(path.join(dir, 'report.md'));
    // report-equity.png is still there, so the whole set moves to number 2.
    const second = await writeReport(dir, { format: 'md' });
    expect([second.report, ...second.images]).toEqual(
      ['report-2.md', 'report-2-equity.png', 'report-2-drawdown.png'].map((f) => path.join(dir, f)),
    );
    expect(existsSync(path.join(dir, 'report.md'))).toBe(false);
    const markdown = readFileSync(second.report, 'utf8');
    expect(markdown).toContain('](report-2-equity.png)');
    expect(markdown).toContain('](report-2-drawdown.png)');
  });

  it('replaces the default report with overwrite: true', async () => {
    const dir = copyRun('overwrite-default');
    writeFileSync(path.join(dir, 'report.json'), 'old');
    const written = await writeReport(dir, { format: 'json', overwrite: true });
    expect(written.report).toBe(path.join(dir, 'report.json'));
    expect(JSON.parse(readFileSync(written.report, 'utf8')).algorithmId).toBe('1983772575');
    expect(existsSync(path.join(dir, 'report-2.json'))).toBe(false);
  });

  it('fails on an existing explicit --out file unless overwrite: true', async () => {
    const dir = copyRun('explicit');
    const out = path.join(scratch, 'explicit-out', 'sma.json');
    expect((await writeReport(SMA, { format: 'json', out })).report).toBe(out);
    writeFileSync(out, 'keep me');
    const error = await rejection(writeReport(dir, { format: 'json', out }), ReportExistsError);
    expect(error.message).toBe(`${out} exists; pass --overwrite (overwrite: true) to replace it, or choose another --out`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');

    await writeReport(dir, { format: 'json', out, overwrite: true });
    expect(JSON.parse(readFileSync(out, 'utf8')).algorithmId).toBe('1983772575');
  });

  it('names the images of an explicit Markdown file after it, and fails when one of them exists', async () => {
    const out = path.join(scratch, 'explicit-md', 'summary.md');
    const written = await writeReport(SMA, { format: 'md', out });
    expect(written.images).toEqual([
      path.join(scratch, 'explicit-md', 'summary-equity.png'),
      path.join(scratch, 'explicit-md', 'summary-drawdown.png'),
    ]);
    rmSync(out);
    await rejection(writeReport(SMA, { format: 'md', out }), ReportExistsError);
    expect(existsSync(out)).toBe(false);
  });

  it('writes the default names into an --out folder, creating it', async () => {
    const out = path.join(scratch, 'new', 'reports') + path.sep;
    expect((await writeReport(RSI, { format: 'html', out })).report).toBe(path.join(out, 'report.html'));
    expect((await writeReport(RSI, { format: 'html', out: path.join(scratch, 'new', 'reports') })).report).toBe(
      path.join(out, 'report-2.html'),
    );
  });

  it('writes the report of a single legacy result file beside it (here: into --out)', async () => {
    const out = path.join(scratch, 'legacy') + path.sep;
    const written = await writeReport(LEAN_RUNS['legacy-report-data'], { format: 'html', out });
    expect(readFileSync(written.report, 'utf8')).toContain('<h1>legacy-report-data</h1>');
  });

  it('fails clearly on a missing folder, a folder without a result and a malformed result, writing nothing', async () => {
    const missing = path.join(scratch, 'no-such-run');
    expect((await rejection(writeReport(missing, { format: 'html' }), BacktestResultsError)).message).toBe(`${missing} does not exist`);

    const empty = path.join(scratch, 'empty-run');
    mkdirSync(empty);
    expect((await rejection(writeReport(empty, { format: 'html' }), BacktestResultsError)).message).toBe(
      'empty-run holds no LEAN result file (<algorithm id>.json or <algorithm id>-summary.json)',
    );
    expect(readdirSync(empty)).toEqual([]);

    const dir = copyRun('malformed');
    writeFileSync(path.join(dir, '1983772575.json'), '[1, 2, 3]');
    const error = await rejection(writeReport(dir, { format: 'md' }), BacktestResultsError);
    expect(error.message).toContain('2025-11-04_15-51-31/1983772575.json is not a LEAN backtest result');
    expect(readdirSync(dir).filter((f) => f.startsWith('report'))).toEqual([]);
  });
});
