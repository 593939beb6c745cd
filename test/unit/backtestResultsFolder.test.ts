// Whole Lean CLI output folders, and the run history under <project>/backtests/. Edited copies are
// made in the OS temp folder, never in the repository.
import { LEAN_RUNS } from '../sharedFixtures';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BacktestResultsError, listBacktests, readBacktestFolder, type CandleSeries } from '../../extension/core/backtest/results/index';

const SMA = LEAN_RUNS['sma-crossover'];
const RSI = LEAN_RUNS['rsi-minutely'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-folders-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the sma-crossover folder under `name`, without the files in `leave`. */
function copySma(name: string, leave: string[] = []): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(SMA)) if (!leave.includes(file)) copyFileSync(path.join(SMA, file), path.join(dir, file));
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<BacktestResultsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BacktestResultsError);
  return error as BacktestResultsError;
}

describe('readBacktestFolder on Lean CLI output', () => {
  it('reads sma-crossover: result, order events, log lines and file paths', async () => {
    const { results, files, warnings } = await readBacktestFolder(SMA);
    expect(warnings).toEqual([]);
    expect(files).toEqual({
      dir: SMA,
      result: path.join(SMA, '1186467672.json'),
      summary: path.join(SMA, '1186467672-summary.json'),
      orderEvents: path.join(SMA, '1186467672-order-events.json'),
      log: path.join(SMA, '1186467672-log.txt'),
      engineLog: path.join(SMA, 'log.txt'),
      config: path.join(SMA, 'config'),
    });
    expect(results.algorithmId).toBe('1186467672');
    expect(results.format).toBe('camelCase');
    expect(results.statistics['Net Profit']).toBe('-1.881%');
    expect(results.state?.status).toBe('Completed');
    expect(results.orders).toHaveLength(301);
    expect(results.orderEvents).toHaveLength(602);
    expect(results.orderEvents.filter((e) => e.status === 'Filled').map((e) => e.orderId)).toEqual(results.orders.map((o) => o.id));
    expect(results.equity?.points).toHaveLength(692);
    expect(results.totalPerformance?.closedTrades).toHaveLength(150);
    expect(results.logs).toHaveLength(331);
    expect(results.logs[0]).toBe('2023-01-01 00:00:00 Launching analysis for 1186467672 with LEAN Engine v2.5.0.0');
  });

  it('reads rsi-minutely the same way', async () => {
    const { results, warnings } = await readBacktestFolder(RSI);
    expect(warnings).toEqual([]);
    expect(results.algorithmId).toBe('1983772575');
    expect(results.statistics['Sharpe Ratio']).toBe('1.48');
    expect(results.orders).toHaveLength(52);
    expect(results.orderEvents).toHaveLength(104);
    expect(results.logs[1]).toBe('2023-01-01 00:00:00 Minutely RSI Strategy initialized');
    expect(results.logs.length).toBe(readFileSync(path.join(RSI, '1983772575-log.txt'), 'utf8').split('\n').filter(Boolean).length);
  });

  it('finds the single <digits>.json without a config file', async () => {
    const { results, files, warnings } = await readBacktestFolder(copySma('no-config', ['config']));
    expect(warnings).toEqual([]);
    expect(files.config).toBeNull();
    expect(results.algorithmId).toBe('1186467672');
  });

  it('warns when the config names a result that is not there', async () => {
    const dir = copySma('stale-config');
    writeFileSync(path.join(dir, 'config'), JSON.stringify({ id: 1999999999, container: 'x' }));
    const { results, warnings } = await readBacktestFolder(dir);
    expect(results.algorithmId).toBe('1186467672');
    expect(warnings).toEqual(['stale-config/config names algorithm 1999999999, but 1999999999.json is not in the folder']);
  });

  it('prefers the config\'s algorithm id (this extension\'s runner writes it as a string "algorithm-id")', async () => {
    const dir = copySma('runner-config');
    writeFileSync(path.join(dir, '1000000000.json'), '{}');
    writeFileSync(path.join(dir, 'config'), JSON.stringify({ 'algorithm-id': '1186467672', container: 'x', 'backtest-name': 'y' }));
    const { results, warnings } = await readBacktestFolder(dir);
    expect(warnings).toEqual([]);
    expect(results.algorithmId).toBe('1186467672');
  });

  it('reads the newest of several results when nothing says which, with a warning', async () => {
    const dir = copySma('two-results', ['config']);
    writeFileSync(path.join(dir, '1000000000.json'), '{"statistics": {}}');
    utimesSync(path.join(dir, '1000000000.json'), new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 1)));
    const { results, warnings } = await readBacktestFolder(dir);
    expect(results.algorithmId).toBe('1186467672');
    expect(warnings).toEqual(['two-results holds results of 2 algorithms (1000000000, 1186467672); read the newest, 1186467672']);
  });

  it('fails on a cut-off main result, naming the folder and file', async () => {
    const dir = copySma('cut-main');
    const file = path.join(dir, '1186467672.json');
    writeFileSync(file, readFileSync(file).subarray(0, 1234));
    expect((await rejection(readBacktestFolder(dir))).message).toBe(
      'cut-main/1186467672.json is not valid JSON (it ends early at byte 1234: the backtest may still be running or was cut off)',
    );
  });

  it('keeps the result when a secondary file is cut off, with a warning', async () => {
    const dir = copySma('cut-events');
    const file = path.join(dir, '1186467672-order-events.json');
    writeFileSync(file, readFileSync(file).subarray(0, 999));
    const summary = path.join(dir, '1186467672-summary.json');
    writeFileSync(summary, '');
    const { results, warnings } = await readBacktestFolder(dir);
    expect(results.orders).toHaveLength(301);
    expect(results.orderEvents).toEqual([]);
    expect(warnings).toEqual([
      'cut-events/1186467672-summary.json is empty (the backtest may still be running, or it stopped before writing results); its contents were not used',
      'cut-events/1186467672-order-events.json is not valid JSON (it ends early at byte 999: the backtest may still be running or was cut off); order events were not read',
    ]);
  });

  it('falls back to the summary when the full result is missing', async () => {
    const { results, files, warnings } = await readBacktestFolder(copySma('summary-only', ['1186467672.json']));
    expect(files.result).toBeNull();
    expect(warnings).toEqual(['summary-only: 1186467672.json is missing, so only the summary was read (sampled equity, no orders)']);
    expect(results.statistics['Net Profit']).toBe('-1.881%');
    expect(results.orders).toEqual([]);
    expect(results.orderEvents).toHaveLength(602);
    const equity = results.equity as CandleSeries;
    expect(equity.points).toHaveLength(6);
    expect(equity.points.at(-1)).toEqual({ time: 1675141200, open: 97552, high: 99285, low: 97463, close: 98272.79 });
  });

  it('fails clearly on an empty or missing folder', async () => {
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    expect((await rejection(readBacktestFolder(empty))).message).toBe(
      'empty holds no LEAN result file (<algorithm id>.json or <algorithm id>-summary.json)',
    );
    expect((await rejection(readBacktestFolder(path.join(scratch, 'absent')))).message).toBe('absent could not be listed (ENOENT)');
  });
});

describe('listBacktests', () => {
  it('lists both folder-name styles newest first, with results flagged', async () => {
    const project = path.join(scratch, 'project');
    const backtests = path.join(project, 'backtests');
    const make = (name: string, withResult: boolean): string => {
      const dir = path.join(backtests, name);
      mkdirSync(dir, { recursive: true });
      if (withResult) writeFileSync(path.join(dir, '1234567890.json'), '{}');
      return dir;
    };
    make('2025-11-04_15-51-31', true);
    make('2025-11-04_15-51-31-2', true);
    make('2024-01-02_03-04-05', false);
    make('1730000000', true);
    make('1750000000000', true);
    make('notes', false);
    const other = make('my-run', true);
    utimesSync(other, new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 1)));
    writeFileSync(path.join(backtests, 'README.md'), 'not a run');

    const runs = await listBacktests(project);
    expect(runs.map((r) => [r.name, r.naming, r.hasResult])).toEqual([
      ['2025-11-04_15-51-31-2', 'lean-cli', true],
      ['2025-11-04_15-51-31', 'lean-cli', true],
      ['1750000000000', 'local-platform', true],
      ['1730000000', 'local-platform', true],
      ['2024-01-02_03-04-05', 'lean-cli', false],
      ['my-run', 'other', true],
    ]);
    expect(runs[1]?.time).toBe(new Date(2025, 10, 4, 15, 51, 31).getTime() / 1000);
    expect(runs[1]?.path).toBe(path.join(backtests, '2025-11-04_15-51-31'));
    expect(runs[1]?.algorithmId).toBe('1234567890');
    expect(runs[2]?.time).toBe(1750000000);
    expect(runs[3]?.time).toBe(1730000000);
    expect(runs[4]?.algorithmId).toBeNull();
    expect(runs[5]?.time).toBe(Date.UTC(2020, 0, 1) / 1000);
  });

  it('is empty for a project without backtests', async () => {
    expect(await listBacktests(path.join(scratch, 'nowhere'))).toEqual([]);
  });
});
