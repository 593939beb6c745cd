// The entry and exit signals of a request, read from prompts of our own: each kind with its numbers by
// name, the spans they came from, conventions, contradictions, and indicators left unread.
import { describe, expect, it } from 'vitest';
import { Prompt } from '../../extension/core/request/promptText';
import { readRequest } from '../../extension/core/request/readRequest';
import { readSignals } from '../../extension/core/request/readSignals';
import { correctWord } from '../../extension/core/request/signalText';
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

  it('reads a channel named after the exit as the exit channel, and a high or low as the entry channel', () => {
    expect(signals('IWM both ways: enter on 40-day highs or lows, exits at the reverse 15-day channel')).toEqual([
      { kind: 'donchian', params: { period: 40, exit: 15 } },
    ]);
  });

  it('reads a breakout of a band named after it as that band, not a Donchian channel', () => {
    expect(signals('bollinger 20 2 on XLF, go long on breakouts above the upper band')).toEqual([
      { kind: 'bollinger', params: { period: 20, std: 2 } },
    ]);
  });

  it('reads a break of an N-day high or low as the channel, and after an exit verb as its exit', () => {
    expect(signals('short META whenever it breaks under its 30-day low')).toEqual([{ kind: 'donchian', params: { period: 30 } }]);
    expect(signals('buy GLD when it breaks above its 40-day high, sell when it breaks below the 15-day low')).toEqual([
      { kind: 'donchian', params: { period: 40, exit: 15 } },
    ]);
  });

  it('reads a MACD histogram as the MACD', () => {
    expect(signals('macd histogram 8 17 9 on ko')).toEqual([{ kind: 'macd', params: { fast: 8, slow: 17, signal: 9 } }]);
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

  it('reads two levels written as a ratio after a z-score as its entry and exit, the entry further out', () => {
    expect(signals('xle z-score 40 1.8/0.2')).toEqual([{ kind: 'zscore', params: { period: 40, entry: 1.8, exit: 0.2 } }]);
    // The exit beyond the entry is no such pair.
    expect(signals('xle z-score 40 0.2/1.8')).toEqual([{ kind: 'zscore', params: { period: 40 } }]);
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

  // Speed is measured by `npm run eval:intent`, not asserted here; this checks hostile input is read at all.
  it('reads long hostile prompts without an error and finds no signal in noise', () => {
    for (const hostile of ['rsi '.repeat(4900), 'ema 9/21 '.repeat(2200), '1-'.repeat(9900), ' '.repeat(19_990) + 'rsi 2']) {
      const found = readSignals(new Prompt(hostile), []);
      expect(Array.isArray(found)).toBe(true);
    }
    expect(readSignals(new Prompt('1-'.repeat(9900)), [])).toEqual([]);
    expect(readSignals(new Prompt(' '.repeat(19_990) + 'rsi 2'), []).map((s) => s.kind)).toEqual(['rsi']);
  });
});

describe('misspelt words of the signal vocabulary', () => {
  it.each([
    ['exponentail moving avreage crossover 10/40 on XLE', [{ kind: 'ema-crossover', params: { fast: 10, slow: 40 } }]],
    ['keltner chanels 25 on HD', [{ kind: 'keltner', params: { period: 25 } }]],
    ['bolinnger bands 30 and 2.5 standrad deviations on NKE', [{ kind: 'bollinger', params: { period: 30, std: 2.5 } }]],
    ['sector momentun on xlk xlf xle, hold the 2 strongets', [{ kind: 'momentum', params: { top: 2 } }]],
    ['coke and pepsi pairs trdae, entyr 1.8, exitt 0.3', [{ kind: 'pairs', params: { entry: 1.8, exit: 0.3 } }]],
    ['buy gapp downs larjer than 2% on IWM', [{ kind: 'gap', params: { threshold: 0.02 } }]],
  ])('%s', (prompt, expected) => {
    expect(signals(prompt)).toEqual(expected);
  });

  it('corrects a word one edit from the vocabulary, and leaves English words, short words and tickers as written', () => {
    expect(correctWord('crosover')).toBe('crossover');
    expect(correctWord('stratgey')).toBe('strategy');
    expect(correctWord('chanel')).toBe('channel');
    expect(correctWord('bolllinger')).toBe('bollinger');
    for (const word of ['moving', 'channels', 'crossing', 'nvda', 'xlk', 'spy', 'amzn'])
      expect({ word, fixed: correctWord(word) }).toEqual({ word, fixed: undefined });
  });

  it('keeps the spans of the prompt as written', () => {
    expect(spans('keltner chanel 18, 1.2 on CAT')).toEqual({ name: 'keltner chanel', period: '18', multiplier: '1.2' });
  });
});

describe('terse numbers and phrasings', () => {
  it.each([
    ['bb 30 2.5 on AMD', 'bollinger', { period: 30, std: 2.5 }],
    ['keltner 15 1.5 on MSFT', 'keltner', { period: 15, multiplier: 1.5 }],
    ['Bollinger bands on NVDA using 25 and 2.5 std', 'bollinger', { period: 25, std: 2.5 }],
    ['MACD on AAPL with 8 17 9', 'macd', { fast: 8, slow: 17, signal: 9 }],
    ['sma 10 40 on IWM', 'sma-crossover', { fast: 10, slow: 40 }],
    ['short TSLA whenever RSI(5) tops 90', 'rsi', { period: 5, upper: 90 }],
    ['buy QQQ when it opens 2% below the previous close, exit at the close', 'gap', { threshold: 0.02 }],
    ['buy SLV when price breaks the highest high of the past 55 days', 'donchian', { period: 55 }],
    ['donchian channel on copper HG using the previous 40 bars', 'donchian', { period: 40 }],
  ])('%s', (prompt, kind, params) => {
    expect(signals(prompt)).toEqual([{ kind, params }]);
  });

  it('reads no width that is too wide to be one, nor a year or a percent as an average', () => {
    expect(signals('bollinger 20 50 sma filter on SPY')[0]).toEqual({ kind: 'bollinger', params: { period: 20 } });
    expect(signals('MACD on AAPL with 26 12 9')).toEqual([{ kind: 'macd', params: {} }]);
  });

  it('reads no period of another measure: "20-day historical volatility" is not the band\'s', () => {
    expect(signals('Bollinger band fade on TLT when 20-day historical volatility is low')).toEqual([{ kind: 'bollinger', params: {} }]);
  });

  it('reads "max" as no moving-average crossover', () => {
    expect(signals('RSI(2) under 10 on IWM, max 8 positions')).toEqual([{ kind: 'rsi', params: { period: 2, lower: 10 } }]);
  });
});

describe('z-score levels', () => {
  it.each([
    ['z-score of 40 days on KO, enter at z 1.8, exit at z 0.2', 'zscore', { period: 40, entry: 1.8, exit: 0.2 }],
    ['z-score over 20 days on XLE: buy below minus 1.5, sell above minus 0.3, no shorts', 'zscore', { period: 20, entry: 1.5, exit: 0.3 }],
    ['z-score of 50 bars on SLV, short above 3, cover when it comes back within 1', 'zscore', { period: 50, entry: 3, exit: 1 }],
    ['pairs on KO PEP, z 60 days, in 2.2 out 0.4', 'pairs', { period: 60, entry: 2.2, exit: 0.4 }],
    ['GOOGL and GOOG with a 1.5 z-score entry, pairs trade', 'pairs', { entry: 1.5 }],
    ['pairs z 90 2.5 0.5 on XOM CVX', 'pairs', { period: 90, entry: 2.5, exit: 0.5 }],
    ['cvx xom pairs 30d z 1.5/0', 'pairs', { period: 30, entry: 1.5, exit: 0 }],
    ['GOOGL and GOOG traded as a pair using the spread z-score over 50 days', 'pairs', { period: 50 }],
  ])('%s', (prompt, kind, params) => {
    expect(signals(prompt)).toEqual([{ kind, params }]);
  });
});

describe('ranking by momentum', () => {
  it.each([
    ['rank XLE XLU XLV by 40 day return and keep the top 1', { period: 40, top: 1 }],
    ['own the 3 with the best 12-month momentum from the dow 30', { top: 3, period: 252 }],
    ['buy the 4 strongest on 20 day performance among sector etfs', { top: 4, period: 20 }],
    ['sector momentum on XLK XLF XLE XLV, hold the top 2.', { top: 2 }],
    ['vti vxus bnd 6-1 mom, top 2', { period: 126, skip: 21, top: 2 }],
    ['hold the top 5 by 6 month return, rebalance on the last trading day of the month', { top: 5, period: 126 }],
  ])('%s', (prompt, params) => {
    expect(signals(prompt)).toEqual([{ kind: 'momentum', params }]);
  });

  it('reads a return as momentum only where the sentence ranks', () => {
    expect(signals('exit SPY on 5 day return below zero')).toEqual([]);
  });
});

describe('holding, calendar days and breakouts', () => {
  it.each([
    ['Keep holding IWM and EFA 50/50, rebalance twice a year', ['buy-and-hold']],
    ['dia buy&hold since 2005', ['buy-and-hold']],
    ['own nothing fancy: hold VT, rebalance never', ['buy-and-hold']],
    ['Buy SPY at the open and hold for 5 days', []],
    ['The wheel on AMD: sell puts, if assigned hold the shares and sell calls', []],
    ['hold TLT only when SPY is below its 200 day sma', []],
    ['momentum on the s&p 500, hold the best 10 stocks', ['momentum']],
  ])('%s', (prompt, kinds) => {
    expect(signals(prompt).map((s) => s.kind)).toEqual(kinds);
  });

  it.each([
    'long IWM for the first 3 trading days of every month',
    'get into SPY two days before every FOMC meeting',
    'hold QQQ through the pre-earnings run-up',
    'the santa claus rally on DIA',
  ])('reads a calendar effect: %s', (prompt) => {
    expect(signals(prompt)).toEqual([{ kind: 'calendar', params: {} }]);
  });

  it('reads no calendar effect from a rebalancing day', () => {
    expect(signals('RSI(2) on SPY, rebalance on the last trading day of the month').map((s) => s.kind)).toEqual(['rsi']);
  });

  it('reads a breakout of a band or of an unknown indicator as no Donchian channel', () => {
    expect(signals('Bollinger squeeze breakout on TSLA').map((s) => s.kind)).toEqual(['bollinger']);
    expect(signals('keltner 25 2 atr breakout on CL')).toEqual([{ kind: 'keltner', params: { period: 25, multiplier: 2 } }]);
    expect(signals('Supertrend breakout on ETH')).toEqual([]);
    expect(signals('breakout of the 30 day high on GLD')).toEqual([{ kind: 'donchian', params: { period: 30 } }]);
  });

  it("reads a channel's own average as its period, and a crossover named as one apart", () => {
    expect(signals('Keltner channel around a 30-period EMA, 2.5 ATR wide, on XOM')).toEqual([
      { kind: 'keltner', params: { period: 30, multiplier: 2.5 } },
    ]);
    expect(signals('keltner on URA with a 40 sma midline and 3 atr bands')).toEqual([
      { kind: 'keltner', params: { period: 40, multiplier: 3 } },
    ]);
    expect(signals('Keltner channel breakout on SPY confirmed by an EMA crossover').map((s) => s.kind)).toEqual([
      'keltner',
      'ema-crossover',
    ]);
  });

  it('reads the words naming the style of a signal read', () => {
    expect(unread('RSI mean reversion on KO with rsi(4) under 20')).toEqual(['on', 'with']);
    // Out of the market when the signal is off: what every signal's rule implies.
    expect(unread('long XLE while its 20 EMA is above its 60 EMA, else stay in cash')).toEqual(['long', 'while its', 'is above its']);
    expect(unread('in DIA when macd is positive and out of the market otherwise')).toEqual(['in', 'when', 'is positive']);
    expect(unread('trend following stratgey on SPY')).toContain('trend following stratgey on');
  });
});
