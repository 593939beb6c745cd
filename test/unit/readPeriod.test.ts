// Backtest periods and starting cash read from prompts of our own: the ISO dates, the words that make a
// date a start or an end, relative periods from a fixed today, and the numbers that are neither.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Prompt } from '../../extension/core/request/promptText';
import { readPeriodAndCash } from '../../extension/core/request/readPeriod';
import { readRequest } from '../../extension/core/request/readRequest';
import type { Span } from '../../extension/core/request/types';

const quoted = (prompt: string, span: Span | undefined) => (span ? prompt.slice(span.start, span.end) : undefined);

describe('period', () => {
  it.each([
    ['SMA crossover on IWM from 2018 to 2023', '2018-01-01', '2023-12-31', '2018', '2023'],
    ['Mean reversion on KO, backtest 2015-06-01 through 2020-06-30', '2015-06-01', '2020-06-30', '2015-06-01', '2020-06-30'],
    ['EMA cross on MSFT between March 2019 and June 2021', '2019-03-01', '2021-06-30', 'March 2019', 'June 2021'],
    ['donchian breakout on gld 2012-2016', '2012-01-01', '2016-12-31', '2012', '2016'],
    ['Trend following on XLE, Sept 2018 - Dec 2020', '2018-09-01', '2020-12-31', 'Sept 2018', 'Dec 2020'],
    ['RSI on TLT from 1/3/2019 to 12/31/2022', '2019-01-03', '2022-12-31', '1/3/2019', '12/31/2022'],
    ['Buy XOM in 2020 on weakness', '2020-01-01', '2020-12-31', '2020', '2020'],
    ['pairs on KO and PEP starting March 5th, 2021 ending on 30 June 2023', '2021-03-05', '2023-06-30', 'March 5th, 2021', '30 June 2023'],
  ])('%s', (prompt, start, end, startText, endText) => {
    const { period } = readRequest(prompt);
    expect(period.start?.value).toBe(start);
    expect(period.end?.value).toBe(end);
    expect(quoted(prompt, period.start?.span)).toBe(startText);
    expect(quoted(prompt, period.end?.span)).toBe(endText);
  });

  it('reads an open start or an open end as stated, and no more', () => {
    const since = readRequest('RSI(2) on QQQ since Jan 2020').period;
    expect(since.start?.value).toBe('2020-01-01');
    expect(since.end).toBeUndefined();
    const until = readRequest('Momentum on XLK until 2019').period;
    expect(until).toEqual({ end: { value: '2019-12-31', span: expect.any(Object) } });
  });

  it('names a start after the end as a contradiction, and reads no period', () => {
    const request = readRequest('Breakout on NVDA from 2022 to 2019');
    expect(request.period).toEqual({});
    expect(request.problems).toEqual([expect.objectContaining({ kind: 'contradiction', field: 'period' })]);
  });

  it('reads no date from periods, levels, times, prices, tickers or index names', () => {
    for (const prompt of [
      'SMA 50/200 day crossover on SPY',
      'Bollinger 20, 2 std on QQQ, flat by 15:55',
      'EMA 9/21 on AAPL with 2000 shares',
      'Momentum on Russell 2000 members',
      'Buy SPY when it closes above $2020',
      'RSI(14) under 30 on MSFT, 1500 bars of history',
    ])
      expect({ prompt, period: readRequest(prompt).period }).toEqual({ prompt, period: {} });
  });
});

describe('relative period', () => {
  const now = new Date(2025, 5, 15, 12);
  const read = (text: string) => readPeriodAndCash(new Prompt(text), [], now).period;

  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['Test the XLF rotation over the last 5 years', '2020-06-15', '2025-06-15', 'over the last 5 years'],
    ['breakout on btc the past 18 months', '2023-12-15', '2025-06-15', 'the past 18 months'],
    ['SPY trend, 10 years of data', '2015-06-15', '2025-06-15', '10 years of data'],
    ['QQQ dip buying year to date', '2025-01-01', '2025-06-15', 'year to date'],
  ])('%s', (text, start, end, phrase) => {
    const period = read(text);
    expect([period.start?.value, period.end?.value]).toEqual([start, end]);
    expect(quoted(text, period.start?.span)).toBe(phrase);
  });

  it('ends a range "to present" today', () => {
    const period = read('GLD breakouts from June 2019 to present');
    expect([period.start?.value, period.end?.value]).toEqual(['2019-06-01', '2025-06-15']);
    expect(quoted('GLD breakouts from June 2019 to present', period.end?.span)).toBe('present');
  });

  it('counts from the real today when no date is given', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    expect(readRequest('RSI on SPY over the last 3 years').period.start?.value).toBe('2022-06-15');
  });

  it('leaves an indicator lookback to the signals', () => {
    expect(read('rank XLK, XLE and XLF by momentum over the past 12 months')).toEqual({});
  });
});

describe('cash', () => {
  it.each([
    ['SMA crossover on SPY with $25k', 25_000, '$25k'],
    ['RSI on QQQ, 100,000 USD', 100_000, '100,000 USD'],
    ['Bollinger on IWM, starting capital 1 million', 1_000_000, 'starting capital 1 million'],
    ['momentum on XLK with 50k', 50_000, '50k'],
    ['rsi 2 on spy since 2012 w/ $10,000', 10_000, '$10,000'],
    ['Trade DIA with a $250K account', 250_000, '$250K account'],
    ['Pairs on KO and PEP, initial cash: $75,000', 75_000, 'initial cash: $75,000'],
    ['Buy AAPL dips, invest $1.5M', 1_500_000, '$1.5M'],
  ])('%s', (prompt, value, text) => {
    const cash = readRequest(prompt).cash;
    expect(cash?.value).toBe(value);
    expect(quoted(prompt, cash?.span)).toBe(text);
  });

  it('reads no cash from stops, prices, volumes, shares or years', () => {
    for (const prompt of [
      'Buy QQQ with a $500 stop',
      'Buy AAPL with a $2,000 stop loss',
      'Top 100 by dollar volume with price above $5',
      'Stocks with $10M dollar volume on average',
      'Buy 300 shares of MSFT from 2018',
      'SMA 50/200 day on SPY, flat by 15:55',
    ])
      expect({ prompt, cash: readRequest(prompt).cash }).toEqual({ prompt, cash: undefined });
  });
});

describe('periods in looser words', () => {
  it.each([
    ['RSI on XLE, 2012 onwards', '2012-01-01', undefined],
    ['Momentum on EFA from 2009 and later', '2009-01-01', undefined],
    ['Limit the test to 2018 and 2019, trading DIA', '2018-01-01', '2019-12-31'],
    ['Please restrict it to 2021', '2021-01-01', '2021-12-31'],
    ['Breakouts on COST. Start date: March 2014, end date: May 2019', '2014-03-01', '2019-05-31'],
    ['Can we start the backtest in 2016 with $40k?', '2016-01-01', undefined],
    ['Sector rotation; it did badly in 2022, so test 2005 to 2023', '2005-01-01', '2023-12-31'],
  ])('%s', (prompt, start, end) => {
    const { period } = readRequest(prompt);
    expect([period.start?.value, period.end?.value]).toEqual([start, end]);
  });

  it('reads no period from the recent days a momentum ranking skips', () => {
    const now = new Date(2025, 5, 15, 12);
    const text = 'Rank sectors by 6-month return, skipping the most recent month';
    expect(readPeriodAndCash(new Prompt(text), [], now).period).toEqual({});
  });

  it('reads no cash from an index number before "cash index"', () => {
    expect(readRequest('Study the FTSE 100 cash index on daily bars').cash).toBeUndefined();
  });
});
