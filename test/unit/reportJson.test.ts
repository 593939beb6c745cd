// `--format json`: the results model for scripts, checked against the model itself on every fixture.
import path from 'node:path';
import { LEAN_RUNS } from '../sharedFixtures';
import { describe, expect, it } from 'vitest';
import type { BacktestResults, Series } from '../../extension/core/backtest/results/index';
import { buildJsonReport, jsonReportText, readReportSource } from '../../extension/core/report/index';

/** What a series summary must say, computed from the model's points. */
function expectedSummary(chart: string, s: Series) {
  const lows = s.kind === 'candles' ? s.points.map((p) => p.low) : s.points.map((p) => p.value);
  const highs = s.kind === 'candles' ? s.points.map((p) => p.high) : s.points.map((p) => p.value);
  const lastPoint = s.points.at(-1);
  return {
    chart,
    name: s.name,
    seriesType: s.seriesType,
    unit: s.unit,
    points: s.points.length,
    firstTime: s.points[0]?.time ?? null,
    lastTime: lastPoint?.time ?? null,
    min: lows.length > 0 ? Math.min(...lows) : null,
    max: highs.length > 0 ? Math.max(...highs) : null,
    last: lastPoint === undefined ? null : 'close' in lastPoint ? lastPoint.close : lastPoint.value,
  };
}

function allSummaries(results: BacktestResults) {
  return Object.values(results.charts).flatMap((c) => Object.values(c.series).map((s) => expectedSummary(c.name, s)));
}

describe.each(Object.entries(LEAN_RUNS))('JSON report of %s', (_, run) => {
  it('has the statistics, state, orders and trades of the model and a summary of every series', async () => {
    const source = await readReportSource(run);
    const r = source.results;
    const report = buildJsonReport(source);
    expect(report.statistics).toEqual(r.statistics);
    expect(Object.keys(report.statistics)).toEqual(Object.keys(r.statistics));
    expect(report.runtimeStatistics).toEqual(r.runtimeStatistics);
    expect(report.series).toEqual(allSummaries(r));
    expect(report.series.length).toBeGreaterThan(0);
    expect(report.orders).toEqual(r.orders);
    expect(report.closedTrades).toEqual(r.totalPerformance?.closedTrades ?? []);
    expect(report.state).toEqual({
      status: r.state?.status ?? null,
      runtimeError: r.state?.runtimeError ?? null,
      stackTrace: r.state?.stackTrace ?? null,
    });
    expect(report.warnings).toEqual(source.warnings);
    expect(report.errors).toEqual([]);
    // Round-trips through the printed text unchanged.
    expect(JSON.parse(jsonReportText(source))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('keeps a fixed key order', async () => {
    const report = buildJsonReport(await readReportSource(run));
    expect(Object.keys(report)).toEqual([
      'reportVersion',
      'title',
      'project',
      'run',
      'algorithmId',
      'resultFile',
      'format',
      'period',
      'state',
      'statistics',
      'runtimeStatistics',
      'parameters',
      'series',
      'orders',
      'closedTrades',
      'warnings',
      'errors',
    ]);
    expect(Object.keys(report.series[0] ?? {})).toEqual([
      'chart',
      'name',
      'seriesType',
      'unit',
      'points',
      'firstTime',
      'lastTime',
      'min',
      'max',
      'last',
    ]);
    expect(Object.keys(report.orders[0] ?? {})).toEqual([
      'id',
      'symbol',
      'symbolId',
      'type',
      'status',
      'direction',
      'securityType',
      'time',
      'createdTime',
      'lastFillTime',
      'canceledTime',
      'price',
      'priceCurrency',
      'quantity',
      'value',
      'tag',
      'limitPrice',
      'stopPrice',
      'triggerPrice',
    ]);
  });
});

describe('JSON report details', () => {
  it('summarises the sma-crossover equity candles by lowest low, highest high and last close', async () => {
    const report = buildJsonReport(await readReportSource(LEAN_RUNS['sma-crossover']));
    expect(report).toMatchObject({
      title: 'sma-crossover',
      project: null,
      algorithmId: '1186467672',
      format: 'camelCase',
      period: { start: 1672531200, end: 1675209599 },
      state: { status: 'Completed', runtimeError: null },
    });
    expect(report.resultFile).toBe(path.join(LEAN_RUNS['sma-crossover'], '1186467672.json'));
    const equity = report.series.find((s) => s.chart === 'Strategy Equity' && s.name === 'Equity');
    expect(equity).toMatchObject({ seriesType: 'Candle', unit: '$', points: 692, firstTime: 1672549200 });
    expect(equity?.last).toBe(98118.51);
    expect(report.orders).toHaveLength(301);
    expect(report.closedTrades).toHaveLength(150);
  });

  it('reads rsi-minutely parameters from the algorithm configuration', async () => {
    const report = buildJsonReport(await readReportSource(LEAN_RUNS['rsi-minutely']));
    expect(report.parameters).toMatchObject({ rsi_period: '14', oversold_threshold: '30' });
  });

  it('reads the legacy PascalCase file, with the period taken from its series', async () => {
    const report = buildJsonReport(await readReportSource(LEAN_RUNS['legacy-report-data']));
    expect(report.format).toBe('PascalCase');
    expect(report.title).toBe('legacy-report-data');
    expect(report.statistics['Net Profit']).toBe('361.374%');
    expect(report.period).toEqual({ start: 1609736400, end: 1609909200 });
    expect(report.orders.map((o) => o.symbol)).toContain('BTCUSD');
    expect(report.closedTrades).toEqual([]);
    expect(report.state).toEqual({ status: null, runtimeError: null, stackTrace: null });
  });

  it('prints the same text every time', async () => {
    const source = await readReportSource(LEAN_RUNS['rsi-minutely']);
    expect(jsonReportText(source)).toBe(jsonReportText(await readReportSource(LEAN_RUNS['rsi-minutely'])));
    expect(jsonReportText(source).endsWith('}\n')).toBe(true);
  });
});
