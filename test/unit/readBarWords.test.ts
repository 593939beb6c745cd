// Bar sizes written in looser words, read from prompts of our own: a lone "daily" between the numbers of a
// terse prompt, and a bar word misspelt past one edit right before "bars" or "candles".
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../extension/core/request/readRequest';

describe('bar size in looser words', () => {
  it.each([
    ['amzn rsi 3 10/90 hourly 2% sl', { size: 1, unit: 'hour' }, 'hourly'],
    ['xlf sma 20/100 weekly 8% trailing stop', { size: 1, unit: 'week' }, 'weekly'],
    ['breakout on iwm, wkeely bars', { size: 1, unit: 'week' }, 'wkeely bars'],
    ['ema cross on eth, huorly candles', { size: 1, unit: 'hour' }, 'huorly candles'],
  ])('%s', (prompt, value, text) => {
    const bar = readRequest(prompt).bar;
    expect(bar?.value).toEqual(value);
    expect(prompt.slice(bar!.span.start, bar!.span.end)).toBe(text);
  });

  it('reads no bar size from an English word before "bars", nor a lone "daily" that a rule does', () => {
    for (const prompt of ['rsi 2 on spy, early bars skipped', 'rank 5 daily 3 sector etfs', 'buy spy after 3 daily 2% drops'])
      expect({ prompt, bar: readRequest(prompt).bar }).toEqual({ prompt, bar: undefined });
  });
});
