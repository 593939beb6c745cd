// The offline generator planned from the request: the numbers asked for are the numbers written, what
// the templates cannot do is named with its field, and a strategy they cannot write is declined. Also
// the record reader behind the editor's request check. Prompts of our own.
import { describe, expect, it } from 'vitest';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import { readRequest } from '../../extension/core/request/readRequest';
import { requestOfRecord } from '../../extension/core/request/requestRecord';
import { unreadParts } from '../../extension/core/request/unreadFields';

function declineOf(prompt: string): string {
  try {
    generateOffline(prompt);
  } catch (error) {
    if (isOfflineDeclined(error)) return error.message;
    throw error;
  }
  throw new Error(`not declined: ${prompt}`);
}

describe('offline plan from the request', () => {
  it('writes the periods, levels and risk the prompt states', () => {
    const ema = generateOffline('EMA 9/21 crossover on NVDA, daily bars, from 2019 to 2022 with $40k');
    expect(ema.spec).toMatchObject({ family: 'ema-crossover', tickers: ['NVDA'], params: { fast: 9, slow: 21 }, cash: 40000 });
    expect(ema.spec.startDate).toEqual([2019, 1, 1]);
    expect(ema.spec.endDate).toEqual([2022, 12, 31]);
    expect(ema.unfulfilled).toEqual([]);
    const rsi = generateOffline('Buy KO when RSI(2) drops under 10 and sell above 60, 4% stop loss');
    expect(rsi.spec).toMatchObject({
      family: 'rsi-mean-reversion',
      params: { period: 2, oversold: 10, overbought: 60 },
      risk: { stopLossPct: 0.04 },
    });
  });

  it('names each thing the templates do not do, with the field it is about', () => {
    const generated = generateOffline('SMA 20/100 crossover on HD with a 6% take profit and flat by 15:50');
    expect(generated.gaps.map((g) => g.field)).toEqual(['risk', 'risk']);
    expect(generated.unfulfilled.join(' ')).toMatch(/take profit .*"6% take profit"/i);
    expect(generated.code).toContain('Not done (generation.json lists these under "unfulfilled")');
  });

  it('says when a number is clamped to what the template allows', () => {
    const generated = generateOffline('RSI(14) on PEP, buy below 2 and sell above 70');
    expect(generated.gaps).toContainEqual(
      expect.objectContaining({ field: 'numbers', sentence: expect.stringMatching(/lower "2"; the code uses 5/) }),
    );
  });

  it('declines what it cannot write: a signal no template has, a fixed-weight portfolio, options', () => {
    expect(declineOf('Keltner channel 20, 1.5 ATR breakout on MSFT')).toMatch(/cannot write a Keltner channel rule \("Keltner channel"\)/);
    expect(declineOf('Hold 70% VTI and 30% BND, rebalanced every quarter')).toMatch(
      /cannot write (?:buy and hold|a fixed-weight portfolio)/,
    );
    expect(declineOf('Covered call on INTC selling 20-delta calls every month')).toMatch(/options on INTC/);
  });

  it('quotes the parts of a prompt it did not understand', () => {
    const generated = generateOffline('SMA 10/40 crossover on CAT with a chandelier exit of 3 ATR');
    expect(generated.unfulfilled.at(-1)).toMatch(/^Not understood, so not done: ".*3 ATR"\.$/);
    expect(generated.gaps.at(-1)?.also ?? []).toContain('rules');
  });
});

describe('unreadParts', () => {
  it('keeps numbers and strategy words, allowing a typo, and drops filler', () => {
    const prompt = 'please make me a nice strategy with a 12% trailling stp on the weekley chart';
    const request = readRequest(prompt);
    const parts = unreadParts(prompt, [
      { start: 0, end: 27 },
      { start: prompt.indexOf('12%'), end: prompt.indexOf(' on the') },
    ]);
    expect(request.prompt).toBe(prompt);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.fields).toEqual(expect.arrayContaining(['numbers', 'risk']));
  });

  it('counts style words only when no signal was read', () => {
    const text = 'mean reversion';
    expect(unreadParts(text, [{ start: 0, end: text.length }], false)).toHaveLength(1);
    expect(unreadParts(text, [{ start: 0, end: text.length }], true)).toEqual([]);
  });
});

describe('requestOfRecord', () => {
  const request = readRequest('RSI(3) below 15 on AMZN');

  it('reads the request a generation.json records', () => {
    expect(requestOfRecord(JSON.stringify({ prompt: request.prompt, request })).request?.signals[0]?.kind).toBe('rsi');
  });

  it('says nothing for a record without a request, and names what is broken', () => {
    expect(requestOfRecord(JSON.stringify({ prompt: 'x' }))).toEqual({});
    expect(requestOfRecord('{ not json').error).toMatch(/not valid JSON/);
    expect(requestOfRecord(JSON.stringify({ request: { ...request, instruments: 'AMZN' } })).error).toMatch(/instruments/);
  });
});
