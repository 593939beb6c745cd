// The backtest panel's view model, built from the real LEAN results in the shared fixtures: it shows
// what the results model parsed (statistics, orders, trades, charts), agrees with the reports, thins
// long series without losing extremes, survives postMessage's JSON round trip and the webview's check,
// and says in notes what a result lacks.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktestResults, CandleSeries, ValueSeries } from '../../extension/core/backtest/results/index';
import {
  buildCompareView,
  buildRunView,
  compareRow,
  failedRunView,
  finishedRunMessage,
  formatDifference,
  lastLocation,
  latestRunMessage,
  runMessage,
} from '../../extension/core/panel/index';
import { backtestPeriod, readReportSource, statisticCards, type ReportSource } from '../../extension/core/report/index';
import { uniqueTimes } from '../../extension/shared/displayPoints';
import { DISPLAY_MAX_POINTS, parseHostToWebview } from '../../extension/shared/protocol';
import { LEAN_RUNS } from '../sharedFixtures';
import { cardStatistic } from '../statisticCardOracle';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-panel-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function synthetic(source: ReportSource, results: Partial<BacktestResults>): ReportSource {
  return { ...source, results: { ...source.results, ...results } };
}

describe.each(Object.entries(LEAN_RUNS))('the panel view of %s', (_, run) => {
  it('shows the parsed statistics, orders, trades, log and period, as the reports do', async () => {
    const source = await readReportSource(run);
    const r = source.results;
    const view = buildRunView(source);
    expect(view.cards).toEqual(statisticCards(r.statistics));
    expect(view.cards.length).toBeGreaterThanOrEqual(8);
    for (const card of view.cards) {
      expect(cardStatistic(card.label, r.statistics)?.lean).toBe(card.value);
    }
    expect(view.statistics).toEqual(r.statistics);
    expect(view.period).toEqual(backtestPeriod(r));
    expect(view.orders.map((o) => o.id)).toEqual(r.orders.map((o) => o.id));
    expect(view.orders[0]).toMatchObject({ symbol: r.orders[0]?.symbol, quantity: r.orders[0]?.quantity, status: r.orders[0]?.status });
    expect(view.ordersTotal).toBe(r.orders.length);
    expect(view.trades.map((t) => t.profitLoss)).toEqual((r.totalPerformance?.closedTrades ?? []).map((t) => t.profitLoss));
    expect(view.logs).toEqual(r.logs);
    expect(view.failed).toBe(false);
    expect(view.errors).toEqual([]);
  });

  it('draws equity, drawdown and exposure from the model, in percent where LEAN writes ratios', async () => {
    const source = await readReportSource(run);
    const r = source.results;
    const { charts } = buildRunView(source);
    const equity = r.equity as CandleSeries;
    const realCandles = equity.points.some((p) => p.high !== p.low);
    expect(charts.equity?.kind).toBe(realCandles ? 'candles' : 'line');
    expect(charts.equity?.points).toHaveLength(uniqueTimes(equity.points).length);
    expect(charts.drawdown?.points.map((p) => p.value)).toEqual(uniqueTimes((r.drawdown as ValueSeries).points).map((p) => p.value));
    expect(charts.exposure.map((s) => s.name)).toEqual(r.exposure.filter((s) => s.points.length > 0).map((s) => s.name));
    const long = r.exposure[0] as ValueSeries;
    expect(charts.exposure[0]?.points.at(-1)?.value).toBeCloseTo((long.points.at(-1)?.value ?? 0) * 100, 9);
    for (const series of [charts.equity, charts.drawdown, charts.benchmark, ...charts.exposure]) {
      const times = series?.points.map((p) => p.time) ?? [];
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
    }
  });

  it('survives the JSON round trip of postMessage and the webview check unchanged', async () => {
    const view = buildRunView(await readReportSource(run));
    const message = { type: 'panel/show', run: view, history: [] };
    expect(parseHostToWebview(JSON.parse(JSON.stringify(message)))).toEqual(message);
  });
});

describe('the panel view model', () => {
  it('scales the benchmark to start with equity, and says when the benchmark was never priced', async () => {
    const legacy = buildRunView(await readReportSource(LEAN_RUNS['legacy-report-data']));
    const equityStart = legacy.charts.equity?.kind === 'line' ? legacy.charts.equity.points[0]?.value : undefined;
    expect(legacy.charts.benchmark?.points[0]?.value).toBeCloseTo(equityStart as number, 6);
    const sma = buildRunView(await readReportSource(LEAN_RUNS['sma-crossover']));
    expect(sma.charts.benchmark).toBeNull();
    expect(sma.notes.join(' ')).toMatch(/benchmark has no prices/);
  });

  it('thins a 100,000-point series to the display budget, keeping first, last, lowest and highest', async () => {
    const source = await readReportSource(LEAN_RUNS['sma-crossover']);
    const points = Array.from({ length: 100_000 }, (_, i) => ({
      time: 1_600_000_000 + i * 60,
      value: 100_000 + Math.sin(i / 500) * 1000 + (i % 97),
    }));
    points[31_337] = { time: points[31_337]!.time, value: 50_000 };
    points[77_777] = { time: points[77_777]!.time, value: 150_000 };
    const candles = points.map((p) => ({ time: p.time, open: p.value, high: p.value + 5, low: p.value - 5, close: p.value + 1 }));
    const view = buildRunView(
      synthetic(source, {
        equity: { ...(source.results.equity as CandleSeries), points: candles },
        drawdown: { ...(source.results.drawdown as ValueSeries), points },
      }),
    );
    const drawdown = view.charts.drawdown!;
    expect(drawdown.totalPoints).toBe(100_000);
    expect(drawdown.points.length).toBeLessThanOrEqual(DISPLAY_MAX_POINTS);
    expect(drawdown.points.length).toBeGreaterThan(DISPLAY_MAX_POINTS * 0.9);
    const values = drawdown.points.map((p) => p.value);
    expect(Math.min(...values)).toBe(50_000);
    expect(Math.max(...values)).toBe(150_000);
    expect(drawdown.points[0]).toEqual(points[0]);
    expect(drawdown.points.at(-1)).toEqual(points.at(-1));
    const equity = view.charts.equity!;
    expect(equity.kind).toBe('candles');
    expect(equity.points.length).toBeLessThanOrEqual(DISPLAY_MAX_POINTS);
    if (equity.kind === 'candles') {
      expect(Math.max(...equity.points.map((p) => p.high))).toBe(150_005);
      expect(Math.min(...equity.points.map((p) => p.low))).toBe(49_995);
    }
  });

  it('keeps one point per time (the last) and sorts, as the chart library requires', () => {
    expect(
      uniqueTimes([
        { time: 3, value: 1 },
        { time: 1, value: 2 },
        { time: 3, value: 4 },
        { time: 2, value: 5 },
      ]),
    ).toEqual([
      { time: 1, value: 2 },
      { time: 2, value: 5 },
      { time: 3, value: 4 },
    ]);
  });

  it('says what a result lacks instead of leaving blanks: no orders, no benchmark, no charts, no statistics', async () => {
    const source = await readReportSource(LEAN_RUNS['rsi-minutely']);
    const partial = buildRunView(synthetic(source, { orders: [], benchmark: null, totalPerformance: null, logs: [] }));
    expect(partial.orders).toEqual([]);
    expect(partial.trades).toEqual([]);
    expect(partial.notes).toContain('This run placed no orders.');
    expect(partial.notes).toContain('This result has no benchmark: the equity chart shows the strategy alone.');
    const bare = buildRunView(
      synthetic(source, { equity: null, benchmark: null, drawdown: null, exposure: [], statistics: {}, charts: {} }),
    );
    expect(bare.charts).toEqual({ equity: null, benchmark: null, drawdown: null, exposure: [] });
    expect(bare.cards).toEqual([]);
    expect(bare.notes.join(' ')).toMatch(/no statistics.*no equity chart/);
  });

  it('finds the line of a LEAN runtime error in its message or stack trace', async () => {
    const source = await readReportSource(LEAN_RUNS['rsi-minutely']);
    const state = source.results.state!;
    const view = buildRunView(
      synthetic(source, {
        state: {
          ...state,
          status: 'RuntimeError',
          runtimeError: "Runtime Error: name 'x' is not defined\n  at on_data\n    self.x()\n in main.py: line 23\n",
          stackTrace: '  at on_data\n    self.x()\n in main.py: line 23\n',
        },
      }),
    );
    expect(view.failed).toBe(true);
    expect(view.status).toBe('RuntimeError');
    expect(view.errors).toEqual([{ message: "Runtime Error: name 'x' is not defined", file: 'main.py', line: 23 }]);
    expect(lastLocation('AlgorithmPythonWrapper(): SyntaxError : invalid syntax (/LeanCLI/strategy.py, line 4)')).toEqual({
      file: 'strategy.py',
      line: 4,
    });
    expect(lastLocation('no location here')).toBeNull();
  });

  it('shows a run that left no result by its runner errors, with a note on what to do', () => {
    const view = failedRunView({
      folder: '/ws/Failing/backtests/r1',
      project: 'Failing',
      run: 'r1',
      message: "The algorithm failed: name 'undefined_thing' is not defined (main.py, line 18).",
      errors: [{ message: "Runtime Error: name 'undefined_thing' is not defined", file: 'main.py', line: 18 }],
    });
    expect(view).toMatchObject({ title: 'Failing', failed: true, status: 'Failed' });
    expect(view.errors).toEqual([{ message: "Runtime Error: name 'undefined_thing' is not defined", file: 'main.py', line: 18 }]);
    expect(view.notes[0]).toMatch(/LEAN wrote no results.*Run Backtest again/);
  });

  it('compares statistics with differences in their own units', async () => {
    expect(compareRow('Net Profit', '-1.881%', '1.831%')).toEqual({
      name: 'Net Profit',
      a: '-1.881%',
      b: '1.831%',
      difference: '+3.712%',
      tone: 'positive',
    });
    expect(compareRow('Total Fees', '$357.22', '$63.82')).toMatchObject({ difference: '-$293.40', tone: 'negative' });
    expect(compareRow('Total Orders', '301', '52')).toMatchObject({ difference: '-249', tone: 'negative' });
    expect(compareRow('Alpha', '0', '0')).toMatchObject({ difference: '0', tone: 'neutral' });
    expect(compareRow('Lowest Capacity Asset', 'SPY R735QTJ8XC9X', 'SPY R735QTJ8XC9X')).toMatchObject({ difference: null });
    expect(compareRow('Mixed', '1%', '$1')).toMatchObject({ difference: null });
    expect(compareRow('Only A', '1.5', null)).toMatchObject({ b: null, difference: null });
    expect(formatDifference(-0.0000001, '%', 3)).toBe('0%');
    // Money from a million up as the statistics show it (formatStatistic); plain-number equities as money.
    expect(compareRow('Estimated Strategy Capacity', '$3400000.00', '$30000000.00')).toMatchObject({
      a: '$3400000.00',
      b: '$30000000.00',
      difference: '+$26.6M',
      tone: 'positive',
    });
    expect(compareRow('End Equity', '98118.51', '101831.37')).toMatchObject({ difference: '+3,712.86', tone: 'positive' });
    expect(compareRow('Start Equity', '100000', '100000')).toMatchObject({ difference: '0', tone: 'neutral' });

    const [a, b] = await Promise.all([readReportSource(LEAN_RUNS['sma-crossover']), readReportSource(LEAN_RUNS['rsi-minutely'])]);
    const compare = buildCompareView(a, b);
    expect(compare.rows.map((r) => r.name)).toEqual(Object.keys(a.results.statistics));
    expect(compare.a.equity?.points.length).toBeGreaterThan(100);
    expect(compare.b.equity?.points.at(-1)?.value).toBeCloseTo(101_831.37, 2);
  });

  it('reads a project: the latest run with its history, an empty notice, or an error saying what to do', async () => {
    const project = path.join(scratch, 'Sma');
    mkdirSync(path.join(project, 'backtests'), { recursive: true });
    const empty = await latestRunMessage(project);
    expect(empty).toMatchObject({ type: 'panel/empty' });
    expect(empty.type === 'panel/empty' && empty.reason).toMatch(/no backtests yet.*LEAN: Run Backtest/);

    cpSync(LEAN_RUNS['sma-crossover'], path.join(project, 'backtests', '2025-11-04_15-51-31'), { recursive: true });
    cpSync(LEAN_RUNS['rsi-minutely'], path.join(project, 'backtests', '2025-11-05_09-00-00'), { recursive: true });
    mkdirSync(path.join(project, 'backtests', '2025-11-06_10-00-00'));
    const latest = await latestRunMessage(project);
    expect(latest.type).toBe('panel/show');
    if (latest.type !== 'panel/show') return;
    expect(latest.run).toMatchObject({ title: 'Sma', project: 'Sma', run: '2025-11-05_09-00-00' });
    expect(latest.history.map((h) => [h.name, h.hasResult])).toEqual([
      ['2025-11-06_10-00-00', false],
      ['2025-11-05_09-00-00', true],
      ['2025-11-04_15-51-31', true],
    ]);

    const broken = await runMessage(path.join(project, 'backtests', '2025-11-06_10-00-00'));
    expect(broken.type).toBe('panel/error');
    expect(broken.type === 'panel/error' && broken.message).toMatch(/could not be read: .*holds no LEAN result file.*Pick another run/);
    const failed = await finishedRunMessage(path.join(project, 'backtests', '2025-11-06_10-00-00'), {
      message: 'The algorithm failed.',
      errors: [{ message: 'Runtime Error: boom', file: 'main.py', line: 7 }],
    });
    expect(failed.type === 'panel/show' && failed.run.errors).toEqual([{ message: 'Runtime Error: boom', file: 'main.py', line: 7 }]);
  });
});
