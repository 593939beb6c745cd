// Position sizing read from prompts of our own: equal weight, a fraction per position, weights next to
// the symbols they weigh, risk per trade (from the stop or the ATR) and volatility targets; and the
// ratios and percents that size nothing.
import { describe, expect, it } from 'vitest';
import { readRequest } from '../../extension/core/request/readRequest';

describe('sizing', () => {
  it.each([
    ['Momentum on SPY, QQQ and IWM, equal weight', { kind: 'equal-weight' }, 'equal weight'],
    ['Hold XLK, XLE and XLF equally weighted', { kind: 'equal-weight' }, 'equally weighted'],
    ['Buy GLD and SLV, equal wieght', { kind: 'equal-weight' }, 'equal wieght'],
    ['Buy the dips in AAPL and MSFT with 10% per position', { kind: 'fixed-fraction', fraction: 0.1 }, '10% per position'],
    ['Buy AAPL, MSFT and NVDA, allocate 25% to each', { kind: 'fixed-fraction', fraction: 0.25 }, 'allocate 25% to each'],
    ['60/40 SPY/TLT rebalanced quarterly', { kind: 'weights', weights: { SPY: 0.6, TLT: 0.4 } }, '60/40 SPY/TLT'],
    ['Hold 40% SPY, 30% TLT, 30% GLD', { kind: 'weights', weights: { SPY: 0.4, TLT: 0.3, GLD: 0.3 } }, '40% SPY, 30% TLT, 30% GLD'],
    ['Keep SPY and TLT at 70/30', { kind: 'weights', weights: { SPY: 0.7, TLT: 0.3 } }, 'SPY and TLT at 70/30'],
    ['Breakouts on QQQ, risk 1% per trade', { kind: 'risk-per-trade', fraction: 0.01, from: 'stop' }, 'risk 1% per trade'],
    [
      'Trade QQQ; size by ATR, risking 0.5% per trade with a 2 ATR stop',
      { kind: 'risk-per-trade', fraction: 0.005, from: 'atr', atrMultiple: 2 },
      'size by ATR, risking 0.5% per trade',
    ],
    [
      'Hold SPY and TLT and target 10% annualized volatility',
      { kind: 'volatility-target', target: 0.1 },
      'target 10% annualized volatility',
    ],
    ['trend on spy w/ a 12% vol target', { kind: 'volatility-target', target: 0.12 }, '12% vol target'],
  ])('%s', (prompt, value, text) => {
    const sizing = readRequest(prompt).sizing;
    expect(sizing?.value).toEqual(value);
    expect(prompt.slice(sizing!.span.start, sizing!.span.end)).toBe(text);
  });

  it('reads the first sizing stated and leaves another unread', () => {
    const prompt = 'Buy SPY and QQQ equal weight, later 20% per position';
    const request = readRequest(prompt);
    expect(request.sizing?.value).toEqual({ kind: 'equal-weight' });
    expect(request.unread.map((s) => prompt.slice(s.start, s.end)).join(' ')).toContain('20% per position');
  });

  it('reads no sizing from indicator levels, stops, ratios without symbols or weights over 100%', () => {
    for (const prompt of [
      'RSI 30/70 on SPY and QQQ',
      'EMA 9/21 crossover on AAPL and MSFT',
      'Buy AAPL with a 5% stop',
      'A classic 60/40 portfolio',
      'Hold 70% SPY and 50% TLT',
      'SPY mean reversion in low-volatility regimes',
    ])
      expect({ prompt, sizing: readRequest(prompt).sizing }).toEqual({ prompt, sizing: undefined });
  });
});

describe('sizing in looser words', () => {
  it.each([
    ['Breakouts on AMD, risking 1.5% per trde', { kind: 'risk-per-trade', fraction: 0.015, from: 'stop' }, 'risking 1.5% per trde'],
    [
      'Trend on EURGBP; risk half a percent of equity per trade',
      { kind: 'risk-per-trade', fraction: 0.005, from: 'stop' },
      'risk half a percent of equity per trade',
    ],
    [
      'Trade HD and LOW, risking 2% of capital based on the 6% stop loss',
      { kind: 'risk-per-trade', fraction: 0.02, from: 'stop' },
      'risking 2% of capital',
    ],
    [
      'Swing NFLX, risk 1% per trade sized from a 3x ATR',
      { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 3 },
      'risk 1% per trade sized from a 3x ATR',
    ],
    ['Hold a 40% position in GLD when it trends', { kind: 'fixed-fraction', fraction: 0.4 }, 'a 40% position'],
    [
      'Swing MU and AMAT; every trade will be 12% of equity',
      { kind: 'fixed-fraction', fraction: 0.12 },
      'every trade will be 12% of equity',
    ],
    [
      'Breakouts on DE; each trade must be sized so you risk 2% of capital on a 6% stop',
      { kind: 'risk-per-trade', fraction: 0.02, from: 'stop' },
      'each trade must be sized so you risk 2% of capital',
    ],
    ['Trend on DBA, spend roughly 15% of the account', { kind: 'fixed-fraction', fraction: 0.15 }, 'spend roughly 15% of the account'],
    ['Buy the 10 strongest Nasdaq 100 names and size them equally', { kind: 'equal-weight' }, 'size them equally'],
    ['Rotate among XLB, XLI and XLY, each getting an equal slice', { kind: 'equal-weight' }, 'an equal slice'],
    ['vnq agg 55/45 buy and hold', { kind: 'weights', weights: { VNQ: 0.55, AGG: 0.45 } }, 'vnq agg 55/45'],
    ['Own the USO fund and the UNG fund 75/25', { kind: 'weights', weights: { USO: 0.75, UNG: 0.25 } }, 'USO fund and the UNG fund 75/25'],
    [
      'Hold QQQ 50%, IEF 30% and 20% in GLD (gold)',
      { kind: 'weights', weights: { QQQ: 0.5, IEF: 0.3, GLD: 0.2 } },
      'QQQ 50%, IEF 30% and 20% in GLD (gold)',
    ],
  ])('%s', (prompt, value, text) => {
    const sizing = readRequest(prompt).sizing;
    expect(sizing?.value).toEqual(value);
    expect(prompt.slice(sizing!.span.start, sizing!.span.end)).toBe(text);
  });

  it('reads a ratio that ends its sentence', () => {
    expect(readRequest('Keep SPY and TLT at 70/30. Rebalance monthly.').sizing?.value).toEqual({
      kind: 'weights',
      weights: { SPY: 0.7, TLT: 0.3 },
    });
    expect(readRequest('Hold MSFT, NVDA and AMZN at 33.4/33.3/33.3. With $100,000.').sizing?.value).toEqual({
      kind: 'weights',
      weights: { MSFT: 0.334, NVDA: 0.333, AMZN: 0.333 },
    });
  });

  it('reads a ratio after the symbols and the market they are on as their weights, in the order named', () => {
    const sizing = readRequest('hold sol and eth on coinbase 25/75').sizing;
    expect(sizing?.value).toEqual({ kind: 'weights', weights: { SOLUSD: 0.25, ETHUSD: 0.75 } });
  });

  it('reads the words saying what risk per trade is sized from, and a sizing named as not used, as part of it', () => {
    const prompt = 'Breakouts on COST, risking 0.75% per trade, sized off the stop loss distance';
    const sizing = readRequest(prompt).sizing;
    expect(sizing?.value).toEqual({ kind: 'risk-per-trade', fraction: 0.0075, from: 'stop' });
    expect(prompt.slice(sizing!.span.start, sizing!.span.end)).toBe('risking 0.75% per trade, sized off the stop loss distance');
    const target = 'Hold IEF and DBC; instead of equal weights, scale the entire book to 8% annualised volatility';
    const vol = readRequest(target).sizing;
    expect(vol?.value).toEqual({ kind: 'volatility-target', target: 0.08 });
    expect(target.slice(vol!.span.start, vol!.span.end)).toBe(
      'instead of equal weights, scale the entire book to 8% annualised volatility',
    );
  });

  it('reads no weights from symbols next to an indicator’s levels', () => {
    expect(readRequest('spy qqq rsi 30/70').sizing).toBeUndefined();
    // The levels after the indicator's period written bare, not in brackets.
    const r = readRequest('rsi 2 10/90 on EUR/USD and USDJPY, size positions equally');
    expect(r.sizing?.value).toEqual({ kind: 'equal-weight' });
    expect(r.signals.map((s) => Object.fromEntries(Object.entries(s.params).map(([k, v]) => [k, v.value])))).toEqual([
      { period: 2, lower: 10, upper: 90 },
    ]);
  });
});
