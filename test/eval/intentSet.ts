// The data set of the intent benchmark: prompts of our own, each with the request a careful human reader
// extracts from it, for measuring how well a prompt is read into a StrategyRequest
// (extension/core/request/types.ts). The prompts are written apart from the phrasings used elsewhere in the
// repository (templates, generation prompts, training data, unit tests).
//
// Semantics of `expect`:
// - A field absent from `expect` means the prompt does not state it, and the reader must not produce it:
//   no defaults are filled in anywhere (no default bar, direction, period, RSI levels ...).
// - `instruments` lists every instrument the strategy trades, in any order; [] when none is named. A symbol
//   named only as a filter's reference (the SPY of "only while SPY is above its 200-day SMA", the VIX of a
//   VIX filter) or only as what is *not* traded ("MES instead of ES") is not an instrument; nor is a
//   universe's ETF, which is `universe.etf`. A trend filter on the traded instrument, or on the underlying
//   of the options traded, has no `symbol`; one on another instrument names it. A misspelt ticker or
//   company name ("appl", "microsfot") is no instrument: the reader raises 'unknown-ticker' and asks "did
//   you mean"; so too an instrument on a market LEAN does not know ('unknown-market') or that the market
//   does not list ('not-listed').
// - Markets are LEAN market ids: 'usa' for US equities, ETFs, options and US indices; the market the prompt
//   names for crypto, forex and CFDs, else LEAN's default (crypto 'coinbase', forex and CFD 'oanda'); a
//   future's exchange from LEAN's symbol properties (ES NQ RTY MES 6E 'cme', YM ZN ZB ZC ZS 'cbot', CL NG
//   'nymex', GC SI 'comex'); non-US indices their exchange (DAX 'eurex', N225 'ose', HSI 'hkfe'). Every
//   pair, CFD and root here is checked against extension/core/request/symbolIndex.json. A coin named
//   alone takes the first of USD, USDT, USDC... that the market lists (BTC on Coinbase is BTCUSD, SOL on
//   Bybit SOLUSDT). A perpetual is a 'cryptofuture'.
// - ETFs have type 'etf', stocks 'equity'. An option request lists the underlying's option as
//   { symbol: underlying, type: 'option', market: 'usa', option: {...} } with the contract selection the
//   prompt states ("16d" is delta 0.16, "10% otm" is moneyness 'otm'). A covered call, buy-write, protective
//   put, collar or wheel also holds the underlying, so it is listed too; sold puts, bought calls or puts
//   and straddles list only the options. A structure with both rights (straddle, strangle, collar) lists
//   one option per right.
// - `signals` in the order named, each with only the numbers the prompt states (no defaults; `params`
//   absent when none), named per kind as in types.ts. Percents are fractions (5% -> 0.05, 25 bps ->
//   0.0025). Lookbacks stated in weeks, months or years are trading-day bars: week 5, month 21, year 252
//   ("3-month" -> 63, "12-1 momentum" -> period 252, skip 21, "skipping the most recent week" -> skip 5).
//   RSI `lower`/`upper` are the oversold and overbought levels whichever side trades them (a short above 80
//   is upper 80). z-score and pairs `entry`/`exit` are absolute values (buy below -2 -> entry 2). A ranking
//   by momentum that picks the holdings is the momentum signal and its `top`; a universe's count/by is a
//   pre-selection by size, liquidity or value. The numbers inside an alpha formula are the formula's, not
//   params. A calendar effect's dates are the signal, not a schedule. 'buy-and-hold' is read where the
//   prompt holds positions as its whole rule ("buy and hold", "hold 60/40 ..."), not where "hold" only
//   names what a signal keeps. An indicator outside SignalKind (Ichimoku, stochastic, parabolic SAR) is no
//   signal and raises no problem.
// - `sizing.weights` are keyed by the instruments' symbols; "60/40" is weights, "equal weight" equal-weight.
// - `direction` only where stated ("long only", "no shorts", "never short", "shorts only", "long/short",
//   "both directions"); buying on one signal and selling on another states none, and selling options (a
//   short strangle, cash-secured puts) is no direction either. Where the prompt states contradictory
//   directions, `direction` is absent and 'contradiction' is raised: the reader asks rather than picks;
//   the same for a period whose end precedes its start.
// - `bar` only where bars are stated ("4h", "15-minute candles", "hourly bars", "daily", "weekly bars"); a
//   "200-day" average or "90 days" lookback is no bar size.
// - Risk distances: a fraction, 'atr' or 'std' multiple, 'pips' or 'usd'. "exit after 5 days" is timeExit
//   { count: 5, unit: 'day' }, "after 12 bars" unit 'bar'. `flatBy` and every time of day is "HH:MM" 24h
//   exchange time ("3:55pm" -> "15:55"); "exit by 11:30" is flatBy.
// - Dates are ISO: a bare start year is Jan 1 and a bare end year Dec 31; "Jan 2020" is 2020-01-01 as a
//   start and 2020-01-31 as an end. `cash` in the account currency ("$25k" -> 25000).
// - Bad input: whitespace only -> ['empty']; a prompt over 20,000 characters -> ['too-long']; a prompt not in
//   English -> ['not-english']; each with instruments [] and nothing else.
import type {
  BarSize,
  BarUnit,
  Direction,
  Distance,
  Filter,
  RequestProblem,
  Schedule,
  SignalKind,
  Sizing,
  Universe,
} from '../../extension/core/request/types';
import type { SecurityType } from '../../extension/core/request/symbols';

export interface ExpectedInstrument {
  symbol: string;
  type: SecurityType;
  market: string;
  option?: { right?: 'call' | 'put'; delta?: number; daysToExpiry?: number; moneyness?: 'atm' | 'otm' | 'itm' };
}

export interface ExpectedRequest {
  /** Every instrument the strategy trades, any order; [] when none is named. */
  instruments: ExpectedInstrument[];
  bar?: BarSize;
  direction?: Direction;
  signals?: { kind: SignalKind; params?: Record<string, number> }[];
  sizing?: Sizing;
  risk?: {
    stopLoss?: Distance;
    trailingStop?: Distance;
    takeProfit?: Distance;
    timeExit?: { count: number; unit: BarUnit | 'bar' };
    maxDrawdown?: number;
    flatBy?: string;
  };
  schedule?: Schedule;
  universe?: Universe;
  filters?: Filter[];
  period?: { start?: string; end?: string };
  cash?: number;
  /** Problems the reader must raise (unknown-ticker, contradiction, empty, too-long, not-english ...). */
  problems?: RequestProblem['kind'][];
}

export type AssetClass = 'equity' | 'etf' | 'crypto' | 'forex' | 'future' | 'option' | 'index' | 'cfd' | 'mixed' | 'none';
export type PromptStyle = 'plain' | 'terse' | 'rambling' | 'typos' | 'lowercase';

export interface IntentCase {
  id: string;
  prompt: string;
  assetClass: AssetClass;
  style: PromptStyle;
  expect: ExpectedRequest;
}

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

/** A pasted backtest log, far past the longest prompt read (20,000 characters). */
const PASTED_LOG = '2021-03-04 15:59:00 Order filled: SPY 100 shares at 387.12, fees $1.00, holdings 400. ';

export const INTENT_SET: IntentCase[] = [
  // ---------------------------------------------------------------- crypto
  {
    id: 'crypto-01',
    prompt: 'ema 8/34 eth 4h kraken',
    assetClass: 'crypto',
    style: 'terse',
    expect: {
      instruments: [crypto('ETHUSD', 'kraken')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'ema-crossover', params: { fast: 8, slow: 34 } }],
    },
  },
  {
    id: 'crypto-02',
    prompt:
      'Trade SOLUSDT on Binance with RSI(14): buy under 28, sell over 72, 1-hour candles, risk 1% of equity per trade with a 3% stop.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('SOLUSDT', 'binance')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 14, lower: 28, upper: 72 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'stop' },
      risk: { stopLoss: { amount: 0.03, unit: 'fraction' } },
    },
  },
  {
    id: 'crypto-03',
    prompt:
      "Hey, so I've been watching bitcoin a lot lately and I think it trends really hard once it breaks out. What I'd like is something that buys BTC on Coinbase when price closes above the highest high of the last 30 days and gets out when it drops under the 15-day low. I'm only interested in going long, never short. Daily bars are fine. Let's backtest it from 2019 through 2024 with $25,000, and please put a 12% trailing stop on it because crypto can be brutal.",
    assetClass: 'crypto',
    style: 'rambling',
    expect: {
      instruments: [crypto('BTCUSD', 'coinbase')],
      bar: { size: 1, unit: 'day' },
      direction: 'long',
      signals: [{ kind: 'donchian', params: { period: 30, exit: 15 } }],
      risk: { trailingStop: { amount: 0.12, unit: 'fraction' } },
      period: { start: '2019-01-01', end: '2024-12-31' },
      cash: 25000,
    },
  },
  {
    id: 'crypto-04',
    prompt: 'bollinger band mean reversion on eth/usdt on bybit, 20 period 2.5 std, 15 minute bars, take profit at 2%',
    assetClass: 'crypto',
    style: 'lowercase',
    expect: {
      instruments: [crypto('ETHUSDT', 'bybit')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2.5 } }],
      risk: { takeProfit: { amount: 0.02, unit: 'fraction' } },
    },
  },
  {
    id: 'crypto-05',
    prompt: 'macd stratgey on btc-usd bitfinex, 12 26 9, hourly candels, stop los 4%',
    assetClass: 'crypto',
    style: 'typos',
    expect: {
      instruments: [crypto('BTCUSD', 'bitfinex')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      risk: { stopLoss: { amount: 0.04, unit: 'fraction' } },
    },
  },
  {
    id: 'crypto-06',
    prompt: 'Momentum rotation among BTC, ETH, SOL, AVAX and LINK on Coinbase: every Monday hold the top 2 by 4-week return, equal weight.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [
        crypto('BTCUSD', 'coinbase'),
        crypto('ETHUSD', 'coinbase'),
        crypto('SOLUSD', 'coinbase'),
        crypto('AVAXUSD', 'coinbase'),
        crypto('LINKUSD', 'coinbase'),
      ],
      signals: [{ kind: 'momentum', params: { period: 20, top: 2 } }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'week', weekday: 'monday' },
    },
  },
  {
    id: 'crypto-07',
    prompt: 'btcusdt perp binance, donchian 55/20, 4h, 2 atr stop',
    assetClass: 'crypto',
    style: 'terse',
    expect: {
      instruments: [perpetual('BTCUSDT', 'binance')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'donchian', params: { period: 55, exit: 20 } }],
      risk: { stopLoss: { amount: 2, unit: 'atr' } },
    },
  },
  {
    id: 'crypto-08',
    prompt: 'Pairs trade ETH against BTC on Kraken using the z-score of the log price spread over 90 days; enter at 2.2, exit at 0.3.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('ETHUSD', 'kraken'), crypto('BTCUSD', 'kraken')],
      signals: [{ kind: 'pairs', params: { period: 90, entry: 2.2, exit: 0.3 } }],
    },
  },
  {
    id: 'crypto-09',
    prompt: 'buy and hold sol on coinbase since 2021 with 10k, sell everything if the drawdown hits 50%',
    assetClass: 'crypto',
    style: 'lowercase',
    expect: {
      instruments: [crypto('SOLUSD', 'coinbase')],
      signals: [{ kind: 'buy-and-hold' }],
      risk: { maxDrawdown: 0.5 },
      period: { start: '2021-01-01' },
      cash: 10000,
    },
  },
  {
    id: 'crypto-10',
    prompt:
      "I trade crypto part time and want something on the Binance ETH/USDT pair. The idea: use a Keltner channel built from a 20-period EMA with bands 1.5 ATRs wide, on 30-minute bars. When price closes outside the upper band we go long, when it closes below the lower band we go short, so it's a long and short system. Keep position size at 20% of the account each time and get out of any trade that hasn't worked after 12 bars.",
    assetClass: 'crypto',
    style: 'rambling',
    expect: {
      instruments: [crypto('ETHUSDT', 'binance')],
      bar: { size: 30, unit: 'minute' },
      direction: 'both',
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 1.5 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.2 },
      risk: { timeExit: { count: 12, unit: 'bar' } },
    },
  },
  {
    id: 'crypto-11',
    prompt: 'rsi(2) on dogecoin, by under 5 sel over 70, daliy bars',
    assetClass: 'crypto',
    style: 'typos',
    expect: {
      instruments: [crypto('DOGEUSD', 'coinbase')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'rsi', params: { period: 2, lower: 5, upper: 70 } }],
    },
  },
  {
    id: 'crypto-12',
    prompt:
      'Intraday VWAP reversion on BTC-USD (Coinbase), 5-minute bars: buy when price sits 0.8% below the session VWAP, exit at VWAP, flat by 23:55.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('BTCUSD', 'coinbase')],
      bar: { size: 5, unit: 'minute' },
      signals: [{ kind: 'vwap', params: { threshold: 0.008 } }],
      risk: { flatBy: '23:55' },
    },
  },
  {
    id: 'crypto-13',
    prompt: 'ltc kraken zscore 48 entry 2 exit 0, 1h',
    assetClass: 'crypto',
    style: 'terse',
    expect: {
      instruments: [crypto('LTCUSD', 'kraken')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'zscore', params: { period: 48, entry: 2, exit: 0 } }],
    },
  },
  {
    id: 'crypto-14',
    prompt: 'Hold BTC and ETH on Bitfinex, each scaled to a 40% annualised volatility target, rebalanced daily.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('BTCUSD', 'bitfinex'), crypto('ETHUSD', 'bitfinex')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'volatility-target', target: 0.4 },
      schedule: { every: 'day' },
    },
  },
  {
    id: 'crypto-15',
    prompt: 'sma 20/100 cross on xrp usdt bybit, trade only while price is above its 200 ema, daily candles',
    assetClass: 'crypto',
    style: 'lowercase',
    expect: {
      instruments: [crypto('XRPUSDT', 'bybit')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'sma-crossover', params: { fast: 20, slow: 100 } }],
      filters: [{ kind: 'trend', period: 200, average: 'ema', side: 'above' }],
    },
  },
  {
    id: 'crypto-16',
    prompt:
      "So I've been reading about cross-sectional factors in crypto and want to try one on Binance. Take BNB, ADA, XRP, LINK and AVAX, all against USDT. Every day, rank them by the alpha -1 * ts_rank(volume, 10) * rank(close / delay(close, 3)) and run a long/short book: long the top two, short the bottom two, equal weight. Please restrict the backtest to 2022 and 2023.",
    assetClass: 'crypto',
    style: 'rambling',
    expect: {
      instruments: [
        crypto('BNBUSDT', 'binance'),
        crypto('ADAUSDT', 'binance'),
        crypto('XRPUSDT', 'binance'),
        crypto('LINKUSDT', 'binance'),
        crypto('AVAXUSDT', 'binance'),
      ],
      direction: 'both',
      signals: [{ kind: 'alpha-formula' }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'day' },
      period: { start: '2022-01-01', end: '2023-12-31' },
    },
  },
  {
    id: 'crypto-17',
    prompt: 'ethereum ema crosover 12 and 50 on binance, usdt pair, 4 hr bars, trailng stop 6 percent',
    assetClass: 'crypto',
    style: 'typos',
    expect: {
      instruments: [crypto('ETHUSDT', 'binance')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'ema-crossover', params: { fast: 12, slow: 50 } }],
      risk: { trailingStop: { amount: 0.06, unit: 'fraction' } },
    },
  },
  {
    id: 'crypto-18',
    prompt:
      'Weekend effect on Bitcoin: own BTCUSD on Coinbase only from Friday evening to Monday morning, 10% of equity per trade, from 2020-06-01 to 2023-06-30.',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('BTCUSD', 'coinbase')],
      signals: [{ kind: 'calendar' }],
      sizing: { kind: 'fixed-fraction', fraction: 0.1 },
      period: { start: '2020-06-01', end: '2023-06-30' },
    },
  },
  {
    id: 'crypto-19',
    prompt: 'sol kraken macd 8 17 9 15m',
    assetClass: 'crypto',
    style: 'terse',
    expect: {
      instruments: [crypto('SOLUSD', 'kraken')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'macd', params: { fast: 8, slow: 17, signal: 9 } }],
    },
  },

  // ---------------------------------------------------------------- forex
  {
    id: 'fx-01',
    prompt: 'eurusd 1h rsi 14 30/70 20 pip stop 40 pip tp',
    assetClass: 'forex',
    style: 'terse',
    expect: {
      instruments: [forex('EURUSD', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 14, lower: 30, upper: 70 } }],
      risk: { stopLoss: { amount: 20, unit: 'pips' }, takeProfit: { amount: 40, unit: 'pips' } },
    },
  },
  {
    id: 'fx-02',
    prompt:
      'London-session breakout on GBP/USD: trade a break of the Donchian high or low of the previous 16 bars on 15-minute charts, only between 07:00 and 11:00, flat by 16:00.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [forex('GBPUSD', 'oanda')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'donchian', params: { period: 16 } }],
      risk: { flatBy: '16:00' },
      filters: [{ kind: 'time-of-day', after: '07:00', before: '11:00' }],
    },
  },
  {
    id: 'fx-03',
    prompt:
      "I'm new to QuantConnect but have traded FX for years. I'd like a simple trend system on USD/JPY using the 4-hour chart. Go long when the 21 EMA crosses above the 55 EMA and short on the opposite cross, so both directions. I use FXCM as my broker so the data should come from there. Stop loss 50 pips, and I'd like to risk half a percent of the account on each trade based on that stop. Backtest 2016 to 2023 with 50,000 USD.",
    assetClass: 'forex',
    style: 'rambling',
    expect: {
      instruments: [forex('USDJPY', 'fxcm')],
      bar: { size: 4, unit: 'hour' },
      direction: 'both',
      signals: [{ kind: 'ema-crossover', params: { fast: 21, slow: 55 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.005, from: 'stop' },
      risk: { stopLoss: { amount: 50, unit: 'pips' } },
      period: { start: '2016-01-01', end: '2023-12-31' },
      cash: 50000,
    },
  },
  {
    id: 'fx-04',
    prompt: 'audusd and nzdusd pairs trade, 60 day lookback, enter at z 2, exit at z 0.5, daily bars',
    assetClass: 'forex',
    style: 'lowercase',
    expect: {
      instruments: [forex('AUDUSD', 'oanda'), forex('NZDUSD', 'oanda')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'pairs', params: { period: 60, entry: 2, exit: 0.5 } }],
    },
  },
  {
    id: 'fx-05',
    prompt: 'bolinger bands on eur/gbp 20 and 2 std, 30 minit bars, fade the bands, stoploss 15 pips',
    assetClass: 'forex',
    style: 'typos',
    expect: {
      instruments: [forex('EURGBP', 'oanda')],
      bar: { size: 30, unit: 'minute' },
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2 } }],
      risk: { stopLoss: { amount: 15, unit: 'pips' } },
    },
  },
  {
    id: 'fx-06',
    prompt:
      'Currency momentum across EURUSD, GBPUSD, USDJPY, AUDUSD, USDCAD and USDCHF: hold the 2 strongest by 3-month return, rebalance at the start of each month.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [
        forex('EURUSD', 'oanda'),
        forex('GBPUSD', 'oanda'),
        forex('USDJPY', 'oanda'),
        forex('AUDUSD', 'oanda'),
        forex('USDCAD', 'oanda'),
        forex('USDCHF', 'oanda'),
      ],
      signals: [{ kind: 'momentum', params: { period: 63, top: 2 } }],
      schedule: { every: 'month', at: 'start' },
    },
  },
  {
    id: 'fx-07',
    prompt: 'usdcad macd 12/26/9 daily long only',
    assetClass: 'forex',
    style: 'terse',
    expect: {
      instruments: [forex('USDCAD', 'oanda')],
      bar: { size: 1, unit: 'day' },
      direction: 'long',
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
    },
  },
  {
    id: 'fx-08',
    prompt:
      'Keltner channel reversion on EUR/JPY, 4h: 20-bar period, 2.25 ATR bands, sell the upper band and buy the lower band, 1.5% take profit.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [forex('EURJPY', 'oanda')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 2.25 } }],
      risk: { takeProfit: { amount: 0.015, unit: 'fraction' } },
    },
  },
  {
    id: 'fx-09',
    prompt: 'gbpjpy trend following with sma 50 and 200, risk 1% per trade sized off 2x atr, weekly bars',
    assetClass: 'forex',
    style: 'lowercase',
    expect: {
      instruments: [forex('GBPJPY', 'oanda')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 2 },
    },
  },
  {
    id: 'fx-10',
    prompt:
      "Okay here's what I'm thinking. The Swiss franc tends to mean revert against the euro when nothing big is happening. Could you build an algorithm on EURCHF that computes a z-score of the close relative to its 100-bar mean on hourly bars, sells when the z-score goes above 2.5, buys when it goes below -2.5, and closes out when it comes back inside 0.5? Only trade when volatility is low, say 20-day realized vol in the lower regime. Max drawdown of 10% and then it should stop.",
    assetClass: 'forex',
    style: 'rambling',
    expect: {
      instruments: [forex('EURCHF', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'zscore', params: { period: 100, entry: 2.5, exit: 0.5 } }],
      risk: { maxDrawdown: 0.1 },
      filters: [{ kind: 'volatility', regime: 'low', period: 20 }],
    },
  },
  {
    id: 'fx-11',
    prompt: 'EURUSD mean reversion usign rsi(3) belwo 15 and above 85, hourley bars, exit after 10 bars',
    assetClass: 'forex',
    style: 'typos',
    expect: {
      instruments: [forex('EURUSD', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 3, lower: 15, upper: 85 } }],
      risk: { timeExit: { count: 10, unit: 'bar' } },
    },
  },
  {
    id: 'fx-12',
    prompt:
      'USDMXN on Oanda: keep a 25% position whenever the 10-day EMA is above the 40-day EMA, otherwise flat. Cash $100k, from Jan 2018 to Jun 2022.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [forex('USDMXN', 'oanda')],
      signals: [{ kind: 'ema-crossover', params: { fast: 10, slow: 40 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.25 },
      period: { start: '2018-01-01', end: '2022-06-30' },
      cash: 100000,
    },
  },
  {
    id: 'fx-13',
    prompt: 'audjpy weekend gap fade >0.5%, 1h',
    assetClass: 'forex',
    style: 'terse',
    expect: {
      instruments: [forex('AUDJPY', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'gap', params: { threshold: 0.005 } }],
    },
  },
  {
    id: 'fx-14',
    prompt:
      'Trade EURUSD, GBPUSD and USDJPY with a 50/200 SMA crossover each, sized to an 8% annual volatility target, on FXCM daily data.',
    assetClass: 'forex',
    style: 'plain',
    expect: {
      instruments: [forex('EURUSD', 'fxcm'), forex('GBPUSD', 'fxcm'), forex('USDJPY', 'fxcm')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }],
      sizing: { kind: 'volatility-target', target: 0.08 },
    },
  },
  {
    id: 'fx-15',
    prompt: 'nzd/usd keltner 30 1.8 atr breakout long and short, 2 atr trailing stop',
    assetClass: 'forex',
    style: 'lowercase',
    expect: {
      instruments: [forex('NZDUSD', 'oanda')],
      direction: 'both',
      signals: [{ kind: 'keltner', params: { period: 30, multiplier: 1.8 } }],
      risk: { trailingStop: { amount: 2, unit: 'atr' } },
    },
  },
  {
    id: 'fx-16',
    prompt: 'donchain breakout eurusd 20 bar high, exit on 10 bar low, 1 hour chart, max drawdwon 8%',
    assetClass: 'forex',
    style: 'typos',
    expect: {
      instruments: [forex('EURUSD', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'donchian', params: { period: 20, exit: 10 } }],
      risk: { maxDrawdown: 0.08 },
    },
  },
  {
    id: 'fx-17',
    prompt:
      'My hunch is that the dollar is weak around month-end because of rebalancing flows. Could you write something on EUR/USD that is in the euro during the last three trading days of each month and flat otherwise? Keep it simple, use 20% of equity, and test from 2015 through 2020 with $30k.',
    assetClass: 'forex',
    style: 'rambling',
    expect: {
      instruments: [forex('EURUSD', 'oanda')],
      signals: [{ kind: 'calendar' }],
      sizing: { kind: 'fixed-fraction', fraction: 0.2 },
      period: { start: '2015-01-01', end: '2020-12-31' },
      cash: 30000,
    },
  },

  // ---------------------------------------------------------------- futures
  {
    id: 'fut-01',
    prompt: 'es front month, ema 20/50, 15m, flat by 15:59',
    assetClass: 'future',
    style: 'terse',
    expect: {
      instruments: [future('ES', 'cme')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'ema-crossover', params: { fast: 20, slow: 50 } }],
      risk: { flatBy: '15:59' },
    },
  },
  {
    id: 'fut-02',
    prompt:
      'Trend following on crude oil futures (CL) rolling on open interest: 40/120 SMA crossover on daily bars, 3 ATR stop, 1% risk per trade sized from the stop.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('CL', 'nymex')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'sma-crossover', params: { fast: 40, slow: 120 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'stop' },
      risk: { stopLoss: { amount: 3, unit: 'atr' } },
    },
  },
  {
    id: 'fut-03',
    prompt:
      "Gold has been on a tear and I want to capture the big moves. Please write a LEAN algorithm for COMEX gold futures, the continuous front contract, that enters on a 50-day high breakout and exits on a 25-day low. I don't want shorts at all, long only. Also, only take trades when gold is above its 200-day SMA. Start in 2010, end in 2020, account size one million dollars.",
    assetClass: 'future',
    style: 'rambling',
    expect: {
      instruments: [future('GC', 'comex')],
      direction: 'long',
      signals: [{ kind: 'donchian', params: { period: 50, exit: 25 } }],
      filters: [{ kind: 'trend', period: 200, average: 'sma', side: 'above' }],
      period: { start: '2010-01-01', end: '2020-12-31' },
      cash: 1000000,
    },
  },
  {
    id: 'fut-04',
    prompt: 'nq futures opening gap fade: if nq gaps more than 0.75% from the prior close, fade it, exit by 11:30, 5 minute bars',
    assetClass: 'future',
    style: 'lowercase',
    expect: {
      instruments: [future('NQ', 'cme')],
      bar: { size: 5, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.0075 } }],
      risk: { flatBy: '11:30' },
    },
  },
  {
    id: 'fut-05',
    prompt: '10 yr note futures ZN, mcad 12 26 9 on dialy bars, roll to the next contract on the last tradng day, stop at 0.5%',
    assetClass: 'future',
    style: 'typos',
    expect: {
      instruments: [future('ZN', 'cbot')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      risk: { stopLoss: { amount: 0.005, unit: 'fraction' } },
    },
  },
  {
    id: 'fut-06',
    prompt:
      'Euro FX futures (6E) on CME: Bollinger Band reversion with a 30-bar, 2-standard-deviation band on hourly bars, exit after 8 hours.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('6E', 'cme')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'bollinger', params: { period: 30, std: 2 } }],
      risk: { timeExit: { count: 8, unit: 'hour' } },
    },
  },
  {
    id: 'fut-07',
    prompt: 'cl gc zn es futures momentum, top 2 by 6-month return, monthly rebal, equal wt',
    assetClass: 'future',
    style: 'terse',
    expect: {
      instruments: [future('CL', 'nymex'), future('GC', 'comex'), future('ZN', 'cbot'), future('ES', 'cme')],
      signals: [{ kind: 'momentum', params: { period: 126, top: 2 } }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'month' },
    },
  },
  {
    id: 'fut-08',
    prompt:
      'Spread trade between the ES and NQ front months: 120-bar z-score of the ratio on 1-hour bars, enter beyond 2, exit inside 0.25.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('ES', 'cme'), future('NQ', 'cme')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'pairs', params: { period: 120, entry: 2, exit: 0.25 } }],
    },
  },
  {
    id: 'fut-09',
    prompt:
      "We run a small CTA-style book and I'd like to prototype a diversified trend model. The markets are the front-month continuous contracts of ES, ZN, GC, CL and 6E. For each one, go long when the 12-month momentum is positive and short when it's negative, so long/short. Size every position to a 15% annualized volatility target and rebalance at the end of every month. Backtest from 2005 to 2023.",
    assetClass: 'future',
    style: 'rambling',
    expect: {
      instruments: [future('ES', 'cme'), future('ZN', 'cbot'), future('GC', 'comex'), future('CL', 'nymex'), future('6E', 'cme')],
      direction: 'both',
      signals: [{ kind: 'momentum', params: { period: 252 } }],
      sizing: { kind: 'volatility-target', target: 0.15 },
      schedule: { every: 'month', at: 'end' },
      period: { start: '2005-01-01', end: '2023-12-31' },
    },
  },
  {
    id: 'fut-10',
    prompt: 'ym futures rsi(5) below 20 buy above 80 sell, 30 min bars, only between 09:45 and 15:30',
    assetClass: 'future',
    style: 'lowercase',
    expect: {
      instruments: [future('YM', 'cbot')],
      bar: { size: 30, unit: 'minute' },
      signals: [{ kind: 'rsi', params: { period: 5, lower: 20, upper: 80 } }],
      filters: [{ kind: 'time-of-day', after: '09:45', before: '15:30' }],
    },
  },
  {
    id: 'fut-11',
    prompt: 'natrual gas futures (NG) keltner chanel 20 ema 2 atr, 4hr bars, trailling stop 2.5 atr',
    assetClass: 'future',
    style: 'typos',
    expect: {
      instruments: [future('NG', 'nymex')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 2 } }],
      risk: { trailingStop: { amount: 2.5, unit: 'atr' } },
    },
  },
  {
    id: 'fut-12',
    prompt: 'ES intraday: short when price is 0.3% above VWAP and cover at VWAP, 1-minute bars, short only, flat by 15:55.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('ES', 'cme')],
      bar: { size: 1, unit: 'minute' },
      direction: 'short',
      signals: [{ kind: 'vwap', params: { threshold: 0.003 } }],
      risk: { flatBy: '15:55' },
    },
  },
  {
    id: 'fut-13',
    prompt: 'zb zn futures pairs 60d z 2/0',
    assetClass: 'future',
    style: 'terse',
    expect: {
      instruments: [future('ZB', 'cbot'), future('ZN', 'cbot')],
      signals: [{ kind: 'pairs', params: { period: 60, entry: 2, exit: 0 } }],
    },
  },
  {
    id: 'fut-14',
    prompt:
      'Seasonal trade on soybean futures (ZS): long from mid-February to the end of May each year, flat the rest of the year, 2008 onwards.',
    assetClass: 'future',
    style: 'plain',
    expect: {
      instruments: [future('ZS', 'cbot')],
      signals: [{ kind: 'calendar' }],
      period: { start: '2008-01-01' },
    },
  },
  {
    id: 'fut-15',
    prompt:
      "I only have a small account, about $15k, so I'll need the Micro E-mini S&P 500 (MES) instead of the full-size ES. On 5-minute bars, go long when the 9 EMA crosses above the 21 EMA and short when it crosses below, trading both directions. Each trade gets a $150 stop and a $300 profit target, and if neither is hit, close it after 6 bars.",
    assetClass: 'future',
    style: 'rambling',
    expect: {
      instruments: [future('MES', 'cme')],
      bar: { size: 5, unit: 'minute' },
      direction: 'both',
      signals: [{ kind: 'ema-crossover', params: { fast: 9, slow: 21 } }],
      risk: { stopLoss: { amount: 150, unit: 'usd' }, takeProfit: { amount: 300, unit: 'usd' }, timeExit: { count: 6, unit: 'bar' } },
      cash: 15000,
    },
  },
  {
    id: 'fut-16',
    prompt: 'silver futures si buy and hold with a 30% trailing stop from 2012, roll on the first day of the month',
    assetClass: 'future',
    style: 'lowercase',
    expect: {
      instruments: [future('SI', 'comex')],
      signals: [{ kind: 'buy-and-hold' }],
      risk: { trailingStop: { amount: 0.3, unit: 'fraction' } },
      period: { start: '2012-01-01' },
    },
  },
  {
    id: 'fut-17',
    prompt: 'corn futres zc, 10/30 sma crossver, weekley bars',
    assetClass: 'future',
    style: 'typos',
    expect: {
      instruments: [future('ZC', 'cbot')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'sma-crossover', params: { fast: 10, slow: 30 } }],
    },
  },

  // ---------------------------------------------------------------- options
  {
    id: 'opt-01',
    prompt: 'Covered call on MSFT: sell the 25-delta call about 35 days out, every month.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [equity('MSFT'), option('MSFT', { right: 'call', delta: 0.25, daysToExpiry: 35 })],
      schedule: { every: 'month' },
    },
  },
  {
    id: 'opt-02',
    prompt: 'spy protective put 10% otm 90 dte',
    assetClass: 'option',
    style: 'terse',
    expect: {
      instruments: [etf('SPY'), option('SPY', { right: 'put', moneyness: 'otm', daysToExpiry: 90 })],
    },
  },
  {
    id: 'opt-03',
    prompt:
      "I'd like to generate some income around QQQ without owning it. The plan is to sell cash-secured puts: every week sell a put on QQQ that's around 0.20 delta with roughly 7 days to expiration. If QQQ drops below its 100-day EMA, stop selling until it recovers. Start with $200,000 and test 2018 to 2022.",
    assetClass: 'option',
    style: 'rambling',
    expect: {
      instruments: [option('QQQ', { right: 'put', delta: 0.2, daysToExpiry: 7 })],
      schedule: { every: 'week' },
      filters: [{ kind: 'trend', period: 100, average: 'ema', side: 'above' }],
      period: { start: '2018-01-01', end: '2022-12-31' },
      cash: 200000,
    },
  },
  {
    id: 'opt-04',
    prompt: 'covered calls on aapl, sell 0.3 delta 45 dte calls monthly, buy back at 50% profit',
    assetClass: 'option',
    style: 'lowercase',
    expect: {
      instruments: [equity('AAPL'), option('AAPL', { right: 'call', delta: 0.3, daysToExpiry: 45 })],
      risk: { takeProfit: { amount: 0.5, unit: 'fraction' } },
      schedule: { every: 'month' },
    },
  },
  {
    id: 'opt-05',
    prompt: 'protective put on nvda: buy 5% out of the mony puts with 60 days to expiraton against the shares',
    assetClass: 'option',
    style: 'typos',
    expect: {
      instruments: [equity('NVDA'), option('NVDA', { right: 'put', moneyness: 'otm', daysToExpiry: 60 })],
    },
  },
  {
    id: 'opt-06',
    prompt: 'Buy an at-the-money straddle on TSLA with 14 days to expiry every Monday and exit after 3 days.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [
        option('TSLA', { right: 'call', moneyness: 'atm', daysToExpiry: 14 }),
        option('TSLA', { right: 'put', moneyness: 'atm', daysToExpiry: 14 }),
      ],
      risk: { timeExit: { count: 3, unit: 'day' } },
      schedule: { every: 'week', weekday: 'monday' },
    },
  },
  {
    id: 'opt-07',
    prompt: 'iwm 16d short strangle 45dte',
    assetClass: 'option',
    style: 'terse',
    expect: {
      instruments: [
        option('IWM', { right: 'call', delta: 0.16, daysToExpiry: 45 }),
        option('IWM', { right: 'put', delta: 0.16, daysToExpiry: 45 }),
      ],
    },
  },
  {
    id: 'opt-08',
    prompt:
      "My portfolio is basically all SPY and I'm worried about a crash. I want a tail hedge: keep holding SPY, and each quarter buy puts about 15% out of the money that expire in roughly 180 days. Spend about 1% of the portfolio on the puts each time. Please run it from 2007 to 2021 so it includes 2008 and 2020.",
    assetClass: 'option',
    style: 'rambling',
    expect: {
      instruments: [etf('SPY'), option('SPY', { right: 'put', moneyness: 'otm', daysToExpiry: 180 })],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'fixed-fraction', fraction: 0.01 },
      schedule: { every: 'quarter' },
      period: { start: '2007-01-01', end: '2021-12-31' },
    },
  },
  {
    id: 'opt-09',
    prompt: 'sell 30 delta puts on amd when rsi(14) is under 35, about 30 dte, max 5% of equity per trade',
    assetClass: 'option',
    style: 'lowercase',
    expect: {
      instruments: [option('AMD', { right: 'put', delta: 0.3, daysToExpiry: 30 })],
      signals: [{ kind: 'rsi', params: { period: 14, lower: 35 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.05 },
    },
  },
  {
    id: 'opt-10',
    prompt: 'Buy-write on XLE selling 40-delta calls with 21 days to expiration, rolling monthly.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [etf('XLE'), option('XLE', { right: 'call', delta: 0.4, daysToExpiry: 21 })],
      schedule: { every: 'month' },
    },
  },
  {
    id: 'opt-11',
    prompt: 'spy 0dte atm calls when price > vwap, flat by 15:30',
    assetClass: 'option',
    style: 'terse',
    expect: {
      instruments: [option('SPY', { right: 'call', moneyness: 'atm', daysToExpiry: 0 })],
      signals: [{ kind: 'vwap' }],
      risk: { flatBy: '15:30' },
    },
  },
  {
    id: 'opt-12',
    prompt: 'Zero-cost collar on JPM shares: buy 0.25-delta puts and sell 0.25-delta calls, both 90 days to expiry, reset every quarter.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [
        equity('JPM'),
        option('JPM', { right: 'put', delta: 0.25, daysToExpiry: 90 }),
        option('JPM', { right: 'call', delta: 0.25, daysToExpiry: 90 }),
      ],
      schedule: { every: 'quarter' },
    },
  },
  {
    id: 'opt-13',
    prompt:
      'Could you put together a directional options strategy for me? On META, using daily bars, whenever the MACD (12, 26, 9) crosses above its signal line, buy a call with about 0.60 delta and 30 days to expiry; when it crosses below, buy a put with the same delta and expiry instead. Each trade gets 3% of the portfolio, and I want to exit any option position after 10 trading days no matter what. Cash $75,000.',
    assetClass: 'option',
    style: 'rambling',
    expect: {
      instruments: [
        option('META', { right: 'call', delta: 0.6, daysToExpiry: 30 }),
        option('META', { right: 'put', delta: 0.6, daysToExpiry: 30 }),
      ],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.03 },
      risk: { timeExit: { count: 10, unit: 'day' } },
      cash: 75000,
    },
  },
  {
    id: 'opt-14',
    prompt: 'wheel strategy on ko: sell 0.3 delta puts 30 dte, if assigned sell 0.3 delta calls 30 dte against the shares',
    assetClass: 'option',
    style: 'lowercase',
    expect: {
      instruments: [
        equity('KO'),
        option('KO', { right: 'put', delta: 0.3, daysToExpiry: 30 }),
        option('KO', { right: 'call', delta: 0.3, daysToExpiry: 30 }),
      ],
    },
  },
  {
    id: 'opt-15',
    prompt: 'qqq etf covred calls, sell the 0.2 detla strike with 30 dte',
    assetClass: 'option',
    style: 'typos',
    expect: {
      instruments: [etf('QQQ'), option('QQQ', { right: 'call', delta: 0.2, daysToExpiry: 30 })],
    },
  },
  {
    id: 'opt-16',
    prompt: 'Stock replacement on GOOGL: buy 70-delta calls with 120 days to expiry while GOOGL is above its 50-day EMA, max drawdown 25%.',
    assetClass: 'option',
    style: 'plain',
    expect: {
      instruments: [option('GOOGL', { right: 'call', delta: 0.7, daysToExpiry: 120 })],
      risk: { maxDrawdown: 0.25 },
      filters: [{ kind: 'trend', period: 50, average: 'ema', side: 'above' }],
    },
  },
  {
    id: 'opt-17',
    prompt: 'tsla puts itm 60dte on macd cross down',
    assetClass: 'option',
    style: 'terse',
    expect: {
      instruments: [option('TSLA', { right: 'put', moneyness: 'itm', daysToExpiry: 60 })],
      signals: [{ kind: 'macd' }],
    },
  },

  // ---------------------------------------------------------------- indices
  {
    id: 'idx-01',
    prompt: 'Use the SPX index itself: 50/200 SMA crossover on daily bars, 2000 to 2020.',
    assetClass: 'index',
    style: 'plain',
    expect: {
      instruments: [index('SPX', 'usa')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }],
      period: { start: '2000-01-01', end: '2020-12-31' },
    },
  },
  {
    id: 'idx-02',
    prompt: 'ndx index rsi(2) <10 buy >90 sell',
    assetClass: 'index',
    style: 'terse',
    expect: {
      instruments: [index('NDX', 'usa')],
      signals: [{ kind: 'rsi', params: { period: 2, lower: 10, upper: 90 } }],
    },
  },
  {
    id: 'idx-03',
    prompt: 'donchian 20/10 breakout on the rut index, hourly bars',
    assetClass: 'index',
    style: 'lowercase',
    expect: {
      instruments: [index('RUT', 'usa')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'donchian', params: { period: 20, exit: 10 } }],
    },
  },
  {
    id: 'idx-04',
    prompt:
      "For a research notebook I'm putting together, I'd like to study the Nikkei 225 cash index (N225) rather than the futures. Nothing fancy: the standard MACD with 12, 26 and 9, computed on weekly bars, in when the MACD line is above the signal line and flat otherwise. Run it from 1995 to 2015. I know you can't trade the index directly, that's fine, it's just to see the signal.",
    assetClass: 'index',
    style: 'rambling',
    expect: {
      instruments: [index('N225', 'ose')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      period: { start: '1995-01-01', end: '2015-12-31' },
    },
  },
  {
    id: 'idx-05',
    prompt: 'bolinger band revertion on the DJI index, 20 day 2 sd, dialy',
    assetClass: 'index',
    style: 'typos',
    expect: {
      instruments: [index('DJI', 'usa')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2 } }],
    },
  },
  {
    id: 'idx-06',
    prompt: 'Trade the VIX index level directly in both directions: z-score over 60 days, short above 2, long below -2, exit inside 0.5.',
    assetClass: 'index',
    style: 'plain',
    expect: {
      instruments: [index('VIX', 'usa')],
      direction: 'both',
      signals: [{ kind: 'zscore', params: { period: 60, entry: 2, exit: 0.5 } }],
    },
  },
  {
    id: 'idx-07',
    prompt: 'Momentum on the DAX index: in when the 12-month return is positive, otherwise flat, monthly rebalance, start 2003.',
    assetClass: 'index',
    style: 'plain',
    expect: {
      instruments: [index('DAX', 'eurex')],
      signals: [{ kind: 'momentum', params: { period: 252 } }],
      schedule: { every: 'month' },
      period: { start: '2003-01-01' },
    },
  },
  {
    id: 'idx-08',
    prompt: 'hsi index ema 5/20 daily',
    assetClass: 'index',
    style: 'terse',
    expect: {
      instruments: [index('HSI', 'hkfe')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'ema-crossover', params: { fast: 5, slow: 20 } }],
    },
  },
  {
    id: 'idx-09',
    prompt: 'keltner 20, 1.5 on the spx index with weekly bars, take profit 8%',
    assetClass: 'index',
    style: 'lowercase',
    expect: {
      instruments: [index('SPX', 'usa')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 1.5 } }],
      risk: { takeProfit: { amount: 0.08, unit: 'fraction' } },
    },
  },
  {
    id: 'idx-10',
    prompt: 'Be in the NDX index only during the first five trading days of each month (a turn-of-month effect), 2010 to 2024.',
    assetClass: 'index',
    style: 'plain',
    expect: {
      instruments: [index('NDX', 'usa')],
      signals: [{ kind: 'calendar' }],
      period: { start: '2010-01-01', end: '2024-12-31' },
    },
  },

  // ---------------------------------------------------------------- CFDs
  {
    id: 'cfd-01',
    prompt: 'Gold CFD XAUUSD on Oanda: 20/60 EMA crossover on 4-hour bars with a $15 stop and a $40 take profit.',
    assetClass: 'cfd',
    style: 'plain',
    expect: {
      instruments: [cfd('XAUUSD', 'oanda')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'ema-crossover', params: { fast: 20, slow: 60 } }],
      risk: { stopLoss: { amount: 15, unit: 'usd' }, takeProfit: { amount: 40, unit: 'usd' } },
    },
  },
  {
    id: 'cfd-02',
    prompt: 'spx500usd cfd rsi14 30/70 1h',
    assetClass: 'cfd',
    style: 'terse',
    expect: {
      instruments: [cfd('SPX500USD', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 14, lower: 30, upper: 70 } }],
    },
  },
  {
    id: 'cfd-03',
    prompt: 'de30eur cfd opening gap fade over 0.4%, 15 min bars, flat by 17:25',
    assetClass: 'cfd',
    style: 'lowercase',
    expect: {
      instruments: [cfd('DE30EUR', 'oanda')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.004 } }],
      risk: { flatBy: '17:25' },
    },
  },
  {
    id: 'cfd-04',
    prompt:
      "I trade index CFDs through Oanda and I'm curious whether the Nasdaq 100 CFD (NAS100USD) and the Dow CFD (US30USD) can be traded as a pair. Compute the spread z-score on hourly bars with a 200-bar lookback, open the spread when the absolute z crosses 2.5, close it when it gets back to 0. Risk 0.5% per trade, sized off a 1.5 ATR multiple.",
    assetClass: 'cfd',
    style: 'rambling',
    expect: {
      instruments: [cfd('NAS100USD', 'oanda'), cfd('US30USD', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'pairs', params: { period: 200, entry: 2.5, exit: 0 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.005, from: 'atr', atrMultiple: 1.5 },
    },
  },
  {
    id: 'cfd-05',
    prompt: 'WTICOUSD oil cfd, macd 12 26 9, 4 hour bars, trailling stop 3%, max drawdon 20%',
    assetClass: 'cfd',
    style: 'typos',
    expect: {
      instruments: [cfd('WTICOUSD', 'oanda')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      risk: { trailingStop: { amount: 0.03, unit: 'fraction' }, maxDrawdown: 0.2 },
    },
  },
  {
    id: 'cfd-06',
    prompt: 'UK100GBP CFD on FXCM with a 30-day Donchian breakout and a 2 ATR trailing stop, daily bars.',
    assetClass: 'cfd',
    style: 'plain',
    expect: {
      instruments: [cfd('UK100GBP', 'fxcm')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'donchian', params: { period: 30 } }],
      risk: { trailingStop: { amount: 2, unit: 'atr' } },
    },
  },
  {
    id: 'cfd-07',
    prompt: 'xagusd silver cfd bollinger 50 2.5, buy the lower band, exit at the middle, hourly bars',
    assetClass: 'cfd',
    style: 'lowercase',
    expect: {
      instruments: [cfd('XAGUSD', 'oanda')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'bollinger', params: { period: 50, std: 2.5 } }],
    },
  },
  {
    id: 'cfd-08',
    prompt: 'jp225usd cfd sma 10/50 daily long only',
    assetClass: 'cfd',
    style: 'terse',
    expect: {
      instruments: [cfd('JP225USD', 'oanda')],
      bar: { size: 1, unit: 'day' },
      direction: 'long',
      signals: [{ kind: 'sma-crossover', params: { fast: 10, slow: 50 } }],
    },
  },
  {
    id: 'cfd-09',
    prompt: 'Hold the BCOUSD Brent CFD and the WTICOUSD CFD 60/40, rebalanced every Friday.',
    assetClass: 'cfd',
    style: 'plain',
    expect: {
      instruments: [cfd('BCOUSD', 'oanda'), cfd('WTICOUSD', 'oanda')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { BCOUSD: 0.6, WTICOUSD: 0.4 } },
      schedule: { every: 'week', weekday: 'friday' },
    },
  },

  // ---------------------------------------------------------------- mixed asset classes
  {
    id: 'mix-01',
    prompt:
      'All-weather mix: hold SPY 40%, TLT 30%, GLD 15%, and 15% in bitcoin (BTCUSD on Coinbase), rebalanced on the first trading day of each quarter.',
    assetClass: 'mixed',
    style: 'plain',
    expect: {
      instruments: [etf('SPY'), etf('TLT'), etf('GLD'), crypto('BTCUSD', 'coinbase')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { SPY: 0.4, TLT: 0.3, GLD: 0.15, BTCUSD: 0.15 } },
      schedule: { every: 'quarter', at: 'start' },
    },
  },
  {
    id: 'mix-02',
    prompt:
      "I'd like one algorithm that spans asset classes so I can compare how the same rule behaves. Apply a 20/100 EMA crossover on daily bars to QQQ, to gold futures (GC, front month) and to EUR/USD on Oanda. Give each of the three an equal weight and let's test from 2012 to 2022 with $300k.",
    assetClass: 'mixed',
    style: 'rambling',
    expect: {
      instruments: [etf('QQQ'), future('GC', 'comex'), forex('EURUSD', 'oanda')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'ema-crossover', params: { fast: 20, slow: 100 } }],
      sizing: { kind: 'equal-weight' },
      period: { start: '2012-01-01', end: '2022-12-31' },
      cash: 300000,
    },
  },
  {
    id: 'mix-03',
    prompt: 'rank spy, eem, gld, btc and eth (coinbase) by 90 day return every monday and hold the top 2',
    assetClass: 'mixed',
    style: 'lowercase',
    expect: {
      instruments: [etf('SPY'), etf('EEM'), etf('GLD'), crypto('BTCUSD', 'coinbase'), crypto('ETHUSD', 'coinbase')],
      signals: [{ kind: 'momentum', params: { period: 90, top: 2 } }],
      schedule: { every: 'week', weekday: 'monday' },
    },
  },
  {
    id: 'mix-04',
    prompt: 'es futures vs spx500usd cfd pairs z 100 2 0',
    assetClass: 'mixed',
    style: 'terse',
    expect: {
      instruments: [future('ES', 'cme'), cfd('SPX500USD', 'oanda')],
      signals: [{ kind: 'pairs', params: { period: 100, entry: 2, exit: 0 } }],
    },
  },

  // ---------------------------------------------------------------- equities and ETFs
  {
    id: 'eq-01',
    prompt: 'Hold 60% VTI and 40% BND, rebalanced at the end of each quarter, from 2010 with $500,000.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('VTI'), etf('BND')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { VTI: 0.6, BND: 0.4 } },
      schedule: { every: 'quarter', at: 'end' },
      period: { start: '2010-01-01' },
      cash: 500000,
    },
  },
  {
    id: 'eq-02',
    prompt: 'xlk xlv xlf xle rotation top 1 by 1-month mom, monthly',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('XLK'), etf('XLV'), etf('XLF'), etf('XLE')],
      signals: [{ kind: 'momentum', params: { period: 21, top: 1 } }],
      schedule: { every: 'month' },
    },
  },
  {
    id: 'eq-03',
    prompt:
      "Let's do the classic academic momentum thing. Every month, take the S&P 500 constituents, rank them by 12-1 momentum (the last twelve months of return, skipping the most recent month) and buy the 50 winners with equal weights. To stay out of bear markets, only hold stocks while SPY closes above its 200-day SMA; otherwise sit in cash. Backtest it from 2004 to 2023.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      signals: [{ kind: 'momentum', params: { period: 252, skip: 21, top: 50 } }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'month' },
      universe: { kind: 'etf-constituents', etf: 'SPY' },
      filters: [{ kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' }],
      period: { start: '2004-01-01', end: '2023-12-31' },
    },
  },
  {
    id: 'eq-04',
    prompt: 'buy spy on gap downs bigger than 1%, exit at 15:59, minute bars',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('SPY')],
      bar: { size: 1, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.01 } }],
      risk: { flatBy: '15:59' },
    },
  },
  {
    id: 'eq-05',
    prompt: 'rsi mean reverison on appl, buy under 25 sell above 75',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [],
      signals: [{ kind: 'rsi', params: { lower: 25, upper: 75 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'eq-06',
    prompt:
      'Each month pick the 100 most liquid US stocks by dollar volume priced above $10, and hold the 10 with the best 6-month momentum, equal weight.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'momentum', params: { period: 126, top: 10 } }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'month' },
      universe: { kind: 'fundamental', count: 100, by: 'dollar-volume', minPrice: 10 },
    },
  },
  {
    id: 'eq-07',
    prompt: 'aapl macd 8/17/9 15m long only',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('AAPL')],
      bar: { size: 15, unit: 'minute' },
      direction: 'long',
      signals: [{ kind: 'macd', params: { fast: 8, slow: 17, signal: 9 } }],
    },
  },
  {
    id: 'eq-08',
    prompt: 'Buy QQQ on a 5/20 EMA crossover, but only while the VIX is below 25.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('QQQ')],
      signals: [{ kind: 'ema-crossover', params: { fast: 5, slow: 20 } }],
      filters: [{ kind: 'vix', below: 25 }],
    },
  },
  {
    id: 'eq-09',
    prompt:
      "My uncle swears Home Depot and Lowe's move together, so let's test it properly. Build a pairs trade on HD and LOW using a 120-day rolling hedge ratio; when the spread's z-score gets past 2 in either direction, open the trade, and close it when the z-score comes back to 0.25. Add a hard stop if the spread moves 3 standard deviations against us. I'd like hourly bars and the years 2015 through 2022.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [equity('HD'), equity('LOW')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'pairs', params: { period: 120, entry: 2, exit: 0.25 } }],
      risk: { stopLoss: { amount: 3, unit: 'std' } },
      period: { start: '2015-01-01', end: '2022-12-31' },
    },
  },
  {
    id: 'eq-10',
    prompt: 'vwap pullback on tsla: buy when price is 0.5% below vwap, sell at vwap, 1 min bars, only trade 10:00 to 15:00',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [equity('TSLA')],
      bar: { size: 1, unit: 'minute' },
      signals: [{ kind: 'vwap', params: { threshold: 0.005 } }],
      filters: [{ kind: 'time-of-day', after: '10:00', before: '15:00' }],
    },
  },
  {
    id: 'eq-11',
    prompt: 'momentum on nvdia and amd, 3 month lookback, hold the best one',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('AMD')],
      signals: [{ kind: 'momentum', params: { period: 63, top: 1 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'eq-12',
    prompt:
      'Alpha factor on the Nasdaq-100 constituents: score = -1 * correlation(rank(open), rank(volume), 10); long the top 10 and short the bottom 10 in a long/short book, rebalance daily.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      direction: 'both',
      signals: [{ kind: 'alpha-formula' }],
      schedule: { every: 'day' },
      universe: { kind: 'etf-constituents', etf: 'QQQ' },
    },
  },
  {
    id: 'eq-13',
    prompt: 'ewa ewc pairs, z lookback 60, in 2 out 0.5',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('EWA'), etf('EWC')],
      signals: [{ kind: 'pairs', params: { period: 60, entry: 2, exit: 0.5 } }],
    },
  },
  {
    id: 'eq-14',
    prompt:
      'Keltner channel breakout on AMZN: 20-day EMA midline with 2.5 ATR bands, buy a close above the upper band, exit below the midline.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('AMZN')],
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 2.5 } }],
    },
  },
  {
    id: 'eq-15',
    prompt:
      'Turn-of-the-month effect on IWM: in the market from the last trading day of the month through the third trading day of the next, otherwise in cash. 2000 to 2024.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('IWM')],
      signals: [{ kind: 'calendar' }],
      period: { start: '2000-01-01', end: '2024-12-31' },
    },
  },
  {
    id: 'eq-16',
    prompt: 'buy and hold qqq with a 20% trailing stop, 40k starting cash',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('QQQ')],
      signals: [{ kind: 'buy-and-hold' }],
      risk: { trailingStop: { amount: 0.2, unit: 'fraction' } },
      cash: 40000,
    },
  },
  {
    id: 'eq-17',
    prompt:
      "I'm building a retirement-style allocation and want to avoid big swings. Just hold SPY, TLT, GLD and DBC, but rather than fixed weights, scale the whole portfolio to target 10% annualized volatility. Rebalance on the first trading day of every month. Please also stop everything if the drawdown ever goes past 15%. Start date January 2008, end December 2022, and assume $1M.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('SPY'), etf('TLT'), etf('GLD'), etf('DBC')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'volatility-target', target: 0.1 },
      risk: { maxDrawdown: 0.15 },
      schedule: { every: 'month', at: 'start' },
      period: { start: '2008-01-01', end: '2022-12-31' },
      cash: 1000000,
    },
  },
  {
    id: 'eq-18',
    prompt: 'microsfot hourly bars, 10/50 sma crosover',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'sma-crossover', params: { fast: 10, slow: 50 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'eq-19',
    prompt:
      'Donchian breakout on XOM, CVX and COP: buy the 40-day high, sell the 20-day low, risk 0.75% of equity per trade with position size from 2.5x ATR.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('XOM'), equity('CVX'), equity('COP')],
      signals: [{ kind: 'donchian', params: { period: 40, exit: 20 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.0075, from: 'atr', atrMultiple: 2.5 },
    },
  },
  {
    id: 'eq-20',
    prompt: 'hold jnj pg ko equal weight, rebal quarterly',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('JNJ'), equity('PG'), equity('KO')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'quarter' },
    },
  },
  {
    id: 'eq-21',
    prompt: 'z-score mean reversion on xlu: 20 day lookback, buy at -1.5, exit at 0, long only',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('XLU')],
      direction: 'long',
      signals: [{ kind: 'zscore', params: { period: 20, entry: 1.5, exit: 0 } }],
    },
  },
  {
    id: 'eq-22',
    prompt: 'Gap-and-go on NVDA: if it opens 3% or more above the prior close, buy and close the position by 12:00, 5-minute bars.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('NVDA')],
      bar: { size: 5, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.03 } }],
      risk: { flatBy: '12:00' },
    },
  },
  {
    id: 'eq-23',
    prompt:
      "Hi! I have a value-ish income idea that I want to sanity check before putting real money in. Every quarter, buy the 30 US stocks with the highest dividend yield, but only ones trading above $5 so we avoid junk. Weight them equally. I'm fine with daily data. Could we start it in 2012 with $250k?",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      bar: { size: 1, unit: 'day' },
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'quarter' },
      universe: { kind: 'fundamental', count: 30, by: 'dividend-yield', minPrice: 5 },
      period: { start: '2012-01-01' },
      cash: 250000,
    },
  },
  {
    id: 'eq-24',
    prompt: 'macd histogram on teh nasdaq etf QQQ, 12,26,9, dialy bars, 7% stop',
    assetClass: 'etf',
    style: 'typos',
    expect: {
      instruments: [etf('QQQ')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      risk: { stopLoss: { amount: 0.07, unit: 'fraction' } },
    },
  },
  {
    id: 'eq-25',
    prompt: 'Sell in May: be in SPY from November through April and sit in SHY from May to October.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('SPY'), etf('SHY')],
      signals: [{ kind: 'calendar' }],
    },
  },
  {
    id: 'eq-26',
    prompt: 'meta bb 20 2 5m flat 15:55',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('META')],
      bar: { size: 5, unit: 'minute' },
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2 } }],
      risk: { flatBy: '15:55' },
    },
  },
  {
    id: 'eq-27',
    prompt: 'rsi(14) on msft and googl, buy below 30, sell above 65, 10% per position, 2015 to 2019',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [equity('MSFT'), equity('GOOGL')],
      signals: [{ kind: 'rsi', params: { period: 14, lower: 30, upper: 65 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.1 },
      period: { start: '2015-01-01', end: '2019-12-31' },
    },
  },
  {
    id: 'eq-28',
    prompt: 'Bollinger breakout on SMH that only trades in high-volatility regimes measured by 60-day realized volatility, long and short.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('SMH')],
      direction: 'both',
      signals: [{ kind: 'bollinger' }],
      filters: [{ kind: 'volatility', regime: 'high', period: 60 }],
    },
  },
  {
    id: 'eq-29',
    prompt:
      "Permanent-portfolio style, but tilted: hold 30% SPY, 30% TLT, 20% GLD and 20% SHY. I don't want to rebalance too often, but monthly felt too slow in 2020, so rebalance every Friday. No leverage, no shorts. Let's see 2007 to 2024.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('SPY'), etf('TLT'), etf('GLD'), etf('SHY')],
      direction: 'long',
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { SPY: 0.3, TLT: 0.3, GLD: 0.2, SHY: 0.2 } },
      schedule: { every: 'week', weekday: 'friday' },
      period: { start: '2007-01-01', end: '2024-12-31' },
    },
  },
  {
    id: 'eq-30',
    prompt: 'ema crosover 8 and 21 on amzm, 1 hour candels',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'ema-crossover', params: { fast: 8, slow: 21 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'eq-31',
    prompt: 'From the Dow 30 (DIA holdings), take the 10 largest by market cap and rank them weekly on 4-week momentum, holding the top 3.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'momentum', params: { period: 20, top: 3 } }],
      schedule: { every: 'week' },
      universe: { kind: 'etf-constituents', etf: 'DIA', count: 10, by: 'market-cap' },
    },
  },
  {
    id: 'eq-32',
    prompt: 'spy efa agg 12-1 mom, top 1, monthly',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('SPY'), etf('EFA'), etf('AGG')],
      signals: [{ kind: 'momentum', params: { period: 252, skip: 21, top: 1 } }],
      schedule: { every: 'month' },
    },
  },
  {
    id: 'eq-33',
    prompt: 'sell amd when it stretches 0.6% above vwap and buy back at vwap, shorts only, 2 minute bars',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [equity('AMD')],
      bar: { size: 2, unit: 'minute' },
      direction: 'short',
      signals: [{ kind: 'vwap', params: { threshold: 0.006 } }],
    },
  },
  {
    id: 'eq-34',
    prompt: 'Buy a 10-day high breakout in TSLA and exit after 5 trading days.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('TSLA')],
      signals: [{ kind: 'donchian', params: { period: 10 } }],
      risk: { timeExit: { count: 5, unit: 'day' } },
    },
  },
  {
    id: 'eq-35',
    prompt:
      "Something for choppy markets: on XLF, use Keltner channels with a 20-period midline and 2 ATR bands on 30-minute bars. Buy touches of the lower band, sell touches of the upper band. The catch is I only want it active when the VIX is above 15 but below 30, because outside that range it's either dead or crazy. Flat by 15:45 every day.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('XLF')],
      bar: { size: 30, unit: 'minute' },
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 2 } }],
      risk: { flatBy: '15:45' },
      filters: [{ kind: 'vix', above: 15, below: 30 }],
    },
  },
  {
    id: 'eq-36',
    prompt: 'bolinger bands 10 perod 1.5 std on iwm, buy lowr band, 3 day time stop',
    assetClass: 'etf',
    style: 'typos',
    expect: {
      instruments: [etf('IWM')],
      signals: [{ kind: 'bollinger', params: { period: 10, std: 1.5 } }],
      risk: { timeExit: { count: 3, unit: 'day' } },
    },
  },
  {
    id: 'eq-37',
    prompt: 'nflx rsi2 <5 >60 daily',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('NFLX')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'rsi', params: { period: 2, lower: 5, upper: 60 } }],
    },
  },
  {
    id: 'eq-38',
    prompt:
      'alpha: rank(close - open) / (high - low) on aapl msft nvda amzn meta googl, rebalance every day at 15:45, equal weight long/short',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [equity('AAPL'), equity('MSFT'), equity('NVDA'), equity('AMZN'), equity('META'), equity('GOOGL')],
      direction: 'both',
      signals: [{ kind: 'alpha-formula' }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'day', time: '15:45' },
    },
  },
  {
    id: 'eq-39',
    prompt: 'Run a 20/50 SMA crossover on each of the 20 largest S&P 500 stocks by market cap, 5% of equity per position, stop at 8%.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'sma-crossover', params: { fast: 20, slow: 50 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.05 },
      risk: { stopLoss: { amount: 0.08, unit: 'fraction' } },
      universe: { kind: 'etf-constituents', etf: 'SPY', count: 20, by: 'market-cap' },
    },
  },
  {
    id: 'eq-40',
    prompt:
      "I manage a small fund and I'm tired of discretionary trading. What I'd like is to trade BAC, C, WFC and JPM, the big banks, with a MACD signal line cross using 12, 26 and 9 on hourly bars. Every position should be sized so that we risk 1% of equity based on a 5% stop loss. Also we should be totally flat before the close, by 15:50. Test period June 2019 to June 2023, starting capital 2 million.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [equity('BAC'), equity('C'), equity('WFC'), equity('JPM')],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'stop' },
      risk: { stopLoss: { amount: 0.05, unit: 'fraction' }, flatBy: '15:50' },
      period: { start: '2019-06-01', end: '2023-06-30' },
      cash: 2000000,
    },
  },
  {
    id: 'eq-41',
    prompt: 'dual simple moving avrage 30/90 on Costco with a 12% trailling stop',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('COST')],
      signals: [{ kind: 'sma-crossover', params: { fast: 30, slow: 90 } }],
      risk: { trailingStop: { amount: 0.12, unit: 'fraction' } },
    },
  },
  {
    id: 'eq-42',
    prompt: 'Fade opening gaps in DIA larger than 0.75% and exit by 10:30.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('DIA')],
      signals: [{ kind: 'gap', params: { threshold: 0.0075 } }],
      risk: { flatBy: '10:30' },
    },
  },
  {
    id: 'eq-43',
    prompt: 'hold the top 5 nasdaq 100 stocks by 6 month momentum, rebalance on the last trading day of the month',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [],
      signals: [{ kind: 'momentum', params: { period: 126, top: 5 } }],
      schedule: { every: 'month', at: 'end' },
      universe: { kind: 'etf-constituents', etf: 'QQQ' },
    },
  },
  {
    id: 'eq-44',
    prompt: 'uso gap fade >2% 15m',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('USO')],
      bar: { size: 15, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.02 } }],
    },
  },
  {
    id: 'eq-45',
    prompt: 'Be in EEM only when its 50-day EMA is above the 200-day EMA; otherwise move to IEF.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('EEM'), etf('IEF')],
      signals: [{ kind: 'ema-crossover', params: { fast: 50, slow: 200 } }],
    },
  },
  {
    id: 'eq-46',
    prompt:
      "I've noticed that the utilities ETF XLU and the staples ETF XLP both get hammered when rates spike, then snap back. Instead of pairing them, I want to trade each one on its own: compute the z-score of price against its 30-day average, buy when it drops below minus 2, sell when it climbs back above minus 0.5, and never short. Use 15% of the portfolio for each trade.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('XLU'), etf('XLP')],
      direction: 'long',
      signals: [{ kind: 'zscore', params: { period: 30, entry: 2, exit: 0.5 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.15 },
    },
  },
  {
    id: 'eq-47',
    prompt: 'rsi 14 on tesal, buy when its below 30',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [],
      signals: [{ kind: 'rsi', params: { period: 14, lower: 30 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'eq-48',
    prompt: 'Trade TQQQ with a 10/40 EMA crossover and size it to a 20% annualized volatility target.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('TQQQ')],
      signals: [{ kind: 'ema-crossover', params: { fast: 10, slow: 40 } }],
      sizing: { kind: 'volatility-target', target: 0.2 },
    },
  },
  {
    id: 'eq-49',
    prompt: 'pairs trade on gs and ms, 250 day lookback, entry 1.75 exit 0.25, 4% stop',
    assetClass: 'equity',
    style: 'lowercase',
    expect: {
      instruments: [equity('GS'), equity('MS')],
      signals: [{ kind: 'pairs', params: { period: 250, entry: 1.75, exit: 0.25 } }],
      risk: { stopLoss: { amount: 0.04, unit: 'fraction' } },
    },
  },
  {
    id: 'eq-50',
    prompt: 'intc buy&hold 2000-2010',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('INTC')],
      signals: [{ kind: 'buy-and-hold' }],
      period: { start: '2000-01-01', end: '2010-12-31' },
    },
  },
  {
    id: 'eq-51',
    prompt: 'Pre-holiday effect: buy SPY at the close on the day before each US market holiday and sell at the next close.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('SPY')],
      signals: [{ kind: 'calendar' }],
    },
  },
  {
    id: 'eq-52',
    prompt:
      "My approach to small caps: I only want to be in IWM when the broader market is healthy. So check every Monday morning: if QQQ is above its 100-day EMA and IWM's 10-day SMA is above its 30-day SMA, be in IWM; otherwise cash. Use 50% of the account. Test 2010 onward please.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('IWM')],
      signals: [{ kind: 'sma-crossover', params: { fast: 10, slow: 30 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.5 },
      schedule: { every: 'week', weekday: 'monday' },
      filters: [{ kind: 'trend', period: 100, average: 'ema', side: 'above', symbol: 'QQQ' }],
      period: { start: '2010-01-01' },
    },
  },
  {
    id: 'eq-53',
    prompt: 'donchain chanel 20 on gld, exit on 10 day low, risk 2% per trad with a 4% stopp',
    assetClass: 'etf',
    style: 'typos',
    expect: {
      instruments: [etf('GLD')],
      signals: [{ kind: 'donchian', params: { period: 20, exit: 10 } }],
      sizing: { kind: 'risk-per-trade', fraction: 0.02, from: 'stop' },
      risk: { stopLoss: { amount: 0.04, unit: 'fraction' } },
    },
  },
  {
    id: 'eq-54',
    prompt: 'just buy and hold vti, but liquidate if the portfolio falls 25% from its high, from 2000 to 2012',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('VTI')],
      signals: [{ kind: 'buy-and-hold' }],
      risk: { maxDrawdown: 0.25 },
      period: { start: '2000-01-01', end: '2012-12-31' },
    },
  },
  {
    id: 'eq-55',
    prompt: 'qqq keltner 20 2 1h long/short',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('QQQ')],
      bar: { size: 1, unit: 'hour' },
      direction: 'both',
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 2 } }],
    },
  },
  {
    id: 'eq-56',
    prompt: 'MACD 5/35/5 on Caterpillar with weekly bars, enter on the signal-line cross up, exit on the cross down.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('CAT')],
      bar: { size: 1, unit: 'week' },
      signals: [{ kind: 'macd', params: { fast: 5, slow: 35, signal: 5 } }],
    },
  },
  {
    id: 'eq-57',
    prompt:
      "Every morning at the open a lot of tech names overshoot. Could you look at AAPL, MSFT and NVDA and, whenever one opens more than 1.5% below yesterday's close, buy it and hold it for at most two hours, with a 1% stop? Use 1-minute bars and only consider entries between 09:30 and 10:00.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [equity('AAPL'), equity('MSFT'), equity('NVDA')],
      bar: { size: 1, unit: 'minute' },
      signals: [{ kind: 'gap', params: { threshold: 0.015 } }],
      risk: { stopLoss: { amount: 0.01, unit: 'fraction' }, timeExit: { count: 2, unit: 'hour' } },
      filters: [{ kind: 'time-of-day', after: '09:30', before: '10:00' }],
    },
  },
  {
    id: 'eq-58',
    prompt: 'mean reversion with boilinger on Pfizer and Merck, 20 day, 2 stdev, exit when price touchs the middle band',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('PFE'), equity('MRK')],
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2 } }],
    },
  },
  {
    id: 'eq-59',
    prompt:
      'Universe: the 200 US stocks with the highest trading volume. Signal: RSI(3) below 10 to buy, above 70 to sell. Max 20 positions at 5% each.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'rsi', params: { period: 3, lower: 10, upper: 70 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.05 },
      universe: { kind: 'fundamental', count: 200, by: 'volume' },
    },
  },
  {
    id: 'eq-60',
    prompt: 'weekly rebalance every wednesday into the 2 best of xlk xly xli xlb by 10 week momentum',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('XLK'), etf('XLY'), etf('XLI'), etf('XLB')],
      signals: [{ kind: 'momentum', params: { period: 50, top: 2 } }],
      schedule: { every: 'week', weekday: 'wednesday' },
    },
  },
  {
    id: 'eq-61',
    prompt: 'ba sma 9 26 30min',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('BA')],
      bar: { size: 30, unit: 'minute' },
      signals: [{ kind: 'sma-crossover', params: { fast: 9, slow: 26 } }],
    },
  },
  {
    id: 'eq-62',
    prompt: 'Buy DIS when RSI(10) drops under 25; take profit at 6%, stop at 3%, and exit after 15 bars if neither is hit.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('DIS')],
      signals: [{ kind: 'rsi', params: { period: 10, lower: 25 } }],
      risk: {
        stopLoss: { amount: 0.03, unit: 'fraction' },
        takeProfit: { amount: 0.06, unit: 'fraction' },
        timeExit: { count: 15, unit: 'bar' },
      },
    },
  },
  {
    id: 'eq-63',
    prompt:
      "Quick background: I've been reading the 101 Formulaic Alphas paper and want to try Alpha#101, which is (close - open) / ((high - low) + 0.001). Apply it to the stocks in the XLK ETF, rebalance once a day, long only, buying the top-ranked names with equal weights. If you can, test 2019 to 2021 with one hundred thousand dollars.",
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      direction: 'long',
      signals: [{ kind: 'alpha-formula' }],
      sizing: { kind: 'equal-weight' },
      schedule: { every: 'day' },
      universe: { kind: 'etf-constituents', etf: 'XLK' },
      period: { start: '2019-01-01', end: '2021-12-31' },
      cash: 100000,
    },
  },
  {
    id: 'eq-64',
    prompt: 'vwap reverson on amd 0.3% below vwap buy, exit vwap, 5 minite bars, flatt by 15:58',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('AMD')],
      bar: { size: 5, unit: 'minute' },
      signals: [{ kind: 'vwap', params: { threshold: 0.003 } }],
      risk: { flatBy: '15:58' },
    },
  },
  {
    id: 'eq-65',
    prompt: 'sma 50/200 cross on dia, only while spy is above its 200 sma',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('DIA')],
      signals: [{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }],
      filters: [{ kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' }],
    },
  },
  {
    id: 'eq-66',
    prompt: 'Mean reversion on HYG: buy when it falls 25 bps below VWAP, with a 50 bps stop and a 40 bps target.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('HYG')],
      signals: [{ kind: 'vwap', params: { threshold: 0.0025 } }],
      risk: { stopLoss: { amount: 0.005, unit: 'fraction' }, takeProfit: { amount: 0.004, unit: 'fraction' } },
    },
  },
  {
    id: 'eq-67',
    prompt: 'lly ema 12/48 4h tp 5% sl 2%',
    assetClass: 'equity',
    style: 'terse',
    expect: {
      instruments: [equity('LLY')],
      bar: { size: 4, unit: 'hour' },
      signals: [{ kind: 'ema-crossover', params: { fast: 12, slow: 48 } }],
      risk: { stopLoss: { amount: 0.02, unit: 'fraction' }, takeProfit: { amount: 0.05, unit: 'fraction' } },
    },
  },
  {
    id: 'eq-68',
    prompt:
      "There's a well-known pattern where stocks drift up in the days before FOMC announcements. I'd like to capture the pre-FOMC drift on SPY: get in the day before each scheduled Fed announcement and get out at the close of announcement day. Only do it when the VIX is under 30, and size each trade at 100% of equity.",
    assetClass: 'etf',
    style: 'rambling',
    expect: {
      instruments: [etf('SPY')],
      signals: [{ kind: 'calendar' }],
      sizing: { kind: 'fixed-fraction', fraction: 1 },
      filters: [{ kind: 'vix', below: 30 }],
    },
  },
  {
    id: 'eq-69',
    prompt: 'QQQ IWM EFA TLT relatve strength: buy the 2 stongest on 60 day return, rebalence monthly',
    assetClass: 'etf',
    style: 'typos',
    expect: {
      instruments: [etf('QQQ'), etf('IWM'), etf('EFA'), etf('TLT')],
      signals: [{ kind: 'momentum', params: { period: 60, top: 2 } }],
      schedule: { every: 'month' },
    },
  },
  {
    id: 'eq-70',
    prompt: 'buy xbi when it closes above the upper bollinger band (20, 2) and sell below the middle band, daily bars, 2x atr stop',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('XBI')],
      bar: { size: 1, unit: 'day' },
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2 } }],
      risk: { stopLoss: { amount: 2, unit: 'atr' } },
    },
  },
  {
    id: 'eq-71',
    prompt:
      'Z-score reversion on KRE over a 40-day window: buy below -2.25, exit at 0, max drawdown 12%, from March 2020 to December 2021.',
    assetClass: 'etf',
    style: 'plain',
    expect: {
      instruments: [etf('KRE')],
      signals: [{ kind: 'zscore', params: { period: 40, entry: 2.25, exit: 0 } }],
      risk: { maxDrawdown: 0.12 },
      period: { start: '2020-03-01', end: '2021-12-31' },
    },
  },
  {
    id: 'eq-72',
    prompt: 'tlt ief 70/30 hold, rebal yearly',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('TLT'), etf('IEF')],
      signals: [{ kind: 'buy-and-hold' }],
      sizing: { kind: 'weights', weights: { TLT: 0.7, IEF: 0.3 } },
      schedule: { every: 'year' },
    },
  },
  {
    id: 'eq-73',
    prompt: 'golden cros on gogl using the 50 and 200 day smas, 5% stopp',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [],
      signals: [{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }],
      risk: { stopLoss: { amount: 0.05, unit: 'fraction' } },
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'eq-74',
    prompt:
      'Okay, this one is a bit more involved, bear with me. Start from the 50 largest US companies by market cap. Every Monday, rank them by their 3-month return but skip the most recent week to avoid short-term reversal, then hold the 5 strongest with each stock getting an equal share. I also want a circuit breaker: if the account drops 20% from its peak, stop trading entirely. Nothing else fancy.',
    assetClass: 'equity',
    style: 'rambling',
    expect: {
      instruments: [],
      signals: [{ kind: 'momentum', params: { period: 63, skip: 5, top: 5 } }],
      sizing: { kind: 'equal-weight' },
      risk: { maxDrawdown: 0.2 },
      schedule: { every: 'week', weekday: 'monday' },
      universe: { kind: 'fundamental', count: 50, by: 'market-cap' },
    },
  },
  {
    id: 'eq-75',
    prompt:
      'From the Russell 2000 (IWM holdings), keep the 50 most traded by dollar volume and buy any that close above the upper Keltner channel (20, 2), 2% per position.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'keltner', params: { period: 20, multiplier: 2 } }],
      sizing: { kind: 'fixed-fraction', fraction: 0.02 },
      universe: { kind: 'etf-constituents', etf: 'IWM', count: 50, by: 'dollar-volume' },
    },
  },
  {
    id: 'eq-76',
    prompt: 'santa claus rally on qqq: in the market for the last 5 trading days of december and the first 2 of january',
    assetClass: 'etf',
    style: 'lowercase',
    expect: {
      instruments: [etf('QQQ')],
      signals: [{ kind: 'calendar' }],
    },
  },
  {
    id: 'eq-77',
    prompt: 'pairs trde on UPS and FDX, lookback 100, entrry 2, exitt 0',
    assetClass: 'equity',
    style: 'typos',
    expect: {
      instruments: [equity('UPS'), equity('FDX')],
      signals: [{ kind: 'pairs', params: { period: 100, entry: 2, exit: 0 } }],
    },
  },
  {
    id: 'eq-78',
    prompt: 'iwm 4h rsi 7 20/80 both directions',
    assetClass: 'etf',
    style: 'terse',
    expect: {
      instruments: [etf('IWM')],
      bar: { size: 4, unit: 'hour' },
      direction: 'both',
      signals: [{ kind: 'rsi', params: { period: 7, lower: 20, upper: 80 } }],
    },
  },

  {
    id: 'eq-79',
    prompt:
      'Cross-sectional factor on the XLF holdings: alpha = -ts_corr(close, volume, 20), long/short, rebalanced every Wednesday, 20% max drawdown.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      direction: 'both',
      signals: [{ kind: 'alpha-formula' }],
      risk: { maxDrawdown: 0.2 },
      schedule: { every: 'week', weekday: 'wednesday' },
      universe: { kind: 'etf-constituents', etf: 'XLF' },
    },
  },

  // ---------------------------------------------------------------- bad input and edge cases
  {
    id: 'edge-01',
    prompt: '   \n\t  \n',
    assetClass: 'none',
    style: 'plain',
    expect: { instruments: [], problems: ['empty'] },
  },
  {
    id: 'edge-02',
    prompt: '用20日和50日均线交叉策略交易苹果股票，止损5%，回测2018到2022年',
    assetClass: 'none',
    style: 'plain',
    expect: { instruments: [], problems: ['not-english'] },
  },
  {
    id: 'edge-03',
    prompt: 'Стратегия пересечения скользящих средних 10 и 30 для биткоина на Binance, часовые свечи',
    assetClass: 'none',
    style: 'plain',
    expect: { instruments: [], problems: ['not-english'] },
  },
  {
    id: 'edge-04',
    prompt: 'SMA 20/50 crossover entries on DIS, strictly long-only, plus a short position every time RSI(14) tops 75.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('DIS')],
      signals: [
        { kind: 'sma-crossover', params: { fast: 20, slow: 50 } },
        { kind: 'rsi', params: { period: 14, upper: 75 } },
      ],
      problems: ['contradiction'],
    },
  },
  {
    id: 'edge-05',
    prompt: 'Backtest an EMA 10/30 crossover on IBM from 2021 to 2017.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('IBM')],
      signals: [{ kind: 'ema-crossover', params: { fast: 10, slow: 30 } }],
      problems: ['contradiction'],
    },
  },
  {
    id: 'edge-06',
    prompt: 'Fade closes outside 2-sigma Bollinger bands (20 days) on ZZQX',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'bollinger', params: { period: 20, std: 2 } }],
      problems: ['unknown-ticker'],
    },
  },
  {
    id: 'edge-07',
    prompt: 'Write me a mean-reversion strategy with RSI(2) and a 5-day time exit.',
    assetClass: 'none',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'rsi', params: { period: 2 } }],
      risk: { timeExit: { count: 5, unit: 'day' } },
    },
  },
  {
    id: 'edge-08',
    prompt: 'Ichimoku cloud breakout on BTC/USD on Kraken, daily bars',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [crypto('BTCUSD', 'kraken')],
      bar: { size: 1, unit: 'day' },
    },
  },
  {
    id: 'edge-09',
    prompt:
      'Enter CAT when the stochastic oscillator %K crosses above 20, confirmed by a 20/50 SMA crossover; exit on a parabolic SAR flip.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('CAT')],
      signals: [{ kind: 'sma-crossover', params: { fast: 20, slow: 50 } }],
    },
  },
  {
    id: 'edge-10',
    prompt: `Why does my RSI strategy on SPY lose money? Here is the whole log: ${PASTED_LOG.repeat(260)}`,
    assetClass: 'none',
    style: 'rambling',
    expect: { instruments: [], problems: ['too-long'] },
  },
  {
    id: 'edge-11',
    prompt: 'Trend following on XMR on Coinbase with a 50/200 SMA crossover',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [],
      signals: [{ kind: 'sma-crossover', params: { fast: 50, slow: 200 } }],
      problems: ['not-listed'],
    },
  },
  {
    id: 'edge-12',
    prompt: 'RSI(14) mean reversion on ETH on Robinhood, 1h bars',
    assetClass: 'crypto',
    style: 'plain',
    expect: {
      instruments: [],
      bar: { size: 1, unit: 'hour' },
      signals: [{ kind: 'rsi', params: { period: 14 } }],
      problems: ['unknown-market'],
    },
  },
  {
    id: 'edge-13',
    prompt: 'something that makes money in a bear market',
    assetClass: 'none',
    style: 'lowercase',
    expect: { instruments: [] },
  },
  {
    id: 'edge-14',
    prompt: 'Cruce de medias móviles de 10 y 30 días en el SPY, con un stop del 5% y capital de 50.000 dólares',
    assetClass: 'none',
    style: 'plain',
    expect: { instruments: [], problems: ['not-english'] },
  },
  {
    id: 'edge-15',
    prompt: 'NVDA',
    assetClass: 'equity',
    style: 'terse',
    expect: { instruments: [equity('NVDA')] },
  },
  {
    id: 'edge-16',
    prompt: 'I think it is a good time to BUY ALL the dips in AMD',
    assetClass: 'equity',
    style: 'plain',
    expect: { instruments: [equity('AMD')] },
  },
  {
    id: 'edge-17',
    prompt: 'Long/short pairs trade on V and MA with a 2.0 z-score entry, but no shorting is allowed in my account.',
    assetClass: 'equity',
    style: 'plain',
    expect: {
      instruments: [equity('V'), equity('MA')],
      signals: [{ kind: 'pairs', params: { entry: 2 } }],
      problems: ['contradiction'],
    },
  },
];

// Coverage, counted from INTENT_SET (189 cases):
// - by id: crypto 19, fx 17, fut 17, opt 17, idx 10, cfd 9, mix 4, eq 79, edge 17.
// - by assetClass: crypto 22 (with edge-08, edge-11, edge-12), forex 17, future 17, option 17, index 10,
//   cfd 9, mixed 4, equity 50, etf 36, none 7.
// - by style: plain 67, terse 34, lowercase 32, rambling 29, typos 27.
// - by signal kind (cases): rsi 18, sma-crossover 17, momentum 16, ema-crossover 15, buy-and-hold 14,
//   macd 12, bollinger 11, pairs 11, donchian 10, keltner 9, calendar 9, gap 8, vwap 7, zscore 6,
//   alpha-formula 5.
// - markets: usa 95 instruments, oanda 25, coinbase 8, cme 9, cbot 7, comex 5, nymex 4, binance 5, kraken 5,
//   bitfinex 2, bybit 2, fxcm 3, eurex 1, ose 1, hkfe 1; types: etf 43, equity 37, crypto 21, cryptofuture 1,
//   forex 18, future 19 (cases: ES 6, GC 4, ZN 4, CL 3, NQ 2, 6E 2, and YM ZB ZC ZS NG SI MES 1 each), option 17,
//   index 10, cfd 10.
// - bar sizes (78 cases): 1 minute 4, 2 minute 1, 5 minute 6, 15 minute 7, 30 minute 5, 1 hour 20,
//   4 hour 10, 1 day 20, 1 week 5. direction 24 (long, short, both).
// - sizing (43): fixed-fraction 14, equal-weight 11, risk-per-trade 8 (from stop and from ATR), weights 5,
//   volatility-target 5.
// - risk: stopLoss 22 (fraction, atr, std, pips, usd), flatBy 14, timeExit 11 (bar, hour, day), takeProfit 10,
//   maxDrawdown 10, trailingStop 9.
// - schedule (37): month 14, week 11 (weekday 9), quarter 6, day 5 (time 1), year 1; at start 3 and at end 3
//   (month 2 + 2, quarter 1 + 1). universe 12: etf-constituents 8 (with count/by 3), fundamental 4 (with minPrice 2).
// - filters 16: trend 7 (on another symbol 3), time-of-day 4, vix 3 (below, above and below), volatility 2.
// - period 32, cash 16.
// - bad input and edge cases 23 with a problem or an edge id: unknown-ticker 7 (appl, nvdia, microsfot, amzm,
//   tesal, gogl, ZZQX), contradiction 3 (direction twice, inverted period), not-english 3 (Chinese, Russian,
//   Spanish), empty 1, too-long 1, not-listed 1, unknown-market 1; unsupported indicators (Ichimoku,
//   stochastic, parabolic SAR) 2; no instrument 2; a bare ticker 1; a ticker-like English word 1.
