// Filters read from prompts of our own: trend, VIX, volatility regime and time of day, with the
// comparison turned around where the prompt says when not to trade; and the entry rules that are signals.
import { describe, expect, it } from 'vitest';
import { withoutReferences } from '../../extension/core/request/readFilters';
import { readRequest } from '../../extension/core/request/readRequest';

/** Each filter read, as its value and the words it came from. */
function filters(prompt: string): [unknown, string][] {
  return readRequest(prompt).filters.map((f) => [f.value, prompt.slice(f.span.start, f.span.end)]);
}

describe('trend filter', () => {
  it.each([
    [
      'RSI(2) on QQQ, only when SPY is above its 200-day SMA',
      { kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' },
      'only when SPY is above its 200-day SMA',
    ],
    [
      'AAPL breakouts with a 50 EMA trend filter',
      { kind: 'trend', period: 50, average: 'ema', side: 'above' },
      'with a 50 EMA trend filter',
    ],
    [
      'Buy dips on QQQ, only long above the 100-day moving average',
      { kind: 'trend', period: 100, average: 'sma', side: 'above' },
      'above the 100-day moving average',
    ],
    [
      'buy msft pullbacks as long as the s&p 500 is above its 200 dma',
      { kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' },
      'as long as the s&p 500 is above its 200 dma',
    ],
    [
      'Short TSLA rallies, trend filter: 10-month SMA',
      { kind: 'trend', period: 210, average: 'sma', side: 'above' },
      'trend filter: 10-month SMA',
    ],
  ])('%s', (prompt, value, text) => expect(filters(prompt)).toEqual([[value, text]]));
});

describe('VIX and volatility filters', () => {
  it.each([
    ['SPY momentum, only trade when VIX is below 25', { kind: 'vix', below: 25 }, 'only trade when VIX is below 25'],
    ['QQQ dip buying; skip when vix > 30', { kind: 'vix', below: 30 }, 'skip when vix > 30'],
    ['RSI on SPY, VIX under 20', { kind: 'vix', below: 20 }, 'VIX under 20'],
    ['Short SPY spikes when the VIX is above 35', { kind: 'vix', above: 35 }, 'when the VIX is above 35'],
    ['Iron condor style on SPY when VIX between 15 and 30', { kind: 'vix', above: 15, below: 30 }, 'when VIX between 15 and 30'],
    ['SPY mean reversion in low-volatility regimes', { kind: 'volatility', regime: 'low' }, 'in low-volatility regimes'],
    ['Trade QQQ breakouts when realized vol is high', { kind: 'volatility', regime: 'high' }, 'when realized vol is high'],
    [
      'Buy TLT dips only if 60-day volatility is in a low regime',
      { kind: 'volatility', regime: 'low', period: 60 },
      'only if 60-day volatility is in a low regime',
    ],
    ['IWM RSI, calm markets only', { kind: 'volatility', regime: 'low' }, 'calm markets only'],
    [
      'GLD trend; avoid trading in high-volatility regimes',
      { kind: 'volatility', regime: 'low' },
      'avoid trading in high-volatility regimes',
    ],
  ])('%s', (prompt, value, text) => expect(filters(prompt)).toEqual([[value, text]]));
});

describe('time-of-day filter', () => {
  it.each([
    [
      'SPY scalps, only trade between 10:00 and 15:30',
      { kind: 'time-of-day', after: '10:00', before: '15:30' },
      'only trade between 10:00 and 15:30',
    ],
    ['QQQ breakouts, no trades in the first 30 minutes', { kind: 'time-of-day', after: '10:00' }, 'no trades in the first 30 minutes'],
    ['SPY VWAP reversion after 10am', { kind: 'time-of-day', after: '10:00' }, 'after 10am'],
    ['Fade SPY gaps, no new trades after 3pm', { kind: 'time-of-day', before: '15:00' }, 'no new trades after 3pm'],
    ['QQQ momentum, skip the last 15 minutes', { kind: 'time-of-day', before: '15:45' }, 'skip the last 15 minutes'],
  ])('%s', (prompt, value, text) => expect(filters(prompt)).toEqual([[value, text]]));

  it('joins a start and an end stated apart into one window', () => {
    expect(filters('Buy SPY after 10:30am, and not after 3:30pm')).toEqual([
      [{ kind: 'time-of-day', after: '10:30', before: '15:30' }, 'after 10:30am, and not after 3:30pm'],
    ]);
  });
});

describe('what is not a filter', () => {
  it('leaves entry rules, crosses and other fields to their readers', () => {
    for (const prompt of [
      'Buy SPY when RSI is below 30',
      'Buy SPY when price crosses above the 50-day SMA',
      'Buy AAPL when price is above the 50-day EMA',
      'SMA 50/200 crossover on QQQ',
      'Intraday SPY, flat by 15:55',
      'Hold SPY and TLT, target 10% annualized volatility',
      'Only when the market is above its 200-day SMA, buy AAPL',
    ])
      expect({ prompt, filters: readRequest(prompt).filters }).toEqual({ prompt, filters: [] });
  });
});

describe('filters in looser words', () => {
  it.each([
    [
      // A filter on the one instrument traded (here the options' underlying) names no other symbol.
      'Sell puts on IWM; if IWM falls below its 50-day SMA, pause selling until it recovers',
      [[{ kind: 'trend', period: 50, average: 'sma', side: 'above' }, 'if IWM falls below its 50-day SMA']],
    ],
    [
      'Mean reversion on XLU, active only when the VIX is above 12 but below 28',
      [[{ kind: 'vix', above: 12, below: 28 }, 'only when the VIX is above 12 but below 28']],
    ],
    [
      'Trade EWZ only in volatile markets, judged by 30-day realized vol',
      [[{ kind: 'volatility', regime: 'high', period: 30 }, 'only in volatile markets, judged by 30-day realized vol']],
    ],
    ['Scalp SPY, trade only 09:45 to 11:30', [[{ kind: 'time-of-day', after: '09:45', before: '11:30' }, 'trade only 09:45 to 11:30']]],
    [
      'Breakouts on EURUSD only between 08:00 and 12:00',
      [[{ kind: 'time-of-day', after: '08:00', before: '12:00' }, 'only between 08:00 and 12:00']],
    ],
  ])('%s', (prompt, expected) => expect(filters(prompt)).toEqual(expected));

  it('reads no regime from a description of the markets a strategy suits', () => {
    expect(filters('An idea for quiet markets: RSI(2) on KO')).toEqual([]);
  });
});

describe('references that are no instruments', () => {
  const read = (prompt: string) => {
    const request = readRequest(prompt);
    const { instruments, filters } = withoutReferences(request.instruments, request.filters, request.universe, prompt);
    return { symbols: instruments.map((i) => `${i.symbol}:${i.securityType}`), filters: filters.map((f) => f.value) };
  };

  it('drops a symbol named only as a filter’s reference, and keeps the filter’s symbol', () => {
    expect(read('Buy EEM on RSI(2) dips, but only if DIA is above its 150-day SMA')).toEqual({
      symbols: ['EEM:etf'],
      filters: [{ kind: 'trend', period: 150, average: 'sma', side: 'above', symbol: 'DIA' }],
    });
  });

  it('drops an ETF named only as the universe', () => {
    expect(read('Momentum among the XLV holdings, top 5 monthly').symbols).toEqual([]);
  });

  it('keeps a symbol that is traded too, and a trend filter on it names no symbol', () => {
    expect(read('Buy MSFT calls with 60 days to expiry while MSFT is above its 100-day EMA')).toEqual({
      symbols: ['MSFT:option'],
      filters: [{ kind: 'trend', period: 100, average: 'ema', side: 'above' }],
    });
  });

  it('reads a VIX filter, and drops the VIX, where the prompt speaks of an index and the VIX was read as one', () => {
    expect(read('Trade the SPX index with a moving average crossover. Only when the VIX is below 25.')).toEqual({
      symbols: ['SPX:index'],
      filters: [{ kind: 'vix', below: 25 }],
    });
  });

  it('leaves a halt another reader took to that reader, not to the condition before it', () => {
    expect(read('Keltner on MSFT and NVDA, only when SPY closes above its 200-day SMA, stop trading after a 20% drawdown').filters).toEqual(
      [{ kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' }],
    );
    // Not trading after the condition is still read as such.
    expect(read('Sell covered calls on AAPL; if QQQ drops below its 100-day EMA, stop selling').filters).toEqual([
      { kind: 'trend', period: 100, average: 'ema', side: 'above', symbol: 'QQQ' },
    ]);
  });

  it('keeps the symbol of a filter on one of several traded instruments', () => {
    const { symbols, filters } = read('Rotate between SPY and TLT, holding SPY only while SPY is above its 200-day SMA');
    expect(symbols).toEqual(['SPY:etf', 'TLT:etf']);
    expect(filters).toEqual([{ kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' }]);
  });
});
