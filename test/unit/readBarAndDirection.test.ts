// Bar sizes and directions read from prompts of our own, and what the offline code says it does not do of them.
import { describe, expect, it } from 'vitest';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';
import { readRequest } from '../../extension/core/request/readRequest';

describe('bar size', () => {
  it.each([
    ['Breakout on SPY with 4h bars', { size: 4, unit: 'hour' }, '4h bars'],
    ['RSI on AAPL, 15-minute candles', { size: 15, unit: 'minute' }, '15-minute candles'],
    ['trend following on QQQ on the 4h', { size: 4, unit: 'hour' }, '4h'],
    ['SMA crossover on SPY using hourly bars', { size: 1, unit: 'hour' }, 'hourly bars'],
    ['momentum on weekly bars for XLK', { size: 1, unit: 'week' }, 'weekly bars'],
    ['mean reversion on MSFT with 5 min bars', { size: 5, unit: 'minute' }, '5 min bars'],
  ])('%s', (prompt, value, text) => {
    const bar = readRequest(prompt).bar;
    expect(bar?.value).toEqual(value);
    expect(prompt.slice(bar!.span.start, bar!.span.end)).toBe(text);
  });

  it.each([
    ['ema 12/26 on ETH 2hr', { size: 2, unit: 'hour' }, '2hr'],
    ['sma cross on NQ 15min', { size: 15, unit: 'minute' }, '15min'],
    ['macd on SPY, 10 minuts bars', { size: 10, unit: 'minute' }, '10 minuts bars'],
    ['rsi on spy dayly bars', { size: 1, unit: 'day' }, 'dayly bars'],
    ['ema cross on btc, hourlly candles', { size: 1, unit: 'hour' }, 'hourlly candles'],
    ['vwap fade on TSLA, 3 minute candels', { size: 3, unit: 'minute' }, '3 minute candels'],
    ['spy rsi 2 weekly', { size: 1, unit: 'week' }, 'weekly'],
    ['ema 8/21 on gbpusd hourly, long only', { size: 1, unit: 'hour' }, 'hourly'],
    ['trade GLD on the daily', { size: 1, unit: 'day' }, 'on the daily'],
  ])('reads a misspelt, run-together or lone bar size: %s', (prompt, value, text) => {
    const bar = readRequest(prompt).bar;
    expect(bar?.value).toEqual(value);
    expect(prompt.slice(bar!.span.start, bar!.span.end)).toBe(text);
  });

  it('reads no bar size from a rebalancing, a holding time or a daily limit', () => {
    for (const prompt of [
      'rebalance the portfolio weekly',
      'momentum on sector ETFs, rank them daily',
      'SPY rsi(2) < 10, exit after 2h',
      'buy QQQ on dips, max loss 1% daily',
      'RSI on AAPL with a daily loss limit',
    ])
      expect({ prompt, bar: readRequest(prompt).bar }).toEqual({ prompt, bar: undefined });
  });

  it('reads no bar size from periods, lookbacks or money', () => {
    for (const prompt of ['50 and 200 day SMA crossover on SPY', 'a 30-bar lookback on AAPL', 'start with $5m on SPY', 'RSI(14) on QQQ'])
      expect({ prompt, bar: readRequest(prompt).bar }).toEqual({ prompt, bar: undefined });
  });
});

describe('direction', () => {
  it.each([
    ['Short GOOGL when RSI(14) is above 80, shorts only', 'short'],
    ['long/short momentum on tech stocks', 'both'],
    ['long only trend following on SPY', 'long'],
    ['Buy SPY on dips, no shorting', 'long'],
    ['Bollinger reversion on TSLA, shorting too when it tags the upper band', 'both'],
    ['EMA 12/26 on NVDA; we can go long or short', 'both'],
    ['Keltner breakouts on ES trading both ways', 'both'],
  ])('%s', (prompt, value) => expect(readRequest(prompt).direction?.value).toBe(value));

  it('reads no direction where the prompt states none, and names a contradiction', () => {
    expect(readRequest('RSI mean reversion on AAPL').direction).toBeUndefined();
    const request = readRequest('long only SMA crossover on SPY, and short only when it falls below the 200 day');
    expect(request.direction).toBeUndefined();
    expect(request.problems).toEqual([expect.objectContaining({ kind: 'contradiction', field: 'direction' })]);
    expect(request.problems[0]?.message).toContain('"long only" and "short only"');
    const shorting = readRequest('Long only on DIS with an SMA crossover, and short it whenever it gaps down');
    expect(shorting.direction).toBeUndefined();
    expect(shorting.problems[0]?.message).toContain('"Long only" and "short it whenever"');
  });
});

describe('offline code against the bar size and direction asked', () => {
  it('builds the bars asked for: native, or consolidated from the resolution below', () => {
    const fourHour = generateOffline('Donchian breakout on SPY with 4h bars');
    expect(fourHour.unfulfilled).toEqual([]);
    expect(fourHour.code).toContain('self.add_equity("SPY", Resolution.HOUR)');
    expect(fourHour.code).toContain('self.consolidate(symbol, timedelta(hours=4), self._on_bar)');
    const hourly = generateOffline('SMA crossover on SPY using hourly bars');
    expect(hourly.unfulfilled).toEqual([]);
    expect(hourly.code).not.toContain('consolidate');
  });

  it('writes short-only and two-way rules as asked', () => {
    const short = generateOffline('Short GOOGL when RSI(14) is above 80, shorts only');
    expect(short.unfulfilled).toEqual([]);
    expect(short.code).toContain('short_entry = rsi > 80');
    expect(short.code).toContain('long_entry = False');
    const both = generateOffline('long/short RSI mean reversion on AAPL');
    expect(both.unfulfilled).toEqual([]);
    expect(both.code).toContain('self._enter(symbol, traded, -1)');
    expect(generateOffline('long only RSI mean reversion on AAPL').code).not.toContain('traded, -1');
  });
});
