// The numeric reading of LEAN's statistic strings, and downsampling that keeps the extremes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEAN_RUNS } from '../sharedFixtures';
import { describe, expect, it } from 'vitest';
import {
  downsample,
  downsampleSeries,
  numericStatistics,
  parseBacktestResultText,
  parseStatisticValue,
  type CandlePoint,
  type ValuePoint,
} from '../../extension/core/backtest/results/index';

describe('parseStatisticValue', () => {
  it.each([
    ['2.200%', 2.2, '%'],
    ['$3.44', 3.44, '$'],
    ['-0.5', -0.5, ''],
    ['-1.881%', -1.881, '%'],
    ['301', 301, ''],
    ['$98,118.51', 98118.51, '$'],
    ['-$357.22', -357.22, '$'],
    ['$-1,728.37', -1728.37, '$'],
    ['-1.88 %', -1.88, '%'],
    ['$3400000.00', 3400000, '$'],
    ['€1,234.5', 1234.5, '€'],
    ['$1.2M', 1_200_000, '$'],
    ['0', 0, ''],
    ['-0', 0, ''],
    ['1E-05', 0.00001, ''],
    ['79228162514264337593543950335', 7.922816251426434e28, ''], // decimal.MaxValue, LEAN's Sharpe Ratio cap
  ])('%s → %d %s', (text, value, unit) => {
    expect(parseStatisticValue(text)).toEqual({ value, unit });
  });

  it.each(['SPY R735QTJ8XC9X', '', 'N/A', '1.2.3', '$', '%', '12 apples', '00:21:00'])('%j is not a number', (text) => {
    expect(parseStatisticValue(text)).toBeNull();
  });

  it('passes numbers through', () => {
    expect(parseStatisticValue(150)).toEqual({ value: 150, unit: '' });
    expect(parseStatisticValue(Number.NaN)).toBeNull();
    expect(parseStatisticValue(null)).toBeNull();
  });

  it('reads a real statistics block', () => {
    const text = readFileSync(path.join(LEAN_RUNS['sma-crossover'], '1186467672.json'), 'utf8');
    const { results } = parseBacktestResultText(text);
    const numbers = numericStatistics(results.statistics);
    expect(numbers['Net Profit']).toEqual({ value: -1.881, unit: '%' });
    expect(numbers['Sharpe Ratio']).toEqual({ value: -2.036, unit: '' });
    expect(numbers['Total Fees']).toEqual({ value: 357.22, unit: '$' });
    expect(numbers['Lowest Capacity Asset']).toBeUndefined();
    expect(Object.keys(numbers)).toHaveLength(26);
    expect(numericStatistics(results.runtimeStatistics)['Net Profit']).toEqual({ value: -1728.37, unit: '$' });
    expect(numericStatistics(results.totalPerformance?.tradeStatistics ?? {})['totalProfitLoss']).toEqual({ value: -1371.15, unit: '' });
  });
});

/** A deterministic random walk with a spike and a trough placed in the middle of it. */
function walk(n: number): ValuePoint[] {
  let seed = 42;
  let value = 100;
  const points: ValuePoint[] = [];
  for (let i = 0; i < n; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    value += (seed / 2 ** 31 - 0.5) * 2;
    points.push({ time: 1_600_000_000 + i * 60, value });
  }
  (points[12_345] as ValuePoint).value = 10_000;
  (points[33_333] as ValuePoint).value = -10_000;
  return points;
}

describe('downsample', () => {
  const points = walk(50_000);

  it('keeps at most maxPoints, in time order, with first, last, minimum and maximum', () => {
    for (const max of [4, 5, 100, 1000, 2001]) {
      const out = downsample(points, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.length).toBeGreaterThanOrEqual(Math.min(max, 4) - 1);
      expect(out[0]).toBe(points[0]);
      expect(out.at(-1)).toBe(points.at(-1));
      expect(out).toContain(points[12_345]);
      expect(out).toContain(points[33_333]);
      expect(out.every((p, i) => i === 0 || (out[i - 1] as ValuePoint).time < p.time)).toBe(true);
    }
    expect(downsample(points, 1000).length).toBeGreaterThan(990);
  });

  it('keeps every bucket extreme: the envelope matches the original', () => {
    const out = downsample(points, 500);
    const values = out.map((p) => p.value);
    expect(Math.max(...values)).toBe(10_000);
    expect(Math.min(...values)).toBe(-10_000);
  });

  it('returns short series as a copy and clamps tiny budgets to 4', () => {
    const few = points.slice(0, 10);
    expect(downsample(few, 10)).toEqual(few);
    expect(downsample(few, 10)).not.toBe(few);
    expect(downsample(points, 1)).toHaveLength(4);
    expect(downsample([], 100)).toEqual([]);
  });

  it('merges candles per bucket, keeping the highest high and lowest low', () => {
    const candles: CandlePoint[] = points.map((p) => ({
      time: p.time,
      open: p.value,
      high: p.value + 1,
      low: p.value - 1,
      close: p.value,
    }));
    const out = downsample(candles, 300);
    expect(out).toHaveLength(300);
    expect(out[0]?.open).toBe(candles[0]?.open);
    expect(out.at(-1)?.close).toBe(candles.at(-1)?.close);
    expect(Math.max(...out.map((c) => c.high))).toBe(10_001);
    expect(Math.min(...out.map((c) => c.low))).toBe(-10_001);
  });

  it('downsamples a series object and leaves short ones alone', () => {
    const text = readFileSync(path.join(LEAN_RUNS['rsi-minutely'], '1983772575.json'), 'utf8');
    const equity = parseBacktestResultText(text).results.equity;
    if (equity?.kind !== 'candles') throw new Error('expected candles');
    const small = downsampleSeries(equity, 100);
    expect(small.kind).toBe('candles');
    expect(small.points).toHaveLength(100);
    expect(Math.max(...small.points.map((c) => c.high))).toBe(Math.max(...equity.points.map((c) => c.high)));
    expect(Math.min(...small.points.map((c) => c.low))).toBe(Math.min(...equity.points.map((c) => c.low)));
    expect(downsampleSeries(equity, 10_000)).toBe(equity);
  });
});
