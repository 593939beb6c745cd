// Words of strategy prompts, in one place for every reader of prompts (the request reader and the
// template library's prompt reader) and for the writer of prompts (the training-data phraser,
// generation/compose/phraseRequest.ts), so that what one writes the other reads.
import type { BarUnit, SignalKind } from './types';

/** Upper-case words that are not tickers: indicators, units, currencies, exchanges, common words. */
export const NOT_TICKERS = new Set(
  (
    'A I AN AND AS AT BE BY DO GO IF IN IS IT ME MY NO OF ON OR SO TO UP US WE ' +
    'THE FOR BUY SELL WITH WHEN THEN STOP LOSS LONG SHORT HOLD TOP ALL ANY NOT BUT USE FROM INTO OVER UNDER ABOVE BELOW ' +
    'ELSE EACH HIGH LOW OPEN CLOSE PRICE NEW MAX MIN AVG SUM DAY DAYS WEEK MONTH YEAR DAILY DATA BARS BAR ONLY ALSO ' +
    'YTD MTD QTD EOD EST EDT UTC GMT CEO CFO IPO EPS ROE ROI ROA PE PEG EV PNL CAGR DD MDD VAR CVAR ATH ATL OHLC OHLCV ' +
    'TA FA ML AI NLP LLM GPT API SDK CLI JSON CSV LEAN QC IB IBKR HFT FX CFD ETF ETFS ETN REIT ADR OTC NYSE AMEX CBOE ' +
    'CME SEC FED FOMC GDP CPI PPI NFP QE USD EUR GBP JPY CHF CAD AUD BTC ETH VIX ' +
    'SMA EMA WMA HMA DEMA TEMA KAMA MA DMA RSI MACD ATR ADX DMI CCI OBV MFI ROC MOM BB BBANDS KC DC DCH STD SD VWAP ' +
    'TWAP PSAR SAR STOCH TRIX AO PPO APO WR KST RVI ZSCORE SL TP TS RR PM AM ET PT CT MT OK TLDR PS NB FYI ASAP IMO ' +
    'ETC IE EG VS PCT HR WORLDQUANT FAANG MAG ALPHA UK EU DTE OTM ITM ATM OLS BPS PIPS PIP GTC MOC MOO ' +
    'CTA AUM NAV RSS USA US ADV ATR PE FX EMAS SMAS GICS TBD NA'
  ).split(' '),
);

/**
 * Lower-case English words of strategy prompts that are never read as a lower-case ticker or a misspelt
 * one, though some are listed symbols ("fast" is Fastenal's FAST, "turn" TURN): written in lower case
 * they are words. Written in capitals, or with a `$`, they are still read as tickers.
 */
export const STRATEGY_WORDS = new Set(
  (
    'fast slow pair pairs fade fades turn rank ranks just more most less exit exits enter entry lower upper hedge hedged ' +
    'gap gaps band bands cross trend dip dips mean spread hold holds stop stops size sized risk top best worst week weeks ' +
    'month year day days open close high low price long short buy sell when then cash vol beta alpha delta theta gamma ' +
    'vega roll rolls call calls put puts wheel collar grid scalp swing each every both half full flat out into back ' +
    'daily hour bar bars time base fund funds gold oil bond bonds rate rates cap caps big small value growth quality ' +
    'edge rule rules fire run runs go going make keep take tight wide new next last prior past peak zero one two ten ' +
    'ever over under above below near far cut adds add plus net gross real fee fees tick ticks lot lots unit units ' +
    'win wins loss lose sure safe calm wild hot cold fear trade trades buys sells good bad well very also only alone ' +
    'max min avg mid total limit cap hard soft tech biotech fintech semis reit reits perp perps perpetual perpetuals ' +
    'micro mini emini'
  ).split(' '),
);

/** Each signal kind's name as a prompt writes it, and as the reader quotes it back ("the RSI period ..."). */
export const SIGNAL_NAMES: Readonly<Record<SignalKind, string>> = {
  'sma-crossover': 'SMA crossover',
  'ema-crossover': 'EMA crossover',
  rsi: 'RSI',
  bollinger: 'Bollinger band',
  macd: 'MACD',
  donchian: 'Donchian channel',
  keltner: 'Keltner channel',
  zscore: 'z-score',
  momentum: 'momentum',
  pairs: 'pairs',
  vwap: 'VWAP',
  gap: 'gap',
  calendar: 'calendar',
  'alpha-formula': 'alpha formula',
  'buy-and-hold': 'buy and hold',
};

/** Coin names people write for the codes exchanges list ("bitcoin" is BTC). */
export const COIN_NAMES: Readonly<Record<string, string>> = {
  bitcoin: 'BTC',
  ether: 'ETH',
  ethereum: 'ETH',
  solana: 'SOL',
  litecoin: 'LTC',
  dogecoin: 'DOGE',
  ripple: 'XRP',
  cardano: 'ADA',
};

/** The word naming a bar of one unit before "bars" or "candles": "daily bars", "minute bars". */
export const BAR_UNIT_NAMES: Readonly<Record<BarUnit, string>> = {
  second: 'second',
  minute: 'minute',
  hour: 'hourly',
  day: 'daily',
  week: 'weekly',
};
