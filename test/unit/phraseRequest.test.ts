// The phraser's contract: a prompt phrased from a request (phraseRequest.ts) is read back by the request
// reader into the same request, on every field the intent benchmark scores (test/eval/intentScore.ts).
// Checked over a seeded sample of the composer's requests (enumerateRequests.ts), each phrased with its
// own draws of wording and order, and over hand-built requests for what the sample does not draw
// (option legs, one-sided periods, a perpetual on LEAN's default market).
//
// The expectation is the request in the benchmark's shape, with the benchmark's rules for what a careful
// reader takes from a prompt (test/eval/intentSet.ts): fixed weights held as the whole rule are the
// buy-and-hold signal ("hold 60/40 ..."), and a trend filter on the one instrument traded names no symbol.
import { describe, expect, it } from 'vitest';
import { enumerateRequests, seeded } from '../../extension/core/generation/compose/enumerateRequests';
import { phraseRequest, phraseRequestParts } from '../../extension/core/generation/compose/phraseRequest';
import { readRequest } from '../../extension/core/request/readRequest';
import type { Instrument, Read, StrategyRequest } from '../../extension/core/request/types';
import { asExpected, SCORED_FIELDS, scoreFields } from '../eval/intentScore';
import type { ExpectedRequest } from '../eval/intentSet';

const SEED = 20240607;
const COUNT = 300;

/** The request as the benchmark expects a careful reader to take it from a prompt stating it. */
function expectationOf(request: StrategyRequest): ExpectedRequest {
  const expected = asExpected(request);
  const signals = expected.signals ?? [];
  if (signals.length === 0 && expected.sizing?.kind === 'weights') expected.signals = [{ kind: 'buy-and-hold', params: {} }];
  const traded = new Set(expected.instruments.map((i) => i.symbol));
  const only = traded.size === 1 ? [...traded][0] : undefined;
  expected.filters = (expected.filters ?? []).map((f) => {
    if (f.kind !== 'trend' || f.symbol === undefined || f.symbol !== only) return f;
    const { symbol: _symbol, ...rest } = f;
    return rest;
  });
  return expected;
}

/**
 * The fields checked: the benchmark's, and the gap rule's side and mode, the calendar rule's window and
 * the regime each rule is picked in, which the phraser states though the benchmark does not score them.
 */
const FIELDS = [...SCORED_FIELDS, 'gap', 'calendar', 'regime'] as const;
type Field = (typeof FIELDS)[number];

interface Trip {
  prompt: string;
  variants: string[];
  fields: Partial<Record<Field, boolean>>;
}

/** Each gap signal's side and mode. */
function gapDetails(request: StrategyRequest): string[] {
  return request.signals.filter((s) => s.kind === 'gap').map((s) => `${s.gap?.side?.value ?? '-'}/${s.gap?.mode?.value ?? '-'}`);
}

/** Each calendar signal's window, every part stated by value. */
function calendarDetails(request: StrategyRequest): string[] {
  return request.signals
    .filter((s) => s.kind === 'calendar')
    .map((s) =>
      JSON.stringify(
        Object.entries(s.calendar ?? {})
          .map(([k, r]) => [k, (r as Read<unknown>).value])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      ),
    );
}

/** Each rule's regime, by its kind, every part stated by value. */
function regimeDetails(request: StrategyRequest): string[] {
  return request.signals
    .filter((s) => s.regime)
    .map((s) => `${s.kind}:${JSON.stringify(Object.entries(s.regime!.value).sort(([a], [b]) => a.localeCompare(b)))}`)
    .sort();
}

function roundTrip(request: StrategyRequest, random: () => number): Trip {
  const { text, variants } = phraseRequestParts(request, random);
  const back = readRequest(text);
  const fields: Trip['fields'] = scoreFields(expectationOf(request), asExpected(back));
  if (gapDetails(request).length) fields.gap = gapDetails(request).join() === gapDetails(back).join();
  if (calendarDetails(request).length) fields.calendar = calendarDetails(request).join() === calendarDetails(back).join();
  if (regimeDetails(request).length || regimeDetails(back).length)
    fields.regime = regimeDetails(request).join() === regimeDetails(back).join();
  return { prompt: text, variants, fields };
}

const failed = (t: Trip) => FIELDS.filter((f) => t.fields[f] === false);

/** Rates as "right/scored" per key, for the report printed when PHRASE_REPORT is set. */
function rates(trips: readonly Trip[]): { fields: Record<string, string>; variants: Record<string, string> } {
  const fields: Record<string, [number, number]> = {};
  const variants: Record<string, [number, number]> = {};
  for (const t of trips) {
    for (const f of FIELDS) {
      if (t.fields[f] === undefined) continue;
      const r = (fields[f] ??= [0, 0]);
      r[1]++;
      if (t.fields[f]) r[0]++;
    }
    const ok = failed(t).length === 0;
    for (const v of new Set(t.variants)) {
      const r = (variants[v] ??= [0, 0]);
      r[1]++;
      if (ok) r[0]++;
    }
  }
  const show = (table: Record<string, [number, number]>) =>
    Object.fromEntries(
      Object.entries(table)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, [right, all]]) => [k, `${right}/${all}`]),
    );
  return { fields: show(fields), variants: show(variants) };
}

const NOWHERE = { start: 0, end: 0 };
const read = <T>(value: T): Read<T> => ({ value, span: NOWHERE });

function request(parts: Partial<StrategyRequest>): StrategyRequest {
  return { prompt: '', instruments: [], markets: [], signals: [], risk: {}, filters: [], period: {}, problems: [], unread: [], ...parts };
}

function instrument(symbol: string, securityType: Instrument['securityType'], market: string, more: Partial<Instrument> = {}): Instrument {
  return { symbol, securityType, market, marketStated: true, span: NOWHERE, ...more };
}

describe('phraseRequest', () => {
  it('phrases every sampled request into a prompt the reader reads back into the same request', () => {
    const random = seeded(SEED + 1);
    const trips = enumerateRequests(SEED, COUNT).map((r) => roundTrip(r, random));
    if (process.env['PHRASE_REPORT']) console.log(JSON.stringify(rates(trips), null, 1));
    const wrong = trips.filter((t) => failed(t).length > 0).map((t) => `${failed(t).join(', ')}: ${t.prompt}`);
    expect(wrong).toEqual([]);
    // The sample reaches the wording it is meant to vary, and every part of a request it phrases.
    const variants = new Set(trips.flatMap((t) => t.variants));
    expect(variants.has('style:terse') && variants.has('style:sentences') && variants.has('tickers:lower-case')).toBe(true);
    expect([...variants].filter((v) => v.startsWith('signal.')).length).toBeGreaterThan(25);
    for (const part of [
      'option.',
      'universe.',
      'signal.gap',
      'signal.calendar.',
      'regime.volatility:',
      'regime.vix:',
      'pairs:',
      'filter.',
      'schedule.',
      'sizing.',
      'time-exit:',
    ])
      expect(
        [...variants].some((v) => v.startsWith(part)),
        part,
      ).toBe(true);
  });

  it('phrases the same request the same way for the same draws', () => {
    const [r] = enumerateRequests(SEED, 1);
    expect(phraseRequest(r!, seeded(7))).toBe(phraseRequest(r!, seeded(7)));
  });

  it('phrases fixed weights, held option structures, one-sided periods and defaults the sample may not draw', () => {
    const option = (underlying: string, more: Partial<NonNullable<Instrument['option']>>) =>
      instrument(underlying, 'option', 'usa', { option: { underlying, ...more } });
    const requests = [
      request({
        instruments: [option('SPY', { right: read('put'), side: read('sell'), delta: read(0.3), daysToExpiry: read(45) })],
        period: { start: read('2018-01-01') },
      }),
      request({
        instruments: [
          option('AAPL', { right: read('call'), side: read('buy'), moneyness: read('otm'), distance: read(0.1), daysToExpiry: read(30) }),
        ],
        period: { end: read('2022-06-30') },
        cash: read(50000),
      }),
      request({
        instruments: [instrument('BTCUSDT', 'cryptofuture', 'binance')],
        signals: [{ kind: 'rsi', span: NOWHERE, params: { period: read(14) } }],
        bar: read({ size: 4, unit: 'hour' }),
        period: { start: read('2021-03-15'), end: read('2023-09-30') },
      }),
      request({
        instruments: [instrument('SPY', 'etf', 'usa')],
        signals: [{ kind: 'sma-crossover', span: NOWHERE, params: { slow: read(100) } }],
        filters: [read({ kind: 'vix', above: 15, below: 30 })],
      }),
      // Fixed weights with no signal (the composer's buy-and-hold), on stocks and on a crypto market.
      request({
        instruments: [instrument('MSFT', 'equity', 'usa'), instrument('NVDA', 'equity', 'usa'), instrument('AMZN', 'equity', 'usa')],
        sizing: read({ kind: 'weights', weights: { MSFT: 0.334, NVDA: 0.333, AMZN: 0.333 } }),
        schedule: read({ every: 'quarter', at: 'start' }),
        cash: read(100000),
      }),
      request({
        instruments: [instrument('BTCUSD', 'crypto', 'kraken'), instrument('ETHUSD', 'crypto', 'kraken')],
        signals: [{ kind: 'buy-and-hold', span: NOWHERE, params: {} }],
        sizing: read({ kind: 'weights', weights: { BTCUSD: 0.6, ETHUSD: 0.4 } }),
        schedule: read({ every: 'week', weekday: 'friday' }),
      }),
      // A covered call opened by a signal, and a protective put held: the shares are traded too.
      request({
        instruments: [
          instrument('AAPL', 'equity', 'usa'),
          option('AAPL', { right: read('call'), side: read('sell'), delta: read(0.3), daysToExpiry: read(30) }),
        ],
        signals: [{ kind: 'rsi', span: NOWHERE, params: { period: read(14), lower: read(30), upper: read(70) } }],
        bar: read({ size: 1, unit: 'day' }),
      }),
      request({
        instruments: [
          instrument('SPY', 'etf', 'usa'),
          option('SPY', { right: read('put'), side: read('buy'), moneyness: read('otm'), distance: read(0.1), daysToExpiry: read(90) }),
        ],
        signals: [{ kind: 'buy-and-hold', span: NOWHERE, params: {} }],
        filters: [read({ kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' })],
      }),
    ];
    for (const [n, r] of requests.entries()) {
      for (let seed = 0; seed < 8; seed++) {
        const trip = roundTrip(r, seeded(1000 * n + seed));
        expect(failed(trip), trip.prompt).toEqual([]);
      }
    }
  });
});
