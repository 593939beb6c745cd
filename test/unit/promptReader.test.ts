import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';
import { readPrompt, suggestProjectName } from '../../extension/core/generation/promptReader';
import type { DateTriple, FamilyId, Resolution, RiskSpec } from '../../extension/core/generation/templates/index';
import { createValidator, type Validator } from '../../extension/core/validation/index';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

interface Case {
  prompt: string;
  family: FamilyId;
  tickers: string[];
  resolution?: Resolution;
  start?: DateTriple;
  end?: DateTriple;
  cash?: number;
  params?: Record<string, number>;
  /** Compared exactly: no overlay the prompt does not state. */
  risk?: RiskSpec;
}

const SECTORS = ['XLB', 'XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLU', 'XLV', 'XLY'];
const FAANG = ['META', 'AAPL', 'AMZN', 'NFLX', 'GOOGL'];
const MAG7 = ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'META', 'TSLA'];

const CASES: Case[] = [
  // RSI
  {
    prompt: 'RSI mean reversion on AAPL and MSFT with a 5% stop',
    family: 'rsi-mean-reversion',
    tickers: ['AAPL', 'MSFT'],
    risk: { stopLossPct: 0.05 },
  },
  {
    prompt: 'Buy SPY when the 14-day RSI drops below 30 and sell when it goes above 70',
    family: 'rsi-mean-reversion',
    tickers: ['SPY'],
    params: { period: 14, oversold: 30, overbought: 70 },
    risk: {},
  },
  {
    prompt: 'RSI(2) strategy on QQQ: buy below 10, sell above 90',
    family: 'rsi-mean-reversion',
    tickers: ['QQQ'],
    params: { period: 2, oversold: 10, overbought: 90 },
  },
  {
    prompt: 'Mean reversion on Tesla using RSI with 25/75 levels, hourly bars',
    family: 'rsi-mean-reversion',
    tickers: ['TSLA'],
    resolution: 'HOUR',
    params: { oversold: 25, overbought: 75 },
  },
  {
    prompt: 'oversold/overbought RSI strategy for NVDA and AMD from 2019 to 2022',
    family: 'rsi-mean-reversion',
    tickers: ['NVDA', 'AMD'],
    start: [2019, 1, 1],
    end: [2022, 12, 31],
  },
  { prompt: 'BUY AAPL WHEN RSI IS BELOW 30', family: 'rsi-mean-reversion', tickers: ['AAPL'], params: { oversold: 30, overbought: 70 } },
  { prompt: 'buy spy and qqq when rsi is oversold', family: 'rsi-mean-reversion', tickers: ['SPY', 'QQQ'] },
  {
    prompt: 'daily RSI strategy on Microsoft with 50k',
    family: 'rsi-mean-reversion',
    tickers: ['MSFT'],
    resolution: 'DAILY',
    cash: 50_000,
  },
  {
    prompt: 'A 7-period RSI on Disney, buy under 20',
    family: 'rsi-mean-reversion',
    tickers: ['DIS'],
    params: { period: 7, oversold: 20, overbought: 80 },
  },
  // Moving-average crossovers
  { prompt: 'SMA crossover on SPY', family: 'sma-crossover', tickers: ['SPY'], resolution: 'DAILY', cash: 100_000, risk: {} },
  { prompt: 'Golden cross strategy on the S&P 500', family: 'sma-crossover', tickers: ['SPY'], params: { fast: 50, slow: 200 } },
  {
    prompt: 'Trade the 50 and 200 day moving averages on Apple and Microsoft',
    family: 'sma-crossover',
    tickers: ['AAPL', 'MSFT'],
    params: { fast: 50, slow: 200 },
  },
  {
    prompt: 'EMA crossover 9/21 on QQQ with minute data',
    family: 'ema-crossover',
    tickers: ['QQQ'],
    resolution: 'MINUTE',
    params: { fast: 9, slow: 21 },
  },
  {
    prompt: 'Fast EMA 10, slow EMA 30 on Amazon, 10% trailing stop',
    family: 'ema-crossover',
    tickers: ['AMZN'],
    params: { fast: 10, slow: 30 },
    risk: { trailingStopPct: 0.1 },
  },
  {
    prompt: 'Buy when price closes above its 200-day SMA on IWM',
    family: 'sma-crossover',
    tickers: ['IWM'],
    params: { fast: 1, slow: 200 },
  },
  {
    prompt: 'Exponential moving average crossover on Google with $50k starting cash',
    family: 'ema-crossover',
    tickers: ['GOOGL'],
    cash: 50_000,
  },
  {
    prompt: 'Moving average crossover on MSFT since January 2019',
    family: 'sma-crossover',
    tickers: ['MSFT'],
    start: [2019, 1, 1],
    end: [2024, 12, 31],
  },
  { prompt: 'BRK.B and JPM SMA crossover with 100,000 dollars', family: 'sma-crossover', tickers: ['BRK.B', 'JPM'], cash: 100_000 },
  {
    prompt: '20/50 SMA cross on Intel between March 2019 and June 2021',
    family: 'sma-crossover',
    tickers: ['INTC'],
    params: { fast: 20, slow: 50 },
    start: [2019, 3, 1],
    end: [2021, 6, 30],
  },
  {
    prompt: '10 and 30 minute SMA crossover on SPY',
    family: 'sma-crossover',
    tickers: ['SPY'],
    resolution: 'MINUTE',
    params: { fast: 10, slow: 30 },
  },
  // Bollinger
  {
    prompt: 'Bollinger band mean reversion on QQQ with 2 standard deviations',
    family: 'bollinger-reversion',
    tickers: ['QQQ'],
    params: { k: 2 },
  },
  {
    prompt: 'Buy SPY below the lower Bollinger band (20, 2.5) and sell at the middle band',
    family: 'bollinger-reversion',
    tickers: ['SPY'],
    params: { period: 20, k: 2.5 },
  },
  {
    prompt: 'BB reversion on XLE and XLF, 30-day bands, 1.5 sigma, $250,000',
    family: 'bollinger-reversion',
    tickers: ['XLE', 'XLF'],
    params: { period: 30, k: 1.5 },
    cash: 250_000,
  },
  {
    prompt: 'bollinger bands 20, 2.5 standard deviations on QQQ from 2020 to 2023, risk 2% per trade with a 4% stop',
    family: 'bollinger-reversion',
    tickers: ['QQQ'],
    params: { k: 2.5 },
    start: [2020, 1, 1],
    end: [2023, 12, 31],
    risk: { stopLossPct: 0.04, positionSize: 0.5 },
  },
  // MACD
  { prompt: 'MACD momentum on NVDA', family: 'macd-momentum', tickers: ['NVDA'] },
  {
    prompt: 'MACD(8,21,5) on Netflix, hourly, max drawdown 20%',
    family: 'macd-momentum',
    tickers: ['NFLX'],
    resolution: 'HOUR',
    params: { fast: 8, slow: 21, signal: 5 },
    risk: { maxDrawdownPct: 0.2 },
  },
  {
    prompt: 'Trade the MACD signal line crossover on Coca-Cola and Pepsi, put 25% of the portfolio in each position',
    family: 'macd-momentum',
    tickers: ['KO', 'PEP'],
    risk: { positionSize: 0.25 },
  },
  { prompt: '$tsla macd strategy, intraday', family: 'macd-momentum', tickers: ['TSLA'], resolution: 'MINUTE' },
  // Donchian / ATR breakout
  { prompt: 'Donchian channel breakout on GLD', family: 'donchian-breakout', tickers: ['GLD'] },
  {
    prompt: 'Turtle trading: 55-day breakout, exit on a 20-day low, 2 ATR stop, on SPY and TLT',
    family: 'donchian-breakout',
    tickers: ['SPY', 'TLT'],
    params: { entryPeriod: 55, exitPeriod: 20, atrMultiple: 2 },
  },
  {
    prompt: 'Breakout above the 20-day high with a 3x ATR trailing stop on Nvidia',
    family: 'donchian-breakout',
    tickers: ['NVDA'],
    params: { entryPeriod: 20, atrMultiple: 3 },
    risk: {},
  },
  {
    prompt: 'ATR(20) channel breakout on silver, minute resolution',
    family: 'donchian-breakout',
    tickers: ['SLV'],
    resolution: 'MINUTE',
    params: { atrPeriod: 20 },
  },
  // Pairs
  { prompt: 'Pairs trading on KO and PEP', family: 'pairs-trading', tickers: ['KO', 'PEP'] },
  {
    prompt: 'Pairs trade Exxon vs Chevron with a z-score of 2, exit at 0.5',
    family: 'pairs-trading',
    tickers: ['XOM', 'CVX'],
    params: { entryZ: 2, exitZ: 0.5 },
  },
  {
    prompt: 'Statistical arbitrage between GLD and SLV: enter at 2.5 standard deviations, exit at the mean, 120-day lookback',
    family: 'pairs-trading',
    tickers: ['GLD', 'SLV'],
    params: { entryZ: 2.5, exitZ: 0, lookback: 120 },
  },
  { prompt: 'Cointegration pairs strategy on $V', family: 'pairs-trading', tickers: ['V', 'MA'] },
  {
    prompt: 'pairs trading KO PEP 2018-01-01 to 2020-12-31',
    family: 'pairs-trading',
    tickers: ['KO', 'PEP'],
    start: [2018, 1, 1],
    end: [2020, 12, 31],
  },
  { prompt: 'Pairs trading on AAPL, MSFT and GOOGL', family: 'pairs-trading', tickers: ['AAPL', 'MSFT'] },
  // Momentum rotation
  {
    prompt: 'Momentum rotation across SPY, QQQ, IWM, EFA, EEM, TLT and GLD, hold the top 2, rebalance monthly',
    family: 'momentum-rotation',
    tickers: ['SPY', 'QQQ', 'IWM', 'EFA', 'EEM', 'TLT', 'GLD'],
    params: { topK: 2, rebalance: 0 },
  },
  {
    prompt: 'Rotate weekly into the 3 strongest sector ETFs by 3-month momentum',
    family: 'momentum-rotation',
    tickers: SECTORS,
    params: { topK: 3, lookback: 63, rebalance: 1 },
  },
  {
    prompt: 'Dual momentum between SPY and TLT with a 12-month lookback',
    family: 'momentum-rotation',
    tickers: ['SPY', 'TLT'],
    params: { lookback: 252, absoluteMomentum: 1, topK: 1 },
  },
  {
    prompt: 'Rank the FAANG stocks by rate of change and hold the best one, rebalance every week',
    family: 'momentum-rotation',
    tickers: FAANG,
    params: { topK: 1, rebalance: 1 },
  },
  { prompt: 'Relative momentum rotation on the Magnificent 7 since 2021', family: 'momentum-rotation', tickers: MAG7, start: [2021, 1, 1] },
  {
    prompt: 'Hold the top 5 by momentum of SPY, TLT and GLD, rebalanced monthly',
    family: 'momentum-rotation',
    tickers: ['SPY', 'TLT', 'GLD'],
    params: { topK: 2 },
  },
  // Alpha factor
  {
    prompt: 'WorldQuant alpha: rank of (close - vwap) across AAPL, MSFT, AMZN, GOOGL, META and NVDA, long the top 2 and short the bottom 2',
    family: 'alpha-factor',
    tickers: ['AAPL', 'MSFT', 'AMZN', 'GOOGL', 'META', 'NVDA'],
    params: { factor: 1, direction: 1, positions: 2 },
  },
  {
    prompt: 'Long/short alpha factor on the FAANG stocks using -delta(close, 5)',
    family: 'alpha-factor',
    tickers: FAANG,
    params: { factor: 0, direction: 0, lookback: 5 },
  },
  {
    prompt: 'Cross-sectional mean reversion z-score factor on JPM, BAC, GS, WFC and MS',
    family: 'alpha-factor',
    tickers: ['JPM', 'BAC', 'GS', 'WFC', 'MS'],
    params: { factor: 2, direction: 0 },
  },
  {
    prompt: 'Market neutral long-short strategy on AAPL MSFT AMZN GOOGL META NVDA JPM XOM JNJ PG, rebalance weekly, top decile',
    family: 'alpha-factor',
    tickers: ['AAPL', 'MSFT', 'AMZN', 'GOOGL', 'META', 'NVDA', 'JPM', 'XOM', 'JNJ', 'PG'],
    params: { positions: 1, rebalance: 1 },
  },
  // Dates, cash and risk phrasing
  { prompt: 'SMA crossover on SPY in 2022', family: 'sma-crossover', tickers: ['SPY'], start: [2022, 1, 1], end: [2022, 12, 31] },
  {
    prompt: 'EMA crossover on QQQ over the last 3 years',
    family: 'ema-crossover',
    tickers: ['QQQ'],
    start: [2022, 1, 1],
    end: [2024, 12, 31],
  },
  {
    prompt: 'RSI on AAPL from Jan 5, 2021 to Dec 15, 2022 with $1M',
    family: 'rsi-mean-reversion',
    tickers: ['AAPL'],
    start: [2021, 1, 5],
    end: [2022, 12, 15],
    cash: 1_000_000,
  },
  {
    prompt: 'MACD on SPY until 2021 with $2.5 million',
    family: 'macd-momentum',
    tickers: ['SPY'],
    start: [2020, 1, 1],
    end: [2021, 12, 31],
    cash: 2_500_000,
  },
  { prompt: 'SMA crossover on AAPL with a stop loss of 3%', family: 'sma-crossover', tickers: ['AAPL'], risk: { stopLossPct: 0.03 } },
  {
    prompt: 'RSI on MSFT with a 10% trailing stop and a 15% max drawdown',
    family: 'rsi-mean-reversion',
    tickers: ['MSFT'],
    risk: { trailingStopPct: 0.1, maxDrawdownPct: 0.15 },
  },
  {
    prompt: 'Bollinger reversion on SPY; stop trading if the drawdown exceeds 12%',
    family: 'bollinger-reversion',
    tickers: ['SPY'],
    risk: { maxDrawdownPct: 0.12 },
  },
  {
    prompt: 'SMA crossover on SPY, QQQ and IWM, allocate 20% to each position',
    family: 'sma-crossover',
    tickers: ['SPY', 'QQQ', 'IWM'],
    risk: { positionSize: 0.2 },
  },
  {
    prompt: 'EMA crossover on Nvidia, 1M capital, 5% stop-loss and 8% trailing stop',
    family: 'ema-crossover',
    tickers: ['NVDA'],
    cash: 1_000_000,
    risk: { stopLossPct: 0.05, trailingStopPct: 0.08 },
  },
  { prompt: 'trade AAPL from 2020 to 2021', family: 'sma-crossover', tickers: ['AAPL'], start: [2020, 1, 1], end: [2021, 12, 31] },
  { prompt: 'a strategy for AAPL, MSFT, NVDA and AMZN', family: 'momentum-rotation', tickers: ['AAPL', 'MSFT', 'NVDA', 'AMZN'] },
  { prompt: 'Use the SMA with the ATR and RSI in USD on an ETF, AND make it good', family: 'sma-crossover', tickers: ['SPY'] },
  {
    prompt: 'Pairs trading on XOM and CVX, exit when the z-score returns to zero, 4% stop',
    family: 'pairs-trading',
    tickers: ['XOM', 'CVX'],
    params: { exitZ: 0 },
    risk: { stopLossPct: 0.04 },
  },
  {
    prompt: 'Rank 6 tech stocks by 20-day momentum and go long the strongest two, short the weakest two, weekly',
    family: 'alpha-factor',
    tickers: ['AAPL', 'MSFT', 'NVDA', 'GOOGL', 'META', 'AMZN'],
    params: { factor: 0, direction: 1, lookback: 20, positions: 2, rebalance: 1 },
  },
  { prompt: 'Channel breakout on Caterpillar and Deere', family: 'donchian-breakout', tickers: ['CAT', 'DE'] },
  {
    prompt: 'A conservative SPY strategy: 100-day SMA trend filter with a 7% trailing stop and $250,000 capital',
    family: 'sma-crossover',
    tickers: ['SPY'],
    params: { fast: 1, slow: 100 },
    cash: 250_000,
    risk: { trailingStopPct: 0.07 },
  },
];

describe('readPrompt', () => {
  it('has a table of at least 50 distinct phrasings', () => {
    expect(new Set(CASES.map((c) => c.prompt)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES.map((c) => [c.prompt, c] as const))('reads %s', (_prompt, c) => {
    const { spec, notes } = readPrompt(c.prompt);
    const context = `${c.prompt}\n${JSON.stringify(spec)}\n${notes.join('\n')}`;
    expect(spec.family, context).toBe(c.family);
    expect(spec.tickers, context).toEqual(c.tickers);
    if (c.resolution) expect(spec.resolution, context).toBe(c.resolution);
    if (c.start) expect(spec.startDate, context).toEqual(c.start);
    if (c.end) expect(spec.endDate, context).toEqual(c.end);
    if (c.cash !== undefined) expect(spec.cash, context).toBe(c.cash);
    if (c.params) expect(spec.params, context).toMatchObject(c.params);
    if (c.risk) expect(spec.risk, context).toEqual(c.risk);
  });

  it('says what it assumed', () => {
    const { notes } = readPrompt('RSI mean reversion on AAPL and MSFT with a 5% stop');
    expect(notes.join('\n')).toMatch(/No backtest period stated; used 2020-01-01 to 2024-12-31/);
    expect(notes.join('\n')).toMatch(/No starting cash stated; assumed \$100,000/);
    expect(notes.join('\n')).toMatch(/RSI mean reversion defaults were used: period 14, oversold 30, overbought 70/);

    expect(readPrompt('trade AAPL').notes.join('\n')).toMatch(/No strategy type recognised/);
    expect(readPrompt('RSI mean reversion').notes.join('\n')).toMatch(/No tickers named; used SPY/);
    expect(readPrompt('Pairs trading on KO').notes.join('\n')).toMatch(/needs at least 2 tickers; added PEP/);
    expect(readPrompt('Pairs trading on AAPL, MSFT and GOOGL').notes.join('\n')).toMatch(/left out GOOGL/);
    expect(readPrompt('Bollinger on SPY, risk 2% per trade with a 4% stop').notes.join('\n')).toMatch(/positions of 50% of the portfolio/);
  });

  it('rejects upper-case words that are not tickers', () => {
    const { spec } = readPrompt('Combine RSI, SMA, EMA, MACD and ATR on I and A shares in USD of an ETF AND hold');
    for (const word of ['RSI', 'SMA', 'EMA', 'MACD', 'ATR', 'I', 'A', 'USD', 'ETF', 'AND']) expect(spec.tickers).not.toContain(word);
  });

  it('is deterministic', () => {
    for (const c of CASES.slice(0, 10)) expect(readPrompt(c.prompt)).toEqual(readPrompt(c.prompt));
  });
});

describe('suggestProjectName', () => {
  it('names the family and tickers in PascalCase', () => {
    expect(suggestProjectName('RSI mean reversion on AAPL and MSFT with a 5% stop')).toBe('RsiMeanReversionAaplMsft');
    expect(suggestProjectName('Pairs trading Berkshire and JPM')).toBe('PairsTradingBrkBJpm');
  });

  it('stays a valid folder and class name of at most 40 characters', () => {
    for (const c of CASES) {
      const name = suggestProjectName(c.prompt);
      expect(name, c.prompt).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(name.length, c.prompt).toBeLessThanOrEqual(40);
    }
  });
});

describe('generateOffline', () => {
  const prompts = [
    'RSI mean reversion on AAPL and MSFT with a 5% stop',
    'Golden cross on SPY since January 2019 with $50k',
    '50 and 200 day moving averages on Tesla, hourly, 10% trailing stop, max drawdown 15%',
    'Pairs trading KO and PEP, z-score of 2, exit at 0.5, 60-day lookback, from 2018-01-01 to 2020-12-31',
    'Rotate among SPY, QQQ, IWM, EFA, EEM, TLT and GLD: hold the top 2 by 6-month momentum, rebalance weekly',
    'WorldQuant alpha: rank of (close - vwap) across the FAANG stocks, long top 2, short bottom 2, 3% stop',
    'buy nvidia when RSI(2) drops below 10, sell above 90, minute bars, 1M cash',
    'Bollinger bands 20, 2.5 standard deviations on QQQ from 2020 to 2023, risk 2% per trade with a 4% stop',
    'MACD(12,26,9) momentum on Microsoft and Google, 25% of portfolio per position',
    '55-day breakout with a 20-day low exit and 2x ATR stop on GLD, 10% trailing stop',
    'something clever with my money',
  ];

  it.each(prompts.map((p) => [p]))('writes clean LEAN code for %s', (prompt) => {
    const { code, className, notes } = generateOffline(prompt);
    const diagnostics = validator.validate(code, { fileName: 'main.py' });
    expect(diagnostics, `${prompt}\n${JSON.stringify(diagnostics, null, 2)}\n${code}`).toEqual([]);
    expect(code).toContain(`class ${className}(QCAlgorithm):`);
    expect(Array.isArray(notes)).toBe(true);
  });

  it('uses the class name it is given, made PascalCase', () => {
    const { code, className } = generateOffline('RSI mean reversion on AAPL', { className: 'rsi aapl test' });
    expect(className).toBe('RsiAaplTest');
    expect(code).toContain('class RsiAaplTest(QCAlgorithm):');
    expect(generateOffline('RSI mean reversion on AAPL').code).toBe(generateOffline('RSI mean reversion on AAPL').code);
  });
});
