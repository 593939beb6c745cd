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
    expect(ema.plan).toMatchObject({ signal: { kind: 'ema-crossover', params: { fast: 9, slow: 21 } }, cash: 40000 });
    expect(ema.plan?.instruments.map((i) => i.symbol)).toEqual(['NVDA']);
    expect([ema.plan?.start, ema.plan?.end]).toEqual([
      [2019, 1, 1],
      [2022, 12, 31],
    ]);
    expect(ema.unfulfilled).toEqual([]);
    const rsi = generateOffline('Buy KO when RSI(2) drops under 10 and sell above 60, 4% stop loss');
    expect(rsi.plan).toMatchObject({
      signal: { kind: 'rsi', params: { period: 2, lower: 10, upper: 60 } },
      risk: { stopLoss: { amount: 0.04, unit: 'fraction' } },
    });
    expect(rsi.code).toContain('rsi < 10');
    expect(rsi.code).toContain('rsi > 60');
  });

  it('names each thing the code does not do, with the field it is about', () => {
    const written = generateOffline('SMA 20/100 crossover on HD, hourly bars, with a 6% take profit and flat by 15:50');
    expect(written.unfulfilled).toEqual([]);
    expect(written.code).toContain('self.time_rules.at(15, 50), self._flatten)');
    // On daily bars there is no time of day to be flat by: said, not written as a rule that never fires.
    const daily = generateOffline('SMA 20/100 crossover on HD, daily bars, flat by 15:50');
    expect(daily.gaps).toEqual([
      expect.objectContaining({ field: 'risk', sentence: expect.stringMatching(/^Going flat by "flat by 15:50" is not in the code/) }),
    ]);
    const generated = generateOffline('RSI(14) on ETH on Coinbase, long and short, 4h bars');
    expect(generated.gaps.map((g) => g.field)).toEqual(['direction']);
    expect(generated.unfulfilled.join(' ')).toMatch(
      /short side "long and short" is not traded: ETHUSD on coinbase trades in a cash account/,
    );
    expect(generated.code).toContain('Not done (generation.json lists these under "unfulfilled")');
  });

  it('uses the numbers asked for, unclamped', () => {
    const generated = generateOffline('RSI(14) on PEP, buy below 2 and sell above 70');
    expect(generated.unfulfilled).toEqual([]);
    expect(generated.code).toContain('rsi < 2');
  });

  it('declines what it cannot write: a calendar effect, the wheel, a short in a cash account', () => {
    expect(declineOf('Pre-holiday effect on SPY: buy the close before each market holiday')).toMatch(
      /cannot write a pre-holiday rule \("Pre-holiday effect"\): LEAN's date rules name no market holidays/,
    );
    expect(declineOf('The wheel on INTC: sell 30-delta puts, and covered calls once assigned')).toMatch(
      /cannot write the wheel \(options on INTC\)/,
    );
    expect(declineOf('Short BTC on Coinbase when RSI(14) is above 70, short only')).toMatch(/cash account, which cannot sell short/);
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
