// Universes read from prompts of our own: the members of an index or ETF, a screen of US equities by a
// ranking, and the indexes, lists and rankings that are no universe.
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../extension/core/request/readRequest';

describe('universe', () => {
  it.each([
    ['Momentum rotation on S&P 500 constituents', { kind: 'etf-constituents', etf: 'SPY' }, 'S&P 500 constituents'],
    ['RSI dips on stocks in the S&P 500', { kind: 'etf-constituents', etf: 'SPY' }, 'stocks in the S&P 500'],
    ['mean reversion across nasdaq-100 members', { kind: 'etf-constituents', etf: 'QQQ' }, 'nasdaq-100 members'],
    ['Buy the weakest of the Dow 30 stocks each week', { kind: 'etf-constituents', etf: 'DIA' }, 'Dow 30 stocks'],
    ['Breakouts on Russell 2000 components', { kind: 'etf-constituents', etf: 'IWM' }, 'Russell 2000 components'],
    ['Rotate among the holdings of XLK', { kind: 'etf-constituents', etf: 'XLK' }, 'holdings of XLK'],
    ['Trade the top 50 by dollar volume', { kind: 'fundamental', count: 50, by: 'dollar-volume' }, 'top 50 by dollar volume'],
    [
      'Trend following on the 100 largest US stocks by market cap, price above $5',
      { kind: 'fundamental', count: 100, by: 'market-cap', minPrice: 5 },
      '100 largest US stocks by market cap, price above $5',
    ],
    [
      'Hold the top 20 by 6-month momentum from the S&P 500',
      { kind: 'etf-constituents', etf: 'SPY', count: 20, by: 'momentum' },
      'top 20 by 6-month momentum from the S&P 500',
    ],
    [
      'Hold the best 10 names by dividend yield',
      { kind: 'fundamental', count: 10, by: 'dividend-yield' },
      'best 10 names by dividend yield',
    ],
    ['EMA trend on the 200 most liquid stocks', { kind: 'fundamental', count: 200, by: 'dollar-volume' }, '200 most liquid stocks'],
  ])('%s', (prompt, value, text) => {
    const universe = readRequest(prompt).universe;
    expect(universe?.value).toEqual(value);
    expect(prompt.slice(universe!.span.start, universe!.span.end)).toBe(text);
  });

  it('leaves the momentum lookback of a ranked index to the signals', () => {
    const prompt = 'Hold the top 20 by 6-month momentum from the S&P 500';
    const unread = readRequest(prompt).unread.map((s) => prompt.slice(s.start, s.end));
    expect(unread.join(' ')).not.toContain('top 20');
  });

  it('reads no universe from a traded index, a list of tickers or a ranking of them', () => {
    for (const prompt of [
      'SMA crossover on the S&P 500',
      'Buy the Dow 30 when RSI is low',
      'Hold the top 3 by momentum among SPY, QQQ and IWM',
      'Buy 100 shares of SPY',
      'Mean reversion on tech stocks',
      'Rank by momentum and hold the top 5',
    ])
      expect({ prompt, universe: readRequest(prompt).universe }).toEqual({ prompt, universe: undefined });
  });
});

describe('universes in looser words', () => {
  it.each([
    ['Trade the 150 US equities with the largest market cap, RSI(2) entries', { kind: 'fundamental', count: 150, by: 'market-cap' }],
    [
      'Buy the 40 companies with the highest dividend yield, only ones trading over $8',
      { kind: 'fundamental', count: 40, by: 'dividend-yield', minPrice: 8 },
    ],
    [
      'From the Nasdaq 100 (QQQ holdings), keep the 15 biggest by market cap',
      { kind: 'etf-constituents', etf: 'QQQ', count: 15, by: 'market-cap' },
    ],
    [
      'Keltner breakouts on the 25 largest Russell 2000 stocks by market cap',
      { kind: 'etf-constituents', etf: 'IWM', count: 25, by: 'market-cap' },
    ],
    ['Alpha on the stocks in the XLE fund, daily', { kind: 'etf-constituents', etf: 'XLE' }],
    // The one ranking whose best is its lowest, and a price floor said of the stocks ranked.
    [
      'Each month hold the 25 stocks with the cheapest price-to-earnings ratio which are trading above $10',
      { kind: 'fundamental', count: 25, by: 'pe-ratio', minPrice: 10 },
    ],
    // Of an ETF's members, the count kept without a word for stocks.
    [
      'Take the XLV holdings and keep the 12 with the largest market cap; MACD on each',
      { kind: 'etf-constituents', etf: 'XLV', count: 12, by: 'market-cap' },
    ],
    // A price floor written as what is left out.
    [
      'RSI(3) dips on the 300 most liquid stocks, excluding names priced below $7',
      { kind: 'fundamental', count: 300, by: 'dollar-volume', minPrice: 7 },
    ],
  ])('%s', (prompt, value) => expect(readRequest(prompt).universe?.value).toEqual(value));
});
