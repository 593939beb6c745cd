// The entry and exit signals of a request, read from prompts of our own: each kind with its numbers by
// name, the spans they came from, conventions, contradictions, and indicators left unread.
import { describe, expect, it } from 'vitest';
import { Prompt } from '../../extension/core/request/promptText';
import { readRequest } from '../../extension/core/request/readRequest';
import { readSignals } from '../../extension/core/request/readSignals';
import type { Span } from '../../extension/core/request/types';

/** The signals of a prompt as kinds and plain numbers. */
function signals(prompt: string) {
  return readRequest(prompt).signals.map((s) => ({
    kind: s.kind,
    params: Object.fromEntries(Object.entries(s.params).map(([name, read]) => [name, read.value])),
  }));
}

/** What each param of the prompt's only signal was read from, and the signal's own phrase. */
function spans(prompt: string) {
  const signal = readRequest(prompt).signals[0]!;
  const text = (span: Span) => prompt.slice(span.start, span.end);
  return { name: text(signal.span), ...Object.fromEntries(Object.entries(signal.params).map(([name, read]) => [name, text(read.span)])) };
}

function unread(prompt: string): string[] {
  return readRequest(prompt).unread.map((s) => prompt.slice(s.start, s.end));
}

describe('crossovers', () => {
  it.each([
    ['Trade a 50/200 SMA cross on SPY', 'sma-crossover', 50, 200],
    ['EMA 9/21 crossover on QQQ with hourly bars', 'ema-crossover', 9, 21],
    ['Go long when the 9 and 21 day EMAs cross', 'ema-crossover', 9, 21],
    ['Use a fast EMA 12 with a slow EMA 26 on IWM', 'ema-crossover', 12, 26],
    ['Trade the 12-26 ema crossover on TSLA', 'ema-crossover', 12, 26],
    ['Buy SPY when the 20 crossing above the 50 SMA', 'sma-crossover', 20, 50],
    ['Trade a 200/50 SMA crossover on DIA', 'sma-crossover', 50, 200],
    ['QQQ ema9/21 x', 'ema-crossover', 9, 21],
    ['SMA(50,200) on SPY', 'sma-crossover', 50, 200],
    ['Golden cross of the 20 and 100 day SMAs on IWM', 'sma-crossover', 20, 100],
  ])('%s', (prompt, kind, fast, slow) => {
    expect(signals(prompt)).toEqual([{ kind, params: { fast, slow } }]);
  });

  it('keeps the span of each number and of the phrase naming the signal', () => {
    expect(spans('EMA 9/21 crossover on QQQ')).toEqual({ name: 'EMA', fast: '9', slow: '21' });
    expect(spans('Trade a 200/50 SMA crossover on DIA')).toEqual({ name: 'SMA crossover', fast: '50', slow: '200' });
  });

  it('reads the golden and death cross as the 50- and 200-day SMAs, quoting the phrase', () => {
    expect(signals('Buy QQQ on a golden cross')).toEqual([{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }]);
    expect(spans('Death cross on SPY')).toEqual({ name: 'Death cross', fast: 'Death cross', slow: 'Death cross' });
  });

  it('converts weeks to trading-day bars', () => {
    const prompt = 'Buy SPY when the 10-week SMA crosses the 40-week';
    expect(signals(prompt)).toEqual([{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }]);
    expect(spans(prompt)).toMatchObject({ fast: '10-week', slow: '40-week' });
  });

  it('reads one average crossed by price as the slow one, and invents no other', () => {
    expect(signals('Price above the 50-day SMA on SPY')).toEqual([{ kind: 'sma-crossover', params: { slow: 50 } }]);
    expect(signals('Moving average crossover on SPY')).toEqual([{ kind: 'sma-crossover', params: {} }]);
  });
});

describe('RSI', () => {
  it.each([
    ['Buy SPY when RSI(2) < 10', { period: 2, lower: 10 }],
    ['Buy SPY when RSI 2 below 10', { period: 2, lower: 10 }],
    ['Buy SPY when rsi2<10', { period: 2, lower: 10 }],
    ['Long AAPL when the 14-period RSI is under 30, exit above 70', { period: 14, lower: 30, upper: 70 }],
    ['Mean reversion with rsi oversold 25 overbought 75 on MSFT', { lower: 25, upper: 75 }],
    ['Short GOOGL when RSI(14) is above 80', { period: 14, upper: 80 }],
    ['RSI(2) below 10, exit when RSI above 40', { period: 2, lower: 10, upper: 40 }],
    ['Buy at rsi 30, sell at rsi 70 on SPY', { lower: 30, upper: 70 }],
    ['Two-period RSI below 5 on SPY', { period: 2, lower: 5 }],
    ['QQQ rsi 14 30/70', { period: 14, lower: 30, upper: 70 }],
  ])('%s', (prompt, params) => {
    expect(signals(prompt)).toEqual([{ kind: 'rsi', params }]);
  });

  it('reads RSI(2) below 10 as period 2 and level 10, from their own digits', () => {
    expect(spans('Buy SPY when RSI(2) < 10')).toEqual({ name: 'RSI', period: '2', lower: '10' });
  });

  it('states no numbers the prompt does not', () => {
    expect(signals('RSI mean reversion on AAPL')).toEqual([{ kind: 'rsi', params: {} }]);
  });

  it('does not read a stochastic RSI as an RSI', () => {
    const prompt = 'Stochastic RSI below 20 on AAPL';
    expect(signals(prompt)).toEqual([]);
    expect(unread(prompt).join(' ')).toContain('Stochastic RSI below 20');
  });
});

describe('bands, channels and MACD', () => {
  it.each([
    ['Bollinger 20, 2 on SPY', 'bollinger', { period: 20, std: 2 }],
    ['Fade the 20-day bands at 2.5 standard deviations on XLE', 'bollinger', { period: 20, std: 2.5 }],
    ['2 sigma bands on GLD', 'bollinger', { std: 2 }],
    ['BB(20,2) reversion on IWM', 'bollinger', { period: 20, std: 2 }],
    ['Bolinger bands on AAPL', 'bollinger', {}],
    ['Bollinger bands with a 4-week lookback and k = 2', 'bollinger', { period: 20, std: 2 }],
    ['MACD 12 26 9 on NVDA', 'macd', { fast: 12, slow: 26, signal: 9 }],
    ['Use macd(12,26,9) on MSFT', 'macd', { fast: 12, slow: 26, signal: 9 }],
    ['A macd 8/17/9 strategy on AMD', 'macd', { fast: 8, slow: 17, signal: 9 }],
    ['MACD with fast 12, slow 26 and signal 9', 'macd', { fast: 12, slow: 26, signal: 9 }],
    ['MACD on SPY', 'macd', {}],
    ['20-day Donchian breakout on GLD, exit on 10-day low', 'donchian', { period: 20, exit: 10 }],
    ['Buy the 55 day high breakout on TLT', 'donchian', { period: 55 }],
    ['Dochian channel on USO', 'donchian', {}],
    ['Keltner channel 20, 1.5 ATR on QQQ', 'keltner', { period: 20, multiplier: 1.5 }],
    ['Keltner channels 20 with 2 x ATR on SPY', 'keltner', { period: 20, multiplier: 2 }],
  ])('%s', (prompt, kind, params) => {
    expect(signals(prompt)).toEqual([{ kind, params }]);
  });

  it('reads the turtle breakout as 20/10 unless stated, quoting the word', () => {
    expect(signals('Turtle system on SPY')).toEqual([{ kind: 'donchian', params: { period: 20, exit: 10 } }]);
    expect(spans('Turtle system on SPY')).toEqual({ name: 'Turtle system', period: 'Turtle system', exit: 'Turtle system' });
    expect(signals('Turtle 55-day breakout on TLT')).toEqual([{ kind: 'donchian', params: { period: 55, exit: 20 } }]);
  });
});

describe('z-scores, pairs and momentum', () => {
  it('reads z-score levels as absolute values, and the mean as 0', () => {
    const prompt = 'Buy SPY when the z-score of 20-day returns is below -2, exit at 0';
    expect(signals(prompt)).toEqual([{ kind: 'zscore', params: { period: 20, entry: 2, exit: 0 } }]);
    expect(spans(prompt)).toEqual({ name: 'z-score', period: '20', entry: '-2', exit: '0' });
  });

  it('reads a pairs trade with its levels and lookback', () => {
    expect(signals('Pairs trade KO/PEP, enter at 2 sigma, exit at 0.5, 60-day lookback')).toEqual([
      { kind: 'pairs', params: { entry: 2, exit: 0.5, period: 60 } },
    ]);
  });

  it('reads a spread between two instruments as pairs, with its z-score', () => {
    expect(signals('Trade the spread between XOM and CVX when the z-score exceeds 2, exit at the mean')).toEqual([
      { kind: 'pairs', params: { entry: 2, exit: 0 } },
    ]);
    expect(signals('Tight bid-ask spread on SPY')).toEqual([]);
  });

  it.each([
    ['12-month momentum on sector ETFs, hold top 3', { period: 252, top: 3 }],
    ['Rotate into the best 2 of 5 by 6-month return', { top: 2, period: 126 }],
    ['12-1 momentum on SPY, QQQ and IWM', { period: 252, skip: 21 }],
    ['Buy the 3 strongest of 10 sector ETFs by 3 months return', { top: 3, period: 63 }],
    ['Momentum on a 3-month lookback, skip 1 week, hold the top 2', { period: 63, skip: 5, top: 2 }],
  ])('%s', (prompt, params) => {
    expect(signals(prompt)).toEqual([{ kind: 'momentum', params }]);
  });

  it('quotes a converted period with its unit', () => {
    expect(spans('12-month momentum on sector ETFs, hold top 3')).toEqual({ name: 'momentum', period: '12-month', top: '3' });
  });
});

describe('VWAP, gaps, calendar, formulas and buy and hold', () => {
  it.each([
    ['Buy SPY when price is 1% below VWAP', 'vwap', { threshold: 0.01 }],
    ['Fade gaps over 2% on QQQ', 'gap', { threshold: 0.02 }],
    ['Turn of the month on SPY', 'calendar', {}],
    ['Buy Monday sell Friday on QQQ', 'calendar', {}],
    ['Santa Claus rally in SPY', 'calendar', {}],
    ['Sell in May and go away with SPY', 'calendar', {}],
    ['Buy and hold SPY', 'buy-and-hold', {}],
    ['Just hold QQQ', 'buy-and-hold', {}],
  ])('%s', (prompt, kind, params) => {
    expect(signals(prompt)).toEqual([{ kind, params }]);
  });

  it('reads a formula whole, numbers and all', () => {
    const prompt = 'Alpha factor: rank(ts_mean(close, 5)) - rank(volume)';
    expect(signals(prompt)).toEqual([{ kind: 'alpha-formula', params: {} }]);
    expect(spans(prompt).name).toBe('rank(ts_mean(close, 5)) - rank(volume)');
    const worldQuant = 'WorldQuant alpha -1 * correlation(rank(open), rank(volume), 10) on SPY';
    expect(signals(worldQuant)).toEqual([{ kind: 'alpha-formula', params: {} }]);
    expect(unread(worldQuant)).toEqual(['on']);
  });
});

describe('several signals, contradictions and unknown indicators', () => {
  it('reads signals in the order the prompt names them', () => {
    expect(signals('MACD cross confirmed by RSI above 50 on SPY')).toEqual([
      { kind: 'macd', params: {} },
      { kind: 'rsi', params: { upper: 50 } },
    ]);
    expect(signals('Buy SPY when RSI(2) drops below 10; sell when it closes above the 5-day SMA')).toEqual([
      { kind: 'rsi', params: { period: 2, lower: 10 } },
      { kind: 'sma-crossover', params: { slow: 5 } },
    ]);
  });

  it('names a parameter stated twice with different values, and keeps the first', () => {
    const request = readRequest('Buy SPY when RSI(14) is below 30 and the 7-period RSI turns up');
    expect(request.signals.map((s) => s.params['period']?.value)).toEqual([14]);
    expect(request.problems).toEqual([expect.objectContaining({ kind: 'contradiction' })]);
    expect(request.problems[0]?.message).toContain('RSI period as both 14 ("14") and 7 ("7")');

    const averages = readRequest('Use a fast EMA 10, a slow EMA 30 and a fast EMA 12 on SPY');
    expect(signals(averages.prompt)).toEqual([{ kind: 'ema-crossover', params: { fast: 10, slow: 30 } }]);
    expect(averages.problems.map((p) => p.kind)).toEqual(['contradiction']);
  });

  it('leaves indicators it does not know unread, numbers and all', () => {
    const prompt = 'Ichimoku cloud and SuperTrend 10, 3 on BTCUSD with RSI below 30';
    expect(signals(prompt)).toEqual([{ kind: 'rsi', params: { lower: 30 } }]);
    expect(unread(prompt).join(' ')).toMatch(/Ichimoku cloud.*SuperTrend 10, 3/);
    expect(signals('Heikin Ashi candles on SPY')).toEqual([]);
    expect(unread('Heikin Ashi candles on SPY').join(' ')).toContain('Heikin Ashi');
    expect(signals('MACD 12 26 9 and Ichimoku 9/26/52')).toEqual([{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }]);
    expect(unread('MACD 12 26 9 and Ichimoku 9/26/52').join(' ')).toContain('Ichimoku 9/26/52');
  });

  it('reads a prompt in well under 5 ms, and a long hostile one in linear time', () => {
    const prompts = [
      'Pairs trade KO/PEP, enter at 2 sigma, exit at 0.5, 60-day lookback',
      'MACD 12 26 9 cross confirmed by RSI above 50 and Bollinger 20, 2 on AAPL, MSFT, NVDA',
      'Buy the 3 strongest of 10 sector ETFs by 3 months return, skipping the last week',
    ];
    const start = performance.now();
    for (let i = 0; i < 100; i++) for (const p of prompts) readSignals(new Prompt(p), []);
    expect((performance.now() - start) / 300).toBeLessThan(5);
    for (const hostile of ['rsi '.repeat(4900), 'ema 9/21 '.repeat(2200), '1-'.repeat(9900), ' '.repeat(19_990) + 'rsi 2']) {
      const t = performance.now();
      readSignals(new Prompt(hostile), []);
      expect(performance.now() - t).toBeLessThan(2000);
    }
  });
});
