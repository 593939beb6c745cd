// The results model against real LEAN output: two Lean CLI folders in the camelCase format (2024 on)
// and LEAN's own PascalCase report test data. Expected values are copied from the files themselves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEAN_RESULTS, LEAN_RUNS } from '../sharedFixtures';
import { describe, expect, it } from 'vitest';
import {
  parseBacktestResultText,
  parseOrderEventsText,
  readBacktestResultFile,
  type BacktestResults,
  type CandleSeries,
  type ValueSeries,
} from '../../extension/core/backtest/results/index';

function parseFixture(relative: string): { results: BacktestResults; warnings: string[] } {
  return parseBacktestResultText(readFileSync(path.join(LEAN_RESULTS, relative), 'utf8'), { file: relative });
}

const sma = parseFixture('sma-crossover/1186467672.json');
const rsi = parseFixture('rsi-minutely/1983772575.json');
const legacy = parseFixture('legacy-report-data/result.json');

describe('camelCase result files (LEAN since May 2024)', () => {
  it('parse without warnings and report their format', () => {
    for (const { results, warnings } of [sma, rsi]) {
      expect(warnings).toEqual([]);
      expect(results.format).toBe('camelCase');
    }
  });

  it('keep statistics exactly as written', () => {
    expect(sma.results.statistics['Net Profit']).toBe('-1.881%');
    expect(sma.results.statistics['Sharpe Ratio']).toBe('-2.036');
    expect(sma.results.statistics['Total Orders']).toBe('301');
    expect(sma.results.statistics['Lowest Capacity Asset']).toBe('SPY R735QTJ8XC9X');
    expect(Object.keys(sma.results.statistics)).toHaveLength(27);
    expect(rsi.results.statistics['Net Profit']).toBe('1.831%');
    expect(rsi.results.statistics['Sharpe Ratio']).toBe('1.48');
    expect(rsi.results.statistics['Total Fees']).toBe('$63.82');
    expect(rsi.results.runtimeStatistics['Equity']).toBe('$101,831.37');
    expect(sma.results.runtimeStatistics['Net Profit']).toBe('$-1,728.37');
  });

  it('read the state dictionary (PascalCase keys even in camelCase files)', () => {
    expect(sma.results.state).toEqual({
      status: 'Completed',
      runtimeError: null,
      stackTrace: null,
      startTime: Date.UTC(2025, 10, 4, 15, 51, 31) / 1000,
      endTime: Date.UTC(2025, 10, 4, 15, 51, 35) / 1000,
      name: 'local',
      hostname: 'ASUS',
      logCount: 332,
      orderCount: 301,
      insightCount: 0,
    });
    expect(rsi.results.state?.status).toBe('Completed');
    expect(rsi.results.state?.orderCount).toBe(52);
  });

  it('turn Strategy Equity → Equity into sorted candles', () => {
    for (const [{ results }, last] of [
      [sma, 98118.51],
      [rsi, 101831.37],
    ] as const) {
      const equity = results.equity as CandleSeries;
      expect(equity.kind).toBe('candles');
      expect(equity.seriesType).toBe('Candle');
      expect(equity.unit).toBe('$');
      expect(equity.points).toHaveLength(692);
      expect(equity.points[0]).toEqual({ time: 1672549200, open: 100000, high: 100000, low: 100000, close: 100000 });
      expect(equity.points.at(-1)).toEqual({ time: 1675198800, open: last, high: last, low: last, close: last });
      expect(equity.points.every((p, i, all) => i === 0 || (all[i - 1]?.time ?? 0) <= p.time)).toBe(true);
      expect(results.charts['Strategy Equity']?.series['Equity']).toBe(equity);
    }
    expect(Math.max(...(rsi.results.equity as CandleSeries).points.map((p) => p.high))).toBe(104083.085);
  });

  it('read line series, series types and the key series', () => {
    const { results } = sma;
    expect(Object.keys(results.charts)).toEqual([
      'Drawdown',
      'Portfolio Turnover',
      'Exposure',
      'Strategy Equity',
      'Capacity',
      'Assets Sales Volume',
      'Portfolio Margin',
      'Benchmark',
    ]);
    const drawdown = results.drawdown as ValueSeries;
    expect(drawdown.name).toBe('Equity Drawdown');
    expect(drawdown.unit).toBe('%');
    expect(drawdown.seriesType).toBe('Line');
    expect(drawdown.points).toHaveLength(32);
    expect(drawdown.points.at(-1)).toEqual({ time: 1675198800, value: -2.03 });
    expect(results.benchmark?.name).toBe('Benchmark');
    expect(results.exposure.map((s) => s.name)).toEqual(['Equity - Short Ratio', 'Equity - Long Ratio']);
    expect(results.charts['Strategy Equity']?.series['Return']?.seriesType).toBe('Bar');
    expect(results.charts['Assets Sales Volume']?.series['SPY']?.seriesType).toBe('Treemap');
    const margin = results.charts['Portfolio Margin']?.series['SPY'];
    expect(margin?.indexName).toBe('Margin Used (%)');
    expect(margin?.points[0]).toEqual({ time: 1672808400, value: 47.29 });
    expect(results.charts['Drawdown']?.chartType).toBe('Overlay');
  });

  it('name order enums and sort orders by id', () => {
    const { orders } = sma.results;
    expect(orders).toHaveLength(301);
    expect(orders.map((o) => o.id)).toEqual(Array.from({ length: 301 }, (_, i) => i + 1));
    expect(orders[0]).toEqual({
      id: 1,
      symbol: 'SPY',
      symbolId: 'SPY R735QTJ8XC9X',
      type: 'Market',
      status: 'Filled',
      direction: 'Buy',
      securityType: 'Equity',
      time: Date.UTC(2023, 0, 3, 15, 43) / 1000,
      createdTime: Date.UTC(2023, 0, 3, 15, 43) / 1000,
      lastFillTime: Date.UTC(2023, 0, 3, 15, 43) / 1000,
      canceledTime: null,
      price: 381.25,
      priceCurrency: 'USD',
      quantity: 248,
      value: 94550,
      tag: '',
      limitPrice: null,
      stopPrice: null,
      triggerPrice: null,
    });
    expect(orders[1]).toMatchObject({ direction: 'Sell', quantity: -248, tag: 'Liquidated' });
    expect(rsi.results.orders).toHaveLength(52);
    expect(new Set(rsi.results.orders.map((o) => o.direction))).toEqual(new Set(['Buy', 'Sell']));
  });

  it('read total performance and closed trades', () => {
    const performance = rsi.results.totalPerformance;
    expect(performance?.tradeStatistics['totalNumberOfTrades']).toBe(26);
    expect(performance?.portfolioStatistics['sharpeRatio']).toBeTypeOf('string');
    expect(performance?.closedTrades).toHaveLength(26);
    expect(performance?.closedTrades[0]).toEqual({
      symbol: 'SPY',
      symbolId: 'SPY R735QTJ8XC9X',
      direction: 'Long',
      entryTime: Date.UTC(2023, 0, 3, 15, 19) / 1000,
      entryPrice: 380.57,
      exitTime: Date.UTC(2023, 0, 3, 18, 27) / 1000,
      exitPrice: 379.55,
      quantity: 249,
      profitLoss: -253.98,
      totalFees: 2.49,
      mae: -632.46,
      mfe: 420.81,
      duration: '03:08:00',
      durationSeconds: 3 * 3600 + 8 * 60,
      endTradeDrawdown: -674.79,
      isWin: false,
      orderIds: [1, 2],
    });
    expect(performance?.closedTrades.at(-1)?.durationSeconds).toBe(2 * 86400 + 21 * 3600 + 31 * 60);
    const smaTrades = sma.results.totalPerformance;
    expect(smaTrades?.closedTrades).toHaveLength(150);
    expect(smaTrades?.tradeStatistics['totalProfitLoss']).toBe('-1371.15');
    expect(smaTrades?.portfolioStatistics['endEquity']).toBe('98118.51');
  });

  it('read profit and loss and the algorithm configuration', () => {
    expect(rsi.results.profitLoss).toHaveLength(26);
    expect(rsi.results.profitLoss[0]).toEqual({ time: Date.UTC(2023, 0, 3, 18, 27) / 1000, value: -256.47 });
    expect(rsi.results.algorithmConfiguration).toEqual({
      name: 'local',
      accountCurrency: 'USD',
      brokerage: 0,
      accountType: 'Margin',
      parameters: {
        rsi_period: '14',
        oversold_threshold: '30',
        overbought_threshold: '70',
        max_position_size: '0.95',
        stop_loss_pct: '0.02',
        take_profit_pct: '0.04',
        max_daily_loss: '0.05',
        min_signal_interval: '5',
      },
      startDate: Date.UTC(2023, 0, 1) / 1000,
      endDate: Date.UTC(2023, 0, 31, 23, 59, 59) / 1000,
      tradingDaysPerYear: 252,
      tags: [],
    });
  });

  it('survive a JSON round trip unchanged (plain data)', () => {
    expect(JSON.parse(JSON.stringify(sma.results))).toEqual(sma.results);
  });
});

describe('PascalCase result file (LEAN before May 2024)', () => {
  const { results, warnings } = legacy;

  it('parses case-insensitively without warnings', () => {
    expect(warnings).toEqual([]);
    expect(results.format).toBe('PascalCase');
    expect(results.state).toBeNull();
    expect(results.totalPerformance).toBeNull();
  });

  it('keeps statistic names as written', () => {
    expect(results.statistics['Net Profit']).toBe('361.374%');
    expect(results.statistics['Sharpe Ratio']).toBe('2.034');
    expect(results.statistics['Total Fees']).toBe('$0.65');
    expect(results.runtimeStatistics).toEqual({});
  });

  it('turns {x, y} points into points, and into flat candles in the candle series', () => {
    const equity = results.equity as CandleSeries;
    expect(equity.kind).toBe('candles');
    expect(equity.points).toEqual([
      { time: 1609736400, open: 1e6, high: 1e6, low: 1e6, close: 1e6 },
      { time: 1609748160, open: 1e6, high: 1e6, low: 1e6, close: 1e6 },
      { time: 1609748820, open: 1e6, high: 1e6, low: 1e6, close: 1e6 },
    ]);
    expect(results.benchmark?.points).toEqual([
      { time: 1609736400, value: 366.2371 },
      { time: 1609822800, value: 361.2511 },
      { time: 1609909200, value: 363.7392 },
    ]);
    expect(results.drawdown?.points.at(-1)).toEqual({ time: 1609909200, value: -0.01 });
    expect(results.exposure.map((s) => s.name)).toEqual([
      'Equity',
      'Option',
      'Commodity',
      'Forex',
      'Future',
      'Cfd',
      'Crypto',
      'FutureOption',
      'IndexOption',
    ]);
    expect(Object.keys(results.charts['Assets Sales Volume']?.series ?? {})).toEqual(['VIX   210120C00010000', 'VIX   210217C00010000']);
  });

  it('names every order enum', () => {
    expect(results.orders.map((o) => [o.id, o.symbol, o.type, o.securityType])).toEqual([
      [1, 'BTCUSD', 'Market', 'Crypto'],
      [2, 'EURUSD', 'Market', 'Forex'],
      [3, 'ES19H21', 'Market', 'Future'],
      [4, 'DE30EUR', 'Market', 'Cfd'],
      [5, 'SPX   231215C03825000', 'MarketOnOpen', 'IndexOption'],
      [6, 'SPY', 'Market', 'Equity'],
      [7, 'SPY   210716P00385000', 'Market', 'Option'],
      [8, 'OG    220328C01835000', 'Market', 'FutureOption'],
    ]);
    expect(results.orders.every((o) => o.status === 'Filled' && o.direction === 'Buy')).toBe(true);
    expect(results.orders[3]?.tag).toBe('Warning: fill at stale price (01/22/2021 22:00:00 Europe/Berlin)');
    expect(results.orders[3]?.symbolId).toBe('DE30EUR 8I');
    expect(results.orders[0]?.time).toBe(Date.UTC(2021, 0, 24, 5) / 1000);
  });

  it('reads through readBacktestResultFile with the folder in its name', async () => {
    const read = await readBacktestResultFile(LEAN_RUNS['legacy-report-data']);
    expect(read.results).toEqual(results);
  });
});

describe('order-events files', () => {
  it('parse with string statuses given the order names, times in unix seconds', () => {
    const file = 'sma-crossover/1186467672-order-events.json';
    const { orderEvents, warnings } = parseOrderEventsText(readFileSync(path.join(LEAN_RESULTS, file), 'utf8'), file);
    expect(warnings).toEqual([]);
    expect(orderEvents).toHaveLength(602);
    expect(orderEvents[0]).toEqual({
      id: '1186467672-1-1',
      orderId: 1,
      orderEventId: 1,
      symbol: 'SPY',
      symbolId: 'SPY R735QTJ8XC9X',
      time: 1672760580,
      status: 'Submitted',
      direction: 'Buy',
      fillPrice: 0,
      fillPriceCurrency: 'USD',
      fillQuantity: 0,
      quantity: 248,
      orderFeeAmount: null,
      orderFeeCurrency: null,
      message: null,
      isAssignment: false,
      limitPrice: null,
      stopPrice: null,
      triggerPrice: null,
    });
    expect(orderEvents.at(-1)).toMatchObject({ orderId: 301, status: 'Filled', fillPrice: 401.29, orderFeeAmount: 1.16 });
    expect(orderEvents.filter((e) => e.status === 'Filled')).toHaveLength(301);
  });
});
