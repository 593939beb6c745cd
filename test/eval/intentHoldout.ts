// A held-out set for the intent benchmark: 60 prompts written blind (without running the readers on them,
// and apart from intentSet.ts, the unit tests, the templates, the generation prompts and the training
// data), each with the request a careful human reader extracts from it. The readers were tuned against
// intentSet.ts, so it no longer measures how they read prompts they have never seen; this set does, as
// long as nobody tunes against it. The semantics of `expect` are those of the header of intentSet.ts.
// Every pair, CFD, future root and index here is checked against extension/core/request/symbolIndex.json.
import type { ExpectedInstrument, IntentCase } from './intentSet';

const equity = (symbol: string): ExpectedInstrument => ({ symbol, type: 'equity', market: 'usa' });
const etf = (symbol: string): ExpectedInstrument => ({ symbol, type: 'etf', market: 'usa' });
const crypto = (symbol: string, market: string): ExpectedInstrument => ({ symbol, type: 'crypto', market });
const perpetual = (symbol: string, market: string): ExpectedInstrument => ({ symbol, type: 'cryptofuture', market });
const forex = (symbol: string, market: string): ExpectedInstrument => ({ symbol, type: 'forex', market });
const future = (symbol: string, market: string): ExpectedInstrument => ({ symbol, type: 'future', market });
const index = (symbol: string, market: string): ExpectedInstrument => ({ symbol, type: 'index', market });
const cfd = (symbol: string, market: string): ExpectedInstrument => ({ symbol, type: 'cfd', market });
const option = (underlying: string, contract: NonNullable<ExpectedInstrument['option']>): ExpectedInstrument => ({
  symbol: underlying,
  type: 'option',
  market: 'usa',
  option: contract,
});

export const INTENT_HOLDOUT: IntentCase[] = [
  // ---------------------------------------------------------------- equities and ETFs
  {
    id: 'h-01',
    prompt:
      'Trade Oracle (ORCL) with a 15/45 simple moving average crossover on daily bars, long only, with a 6% stop loss. Backtest from 2014 to 2021.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('ORCL')],
      bar: { size: 1, unit: 'day' },
      direction: 'long',
      signals: [{ kind: 'sma-crossover', params: { fast: 15, slow: 45 } }],
      risk: { stopLoss: { amount: 0.06, unit: 'fraction' } },
      period: { start: '2014-01-01', end: '2021-12-31' },
    },
  },
  {
    id: 'h-02',
    prompt: 'soxx ema 13/34 2h',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('SOXX')],
      bar: { size: 2, unit: 'hour' },
      signals: [{ kind: 'ema-crossover', params: { fast: 13, slow: 34 } }],
    },
  },
  {
    id: 'h-03',
    prompt: 'rsi(4) on xhb: buy when it dips below 18, sell once it gets back above 68, put 25% of the account in each trade, hourly bars',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('XHB')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 4, lower: 18, upper: 68 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.25 },
    },
  },
  {
    id: 'h-04',
    prompt:
      "Long-time UnitedHealth (UNH) shareholder here, and I've noticed it keeps overshooting after big news days and then snapping back. I'd like to fade those moves with Bollinger Bands set to 25 periods and 2.2 standard deviations on 30-minute bars: buy when it closes under the lower band, short it when it closes over the upper band, so both long and short. Please risk half a percent of equity on each trade with the position sized off 1.5 times ATR. Test window 2016 through 2019, starting with $80k.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [equity('UNH')],
      bar: { size: 30, unit: 'minute' },
      direction: 'both',
      signals: [{ kind: 'bollinger', params: { period: 25, std: 2.2 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.005, from: 'atr', atrMultiple: 1.5 },
      period: { start: '2016-01-01', end: '2019-12-31' },
      cash: 80000,
    },
  },
  {
    id: 'h-05',
    prompt: 'macd 10/30/7 on ADBE stok, weekley bars, trailng stopp of 9 percent',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('ADBE')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'macd', params: { fast: 10, slow: 30, signal: 7 } }],
      risk: { trailingStop: { amount: 0.09, unit: 'fraction' } },
    },
  },
  {
    id: 'h-06',
    prompt: 'At the start of each quarter, buy the 40 US stocks with the lowest P/E ratio that trade above $15, with equal weights.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'quarter', at: 'start' },
      universe: { kind: 'fundamental', count: 40, by: 'pe-ratio', minPrice: 15 },
    },
  },
  {
    id: 'h-07',
    prompt: 'lqd zscore 35 in 1.8 out 0.2 long only',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('LQD')],
      direction: 'long',
      signals: [{ kind: 'zscore', params: { period: 35, entry: 1.8, exit: 0.2 } }],
    },
  },
  {
    id: 'h-08',
    prompt: 'every month, hold the 8 strongest s&p 500 stocks by 9-month return, skipping the most recent month, equal weight',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [],
      signals: [{ kind: 'momentum', params: { period: 189, skip: 21, top: 8 } }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'month' },
      universe: { kind: 'etf-constituents', etf: 'SPY' },
    },
  },
  {
    id: 'h-09',
    prompt:
      "My wife and I finally opened a retirement account and we don't want to trade. Just hold 50% VOO, 20% VXUS, 20% BNDX and 10% VNQ, and rebalance once a year so it doesn't drift too far. We'd like to see how that would have done starting in 2013 with $120,000. One safety valve though: if the whole thing ever falls 30% from its peak, sell everything and stop.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('VOO'), etf('VXUS'), etf('BNDX'), etf('VNQ')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { VOO: 0.5, VXUS: 0.2, BNDX: 0.2, VNQ: 0.1 } },
      risk: { maxDrawdown: 0.3 },
      schedule: { every: 'year' },
      period: { start: '2013-01-01' },
      cash: 120000,
    },
  },
  {
    id: 'h-10',
    prompt: 'fade gapp ups biger than 1.2% on EWJ, exitt by 10:45, 1 minit bars',
    assetClass: 'etf',
    style: 'typos',
    expect: {
      instruments: [etf('EWJ')],
      bar: { size: 1, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.012 } }],
      risk: { flatBy: '10:45' },
    },
  },
  {
    id: 'h-11',
    prompt:
      'On PLTR, buy when price trades 0.4% under VWAP and sell back at VWAP, using 3-minute bars; take entries only between 10:15 and 14:30 and be flat by 15:50.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('PLTR')],
      bar: { size: 3, unit: 'minute' },
      signals: [{ kind: 'vwap', params: { threshold: 0.004 } }],
      risk: { flatBy: '15:50' },
      filters: [{ kind: 'time-of-day', after: '10:15', before: '14:30' }],
    },
  },
  {
    id: 'h-12',
    prompt: 'qcom donchian 30/12 daily 3% sl',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('QCOM')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'donchian', params: { period: 30, exit: 12 } }],
      risk: { stopLoss: { amount: 0.03, unit: 'fraction' } },
    },
  },
  {
    id: 'h-13',
    prompt:
      'keltner channel on ibb with a 30 period ema and 1.75 atr bands, buy breakouts above the upper band, only when the vix is under 22, 4 hour bars',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('IBB')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'keltner', params: { period: 30, multiplier: 1.75 } }],
      filters: [{ kind: 'vix', below: 22 }],
    },
  },
  {
    id: 'h-14',
    prompt:
      "I've been reading about short-term reversal factors and want to test one on tech names. Take the holdings of the VGT ETF and, every Tuesday, score each stock with alpha = rank(delay(close, 5) / close). Buy the highest-scoring names with equal weights, long only, nothing shorted. Could you run it from 2017 through 2020?",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      direction: 'long',
      signals: [{ kind: 'alpha-formula' }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'week', weekday: 'tuesday' },
      universe: { kind: 'etf-constituents', etf: 'VGT' },
      period: { start: '2017-01-01', end: '2020-12-31' },
    },
  },
  {
    id: 'h-15',
    prompt: 'pairs trdae on mcd and yum, lookbak 80 days, entery at 2.1, exitt at 0.4',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('MCD'), equity('YUM')],
      signals: [{ kind: 'pairs', params: { period: 80, entry: 2.1, exit: 0.4 } }],
    },
  },
  {
    id: 'h-16',
    prompt:
      'Day-of-week effect on VTV: own it only from the Tuesday open to the Thursday close, 2005 through 2022, $60,000 starting capital.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('VTV')],
      signals: [{ kind: 'calendar' }],
      period: { start: '2005-01-01', end: '2022-12-31' },
      cash: 60000,
    },
  },
  {
    id: 'h-17',
    prompt: 'hold schd 2012-2024 $50k',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('SCHD')],
      signals: [{ kind: 'buy-and-hold' }],
      period: { start: '2012-01-01', end: '2024-12-31' },
      cash: 50000,
    },
  },
  {
    id: 'h-18',
    prompt: 'ema 20/60 crossover on crm, only trade while mdy is above its 150-day sma, 15 minute bars',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [equity('CRM')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'ema-crossover', params: { fast: 20, slow: 60 } }],
      filters: [{ kind: 'trend', period: 150, average: 'sma', side: 'above', symbol: 'MDY' }],
    },
  },
  {
    id: 'h-19',
    prompt:
      'Run a MACD (8, 21, 5) signal-line strategy on NKE and SBUX, each sized to a 12% annualized volatility target, from July 2016 to March 2022.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('NKE'), equity('SBUX')],
      signals: [{ kind: 'macd', params: { fast: 8, slow: 21, signal: 5 } }],
      sizing: { kind: 'volatility-target', target: 0.12 },
      period: { start: '2016-07-01', end: '2022-03-31' },
    },
  },
  {
    id: 'h-20',
    prompt:
      "I want a simple global rotation that I can explain to my investment club. The candidates are VEA, VWO, TLH and DBA. On the last trading day of each month, rank them by their 5-month return, but skip the most recent week so we're not chasing the last few days, and hold the top 2. We'd start in 2009 with $40k.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('VEA'), etf('VWO'), etf('TLH'), etf('DBA')],
      signals: [{ kind: 'momentum', params: { period: 105, skip: 5, top: 2 } }],
      schedule: { every: 'month', at: 'end' },
      period: { start: '2009-01-01' },
      cash: 40000,
    },
  },
  {
    id: 'h-21',
    prompt: "buy UBER on gapp downs when it opens 2.5% belw yesterday's close, take profitt 3%, stop los 1.5%, 5 min bars",
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('UBER')],
      bar: { size: 5, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.025 } }],
      risk: { stopLoss: { amount: 0.015, unit: 'fraction' }, takeProfit: { amount: 0.03, unit: 'fraction' } },
    },
  },
  {
    id: 'h-22',
    prompt: 'MU rsi9 >82 short, 1h, shorts only',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('MU')],
      bar: { size: 1, unit: 'hour' },
      direction: 'short',
      signals: [{ kind: 'rsi', params: { period: 9, upper: 82 } }],
    },
  },
  {
    id: 'h-23',
    prompt:
      'take the 150 us stocks with the biggest dollar volume, ignoring anything under $20, and buy any that close under the lower bollinger band (15, 2.5); sell after 4 days',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [],
      signals: [{ kind: 'bollinger', params: { period: 15, std: 2.5 } }],
      risk: { timeExit: { count: 4, unit: 'day' } },
      universe: { kind: 'fundamental', count: 150, by: 'dollar-volume', minPrice: 20 },
    },
  },
  {
    id: 'h-24',
    prompt:
      'Donchian breakout on XOP in both directions: enter on a 25-bar high or low, exit on the opposite 10-bar channel, trade only when 30-day realized volatility is in the high regime, and use a 2 ATR trailing stop.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('XOP')],
      direction: 'both',
      signals: [{ kind: 'donchian', params: { period: 25, exit: 10 } }],
      risk: { trailingStop: { amount: 2, unit: 'atr' } },
      filters: [{ kind: 'volatility', regime: 'high', period: 30 }],
    },
  },
  {
    id: 'h-25',
    prompt:
      "Here's an idea for defense stocks. Start from the holdings of the ITA ETF and keep the 15 with the highest trading volume. On daily bars, buy any of them when RSI(5) drops below 20 and sell when it climbs above 55. Each position should be 4% of the portfolio, and I'd like a hard stop 5% below entry in case something breaks down.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'rsi', params: { period: 5, lower: 20, upper: 55 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.04 },
      risk: { stopLoss: { amount: 0.05, unit: 'fraction' } },
      universe: { kind: 'etf-constituents', etf: 'ITA', count: 15, by: 'volume' },
    },
  },

  // ---------------------------------------------------------------- crypto
  {
    id: 'h-26',
    prompt: 'ada kraken rsi 10 25/75 2h',
    assetClass: 'crypto',
    style: 'terse',
    expect: {
      instruments: [crypto('ADAUSD', 'kraken')],
      bar: { size: 2, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 10, lower: 25, upper: 75 } }],
    },
  },
  {
    id: 'h-27',
    prompt: 'Trade DOT/USDT on Bybit with a 9/30 EMA crossover on 6-hour bars, long only, with a 4% stop loss and a 10% take profit.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('DOTUSDT', 'bybit')],
      bar: { size: 6, unit: 'hour' },
      direction: 'long',
      signals: [{ kind: 'ema-crossover', params: { fast: 9, slow: 30 } }],
      risk: { stopLoss: { amount: 0.04, unit: 'fraction' }, takeProfit: { amount: 0.1, unit: 'fraction' } },
    },
  },
  {
    id: 'h-28',
    prompt: 'avaxusdt perpetual on bybit, macd 12 26 9 on 1h candles, long and short, 3 atr trailing stop',
    assetClass: 'crypto',
    style: 'lowercase',
    expect: {
      instruments: [perpetual('AVAXUSDT', 'bybit')],
      bar: { size: 1, unit: 'hour' },
      direction: 'both',
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      risk: { trailingStop: { amount: 3, unit: 'atr' } },
    },
  },
  {
    id: 'h-29',
    prompt:
      "I'm based in the US so I can only use Binance.US. I'd like to try a plain channel breakout on Litecoin there: buy when it closes above its 20-day high and sell when it falls below the 10-day low. Daily candles. Put 30% of the account into each trade. Let's look at 2021 to 2023 and start with $5,000 because it's a small experiment.",
    assetClass: 'crypto',
    style: 'rambling',
    expect: {
      instruments: [crypto('LTCUSD', 'binanceus')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'donchian', params: { period: 20, exit: 10 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.3 },
      period: { start: '2021-01-01', end: '2023-12-31' },
      cash: 5000,
    },
  },
  {
    id: 'h-30',
    prompt: 'bolinger revrsion on link on coinbase, 30 peroid 2 std, 1 hour candels, stop los 5%',
    assetClass: 'crypto',
    style: 'typos',
    expect: {
      instruments: [crypto('LINKUSD', 'coinbase')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'bollinger', params: { period: 30, std: 2 } }],
      risk: { stopLoss: { amount: 0.05, unit: 'fraction' } },
    },
  },
  {
    id: 'h-31',
    prompt: 'short XLM/USD on bitfinex when its 1.5% abov vwap, cover at vwap, 15 minut bars, shorts only, exit any trade aftr 6 hours',
    assetClass: 'crypto',
    style: 'typos',
    expect: {
      instruments: [crypto('XLMUSD', 'bitfinex')],
      bar: { size: 15, unit: 'minute' },
      direction: 'short',
      signals: [{ kind: 'vwap', params: { threshold: 0.015 } }],
      risk: { timeExit: { count: 6, unit: 'hour' } },
    },
  },
  {
    id: 'h-32',
    prompt: 'btcusd perp dydx zscore 72 2.5/0.5 1h',
    assetClass: 'crypto',
    style: 'terse',
    expect: {
      instruments: [perpetual('BTCUSD', 'dydx')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'zscore', params: { period: 72, entry: 2.5, exit: 0.5 } }],
    },
  },
  {
    id: 'h-33',
    prompt: 'buy and hold eth and btc on kraken 70/30, rebalanced every friday, 2020 to 2024',
    assetClass: 'crypto',
    style: 'lowercase',
    expect: {
      instruments: [crypto('ETHUSD', 'kraken'), crypto('BTCUSD', 'kraken')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { ETHUSD: 0.7, BTCUSD: 0.3 } },
      schedule: { every: 'week', weekday: 'friday' },
      period: { start: '2020-01-01', end: '2024-12-31' },
    },
  },

  // ---------------------------------------------------------------- forex
  {
    id: 'h-34',
    prompt: 'EUR/NZD on FXCM: RSI(21) with 35/65 levels on 4-hour bars, a 60-pip stop and a 120-pip take profit.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [forex('EURNZD', 'fxcm')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 21, lower: 35, upper: 65 } }],
      risk: { stopLoss: { amount: 60, unit: 'pips' }, takeProfit: { amount: 120, unit: 'pips' } },
    },
  },
  {
    id: 'h-35',
    prompt: 'cadjpy sma 8/40 daily long/short',
    assetClass: 'forex',
    style: 'terse',
    expect: {
      instruments: [forex('CADJPY', 'oanda')],
      bar: { size: 1, unit: 'day' },
      direction: 'both',
      signals: [{ kind: 'sma-crossover', params: { fast: 8, slow: 40 } }],
    },
  },
  {
    id: 'h-36',
    prompt: 'gbpchf bollinger 40 2.5 fade, 2 hour bars, risk 0.75% per trade off a 30 pip stop',
    assetClass: 'forex',
    style: 'lowercase',
    expect: {
      instruments: [forex('GBPCHF', 'oanda')],
      bar: { size: 2, unit: 'hour' },
      signals: [{ kind: 'bollinger', params: { period: 40, std: 2.5 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.0075, from: 'stop' },
      risk: { stopLoss: { amount: 30, unit: 'pips' } },
    },
  },
  {
    id: 'h-37',
    prompt:
      "My broker is FXCM, so please use their data. I've always thought the Aussie and the Kiwi dollar drift apart and come back together, so I want a mean-reversion system on AUD/NZD itself: on daily bars take the z-score of price against its 50-day mean, sell when it's above 1.8, buy when it's below -1.8, and close when it gets back within 0.3. Only use 10% of equity per trade. Please test 2012 to 2019 with a $20,000 account.",
    assetClass: 'forex',
    style: 'rambling',
    expect: {
      instruments: [forex('AUDNZD', 'fxcm')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'zscore', params: { period: 50, entry: 1.8, exit: 0.3 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.1 },
      period: { start: '2012-01-01', end: '2019-12-31' },
      cash: 20000,
    },
  },
  {
    id: 'h-38',
    prompt: 'donchain breakot on usd/sek, 55 day high entry, exitt on the 20 day low, dayli bars, trailing stopp 80 pips',
    assetClass: 'forex',
    style: 'typos',
    expect: {
      instruments: [forex('USDSEK', 'oanda')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'donchian', params: { period: 55, exit: 20 } }],
      risk: { trailingStop: { amount: 80, unit: 'pips' } },
    },
  },
  {
    id: 'h-39',
    prompt: 'Every Friday, rank NZDJPY, CHFJPY, GBPJPY and EURJPY by 6-week return and hold the strongest one.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [forex('NZDJPY', 'oanda'), forex('CHFJPY', 'oanda'), forex('GBPJPY', 'oanda'), forex('EURJPY', 'oanda')],
      signals: [{ kind: 'momentum', params: { period: 30, top: 1 } }],
      schedule: { every: 'week', weekday: 'friday' },
    },
  },

  // ---------------------------------------------------------------- futures
  {
    id: 'h-40',
    prompt: 'Russell 2000 E-mini futures (RTY): buy when RSI(20) falls under 30 and exit above 60 on 10-minute bars, flat by 15:10.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('RTY', 'cme')],
      bar: { size: 10, unit: 'minute' },
      signals: [{ kind: 'rsi', params: { period: 20, lower: 30, upper: 60 } }],
      risk: { flatBy: '15:10' },
    },
  },
  {
    id: 'h-41',
    prompt: 'hg copper futures ema 10/30 daily 2 atr sl',
    assetClass: 'future',
    style: 'terse',
    expect: {
      instruments: [future('HG', 'comex')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'ema-crossover', params: { fast: 10, slow: 30 } }],
      risk: { stopLoss: { amount: 2, unit: 'atr' } },
    },
  },
  {
    id: 'h-42',
    prompt: 'wheat futures zw, 40 day donchian breakout, exit on the 15 day low, long only, 2000 to 2015',
    assetClass: 'future',
    style: 'lowercase',
    expect: {
      instruments: [future('ZW', 'cbot')],
      direction: 'long',
      signals: [{ kind: 'donchian', params: { period: 40, exit: 15 } }],
      period: { start: '2000-01-01', end: '2015-12-31' },
    },
  },
  {
    id: 'h-43',
    prompt:
      "I'd like to speculate on the Japanese yen through the CME futures (6J), continuous front contract rolled on open interest. My thinking is that the yen trends in long waves, so a Keltner channel breakout should work: a 30-bar EMA midline with bands 2.5 ATRs wide on daily bars, long above the upper band and short below the lower band, both directions. Risk 1% of equity per trade with position size from 2 times ATR. Backtest 2010 through 2020 with $250,000.",
    assetClass: 'future',
    style: 'rambling',
    expect: {
      instruments: [future('6J', 'cme')],
      bar: { size: 1, unit: 'day' },
      direction: 'both',
      signals: [{ kind: 'keltner', params: { period: 30, multiplier: 2.5 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 2 },
      period: { start: '2010-01-01', end: '2020-12-31' },
      cash: 250000,
    },
  },
  {
    id: 'h-44',
    prompt:
      'micro nasdaq futres MNQ, vwap revertion when price is 0.25% from vwap, 1 minut bars, flatt by 15:45, only tarde between 9:45 and 11:30',
    assetClass: 'future',
    style: 'typos',
    expect: {
      instruments: [future('MNQ', 'cme')],
      bar: { size: 1, unit: 'minute' },
      signals: [{ kind: 'vwap', params: { threshold: 0.0025 } }],
      risk: { flatBy: '15:45' },
      filters: [{ kind: 'time-of-day', after: '09:45', before: '11:30' }],
    },
  },
  {
    id: 'h-45',
    prompt:
      'Pairs trade heating oil (HO) against RBOB gasoline (RB) futures using a 45-day z-score: enter at 2.25, exit at 0.5, with a $2,000 stop.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('HO', 'nymex'), future('RB', 'nymex')],
      signals: [{ kind: 'pairs', params: { period: 45, entry: 2.25, exit: 0.5 } }],
      risk: { stopLoss: { amount: 2000, unit: 'usd' } },
    },
  },

  // ---------------------------------------------------------------- options
  {
    id: 'h-46',
    prompt:
      'Sell cash-secured puts on SLV every month: 0.25 delta, about 40 days to expiration, with at most 20% of the portfolio per position.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [option('SLV', { right: 'put', delta: 0.25, daysToExpiry: 40 })],
      sizing: { kind: 'fixed-fraction', fraction: 0.2 },
      schedule: { every: 'month' },
    },
  },
  {
    id: 'h-47',
    prompt: 'gdx covered call 0.35d 28dte',
    assetClass: 'option',
    style: 'terse',
    expect: {
      instruments: [etf('GDX'), option('GDX', { right: 'call', delta: 0.35, daysToExpiry: 28 })],
    },
  },
  {
    id: 'h-48',
    prompt: 'sell an at-the-money straddle on ewz with 21 days to expiry every friday and close it after 10 days',
    assetClass: 'option',
    style: 'lowercase',
    expect: {
      instruments: [
        option('EWZ', { right: 'call', moneyness: 'atm', daysToExpiry: 21 }),
        option('EWZ', { right: 'put', moneyness: 'atm', daysToExpiry: 21 }),
      ],
      risk: { timeExit: { count: 10, unit: 'day' } },
      schedule: { every: 'week', weekday: 'friday' },
    },
  },
  {
    id: 'h-49',
    prompt:
      "Most of my net worth is tied up in Broadcom (AVGO) shares from my old job and I can't sell them yet for tax reasons. I'd like to protect the downside cheaply with a collar: buy puts about 10% out of the money and pay for them by selling calls about 10% out of the money, both around 60 days to expiration, and reset the collar every quarter. Please run it from 2019 through 2023.",
    assetClass: 'option',
    style: 'rambling',
    expect: {
      instruments: [
        equity('AVGO'),
        option('AVGO', { right: 'put', moneyness: 'otm', daysToExpiry: 60 }),
        option('AVGO', { right: 'call', moneyness: 'otm', daysToExpiry: 60 }),
      ],
      schedule: { every: 'quarter' },
      period: { start: '2019-01-01', end: '2023-12-31' },
    },
  },
  {
    id: 'h-50',
    prompt: 'buy 0.5 detla calls on LMT whenn the 10 ema crosess abov the 30 ema, 45 dte, exitt after 15 days',
    assetClass: 'option',
    style: 'typos',
    expect: {
      instruments: [option('LMT', { right: 'call', delta: 0.5, daysToExpiry: 45 })],
      signals: [{ kind: 'ema-crossover', params: { fast: 10, slow: 30 } }],
      risk: { timeExit: { count: 15, unit: 'day' } },
    },
  },
  {
    id: 'h-51',
    prompt: 'Buy 0.40-delta puts on XRT with 50 days to expiry while XRT is below its 100-day SMA, starting with $30,000.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [option('XRT', { right: 'put', delta: 0.4, daysToExpiry: 50 })],
      filters: [{ kind: 'trend', period: 100, average: 'sma', side: 'below' }],
      cash: 30000,
    },
  },

  // ---------------------------------------------------------------- indices and CFDs
  {
    id: 'h-52',
    prompt: 'ema crosover 10 and 30 on the S&P 100 indx (OEX), weekley bars',
    assetClass: 'index',
    style: 'typos',
    expect: {
      instruments: [index('OEX', 'usa')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'ema-crossover', params: { fast: 10, slow: 30 } }],
    },
  },
  {
    id: 'h-53',
    prompt:
      "I'm in Europe and trade index CFDs with Oanda, mostly the Euro Stoxx 50 one, EU50EUR. Could you code up a Bollinger Band reversion on it? I'm thinking 30 bars and 2 standard deviations on hourly bars, buying the lower band and selling the upper band, and a 1% stop loss on every trade because these can run.",
    assetClass: 'cfd',
    style: 'rambling',
    expect: {
      instruments: [cfd('EU50EUR', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'bollinger', params: { period: 30, std: 2 } }],
      risk: { stopLoss: { amount: 0.01, unit: 'fraction' } },
    },
  },
  {
    id: 'h-54',
    prompt: 'natgasusd cfd on fxcm, z-score 50 enter 2 exit 0.5, 4h bars',
    assetClass: 'cfd',
    style: 'lowercase',
    expect: {
      instruments: [cfd('NATGASUSD', 'fxcm')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'zscore', params: { period: 50, entry: 2, exit: 0.5 } }],
    },
  },

  // ---------------------------------------------------------------- bad input and edge cases
  {
    id: 'h-55',
    prompt: 'Trade Texas Instruments (TXN) long only, but go short every time it breaks below its 20-day low.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('TXN')],
      signals: [{ kind: 'donchian', params: { period: 20 } }],
      problems: ['contradiction'],
    },
  },
  {
    id: 'h-56',
    prompt:
      "A friend keeps telling me about a tiny company with the ticker QWZX and says it always bounces after selloffs. Can you build something that buys it when RSI(6) drops under 15 and sells above 85, on hourly bars? I'd like to know if he's right before I put money in.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 6, lower: 15, upper: 85 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'h-57',
    prompt:
      "Vorrei una strategia che compri l'ETF QQQ quando il prezzo rompe il massimo degli ultimi 20 giorni e lo venda alla rottura del minimo degli ultimi 10 giorni, con barre giornaliere.",
    assetClass: 'none',
    style: 'plain',
    expect: { instruments: [], problems: ['not-english'] },
  },
  {
    id: 'h-58',
    prompt: 'kaufe tesla-aktien, wenn der rsi unter 30 fällt, und verkaufe sie, wenn er über 70 steigt. stündliche kerzen bitte.',
    assetClass: 'none',
    style: 'lowercase',
    expect: { instruments: [], problems: ['not-english'] },
  },
  {
    id: 'h-59',
    prompt: '\t\t\n    \n\t',
    assetClass: 'none',
    style: 'terse',
    expect: { instruments: [], problems: ['empty'] },
  },
  {
    id: 'h-60',
    prompt: 'hon aroon(25) cross 1h sl 3%',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('HON')],
      bar: { size: 1, unit: 'hour' },
      risk: { stopLoss: { amount: 0.03, unit: 'fraction' } },
    },
  },
];
