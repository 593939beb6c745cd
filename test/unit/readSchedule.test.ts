// Schedules read from prompts of our own: how often, on which weekday, at the start or end of a period,
// at what time; and the bar sizes, data words and other fields' times that are no schedule.
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../extension/core/request/readRequest';

describe('schedule', () => {
  it.each([
    ['Hold SPY and TLT, rebalance monthly', { every: 'month' }, 'rebalance monthly'],
    ['Sector momentum on XLK, XLE and XLF, trade every Monday', { every: 'week', weekday: 'monday' }, 'trade every Monday'],
    ['Rotate weekly on Fridays between QQQ and TLT', { every: 'week', weekday: 'friday' }, 'Rotate weekly on Fridays'],
    ['Donchian breakout on GLD, trade weekly on Mondays', { every: 'week', weekday: 'monday' }, 'trade weekly on Mondays'],
    ['Buy QQQ at month end', { every: 'month', at: 'end' }, 'at month end'],
    ['GLD and TLT, rebalanced quarterly', { every: 'quarter' }, 'rebalanced quarterly'],
    [
      'RSI on AAPL, trading on the first trading day of each month',
      { every: 'month', at: 'start' },
      'on the first trading day of each month',
    ],
    ['SMA trend on SPY, daily at 10:00', { every: 'day', time: '10:00' }, 'daily at 10:00'],
    ['Buy SPY 30 minutes after the open', { every: 'day', time: '10:00' }, '30 minutes after the open'],
    ['Equal weight XLU and XLP, rebalance each quarter', { every: 'quarter' }, 'rebalance each quarter'],
    ['spy/tlt split, monthly rebalancing', { every: 'month' }, 'monthly rebalancing'],
    ['Sell SPY 10 minutes before the close every day', { every: 'day', time: '15:50' }, '10 minutes before the close every day'],
    ['Momentum on QQQ and IWM, annual rebalance... rebalance yearly', { every: 'year' }, 'rebalance yearly'],
  ])('%s', (prompt, value, text) => {
    const schedule = readRequest(prompt).schedule;
    expect(schedule?.value).toEqual(value);
    expect(prompt.slice(schedule!.span.start, schedule!.span.end)).toBe(text);
  });

  it('keeps the first frequency and leaves a different one unread', () => {
    const prompt = 'Rebalance SPY and TLT monthly, and also weekly';
    const request = readRequest(prompt);
    expect(request.schedule?.value).toEqual({ every: 'month' });
    expect(request.unread.map((s) => prompt.slice(s.start, s.end)).join(' ')).toContain('weekly');
  });

  it('reads no schedule from bar sizes, data words, calendar rules or other fields', () => {
    for (const prompt of [
      'RSI(2) on SPY with daily bars',
      'SMA crossover on QQQ using weekly candles',
      'Rank XLK and XLE by monthly returns',
      'Buy SPY on Monday, sell on Friday',
      'Scalp SPY, close all positions 5 minutes before the close',
      'Breakouts on QQQ, no trades in the first 30 minutes after the open',
      'Buy AAPL dips and hold for 10 days',
    ])
      expect({ prompt, schedule: readRequest(prompt).schedule }).toEqual({ prompt, schedule: undefined });
  });
});

describe('schedules in looser words', () => {
  it.each([
    ['Hold VTI and BND, rebal each quarter', { every: 'quarter' }, 'rebal each quarter'],
    ['Rotate XLE and XLU, rebalnce weekly', { every: 'week' }, 'rebalnce weekly'],
    ['Sector momentum, top 2 by 3-month return, quarterly', { every: 'quarter' }, 'quarterly'],
    ['Sell covered calls on KO annually.', { every: 'year' }, 'annually'],
    ['Daily rebalance of DIA, but evry Thursday at 10:00 review the list', { every: 'day' }, 'Daily rebalance'],
    // The verb before a part of a period read without it.
    ['Hold EFA and EEM, reweighted at the start of every month', { every: 'month', at: 'start' }, 'reweighted at the start of every month'],
    [
      'XLV and XLP, and rebalence on the last trading day of each week',
      { every: 'week', at: 'end' },
      'rebalence on the last trading day of each week',
    ],
    [
      'Weekly rotation into the best of XLK and XLV, on each Tuesday',
      { every: 'week', weekday: 'tuesday' },
      'Weekly rotation into the best of XLK and XLV, on each Tuesday',
    ],
  ])('%s', (prompt, value, text) => {
    const schedule = readRequest(prompt).schedule;
    expect(schedule?.value).toEqual(value);
    expect(prompt.slice(schedule!.span.start, schedule!.span.end)).toBe(text);
  });

  it('reads no schedule from a calendar effect, a futures roll or a flat-by time', () => {
    for (const prompt of [
      'Hold TLT during the last four trading days of every month',
      'Long IWM from the first trading day of the month to the fifth',
      'Stocks tend to rally near month-end; hold SPY then',
      'Long corn futures from March to the end of June each year',
      'Crude oil futures trend, roll on the last trading day of the month',
      'Scalp QQQ on 1-minute bars, flat by 15:55 each day',
    ])
      expect({ prompt, schedule: readRequest(prompt).schedule }).toEqual({ prompt, schedule: undefined });
  });
});
