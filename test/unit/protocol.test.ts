import { describe, expect, it } from 'vitest';
import {
  defaultUiState,
  parseHostToWebview,
  parseSavedState,
  parseWebviewToHost,
  savedSource,
  type HostToWebview,
  type RunView,
} from '../../extension/shared/protocol';

/** A complete, well-formed run view (small). */
function runView(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    folder: '/ws/Sma/backtests/2025-11-04_15-51-31',
    title: 'Sma',
    project: 'Sma',
    run: '2025-11-04_15-51-31',
    algorithmId: '1186467672',
    period: { start: 1672531200, end: 1675209599 },
    status: 'Completed',
    failed: false,
    errors: [],
    stackTrace: null,
    currency: 'USD',
    cards: [{ label: 'Net Profit', value: '-1.881%', tone: 'negative' }],
    statistics: { 'Net Profit': '-1.881%' },
    runtimeStatistics: { Equity: '$98,118.51' },
    parameters: {},
    charts: {
      equity: { kind: 'candles', name: 'Equity', unit: '$', totalPoints: 2, points: [{ time: 1, open: 1, high: 2, low: 0.5, close: 1.5 }] },
      benchmark: { name: 'Benchmark', unit: '$', totalPoints: 1, points: [{ time: 1, value: 1 }] },
      drawdown: { name: 'Drawdown', unit: '%', totalPoints: 1, points: [{ time: 1, value: -0.5 }] },
      exposure: [{ name: 'Equity - Long Ratio', unit: '%', totalPoints: 1, points: [{ time: 1, value: 95 }] }],
    },
    orders: [
      { id: 1, time: 10, symbol: 'SPY', type: 'Market', direction: 'Buy', quantity: 5, price: 380, value: 1900, status: 'Filled', tag: '' },
    ],
    ordersTotal: 1,
    trades: [],
    tradesTotal: 0,
    logs: ['2023-01-03 15:43:00 bought'],
    logsTotal: 1,
    notes: [],
    ...overrides,
  };
}

function shown(message: unknown): RunView {
  const parsed = parseHostToWebview(message);
  expect(parsed?.type).toBe('panel/show');
  return (parsed as Extract<HostToWebview, { type: 'panel/show' }>).run;
}

describe('webview message protocol', () => {
  it('accepts well-formed messages in each direction', () => {
    expect(parseWebviewToHost({ type: 'webview/ready' })).toEqual({ type: 'webview/ready' });
    expect(parseWebviewToHost({ type: 'openLocation', file: 'main.py', line: 23 })).toEqual({
      type: 'openLocation',
      file: 'main.py',
      line: 23,
    });
    expect(parseWebviewToHost({ type: 'selectRun', folder: '/a' })).toEqual({ type: 'selectRun', folder: '/a' });
    expect(parseWebviewToHost({ type: 'compareRuns', a: '/a', b: '/b' })).toEqual({ type: 'compareRuns', a: '/a', b: '/b' });
    expect(parseWebviewToHost({ type: 'exportReport' })).toEqual({ type: 'exportReport' });
    expect(parseWebviewToHost({ type: 'exportReport', folder: '/a' })).toEqual({ type: 'exportReport', folder: '/a' });
    expect(parseHostToWebview({ type: 'panel/empty', reason: 'Run a backtest first.' })).toEqual({
      type: 'panel/empty',
      reason: 'Run a backtest first.',
    });
    expect(parseHostToWebview({ type: 'panel/error', message: 'cut off' })).toEqual({ type: 'panel/error', message: 'cut off' });
    const message = { type: 'panel/show', run: runView(), history: [{ folder: '/a', name: 'a', time: 5, hasResult: true }] };
    expect(parseHostToWebview(message)).toEqual(message);
  });

  it.each([
    null,
    undefined,
    42,
    'webview/ready',
    [],
    {},
    { type: 'webview/unknown' },
    { type: 'panel/empty' },
    { type: 'panel/empty', reason: 7 },
    { type: 'panel/show' },
    { type: 'panel/show', run: 'a run' },
    { type: 'panel/compare', compare: { a: {} } },
    { type: 'panel/error' },
    { type: 'openLocation', file: 'main.py' },
    { type: 'openLocation', file: 'main.py', line: 0 },
    { type: 'openLocation', file: '', line: 3 },
    { type: 'openLocation', file: 'main.py', line: Number.NaN },
    { type: 'selectRun' },
    { type: 'selectRun', folder: '' },
    { type: 'compareRuns', a: '/a' },
  ])('rejects the malformed message %j', (message) => {
    expect(parseWebviewToHost(message)).toBeUndefined();
    expect(parseHostToWebview(message)).toBeUndefined();
  });

  it('drops unknown extra fields instead of passing them on', () => {
    expect(parseHostToWebview({ type: 'panel/empty', reason: 'r', script: '<script>' })).toEqual({ type: 'panel/empty', reason: 'r' });
    expect(parseWebviewToHost({ type: 'selectRun', folder: '/a', extra: 1 })).toEqual({ type: 'selectRun', folder: '/a' });
    const run = shown({ type: 'panel/show', run: runView({ injected: true, orders: [{ id: 1, html: '<b>' }] }), history: [] });
    expect(run).not.toHaveProperty('injected');
    expect(run.orders[0]).not.toHaveProperty('html');
  });

  it('keeps the rest of a run when one section is malformed, and names the section in a note', () => {
    const run = shown({
      type: 'panel/show',
      run: runView({
        orders: 'not a list',
        charts: { ...(runView()['charts'] as object), drawdown: { name: 'Drawdown', points: [{ time: 'x', value: 1 }] } },
      }),
      history: 'nope',
    });
    expect(run.orders).toEqual([]);
    expect(run.charts.drawdown).toBeNull();
    expect(run.charts.equity?.kind).toBe('candles');
    expect(run.cards).toEqual([{ label: 'Net Profit', value: '-1.881%', tone: 'negative' }]);
    expect(run.notes.join(' ')).toMatch(/could not be read by the panel \(orders, drawdown chart\)/);
  });

  it('drops single bad rows and non-finite numbers, noting it', () => {
    const run = shown({
      type: 'panel/show',
      run: runView({ orders: [{ id: 1 }, { id: 'two' }, null], errors: [{ message: 'boom', file: 'main.py', line: 3.7 }, { file: 'x' }] }),
      history: [],
    });
    expect(run.orders.map((o) => o.id)).toEqual([1]);
    expect(run.orders[0]?.quantity).toBeNull();
    expect(run.errors).toEqual([{ message: 'boom', file: 'main.py', line: 3 }]);
    expect(run.notes.join(' ')).toMatch(/orders, errors/);
    const infinite = shown({
      type: 'panel/show',
      run: runView({ charts: { equity: { kind: 'line', points: [{ time: 1, value: Infinity }] } } }),
      history: [],
    });
    expect(infinite.charts.equity).toBeNull();
  });

  it('shows a run whose optional sections are missing altogether without a note', () => {
    const run = shown({ type: 'panel/show', run: { title: 'Bare' }, history: [] });
    expect(run).toMatchObject({ title: 'Bare', orders: [], trades: [], logs: [], cards: [], notes: [], status: null, failed: false });
    expect(run.charts).toEqual({ equity: null, benchmark: null, drawdown: null, exposure: [] });
  });

  it('checks a compare view and its sides', () => {
    const side = {
      folder: '/a',
      title: 'A',
      run: 'r',
      period: { start: 1, end: 2 },
      status: 'Completed',
      equity: { name: 'Equity', unit: '$', totalPoints: 1, points: [{ time: 1, value: 2 }] },
    };
    const message = {
      type: 'panel/compare',
      compare: {
        a: side,
        b: { ...side, folder: '/b', equity: null },
        rows: [{ name: 'Net Profit', a: '1%', b: '2%', difference: '+1%', tone: 'positive' }, { bad: true }],
      },
      history: [],
    };
    const parsed = parseHostToWebview(message);
    expect(parsed?.type).toBe('panel/compare');
    if (parsed?.type !== 'panel/compare') return;
    expect(parsed.compare.rows).toHaveLength(1);
    expect(parsed.compare.b.equity).toBeNull();
    expect(parsed.compare.a.equity?.points).toEqual([{ time: 1, value: 2 }]);
  });

  it('restores saved state field by field and tells the host only which runs it was about', () => {
    const state = {
      version: 1,
      source: { kind: 'run', folder: '/ws/Sma/backtests/r1' },
      message: { type: 'panel/empty', reason: 'none yet' },
      ui: { tab: 'trades', orders: { sortColumn: 'time', descending: true, filter: 'spy' }, trades: 7, logFilter: 'buy' },
    };
    expect(parseSavedState(state)).toEqual({
      version: 1,
      source: { kind: 'run', folder: '/ws/Sma/backtests/r1' },
      message: { type: 'panel/empty', reason: 'none yet' },
      ui: {
        tab: 'trades',
        orders: { sortColumn: 'time', descending: true, filter: 'spy' },
        trades: { sortColumn: null, descending: false, filter: '' },
        logFilter: 'buy',
      },
    });
    expect(savedSource(state)).toEqual({ kind: 'run', folder: '/ws/Sma/backtests/r1' });
    expect(savedSource({ version: 1, source: { kind: 'compare', a: '/a', b: '/b' } })).toEqual({ kind: 'compare', a: '/a', b: '/b' });
    for (const bad of [null, 'x', { version: 2 }, { version: 1, source: { kind: 'run' } }]) {
      expect(savedSource(bad)).toEqual({ kind: 'none' });
    }
    expect(parseSavedState({ version: 1, message: { type: 'bogus' } })).toEqual({
      version: 1,
      source: { kind: 'none' },
      message: null,
      ui: defaultUiState(),
    });
    expect(parseSavedState(undefined)).toBeUndefined();
  });
});
