// A default start date never precedes the first trade of what the code trades (request/listingDates.ts),
// in the composer and on the template path; a stated start before it is kept and named in a note.
import { describe, expect, it } from 'vitest';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';
import { planFromRequest } from '../../extension/core/generation/specFromRequest';
import { renderStrategy } from '../../extension/core/generation/templates';
import { firstTraded, listingEntries } from '../../extension/core/request/listingDates';
import { readRequest } from '../../extension/core/request/readRequest';
import type { StrategyRequest } from '../../extension/core/request/types';
import { AAPL, composed, generated, instrument, method, read, request, signal } from './composeHelpers';

const COIN = instrument('COIN', 'equity', 'usa');
const RDDT = instrument('RDDT', 'equity', 'usa');
const DOGE = instrument('DOGEUSD', 'crypto', 'coinbase');

const COIN_DEFAULT = 'No start date stated; the backtest starts 2021-04-14, when COIN began trading.';
const COIN_BEFORE =
  'The backtest starts 2019-01-01, as stated, but COIN began trading on 2021-04-14: before then there is no COIN to trade.';

/** A request of `instruments` trading an RSI rule, with the period given (none stated unless given). */
function dated(instruments: StrategyRequest['instruments'], period: { start?: string; end?: string } = {}): StrategyRequest {
  return {
    ...request({ instruments, signal: signal('rsi') }),
    period: {
      ...(period.start ? { start: read(period.start) } : {}),
      ...(period.end ? { end: read(period.end) } : {}),
    },
  };
}

/** The lines of `initialize` that set the start and end dates. */
function datesOf(code: string): string[] {
  return method(code, 'initialize').filter((l) => /^self\.set_(start|end)_date\(/.test(l));
}

describe('the first traded dates', () => {
  it('are keyed by security type and market, so a stock, a future and a coin sharing a ticker do not collide', () => {
    expect(firstTraded('equity', 'usa', 'COIN')).toBe('2021-04-14');
    expect(firstTraded('etf', 'usa', 'IBIT')).toBe('2024-01-11');
    expect(firstTraded('future', 'cme', 'ETH')).toBe('2021-02-08');
    expect(firstTraded('equity', 'usa', 'ETH')).toBeUndefined();
    expect(firstTraded('crypto', 'coinbase', 'COIN')).toBeUndefined();
    expect(firstTraded('crypto', 'coinbase', 'DOGEUSD')).toBe('2021-06-03');
    expect(firstTraded('crypto', 'kraken', 'DOGEUSD')).toBeUndefined();
    expect(firstTraded('future', 'cbot', 'MYM')).toBe('2019-05-06');
    expect(firstTraded('equity', 'usa', 'AAPL')).toBeUndefined();
  });

  it('are real calendar dates after 1998', () => {
    const entries = listingEntries();
    expect(entries.length).toBeGreaterThan(50);
    for (const { symbol, date } of entries) {
      expect(date, symbol).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10), symbol).toBe(date);
      expect(date > '1998-12-31', symbol).toBe(true);
    }
  });
});

describe('the composer', () => {
  it('starts a COIN backtest when COIN began trading, and says so', () => {
    const { code, notes, gaps } = composed(dated([COIN]));
    expect(datesOf(code)).toEqual(['self.set_start_date(2021, 4, 14)', 'self.set_end_date(2024, 12, 31)']);
    expect(notes).toContain(COIN_DEFAULT);
    expect(notes).toContain('No end date stated; the backtest ends 2024-12-31.');
    expect(gaps).toEqual([]);
  });

  it('keeps a stated start before COIN listed, and notes it without calling it a gap', () => {
    const { code, notes, gaps } = composed(dated([COIN], { start: '2019-01-01' }));
    expect(datesOf(code)[0]).toBe('self.set_start_date(2019, 1, 1)');
    expect(notes).toContain(COIN_BEFORE);
    expect(notes.some((n) => n.startsWith('No start date stated'))).toBe(false);
    expect(gaps).toEqual([]);
  });

  it('leaves the default start of an instrument listed long ago alone', () => {
    const { code, notes } = composed(dated([AAPL]));
    expect(datesOf(code)).toEqual(['self.set_start_date(2020, 1, 1)', 'self.set_end_date(2024, 12, 31)']);
    expect(notes).toContain('No start date stated; the backtest starts 2020-01-01.');
    expect(notes.some((n) => n.includes('began trading'))).toBe(false);
  });

  it('waits for the latest listing in a mixed book', () => {
    const { code, notes } = composed(dated([AAPL, COIN]));
    expect(datesOf(code)[0]).toBe('self.set_start_date(2021, 4, 14)');
    expect(notes).toContain(COIN_DEFAULT);
    const both = composed(dated([COIN, RDDT, AAPL]));
    expect(both.notes).toContain('No start date stated; the backtest starts 2024-03-21, when RDDT began trading.');
  });

  it('keeps the end at least a year after a late default start', () => {
    const { code, notes } = composed(dated([RDDT]));
    expect(datesOf(code)).toEqual(['self.set_start_date(2024, 3, 21)', 'self.set_end_date(2025, 3, 21)']);
    expect(notes).toContain('No end date stated; the backtest ends 2025-03-21.');
  });

  it('keeps a stated end, starting at the listing when there is time after it and at the default when not', () => {
    const after = composed(dated([COIN], { end: '2023-06-30' }));
    expect(datesOf(after.code)).toEqual(['self.set_start_date(2021, 4, 14)', 'self.set_end_date(2023, 6, 30)']);
    const before = composed(dated([COIN], { end: '2020-12-31' }));
    expect(datesOf(before.code)).toEqual(['self.set_start_date(2020, 1, 1)', 'self.set_end_date(2020, 12, 31)']);
    expect(before.notes).toContain(
      'The backtest starts 2020-01-01, but COIN began trading on 2021-04-14: before then there is no COIN to trade.',
    );
  });

  it("names the exchange of a coin's listing", () => {
    const { code, notes } = composed(dated([DOGE]));
    expect(datesOf(code)[0]).toBe('self.set_start_date(2021, 6, 3)');
    expect(notes).toContain('No start date stated; the backtest starts 2021-06-03, when DOGEUSD on coinbase began trading.');
  });

  it("waits for an option's underlying to list", () => {
    const { code, notes, plan } = generated('covered call on COIN');
    expect(plan?.options).toBeDefined();
    expect(datesOf(code)[0]).toBe('self.set_start_date(2021, 4, 14)');
    expect(notes).toContain(COIN_DEFAULT);
  });

  it('reads the same from a prompt, and a stated 2019 start stays', () => {
    const bare = generated('RSI on COIN');
    expect(datesOf(bare.code)[0]).toBe('self.set_start_date(2021, 4, 14)');
    expect(bare.notes).toContain(COIN_DEFAULT);
    const stated = generated('RSI on COIN from 2019-01-01');
    expect(datesOf(stated.code)[0]).toBe('self.set_start_date(2019, 1, 1)');
    expect(stated.notes).toContain(COIN_BEFORE);
    expect(stated.unfulfilled.some((s) => s.includes('COIN'))).toBe(false);
  });

  it('plans the period on the planned instruments only', () => {
    const outcome = planCompose(dated([AAPL, COIN]));
    expect(outcome?.kind === 'plan' && outcome.plan.start).toEqual([2021, 4, 14]);
  });
});

describe('the template path', () => {
  // The template planner called directly, so the tests hold whichever writer the router picks for a prompt.
  function templated(prompt: string): { plan: ReturnType<typeof planFromRequest>; code: string } {
    const plan = planFromRequest(readRequest(prompt), prompt);
    return { plan, code: renderStrategy(plan.spec) };
  }

  it('starts a crossover on COIN and AAPL when COIN began trading, and says so', () => {
    const { plan, code } = templated('SMA crossover on COIN and AAPL');
    expect(plan.spec.tickers).toEqual(['COIN', 'AAPL']);
    expect(plan.spec.startDate).toEqual([2021, 4, 14]);
    expect(code).toContain('self.set_start_date(2021, 4, 14)');
    expect(code).toContain('self.set_end_date(2024, 12, 31)');
    expect(plan.notes).toContain(COIN_DEFAULT);
    expect(plan.notes).toContain('No end date stated; the backtest ends 2024-12-31.');
  });

  it('keeps a stated start before COIN listed, with the note and no gap', () => {
    const { plan, code } = templated('SMA crossover on COIN and AAPL from 2019-01-01');
    expect(code).toContain('self.set_start_date(2019, 1, 1)');
    expect(plan.notes).toContain(COIN_BEFORE);
    expect(plan.gaps.some((g) => g.sentence.includes('COIN'))).toBe(false);
  });

  it('leaves the default of instruments listed long ago alone, and names it', () => {
    const { plan, code } = templated('SMA crossover on AAPL and MSFT');
    expect(code).toContain('self.set_start_date(2020, 1, 1)');
    expect(plan.notes).toContain('No start date stated; the backtest starts 2020-01-01.');
  });

  it('looks only at the tickers the code trades', () => {
    // Three tickers are too few for the alpha-factor template, so it trades its own and COIN is not among them.
    const { plan, code } = templated('alpha formula rank(close / delay(close, 5)) on COIN, AAPL and MSFT');
    expect(plan.spec.family).toBe('alpha-factor');
    expect(plan.spec.tickers).not.toContain('COIN');
    expect(code).toContain('self.set_start_date(2020, 1, 1)');
  });

  it('writes an alpha formula on COIN from when COIN began trading, whichever writer takes it', () => {
    const result = generateOffline('alpha formula rank(close / delay(close, 5)) on COIN, AAPL, MSFT and GOOGL');
    expect(result.code).toContain('self.set_start_date(2021, 4, 14)');
    expect(result.notes).toContain(COIN_DEFAULT);
  });
});
