// The request-conformance check on algorithms of our own: each correct one has no mismatch, and each
// fault injected into one is reported under its field, quoting the prompt's words. Requests are built
// by hand here (not read from the prompt), so these tests pin the check alone.
import { emptyRequest } from '../../extension/core/request/readRequest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRequestSource,
  classLine,
  createRequestChecker,
  REQUEST_MISMATCH,
  toDiagnostics,
  type RequestChecker,
  type RequestMismatch,
} from '../../extension/core/conformance/index';
import type { Instrument, Read, Span, StrategyRequest } from '../../extension/core/request/types';
import type { SecurityType } from '../../extension/core/request/symbols';
import { loadPythonParser, type PythonParser } from '../../extension/core/validation/pythonParser';
import { repositoryRoot } from '../repositoryRoot';
import { parserAssets } from './parserAssets';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser(parserAssets);
});
afterAll(() => parser.dispose());

// ---- Building requests by hand ---------------------------------------------------------------------

/** The span of `words` in `prompt` (the first one at or after `from`). */
function span(prompt: string, words: string, from = 0): Span {
  const start = prompt.indexOf(words, from);
  if (start < 0) throw new Error(`"${words}" is not in the prompt "${prompt}"`);
  return { start, end: start + words.length };
}

/** A request builder over one prompt: every value keeps the span of the words it quotes. */
function over(prompt: string) {
  return {
    at: (words: string): Span => span(prompt, words),
    read: <T>(words: string, value: T): Read<T> => ({ value, span: span(prompt, words) }),
    instrument: (
      words: string,
      symbol: string,
      securityType: SecurityType,
      market: string,
      extra: Partial<Instrument> = {},
    ): Instrument => ({
      symbol,
      securityType,
      market,
      marketStated: false,
      span: span(prompt, words),
      ...extra,
    }),
    request: (parts: Partial<StrategyRequest>): StrategyRequest => ({ ...emptyRequest(prompt), ...parts }),
  };
}

function check(code: string, request: StrategyRequest): RequestMismatch[] {
  return checkRequestSource(parser, code, request);
}

/** `code` with `from` replaced by `to`; `from` must be there, so a test cannot pass by missing its target. */
function inject(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`not in the code: ${from}`);
  return code.split(from).join(to);
}

/** The one field the mismatches are about, and their messages. */
function only(mismatches: RequestMismatch[]): { fields: string[]; messages: string } {
  return { fields: [...new Set(mismatches.map((m) => m.field))], messages: mismatches.map((m) => m.message).join('\n') };
}

// ---- 1. Equity SMA crossover, 50/200 daily, long only ---------------------------------------------

const SMA_PROMPT = 'Trade AAPL with a 50/200 day SMA crossover on daily bars, long only, starting in 2018 with $100,000.';
const SMA_CODE = `from AlgorithmImports import *


class SmaCrossover(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2018, 1, 1)
        self.set_cash(100000)
        self._symbol = self.add_equity("AAPL", Resolution.DAILY).symbol
        self._fast = self.sma(self._symbol, 50, Resolution.DAILY)
        self._slow = self.sma(self._symbol, 200, Resolution.DAILY)
        self.set_warm_up(200, Resolution.DAILY)

    def on_data(self, data: Slice):
        if self.is_warming_up or not self._slow.is_ready:
            return
        if self._fast.current.value > self._slow.current.value:
            if not self.portfolio[self._symbol].invested:
                self.set_holdings(self._symbol, 1)
        elif self.portfolio[self._symbol].invested:
            self.liquidate(self._symbol)
`;
function smaRequest(): StrategyRequest {
  const p = over(SMA_PROMPT);
  return p.request({
    instruments: [p.instrument('AAPL', 'AAPL', 'equity', 'usa')],
    bar: p.read('daily bars', { size: 1, unit: 'day' }),
    direction: p.read('long only', 'long'),
    signals: [
      {
        kind: 'sma-crossover',
        span: span(SMA_PROMPT, '50/200 day SMA crossover'),
        params: { fast: p.read('50', 50), slow: p.read('200', 200) },
      },
    ],
    period: { start: p.read('2018', '2018-01-01') },
    cash: p.read('$100,000', 100_000),
  });
}

// ---- 2. Crypto BTCUSD on Coinbase, 4h bars, EMA 9/21, long/short -----------------------------------

const BTC_PROMPT = 'Trade BTCUSD on Coinbase using 4h bars with an EMA 9/21 crossover, long/short.';
const BTC_CODE = `from AlgorithmImports import *


class BtcEmaCross(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2022, 1, 1)
        self.set_cash(100000)
        self._btc = self.add_crypto("BTCUSD", Resolution.HOUR, Market.COINBASE).symbol
        self._fast = ExponentialMovingAverage(9)
        self._slow = ExponentialMovingAverage(21)
        self.consolidate(self._btc, timedelta(hours=4), self._on_four_hour_bar)

    def _on_four_hour_bar(self, bar: TradeBar):
        self._fast.update(bar.end_time, bar.close)
        self._slow.update(bar.end_time, bar.close)
        if not self._slow.is_ready:
            return
        target = 0.9 if self._fast.current.value > self._slow.current.value else -0.9
        self.set_holdings(self._btc, target)
`;
function btcRequest(): StrategyRequest {
  const p = over(BTC_PROMPT);
  return p.request({
    instruments: [{ ...p.instrument('BTCUSD', 'BTCUSD', 'crypto', 'coinbase'), marketStated: true }],
    markets: [p.read('Coinbase', 'coinbase')],
    bar: p.read('4h bars', { size: 4, unit: 'hour' }),
    direction: p.read('long/short', 'both'),
    signals: [
      { kind: 'ema-crossover', span: span(BTC_PROMPT, 'EMA 9/21 crossover'), params: { fast: p.read('9', 9), slow: p.read('21', 21) } },
    ],
  });
}

// ---- 3. Forex EURUSD, hourly RSI, short only ---------------------------------------------------------

const FX_PROMPT = 'Short-only EURUSD with hourly bars: short when the 14-period RSI rises above 70 and cover when it falls below 30.';
const FX_CODE = `from AlgorithmImports import *


class EurUsdRsiShort(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2021, 1, 1)
        self.set_cash(100000)
        self._pair = self.add_forex("EURUSD", Resolution.HOUR, Market.OANDA).symbol
        self._rsi = self.rsi(self._pair, 14, MovingAverageType.WILDERS, Resolution.HOUR)

    def on_data(self, data: Slice):
        if not self._rsi.is_ready:
            return
        value = self._rsi.current.value
        if value > 70 and not self.portfolio[self._pair].is_short:
            self.set_holdings(self._pair, -0.5)
        elif value < 30 and self.portfolio[self._pair].is_short:
            self.liquidate(self._pair)
`;
function fxRequest(): StrategyRequest {
  const p = over(FX_PROMPT);
  return p.request({
    instruments: [p.instrument('EURUSD', 'EURUSD', 'forex', 'oanda')],
    bar: p.read('hourly bars', { size: 1, unit: 'hour' }),
    direction: p.read('Short-only', 'short'),
    signals: [
      {
        kind: 'rsi',
        span: span(FX_PROMPT, '14-period RSI'),
        params: { period: p.read('14', 14), upper: p.read('70', 70), lower: p.read('30', 30) },
      },
    ],
  });
}

// ---- 4. ES continuous future, Donchian breakout ------------------------------------------------------

const ES_PROMPT = 'Trade E-mini S&P 500 futures (ES) as a continuous front-month contract on daily bars with a 20-day Donchian breakout.';
const ES_CODE = `from AlgorithmImports import *


class EsBreakout(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2020, 1, 1)
        self.set_cash(1000000)
        self._es = self.add_future(
            Futures.Indices.SP_500_E_MINI,
            Resolution.DAILY,
            data_mapping_mode=DataMappingMode.LAST_TRADING_DAY,
            data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO,
            contract_depth_offset=0,
        )
        self._channel = self.dch(self._es.symbol, 20, 20, Resolution.DAILY)

    def on_data(self, data: Slice):
        if not self._channel.is_ready:
            return
        price = self.securities[self._es.symbol].price
        contract = self._es.mapped
        if price >= self._channel.upper_band.current.value and not self.portfolio[contract].is_long:
            self.set_holdings(contract, 0.5)
        elif price <= self._channel.lower_band.current.value and self.portfolio[contract].is_long:
            self.liquidate(contract)
`;
function esRequest(): StrategyRequest {
  const p = over(ES_PROMPT);
  return p.request({
    instruments: [
      p.instrument('E-mini S&P 500 futures', 'ES', 'future', 'cme', { future: { root: 'ES' }, description: 'E-mini S&P 500 Futures' }),
    ],
    bar: p.read('daily bars', { size: 1, unit: 'day' }),
    signals: [{ kind: 'donchian', span: span(ES_PROMPT, '20-day Donchian breakout'), params: { period: p.read('20', 20) } }],
  });
}

// ---- 5. Covered call from the option chain -------------------------------------------------------------

const CC_PROMPT = 'Covered call on AAPL: hold 100 shares and sell a 30-delta call about 30 days to expiry.';
const CC_CODE = `from AlgorithmImports import *


class CoveredCall(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2022, 1, 1)
        self.set_cash(100000)
        self._stock = self.add_equity("AAPL", Resolution.MINUTE).symbol
        option = self.add_option("AAPL", Resolution.MINUTE)
        option.set_filter(lambda u: u.include_weeklys().calls_only().strikes(0, 10).expiration(20, 40))
        self._option = option.symbol
        self._call = None

    def on_data(self, data: Slice):
        if not self.portfolio[self._stock].invested:
            self.market_order(self._stock, 100)
        if self._call is not None and self.portfolio[self._call].invested:
            return
        chain = data.option_chains.get(self._option)
        if chain is None:
            return
        calls = [c for c in chain if c.right == OptionRight.CALL and c.expiry > self.time + timedelta(days=20)]
        if not calls:
            return
        contract = min(calls, key=lambda c: abs(c.greeks.delta - 0.3))
        self._call = contract.symbol
        self.market_order(self._call, -1)
`;
function ccRequest(): StrategyRequest {
  const p = over(CC_PROMPT);
  const aapl = p.instrument('AAPL', 'AAPL', 'equity', 'usa');
  return p.request({
    instruments: [
      aapl,
      {
        ...aapl,
        securityType: 'option',
        option: {
          underlying: 'AAPL',
          right: p.read('call', 'call'),
          delta: p.read('30-delta', 0.3),
          daysToExpiry: p.read('30 days to expiry', 30),
        },
      },
    ],
  });
}

// ---- 6. 60/40 SPY/TLT, quarterly rebalance --------------------------------------------------------------

const BAL_PROMPT = 'Hold 60/40 SPY/TLT and rebalance quarterly, starting with $250,000, from 2015 to 2023.';
const BAL_CODE = `from AlgorithmImports import *


class SixtyForty(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2015, 1, 1)
        self.set_end_date(2023, 12, 31)
        self.set_cash(250000)
        self._weights = {"SPY": 0.6, "TLT": 0.4}
        self._symbols = {}
        for ticker in self._weights:
            self._symbols[ticker] = self.add_equity(ticker, Resolution.DAILY).symbol
        self.schedule.on(self.date_rules.month_start("SPY"), self.time_rules.after_market_open("SPY", 30), self._rebalance)

    def _rebalance(self):
        if self.time.month not in (1, 4, 7, 10):
            return
        targets = [PortfolioTarget(self._symbols[t], w) for t, w in self._weights.items()]
        self.set_holdings(targets)
`;
function balRequest(): StrategyRequest {
  const p = over(BAL_PROMPT);
  return p.request({
    instruments: [p.instrument('SPY', 'SPY', 'etf', 'usa'), p.instrument('TLT', 'TLT', 'etf', 'usa')],
    sizing: p.read('60/40 SPY/TLT', { kind: 'weights', weights: { SPY: 0.6, TLT: 0.4 } }),
    schedule: p.read('rebalance quarterly', { every: 'quarter' }),
    cash: p.read('$250,000', 250_000),
    period: { start: p.read('2015', '2015-01-01'), end: p.read('2023', '2023-12-31') },
  });
}

// ---- 7. Weekly Monday rotation into the top N ----------------------------------------------------------

const ROT_PROMPT = 'Every Monday, rotate into the top 3 of SPY, QQQ, IWM, EFA and TLT by 20-day momentum.';
const ROT_CODE = `from AlgorithmImports import *


class WeeklyRotation(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2019, 1, 1)
        self.set_cash(100000)
        self._top = 3
        tickers = ["SPY", "QQQ", "IWM", "EFA", "TLT"]
        self._momentum = {}
        for ticker in tickers:
            symbol = self.add_equity(ticker, Resolution.DAILY).symbol
            self._momentum[symbol] = self.momp(symbol, 20, Resolution.DAILY)
        self.schedule.on(self.date_rules.every(DayOfWeek.MONDAY), self.time_rules.after_market_open("SPY", 10), self._rotate)

    def _rotate(self):
        ready = {s: m.current.value for s, m in self._momentum.items() if m.is_ready}
        winners = sorted(ready, key=ready.get, reverse=True)[: self._top]
        for symbol in list(self.portfolio.keys()):
            if symbol not in winners and self.portfolio[symbol].invested:
                self.liquidate(symbol)
        for symbol in winners:
            self.set_holdings(symbol, 1 / self._top)
`;
function rotRequest(): StrategyRequest {
  const p = over(ROT_PROMPT);
  return p.request({
    instruments: ['SPY', 'QQQ', 'IWM', 'EFA', 'TLT'].map((t) => p.instrument(t, t, 'etf', 'usa')),
    schedule: p.read('Every Monday', { every: 'week', weekday: 'monday' }),
    signals: [{ kind: 'momentum', span: span(ROT_PROMPT, '20-day momentum'), params: { period: p.read('20', 20), top: p.read('3', 3) } }],
    sizing: p.read('rotate into the top 3', { kind: 'equal-weight' }),
  });
}

// ---- 8. VIX filter, 5% stop, flat by 15:55 ---------------------------------------------------------------

const VIX_PROMPT = 'Buy SPY on minute bars when the VIX is below 20, with a 5% stop loss, and be flat by 15:55.';
const VIX_CODE = `from AlgorithmImports import *


class VixFilteredSpy(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2023, 1, 1)
        self.set_cash(100000)
        self._spy = self.add_equity("SPY", Resolution.MINUTE).symbol
        self._vix = self.add_index("VIX", Resolution.MINUTE).symbol
        self._stop_loss = 0.05
        self.schedule.on(self.date_rules.every_day(self._spy), self.time_rules.at(15, 55), self._flatten)

    def on_data(self, data: Slice):
        vix = self.securities[self._vix].price
        price = self.securities[self._spy].price
        holding = self.portfolio[self._spy]
        if holding.invested:
            if price <= holding.average_price * (1 - self._stop_loss):
                self.liquidate(self._spy)
        elif 0 < vix < 20 and self.time.hour < 15:
            self.set_holdings(self._spy, 1)

    def _flatten(self):
        self.liquidate()
`;
function vixRequest(): StrategyRequest {
  const p = over(VIX_PROMPT);
  return p.request({
    instruments: [p.instrument('SPY', 'SPY', 'etf', 'usa'), p.instrument('VIX', 'VIX', 'index', 'usa')],
    bar: p.read('minute bars', { size: 1, unit: 'minute' }),
    filters: [p.read('VIX is below 20', { kind: 'vix', below: 20 })],
    risk: { stopLoss: p.read('5% stop loss', { amount: 0.05, unit: 'fraction' }), flatBy: p.read('flat by 15:55', '15:55') },
  });
}

// ---- The tests -------------------------------------------------------------------------------------------

const ALGORITHMS: [string, string, () => StrategyRequest][] = [
  ['equity SMA crossover 50/200 daily, long only', SMA_CODE, smaRequest],
  ['crypto BTCUSD on Coinbase, 4h EMA 9/21 via a consolidator, long/short', BTC_CODE, btcRequest],
  ['forex EURUSD hourly RSI, short only', FX_CODE, fxRequest],
  ['ES continuous future from a Futures constant', ES_CODE, esRequest],
  ['covered call from the option chain', CC_CODE, ccRequest],
  ['60/40 SPY/TLT rebalanced quarterly', BAL_CODE, balRequest],
  ['weekly Monday rotation into the top 3', ROT_CODE, rotRequest],
  ['VIX filter with a 5% stop, flat by 15:55', VIX_CODE, vixRequest],
];

describe('correct algorithms: no mismatch', () => {
  it.each(ALGORITHMS)('%s', (_name, code, request) => {
    expect(check(code, request())).toEqual([]);
  });

  it('accepts the other ways code writes the same request', () => {
    // LEAN's default market for crypto is Coinbase; GDAX is its old name.
    expect(check(inject(BTC_CODE, ', Market.COINBASE)', ')'), btcRequest())).toEqual([]);
    expect(check(inject(BTC_CODE, 'Market.COINBASE', 'Market.GDAX'), btcRequest())).toEqual([]);
    // A TradeBarConsolidator with a timedelta instead of self.consolidate; TimeSpan; a bar count.
    const consolidator = inject(
      BTC_CODE,
      'self.consolidate(self._btc, timedelta(hours=4), self._on_four_hour_bar)',
      'four_hours = TradeBarConsolidator(timedelta(minutes=240))\n        four_hours.data_consolidated += lambda _, bar: self._on_four_hour_bar(bar)\n        self.subscription_manager.add_consolidator(self._btc, four_hours)',
    );
    expect(check(consolidator, btcRequest())).toEqual([]);
    expect(check(inject(BTC_CODE, 'timedelta(hours=4)', 'TimeSpan.from_hours(4)'), btcRequest())).toEqual([]);
    expect(check(inject(BTC_CODE, 'timedelta(hours=4)', '4'), btcRequest())).toEqual([]);
    // A root ticker instead of the Futures constant.
    expect(check(inject(ES_CODE, 'Futures.Indices.SP_500_E_MINI', '"ES"'), esRequest())).toEqual([]);
    // Numbers held in attributes, parameters with defaults, and PascalCase API names.
    const parameters = inject(
      inject(SMA_CODE, 'self.sma(self._symbol, 50,', 'self.sma(self._symbol, self._fast_period,'),
      'self.set_cash(100000)',
      'self.set_cash(100_000)\n        self._fast_period = int(self.get_parameter("fast", "50"))',
    );
    expect(check(parameters, smaRequest())).toEqual([]);
    const pascal = SMA_CODE.replace('self.add_equity("AAPL", Resolution.DAILY)', 'self.AddEquity("AAPL", Resolution.Daily)');
    expect(check(pascal, smaRequest())).toEqual([]);
    // A quarter checked with % 3; a weekday with week_start for Monday.
    expect(check(inject(BAL_CODE, 'self.time.month not in (1, 4, 7, 10)', '(self.time.month - 1) % 3 != 0'), balRequest())).toEqual([]);
    expect(check(inject(ROT_CODE, 'self.date_rules.every(DayOfWeek.MONDAY)', 'self.date_rules.week_start("SPY")'), rotRequest())).toEqual(
      [],
    );
    // Flat by 15:55 as five minutes before the close; a stop written as a price multiple.
    expect(
      check(inject(VIX_CODE, 'self.time_rules.at(15, 55)', 'self.time_rules.before_market_close(self._spy, 5)'), vixRequest()),
    ).toEqual([]);
    expect(check(inject(VIX_CODE, '(1 - self._stop_loss)', '0.95').replace('self._stop_loss = 0.05\n', ''), vixRequest())).toEqual([]);
    // A benchmark added but never traded is no extra instrument.
    expect(
      check(
        inject(SMA_CODE, 'self.set_cash(100000)', 'self.set_cash(100000)\n        self.set_benchmark(self.add_equity("SPY").symbol)'),
        smaRequest(),
      ),
    ).toEqual([]);
    // Closing a long with a negated holding is not a short.
    const closing = inject(
      SMA_CODE,
      'self.liquidate(self._symbol)',
      'self.market_order(self._symbol, -self.portfolio[self._symbol].quantity)',
    );
    expect(check(closing, smaRequest())).toEqual([]);
  });

  it('accepts the older PascalCase API, tickers from a comprehension, and a market set by the brokerage model', () => {
    const pascal = `from AlgorithmImports import *


class SmaCrossoverPascal(QCAlgorithm):
    def Initialize(self):
        self.SetStartDate(2018, 1, 1)
        self.SetCash(100000)
        self.symbol = self.AddEquity("AAPL", Resolution.Daily).Symbol
        self.fast = self.SMA(self.symbol, 50, Resolution.Daily)
        self.slow = self.SMA(self.symbol, 200, Resolution.Daily)

    def OnData(self, data):
        if self.fast.Current.Value > self.slow.Current.Value:
            self.SetHoldings(self.symbol, 1)
        else:
            self.Liquidate(self.symbol)
`;
    expect(check(pascal, smaRequest())).toEqual([]);
    const comprehension = inject(
      BAL_CODE,
      '        for ticker in self._weights:\n            self._symbols[ticker] = self.add_equity(ticker, Resolution.DAILY).symbol\n',
      '        self._symbols = {t: self.add_equity(t, Resolution.DAILY).symbol for t in ["SPY", "TLT"]}\n',
    );
    expect(check(comprehension, balRequest())).toEqual([]);
    const p = over('Trade BTCUSD on Kraken with 4h bars and an EMA 9/21 crossover, long/short.');
    const kraken = p.request({
      instruments: [{ ...p.instrument('BTCUSD', 'BTCUSD', 'crypto', 'kraken'), marketStated: true }],
      markets: [p.read('Kraken', 'kraken')],
      bar: p.read('4h bars', { size: 4, unit: 'hour' }),
      direction: p.read('long/short', 'both'),
    });
    const byBrokerage = inject(
      inject(BTC_CODE, ', Market.COINBASE)', ')'),
      'self.set_cash(100000)',
      'self.set_cash(100000)\n        self.set_brokerage_model(BrokerageName.KRAKEN, AccountType.MARGIN)',
    );
    expect(check(byBrokerage, kraken)).toEqual([]);
    const [onDefault] = check(inject(BTC_CODE, ', Market.COINBASE)', ')'), kraken);
    expect(onDefault).toMatchObject({ field: 'markets' });
    expect(onDefault?.message).toContain("on LEAN's default market, coinbase; pass Market.KRAKEN");
  });

  it('accepts options picked from a chain with add_option_contract', () => {
    const chain = `from AlgorithmImports import *


class CoveredCallContracts(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2022, 1, 1)
        self._stock = self.add_equity("AAPL").symbol

    def on_data(self, data: Slice):
        if not self.portfolio[self._stock].invested:
            self.market_order(self._stock, 100)
        contracts = self.option_chain(self._stock)
        calls = [c for c in contracts if c.right == OptionRight.CALL]
        if calls:
            contract = self.add_option_contract(calls[0].symbol)
            self.market_order(contract.symbol, -1)
`;
    expect(check(chain, ccRequest())).toEqual([]);
  });

  it('reports nothing for a file with syntax errors or without a class', () => {
    expect(check(SMA_CODE.replace('def on_data(self, data: Slice):', 'def on_data(self, data: Slice)'), btcRequest())).toEqual([]);
    expect(check('x = 1\n', smaRequest())).toEqual([]);
  });
});

describe('injected faults: the field is reported and the prompt quoted', () => {
  const cases: { name: string; code: string; request: () => StrategyRequest; field: string; quotes: string; says?: RegExp }[] = [
    {
      name: 'the wrong security type',
      code: inject(BTC_CODE, 'self.add_crypto("BTCUSD", Resolution.HOUR, Market.COINBASE)', 'self.add_equity("BTCUSD", Resolution.HOUR)'),
      request: btcRequest,
      field: 'types',
      quotes: '"BTCUSD on Coinbase" (crypto, market coinbase)',
      says: /the code adds BTCUSD with add_equity; use add_crypto/,
    },
    {
      name: 'a forex pair added as a CFD',
      code: inject(FX_CODE, 'self.add_forex(', 'self.add_cfd('),
      request: fxRequest,
      field: 'types',
      quotes: '"EURUSD"',
    },
    {
      name: 'the wrong market',
      code: inject(BTC_CODE, 'Market.COINBASE', 'Market.KRAKEN'),
      request: btcRequest,
      field: 'markets',
      quotes: '"BTCUSD on Coinbase"',
      says: /on market kraken; pass Market\.COINBASE/,
    },
    {
      name: 'a missing symbol from a list',
      code: inject(ROT_CODE, '"IWM", "EFA", "TLT"', '"IWM", "TLT"'),
      request: rotRequest,
      field: 'instruments',
      quotes: '"EFA"',
      says: /never adds EFA/,
    },
    {
      name: 'another future than asked',
      code: inject(ES_CODE, 'SP_500_E_MINI', 'NASDAQ_100_E_MINI'),
      request: esRequest,
      field: 'instruments',
      quotes: '"E-mini S&P 500 futures" (the ES future)',
      says: /never adds ES/,
    },
    {
      name: 'no option on the underlying',
      code: inject(
        inject(CC_CODE, 'option = self.add_option("AAPL", Resolution.MINUTE)\n', ''),
        'option.set_filter(lambda u: u.include_weeklys().calls_only().strikes(0, 10).expiration(20, 40))\n        self._option = option.symbol\n',
        '',
      ),
      request: ccRequest,
      field: 'instruments',
      quotes: '"AAPL" (options on AAPL)',
    },
    {
      name: 'an instrument the prompt never names, traded',
      code: inject(SMA_CODE, 'add_equity("AAPL"', 'add_equity("MSFT"'),
      request: smaRequest,
      field: 'instruments',
      quotes: '"AAPL"',
      says: /"AAPL" \(AAPL only\); the code also trades MSFT/,
    },
    {
      name: 'a wrong number',
      code: inject(inject(SMA_CODE, 'self.sma(self._symbol, 200,', 'self.sma(self._symbol, 100,'), 'set_warm_up(200', 'set_warm_up(100'),
      request: smaRequest,
      field: 'numbers',
      quotes: '"200" (the SMA crossover slow period 200)',
      says: /never writes 200/,
    },
    {
      name: 'a wrong RSI period',
      code: inject(FX_CODE, 'self.rsi(self._pair, 14,', 'self.rsi(self._pair, 10,'),
      request: fxRequest,
      field: 'numbers',
      quotes: '"14"',
    },
    {
      name: 'long-only code for a short request',
      code: inject(FX_CODE, 'self.set_holdings(self._pair, -0.5)', 'self.set_holdings(self._pair, 0.5)'),
      request: fxRequest,
      field: 'direction',
      quotes: '"Short-only" (short positions only)',
      says: /never opens a short/,
    },
    {
      name: 'long-only code for a long/short request',
      code: inject(BTC_CODE, 'else -0.9', 'else 0'),
      request: btcRequest,
      field: 'direction',
      quotes: '"long/short"',
    },
    {
      name: 'a short in code for a long-only request',
      code: inject(SMA_CODE, 'self.liquidate(self._symbol)', 'self.set_holdings(self._symbol, -1)'),
      request: smaRequest,
      field: 'direction',
      quotes: '"long only" (long positions only)',
      says: /opens a short position here/,
    },
    {
      name: 'a missing quarterly schedule',
      code: inject(BAL_CODE, '        if self.time.month not in (1, 4, 7, 10):\n            return\n', ''),
      request: balRequest,
      field: 'schedule',
      quotes: '"rebalance quarterly" (quarterly)',
    },
    {
      name: 'the wrong weekday',
      code: inject(ROT_CODE, 'DayOfWeek.MONDAY', 'DayOfWeek.FRIDAY'),
      request: rotRequest,
      field: 'schedule',
      quotes: '"Every Monday" (weekly, on Monday)',
      says: /schedules on Friday, not Monday/,
    },
    {
      name: 'no weekly schedule at all',
      code: inject(ROT_CODE, 'self.date_rules.every(DayOfWeek.MONDAY)', 'self.date_rules.every_day("SPY")'),
      request: rotRequest,
      field: 'schedule',
      quotes: '"Every Monday"',
    },
    {
      name: 'the start of the month for its end',
      code: inject(BAL_CODE, '        if self.time.month not in (1, 4, 7, 10):\n            return\n', ''),
      request: () => ({
        ...balRequest(),
        schedule: { value: { every: 'month', at: 'end' }, span: span(BAL_PROMPT, 'rebalance quarterly') },
      }),
      field: 'schedule',
      quotes: '"rebalance quarterly" (monthly, at its end)',
      says: /at the start of the month \(date_rules\.month_start\), not its end/,
    },
    {
      name: 'the wrong bar size',
      code: inject(BTC_CODE, 'timedelta(hours=4)', 'timedelta(hours=1)'),
      request: btcRequest,
      field: 'bar',
      quotes: '"4h bars" (4-hour bars)',
      says: /builds no 4-hour bars/,
    },
    {
      name: 'no consolidator for 4h bars',
      code: inject(
        inject(BTC_CODE, '        self.consolidate(self._btc, timedelta(hours=4), self._on_four_hour_bar)\n', ''),
        'def _on_four_hour_bar(self, bar: TradeBar):',
        'def on_data(self, data: Slice):\n        bar = data.bars.get(self._btc)',
      ),
      request: btcRequest,
      field: 'bar',
      quotes: '"4h bars"',
    },
    {
      name: 'hourly bars for a daily request',
      code: SMA_CODE.replace(/Resolution\.DAILY/g, 'Resolution.HOUR'),
      request: smaRequest,
      field: 'bar',
      quotes: '"daily bars"',
    },
    {
      name: 'a missing stop',
      code: inject(
        inject(VIX_CODE, '        self._stop_loss = 0.05\n', ''),
        '            if price <= holding.average_price * (1 - self._stop_loss):\n                self.liquidate(self._spy)\n',
        '            pass\n',
      ),
      request: vixRequest,
      field: 'risk',
      quotes: '"5% stop loss" (a stop loss 5% from the entry)',
    },
    {
      name: 'not flat by 15:55',
      code: inject(VIX_CODE, 'self.time_rules.at(15, 55)', 'self.time_rules.before_market_close(self._spy, 15)'),
      request: vixRequest,
      field: 'risk',
      quotes: '"flat by 15:55"',
    },
    {
      name: 'another VIX level',
      code: inject(VIX_CODE, '0 < vix < 20', '0 < vix < 25'),
      request: vixRequest,
      field: 'filters',
      quotes: '"VIX is below 20"',
    },
    {
      name: 'the wrong cash',
      code: inject(SMA_CODE, 'self.set_cash(100000)', 'self.set_cash(50000)'),
      request: smaRequest,
      field: 'cash',
      quotes: '"$100,000" ($100,000 of starting cash)',
      says: /sets \$50,000/,
    },
    {
      name: 'no set_cash for cash other than the default',
      code: inject(BAL_CODE, '        self.set_cash(250000)\n', ''),
      request: balRequest,
      field: 'cash',
      quotes: '"$250,000"',
    },
    {
      name: 'other weights',
      code: inject(BAL_CODE, '{"SPY": 0.6, "TLT": 0.4}', '{"SPY": 0.7, "TLT": 0.3}'),
      request: balRequest,
      field: 'sizing',
      quotes: '"60/40 SPY/TLT"',
    },
    {
      name: 'another end date',
      code: inject(BAL_CODE, 'self.set_end_date(2023, 12, 31)', 'self.set_end_date(2021, 12, 31)'),
      request: balRequest,
      field: 'period',
      quotes: '"2023"',
      says: /sets 2021-12-31/,
    },
  ];

  it.each(cases)('$name', ({ code, request, field, quotes, says }) => {
    const mismatches = check(code, request());
    const { fields, messages } = only(mismatches);
    expect(fields).toEqual([field]);
    expect(messages).toContain(`The prompt asks for ${quotes}`);
    if (says) expect(messages).toMatch(says);
    for (const m of mismatches) {
      if (m.promptSpan) expect(m.promptSpan.end).toBeGreaterThan(m.promptSpan.start);
    }
  });

  it('points at the call that adds the wrong type', () => {
    const code = inject(
      BTC_CODE,
      'self.add_crypto("BTCUSD", Resolution.HOUR, Market.COINBASE)',
      'self.add_equity("BTCUSD", Resolution.HOUR)',
    );
    const [mismatch] = check(code, btcRequest());
    const line = code.split('\n').findIndex((l) => l.includes('add_equity'));
    expect(mismatch?.range?.startLine).toBe(line);
  });
});

describe('universes and time-of-day filters', () => {
  const prompt = 'Each month hold the top 10 S&P 500 constituents by momentum, trading only between 10:00 and 15:30.';
  const p = over(prompt);
  const request = p.request({
    universe: p.read('S&P 500 constituents', { kind: 'etf-constituents', etf: 'SPY', count: 10, by: 'momentum' }),
    schedule: p.read('Each month', { every: 'month' }),
    filters: [p.read('between 10:00 and 15:30', { kind: 'time-of-day', after: '10:00', before: '15:30' })],
  });
  const code = `from AlgorithmImports import *


class EtfMomentum(QCAlgorithm):
    def initialize(self):
        self.set_start_date(2020, 1, 1)
        self.universe_settings.resolution = Resolution.MINUTE
        self._spy = self.add_equity("SPY").symbol
        self.add_universe(self.universe.etf(self._spy, self.universe_settings, self._select))
        self._selected = []
        self.schedule.on(self.date_rules.month_start(self._spy), self.time_rules.at(10, 0), self._rebalance)

    def _select(self, constituents):
        return [c.symbol for c in sorted(constituents, key=lambda c: c.weight or 0, reverse=True)[:10]]

    def _rebalance(self):
        if self.time.hour * 60 + self.time.minute > 15 * 60 + 30:
            return
        for symbol in self._selected:
            self.set_holdings(symbol, 0.1)
`;

  it('accepts an ETF constituents universe of the ETF asked for', () => {
    expect(check(code, request)).toEqual([]);
  });

  it('reports another ETF or no universe', () => {
    expect(only(check(inject(code, 'self.add_equity("SPY")', 'self.add_equity("QQQ")'), request)).fields).toEqual(['universe']);
    const none = check(
      inject(code, 'self.add_universe(self.universe.etf(self._spy, self.universe_settings, self._select))', 'pass'),
      request,
    );
    expect(only(none).fields).toEqual(['universe']);
    expect(none[0]?.message).toContain('"S&P 500 constituents"');
  });

  it('reports a time of day the code never writes', () => {
    const late = check(inject(code, '15 * 60 + 30', '16 * 60'), request);
    expect(only(late).fields).toEqual(['filters']);
    expect(late[0]?.message).toContain('"between 10:00 and 15:30"');
  });
});

describe('the clean corpus against requests it fulfils: no mismatch', () => {
  const corpus = (name: string) => readFileSync(path.join(repositoryRoot(), 'test', 'fixtures', 'corpus', name, 'main.py'), 'utf8');
  const cases: [string, string, (p: ReturnType<typeof over>) => Partial<StrategyRequest>][] = [
    [
      'FuturesTrend',
      'Trade the continuous E-mini S&P 500 future on daily bars with a 50/200-day EMA cross, long/short, from 2021 to 2022 with $1,000,000.',
      (p) => ({
        instruments: [p.instrument('E-mini S&P 500 future', 'ES', 'future', 'cme', { future: { root: 'ES' } })],
        bar: p.read('daily bars', { size: 1, unit: 'day' }),
        signals: [{ kind: 'ema-crossover', span: p.at('EMA'), params: { fast: p.read('50', 50), slow: p.read('200', 200) } }],
        direction: p.read('long/short', 'both'),
        period: { start: p.read('2021', '2021-01-01'), end: p.read('2022', '2022-12-31') },
        cash: p.read('$1,000,000', 1_000_000),
      }),
    ],
    [
      'MomentumRotation',
      'Each month hold the 2 of XLK, XLF, XLE, XLV, XLI and XLY with the best 3-month momentum.',
      (p) => ({
        instruments: ['XLK', 'XLF', 'XLE', 'XLV', 'XLI', 'XLY'].map((t) => p.instrument(t, t, 'etf', 'usa')),
        schedule: p.read('Each month', { every: 'month' }),
        signals: [{ kind: 'momentum', span: p.at('momentum'), params: { period: p.read('3', 63), top: p.read('2', 2) } }],
      }),
    ],
    [
      'ScheduledRebalance',
      'Once a month at its start, weight SPY, TLT, GLD and VNQ by inverse 60-day volatility, starting with $250,000.',
      (p) => ({
        instruments: ['SPY', 'TLT', 'GLD', 'VNQ'].map((t) => p.instrument(t, t, 'etf', 'usa')),
        schedule: p.read('Once a month at its start', { every: 'month', at: 'start' }),
        cash: p.read('$250,000', 250_000),
      }),
    ],
    [
      'OptionsCoveredCall',
      'Covered call on SPY: hold 100 shares and sell a 5% out-of-the-money call about a month out.',
      (p) => {
        const spy = p.instrument('SPY', 'SPY', 'etf', 'usa');
        return { instruments: [spy, { ...spy, securityType: 'option', option: { underlying: 'SPY', right: p.read('call', 'call') } }] };
      },
    ],
    [
      'CryptoLimitOrders',
      'Buy BTCUSDT on Binance with limit orders when the hourly RSI(14) drops below 30 and sell above 70.',
      (p) => ({
        instruments: [{ ...p.instrument('BTCUSDT', 'BTCUSDT', 'crypto', 'binance'), marketStated: true }],
        markets: [p.read('Binance', 'binance')],
        bar: p.read('hourly', { size: 1, unit: 'hour' }),
        signals: [
          {
            kind: 'rsi',
            span: p.at('RSI(14)'),
            params: { period: p.read('14', 14), lower: p.read('30', 30), upper: p.read('70', 70) },
          },
        ],
      }),
    ],
    [
      'FundamentalUniverse',
      'Each month, hold the 20 cheapest stocks by P/E among liquid stocks above $10, equally weighted.',
      (p) => ({
        universe: p.read('20 cheapest stocks by P/E', { kind: 'fundamental', count: 20, by: 'pe-ratio', minPrice: 10 }),
        sizing: p.read('equally weighted', { kind: 'equal-weight' }),
        schedule: p.read('Each month', { every: 'month' }),
      }),
    ],
    [
      'FrameworkEmaCross',
      'EMA 12/26 crossover on SPY, TLT and GLD with daily bars, long/short, with a 5% max drawdown per security.',
      (p) => ({
        instruments: ['SPY', 'TLT', 'GLD'].map((t) => p.instrument(t, t, 'etf', 'usa')),
        signals: [
          {
            kind: 'ema-crossover',
            span: p.at('EMA 12/26 crossover'),
            params: { fast: p.read('12', 12), slow: p.read('26', 26) },
          },
        ],
        bar: p.read('daily bars', { size: 1, unit: 'day' }),
        direction: p.read('long/short', 'both'),
        risk: { stopLoss: p.read('5% max drawdown per security', { amount: 0.05, unit: 'fraction' }) },
      }),
    ],
    [
      'AlphaFactorLongShort',
      'Long the top decile and short the bottom decile of the 100 most liquid stocks above $5, rebalanced weekly.',
      (p) => ({
        universe: p.read('100 most liquid stocks above $5', { kind: 'fundamental', count: 100, by: 'dollar-volume', minPrice: 5 }),
        direction: p.read('Long the top decile and short the bottom decile', 'both'),
        schedule: p.read('rebalanced weekly', { every: 'week' }),
      }),
    ],
    [
      'ConsolidatedBars',
      'Trade TSLA breakouts on 30-minute bars with a 3% stop, long only, with $25,000.',
      (p) => ({
        instruments: [p.instrument('TSLA', 'TSLA', 'equity', 'usa')],
        bar: p.read('30-minute bars', { size: 30, unit: 'minute' }),
        risk: { stopLoss: p.read('3% stop', { amount: 0.03, unit: 'fraction' }) },
        direction: p.read('long only', 'long'),
        cash: p.read('$25,000', 25_000),
      }),
    ],
    [
      'DonchianBreakout',
      'ES 20-day Donchian breakout exiting on the 10-day low, risking 1% per trade sized by 2 ATR.',
      (p) => ({
        instruments: [p.instrument('ES', 'ES', 'future', 'cme', { future: { root: 'ES' } })],
        signals: [{ kind: 'donchian', span: p.at('Donchian'), params: { period: p.read('20', 20), exit: p.read('10', 10) } }],
        sizing: p.read('risking 1% per trade sized by 2 ATR', { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 2 }),
      }),
    ],
    [
      'RsiMeanReversion',
      'RSI(14) mean reversion on AAPL and MSFT with daily bars, buying below 30 and selling above 70, with a 5% stop.',
      (p) => ({
        instruments: ['AAPL', 'MSFT'].map((t) => p.instrument(t, t, 'equity', 'usa')),
        bar: p.read('daily bars', { size: 1, unit: 'day' }),
        signals: [
          {
            kind: 'rsi',
            span: p.at('RSI(14)'),
            params: { period: p.read('14', 14), lower: p.read('30', 30), upper: p.read('70', 70) },
          },
        ],
        risk: { stopLoss: p.read('5% stop', { amount: 0.05, unit: 'fraction' }) },
      }),
    ],
    [
      'WeeklyTraining',
      'Refit at the start of every week on SPY daily bars and hold SPY while the fitted trend is up.',
      (p) => ({
        instruments: [p.instrument('SPY', 'SPY', 'etf', 'usa')],
        schedule: p.read('start of every week', { every: 'week', at: 'start' }),
        bar: p.read('daily bars', { size: 1, unit: 'day' }),
      }),
    ],
  ];

  it.each(cases)('%s', (name, prompt, parts) => {
    const p = over(prompt);
    expect(check(corpus(name), p.request(parts(p)))).toEqual([]);
  });
});

describe('toDiagnostics', () => {
  it('makes each mismatch an error with code request-mismatch, at its code or on the class line', () => {
    const code = inject(
      inject(SMA_CODE, 'self.set_cash(100000)', 'self.set_cash(50000)'),
      'self.sma(self._symbol, 200,',
      'self.sma(self._symbol, 100,',
    ).replace('set_warm_up(200', 'set_warm_up(100');
    const mismatches = check(code, smaRequest());
    const diagnostics = toDiagnostics(mismatches, code);
    expect(diagnostics).toHaveLength(2);
    const lines = code.split('\n');
    for (const d of diagnostics) {
      expect(d).toMatchObject({ code: REQUEST_MISMATCH, severity: 'error' });
      expect(d.code).toBe('request-mismatch');
      expect(d.range.startLine).toBeGreaterThanOrEqual(0);
      expect(d.range.endLine).toBeLessThan(lines.length);
      expect(d.range.endColumn).toBeLessThanOrEqual(lines[d.range.endLine]!.length);
      expect(d.message).toMatch(/^The prompt asks for "/);
    }
    const numbers = diagnostics.find((d) => d.message.includes('"200"'))!;
    expect(lines[numbers.range.startLine]).toMatch(/^class SmaCrossover\(QCAlgorithm\):/);
    expect(numbers.range).toEqual(classLine(code));
    const cash = diagnostics.find((d) => d.message.includes('"$100,000"'))!;
    expect(lines[cash.range.startLine]).toContain('self.set_cash(50000)');
  });

  it('falls back to the first line without a class', () => {
    expect(classLine('x = 1\n')).toEqual({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 5 });
  });
});

describe('createRequestChecker', () => {
  let checker: RequestChecker;
  beforeAll(async () => {
    checker = await createRequestChecker(parserAssets);
  });
  afterAll(() => checker.dispose());

  it('checks and diagnoses source text with its own parser', () => {
    expect(checker.check(SMA_CODE, smaRequest())).toEqual([]);
    const diagnostics = checker.diagnose(inject(SMA_CODE, 'self.set_cash(100000)', 'self.set_cash(5000)'), smaRequest());
    expect(diagnostics.map((d) => d.code)).toEqual([REQUEST_MISMATCH]);
  });
});
