// Regime selection read from prompts of our own: two rules, each tied to the regime its clause names (a
// volatility regime, a VIX level, "otherwise", "when it is high"), the lookback and baseline a volatility
// is measured by; and the prompts that select no rule by regime, whose regimes stay filters.
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../extension/core/request/readRequest';

/** Each signal's kind and regime, with the words the regime was read from; and the filters left. */
function regimes(prompt: string): { rules: [string, unknown, string][]; filters: unknown[] } {
  const request = readRequest(prompt);
  return {
    rules: request.signals.map((s) => [s.kind, s.regime?.value, s.regime ? prompt.slice(s.regime.span.start, s.regime.span.end) : '']),
    filters: request.filters.map((f) => f.value),
  };
}

describe('two rules picked by the volatility regime', () => {
  it('RSI(2) when volatility is low, a Donchian breakout when it is high, against the 1-year median of 20-day realized vol', () => {
    const prompt =
      'On SPY, trade RSI(2) mean reversion when volatility is low and a 20-day Donchian breakout when volatility is high (20-day realized vol above its 1-year median)';
    const measure = { by: 'volatility', period: 20, baseline: 'median', window: 252 };
    expect(regimes(prompt)).toEqual({
      rules: [
        ['rsi', { ...measure, side: 'low' }, 'when volatility is low'],
        ['donchian', { ...measure, side: 'high' }, 'when volatility is high'],
      ],
      filters: [],
    });
    const request = readRequest(prompt);
    expect(request.signals.map((s) => Object.fromEntries(Object.entries(s.params).map(([k, r]) => [k, r.value])))).toEqual([
      { period: 2 },
      { period: 20 },
    ]);
    // Every number is read, the lookback and the baseline included.
    expect(request.unread.map((u) => prompt.slice(u.start, u.end))).toEqual(['On', 'trade', 'and a']);
  });

  it('in calm markets one rule, in volatile markets another, on QQQ hourly', () => {
    expect(regimes('in calm markets use a 50/200 SMA crossover, in volatile markets use Bollinger band reversion, on QQQ hourly')).toEqual({
      rules: [
        ['sma-crossover', { by: 'volatility', side: 'low' }, 'in calm markets'],
        ['bollinger', { by: 'volatility', side: 'high' }, 'in volatile markets'],
      ],
      filters: [],
    });
  });

  it('regimes in two sentences, the volatile one first', () => {
    expect(regimes('Trade IWM. In volatile markets use a 20-day Donchian breakout. In calm markets use RSI(2) mean reversion.')).toEqual({
      rules: [
        ['donchian', { by: 'volatility', side: 'high' }, 'In volatile markets'],
        ['rsi', { by: 'volatility', side: 'low' }, 'In calm markets'],
      ],
      filters: [],
    });
  });

  it('"when it is high" is the other side of the regime named before, with its lookback', () => {
    expect(regimes('On SPY use RSI mean reversion when 60-day volatility is low and a Donchian breakout when it is high')).toEqual({
      rules: [
        ['rsi', { by: 'volatility', period: 60, side: 'low' }, 'when 60-day volatility is low'],
        ['donchian', { by: 'volatility', period: 60, side: 'high' }, 'when it is high'],
      ],
      filters: [],
    });
  });

  it('low- and high-volatility regimes, measured once after both, against a 6-month average', () => {
    const prompt =
      'MACD 12/26/9 on XLE in high-volatility regimes and Keltner channel mean reversion in low-volatility regimes, measured by 30-day realized volatility against its 6-month average';
    const measure = { by: 'volatility', period: 30, baseline: 'average', window: 126 };
    expect(regimes(prompt).rules).toEqual([
      ['macd', { ...measure, side: 'high' }, 'in high-volatility regimes'],
      ['keltner', { ...measure, side: 'low' }, 'in low-volatility regimes'],
    ]);
  });

  it('"exit at the mean" is a z-score exit, not what volatility is compared with', () => {
    const request = readRequest(
      'On GLD, a z-score over 20 bars, enter at 2, exit at the mean in calm markets and a 10/30 EMA crossover in volatile markets',
    );
    expect(request.signals.map((s) => [s.kind, s.params['exit']?.value, s.regime?.value])).toEqual([
      ['zscore', 0, { by: 'volatility', side: 'low' }],
      ['ema-crossover', undefined, { by: 'volatility', side: 'high' }],
    ]);
  });
});

describe('two rules picked by the VIX', () => {
  it('above 25 one rule, otherwise the other, at the same level', () => {
    expect(regimes('when VIX is above 25 use mean reversion with RSI, otherwise trend-follow with a 10/30 EMA crossover')).toEqual({
      rules: [
        ['rsi', { by: 'vix', side: 'high', level: 25 }, 'when VIX is above 25'],
        ['ema-crossover', { by: 'vix', side: 'low', level: 25 }, 'otherwise'],
      ],
      filters: [],
    });
  });

  it('a rule after its regime, and "when it\'s below 20" for the other', () => {
    expect(regimes("Trade QQQ: a 20/50 SMA crossover when the VIX is above 20 and RSI(3) when it's below 20").rules).toEqual([
      ['sma-crossover', { by: 'vix', side: 'high', level: 20 }, 'when the VIX is above 20'],
      ['rsi', { by: 'vix', side: 'low', level: 20 }, "when it's below 20"],
    ]);
    // The level of "below 20" is the regime's, not an RSI level.
    expect(
      readRequest("Trade QQQ: a 20/50 SMA crossover when the VIX is above 20 and RSI(3) when it's below 20").signals[1]!.params,
    ).not.toHaveProperty('lower');
  });

  it('two VIX levels are read as stated, for the composer to decline', () => {
    expect(regimes('RSI(2) on SPY when VIX is below 20 and a Donchian breakout when VIX is above 30').rules).toEqual([
      ['rsi', { by: 'vix', side: 'low', level: 20 }, 'when VIX is below 20'],
      ['donchian', { by: 'vix', side: 'high', level: 30 }, 'when VIX is above 30'],
    ]);
  });
});

describe('prompts that pick no rule by regime', () => {
  it('one rule in a calm market is a filter', () => {
    expect(regimes('RSI(2) on SPY in calm markets')).toEqual({
      rules: [['rsi', undefined, '']],
      filters: [{ kind: 'volatility', regime: 'low' }],
    });
  });

  it('a regime said as a condition to trade at all stays a filter beside two regimes', () => {
    expect(
      regimes('On SPY, RSI(2) when volatility is low and a Donchian breakout when volatility is high; only trade when the VIX is below 40'),
    ).toEqual({
      rules: [
        ['rsi', { by: 'volatility', side: 'low' }, 'when volatility is low'],
        ['donchian', { by: 'volatility', side: 'high' }, 'when volatility is high'],
      ],
      filters: [{ kind: 'vix', below: 40 }],
    });
  });

  it('two rules and one regime said of no rule in particular: the regime gates both', () => {
    expect(regimes('RSI(2) and a 20/50 EMA crossover on SPY, only when the VIX is below 25')).toEqual({
      rules: [
        ['rsi', undefined, ''],
        ['ema-crossover', undefined, ''],
      ],
      filters: [{ kind: 'vix', below: 25 }],
    });
  });

  it('holding cash in volatile markets is trading only in calm ones', () => {
    expect(regimes('On QQQ, in calm markets use RSI(2), in volatile markets hold cash')).toEqual({
      rules: [['rsi', undefined, '']],
      filters: [{ kind: 'volatility', regime: 'low' }],
    });
  });

  it('two rules both for calm markets are no selection', () => {
    expect(regimes('RSI(2) in calm markets and a 20/50 EMA crossover in quiet markets, on SPY').rules.map((r) => r[1])).toEqual([
      undefined,
      undefined,
    ]);
  });
});
