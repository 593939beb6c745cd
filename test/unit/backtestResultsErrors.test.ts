// Broken input: cut-off files must fail with a message naming the file and the cause; wrong-typed
// fields inside a usable file must cost only themselves, as warnings. Nothing may throw a TypeError.
import { LEAN_RUNS } from '../sharedFixtures';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BacktestResultsError,
  parseBacktestResult,
  parseBacktestResultText,
  parseOrderEventsText,
  readBacktestResultFile,
  type ValueSeries,
} from '../../extension/core/backtest/results/index';

const smaText = readFileSync(path.join(LEAN_RUNS['sma-crossover'], '1186467672.json'), 'utf8');
const smaJson = JSON.parse(smaText) as Record<string, unknown>;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-results-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The thrown error, asserting it is a BacktestResultsError. */
function failure(run: () => unknown): BacktestResultsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BacktestResultsError);
    return error as BacktestResultsError;
  }
  throw new Error('expected a BacktestResultsError');
}

/** The sma-crossover result with `edit` applied to a deep copy (typed loosely: the edits break the shape on purpose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function smaWith(edit: (json: Record<string, any>) => void): ReturnType<typeof parseBacktestResult> {
  const copy = structuredClone(smaJson);
  edit(copy);
  return parseBacktestResult(copy, { file: 'edited.json' });
}

describe('truncated and malformed files', () => {
  const cuts = [1, 2, 100, 5_000, 123_457, Math.floor(smaText.length / 2), smaText.length - 2];

  it.each(cuts)('a result file cut after %i bytes names the file and says it ends early', async (bytes) => {
    const dir = path.join(scratch, `cut-${bytes}`);
    const file = path.join(dir, '1186467672.json');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    writeFileSync(file, Buffer.from(smaText, 'utf8').subarray(0, bytes));
    const error = await readBacktestResultFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BacktestResultsError);
    expect((error as Error).message).toBe(
      `cut-${bytes}/1186467672.json is not valid JSON (it ends early at byte ${bytes}: the backtest may still be running or was cut off)`,
    );
  });

  it('an order-events file cut short fails the same way', () => {
    const text = readFileSync(path.join(LEAN_RUNS['rsi-minutely'], '1983772575-order-events.json'), 'utf8');
    const error = failure(() => parseOrderEventsText(text.slice(0, 4321), 'rsi/1983772575-order-events.json'));
    expect(error.file).toBe('rsi/1983772575-order-events.json');
    expect(error.message).toMatch(/^rsi\/1983772575-order-events\.json is not valid JSON \(it ends early at byte 4321/);
  });

  it('an empty file says so', () => {
    expect(failure(() => parseBacktestResultText('  \n', { file: 'run/1.json' })).message).toBe(
      'run/1.json is empty (the backtest may still be running, or it stopped before writing results)',
    );
  });

  it('a syntax error that is not a truncation is reported with its byte offset', () => {
    const error = failure(() => parseBacktestResultText('{"statistics": {"a": "1",}}', { file: 'run/1.json' }));
    expect(error.message).toMatch(/^run\/1\.json is not valid JSON \(.+ at byte 25\)$/);
    const garbage = failure(() => parseBacktestResultText('{"é": nope}', { file: 'run/2.json' }));
    expect(garbage.message).toMatch(/^run\/2\.json is not valid JSON \(/);
    expect(garbage.message).not.toMatch(/ends early/);
  });

  it('JSON that is not an object is not a result', () => {
    expect(failure(() => parseBacktestResultText('[1, 2]', { file: 'run/1.json' })).message).toBe(
      'run/1.json is not a LEAN backtest result (expected a JSON object at the top level, found an array)',
    );
    expect(failure(() => parseBacktestResult(null, { file: 'x.json' })).message).toMatch(/found null\)$/);
  });

  it('an object with none of the result sections parses, with a warning', () => {
    const { results, warnings } = parseBacktestResult({ hello: 1 }, { file: 'odd.json' });
    expect(results.orders).toEqual([]);
    expect(results.equity).toBeNull();
    expect(warnings).toEqual(['odd.json: holds none of the sections of a LEAN result (charts, orders, statistics, state, ...)']);
  });
});

describe('wrong-typed fields become warnings', () => {
  it('charts that are a string: no charts, everything else intact', () => {
    const { results, warnings } = smaWith((json) => {
      json['charts'] = 'oops';
    });
    expect(results.charts).toEqual({});
    expect(results.equity).toBeNull();
    expect(results.exposure).toEqual([]);
    expect(results.orders).toHaveLength(301);
    expect(results.statistics['Net Profit']).toBe('-1.881%');
    expect(warnings).toEqual(['edited.json: charts: expected an object of name → chart, found a string ("oops"); no charts read']);
  });

  it('a chart, a series or its values of the wrong kind skip only that part', () => {
    const { results, warnings } = smaWith((json) => {
      json['charts']['Capacity'] = 42;
      json['charts']['Benchmark']['series']['Benchmark']['values'] = { x: 1 };
      json['charts']['Exposure']['series']['Equity - Short Ratio'] = [1, 2];
      json['charts']['Drawdown']['series'] = 'none';
    });
    expect(Object.keys(results.charts)).not.toContain('Capacity');
    expect(results.benchmark).toBeNull();
    expect(results.exposure.map((s) => s.name)).toEqual(['Equity - Long Ratio']);
    expect(results.charts['Drawdown']?.series).toEqual({});
    expect(results.equity?.points).toHaveLength(692);
    expect(warnings).toEqual([
      'edited.json: charts.Drawdown.series: expected an object of name → series, found a string ("none"); no series read',
      'edited.json: charts.Exposure.series["Equity - Short Ratio"]: expected a series object, found an array; series skipped',
      'edited.json: charts.Capacity: expected a chart object, found a number (42); chart skipped',
      'edited.json: charts.Benchmark.series.Benchmark.values: expected an array of points, found an object; series skipped',
    ]);
  });

  it('points that are not numbers are dropped with one warning per series; nulls silently', () => {
    const { results, warnings } = smaWith((json) => {
      const values = json['charts']['Drawdown']['series']['Equity Drawdown']['values'] as unknown[];
      values[3] = ['1672808400', -1];
      values[4] = [1672894800, 'x'];
      values[5] = 'point';
      values[6] = [1672981200, null];
      values[7] = null;
      values[8] = [1673067600];
      const candles = json['charts']['Strategy Equity']['series']['Equity']['values'] as unknown[];
      candles[10] = [1672549200, 1, 2, 'low', 1];
      candles[11] = [1672549200, null, null, null, null];
    });
    const drawdown = results.drawdown as ValueSeries;
    expect(drawdown.points).toHaveLength(32 - 6);
    expect(drawdown.points.every((p) => typeof p.time === 'number' && typeof p.value === 'number')).toBe(true);
    expect(results.equity?.points).toHaveLength(692 - 2);
    expect(warnings).toEqual([
      'edited.json: charts.Drawdown.series["Equity Drawdown"].values: dropped 4 of 32 samples that are not points [x, y] or {x, y} of numbers (first: ["1672808400",-1])',
      'edited.json: charts["Strategy Equity"].series.Equity.values: dropped 1 of 692 samples that are not candles [t, o, h, l, c] or points [x, y] of numbers (first: [1672549200,1,2,"low",1])',
    ]);
  });

  it('unsorted points are sorted by time', () => {
    const { results } = smaWith((json) => {
      (json['charts']['Benchmark']['series']['Benchmark']['values'] as unknown[]).reverse();
    });
    const times = (results.benchmark as ValueSeries).points.map((p) => p.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("an order's type as a string, a bad price and a missing id", () => {
    const { results, warnings } = smaWith((json) => {
      json['orders']['1']['type'] = 'banana';
      json['orders']['2']['type'] = 'Limit';
      json['orders']['3']['price'] = '381.25';
      json['orders']['4']['status'] = 99;
      json['orders']['5']['time'] = 'yesterday';
      json['orders']['6']['symbol'] = true;
      json['orders']['7'] = 'not an order';
      delete json['orders']['8']['id'];
      json['orders']['x'] = { type: 0 };
    });
    const byId = new Map(results.orders.map((o) => [o.id, o]));
    expect(results.orders).toHaveLength(300);
    expect(byId.get(1)?.type).toBe('Unknown(banana)');
    expect(byId.get(2)?.type).toBe('Limit');
    expect(byId.get(3)?.price).toBeNull();
    expect(byId.get(4)?.status).toBe('Unknown(99)');
    expect(byId.get(5)?.time).toBeNull();
    expect(byId.get(6)?.symbol).toBe('');
    expect(byId.has(7)).toBe(false);
    expect(byId.get(8)?.id).toBe(8);
    expect(warnings).toEqual([
      'edited.json: orders["1"].type: "banana" is not a LEAN OrderType; shown as Unknown(banana)',
      'edited.json: orders["3"].price: expected number, found a string ("381.25"); ignored',
      'edited.json: orders["5"].time: expected a date and time (ISO text or unix seconds), found a string ("yesterday"); ignored',
      'edited.json: orders["6"].symbol: expected object or string, found a boolean (true); ignored',
      'edited.json: orders["6"].symbol: order has no symbol',
      'edited.json: orders["7"]: expected an order object, found a string ("not an order"); order skipped',
      'edited.json: orders.x: order has no id; order skipped',
    ]);
  });

  it('wrong-typed statistics, state, performance and configuration', () => {
    const { results, warnings } = smaWith((json) => {
      json['statistics']['Sharpe Ratio'] = { value: 1 };
      json['statistics']['Total Orders'] = 301;
      json['state']['OrderCount'] = 'many';
      json['state']['Status'] = 7;
      json['totalPerformance']['closedTrades'][0]['profitLoss'] = 'lots';
      json['totalPerformance']['closedTrades'][1] = 5;
      json['totalPerformance']['tradeStatistics'] = [];
      json['algorithmConfiguration']['parameters'] = 'none';
      json['runtimeStatistics'] = 3;
      json['profitLoss'] = { notADate: 1 };
    });
    expect(results.statistics['Sharpe Ratio']).toBeUndefined();
    expect(results.statistics['Total Orders']).toBe('301');
    expect(results.state?.orderCount).toBeNull();
    expect(results.state?.status).toBeNull();
    expect(results.state?.logCount).toBe(332);
    expect(results.totalPerformance?.closedTrades).toHaveLength(149);
    expect(results.totalPerformance?.closedTrades[0]?.profitLoss).toBeNull();
    expect(results.totalPerformance?.tradeStatistics).toEqual({});
    expect(results.algorithmConfiguration?.parameters).toEqual({});
    expect(results.runtimeStatistics).toEqual({});
    expect(results.profitLoss).toEqual([]);
    expect(warnings).toEqual([
      'edited.json: state.status: expected string, found a number (7); ignored',
      'edited.json: state.orderCount: "many" is not a whole number; ignored',
      'edited.json: statistics["Sharpe Ratio"]: expected a string, found an object; ignored',
      'edited.json: runtimeStatistics: expected an object of name → value, found a number (3); ignored',
      'edited.json: profitLoss.notADate: expected a date → number entry, found a number (1); ignored',
      'edited.json: totalPerformance.tradeStatistics: expected an object, found an array; ignored',
      'edited.json: totalPerformance.closedTrades[0].profitLoss: expected number, found a string ("lots"); ignored',
      'edited.json: totalPerformance.closedTrades[1]: expected a trade object, found a number (5); trade skipped',
      'edited.json: algorithmConfiguration.parameters: expected an object of name → value, found a string ("none"); ignored',
    ]);
  });

  it('never throws anything but BacktestResultsError on arbitrary JSON values in every section', () => {
    const oddities: unknown[] = [null, 0, -1.5, 'text', true, [], [null], [[]], {}, { a: null }, [{ x: 'y' }], { '1': [1, 2] }];
    const sections = [
      'charts',
      'orders',
      'statistics',
      'runtimeStatistics',
      'state',
      'profitLoss',
      'totalPerformance',
      'algorithmConfiguration',
      'orderEvents',
    ];
    for (const section of sections) {
      for (const odd of oddities) {
        expect(() => parseBacktestResult({ [section]: odd })).not.toThrow();
        expect(() =>
          parseBacktestResult({ charts: { c: { series: { s: { values: [odd], seriesType: 2 } } } }, [section]: odd }),
        ).not.toThrow();
        expect(() => parseBacktestResult({ orders: { '1': { id: 1, [section]: odd, symbol: odd, type: odd } } })).not.toThrow();
      }
    }
  });
});
