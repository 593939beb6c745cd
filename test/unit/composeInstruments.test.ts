// The composing renderer's instrument adapters: for each security type, the exact `add_*` call with its
// market and options, the brokerage and account currency a market needs, the bars on_data reads, and
// where orders go (a continuous future's mapped contract). Prompts of our own through the offline
// generator, and hand-built requests (empty spans, as enumerateRequests builds them) where the prompt
// reader has no words for a field.
import { describe, expect, it } from 'vitest';
import { composed, generated, hasMethod, instrument, method, read, request, signal } from './composeHelpers';

/** Every line of the module, stripped of its indentation. */
function lines(code: string): string[] {
  return code.split('\n').map((l) => l.trim());
}

const readBars = (code: string) => method(code, 'on_data').filter((l) => l.startsWith('    bar = '));

describe('equities and ETFs', () => {
  it('adds one equity with add_equity at the bar resolution, with no brokerage model', () => {
    const { code } = generated('SMA 50/200 crossover on AAPL, daily bars, long only');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_equity("AAPL", Resolution.DAILY))');
    expect(init.filter((l) => l.includes('add_'))).toEqual(['self._track(self.add_equity("AAPL", Resolution.DAILY))']);
    expect(code).not.toContain('set_brokerage_model');
    expect(code).not.toContain('set_account_currency');
    expect(readBars(code)).toEqual(['    bar = data.bars.get(symbol)']);
    expect(method(code, '_trade')).toContain('traded = symbol');
  });

  it('adds an ETF the same way', () => {
    const { code, plan } = generated('RSI on SPY, daily bars, long only');
    expect(plan?.instruments).toEqual([{ symbol: 'SPY', type: 'etf', market: 'usa' }]);
    expect(method(code, 'initialize')).toContain('self._track(self.add_equity("SPY", Resolution.DAILY))');
  });

  it('adds several tickers of one type in one loop', () => {
    const { code } = generated('RSI on MSFT, NVDA and AMZN, daily bars, long only');
    const init = method(code, 'initialize');
    const at = init.indexOf('for ticker in ["MSFT", "NVDA", "AMZN"]:');
    expect(at).toBeGreaterThan(-1);
    expect(init[at + 1]).toBe('    self._track(self.add_equity(ticker, Resolution.DAILY))');
    expect(init.filter((l) => l.includes('add_equity'))).toHaveLength(1);
    const etfs = generated('RSI on QQQ and TLT, daily bars, long only').code;
    expect(method(etfs, 'initialize')).toContain('for ticker in ["QQQ", "TLT"]:');
  });
});

describe('crypto', () => {
  it('trades Coinbase in a cash account with the Coinbase brokerage model', () => {
    const { code } = generated('RSI on BTCUSD on Coinbase, daily bars, long only');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto("BTCUSD", Resolution.DAILY, Market.COINBASE))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.COINBASE, AccountType.CASH)');
    // USD-quoted: the account stays in USD.
    expect(code).not.toContain('set_account_currency');
    expect(readBars(code)).toEqual(['    bar = data.bars.get(symbol)']);
  });

  it('accounts Binance USDT pairs in USDT, set before the cash', () => {
    const { code } = generated('RSI on ETHUSDT on Binance, daily bars, long only');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto("ETHUSDT", Resolution.DAILY, Market.BINANCE))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.BINANCE, AccountType.CASH)');
    expect(init).toContain('self.set_account_currency("USDT")');
    expect(init.indexOf('self.set_account_currency("USDT")')).toBeLessThan(init.indexOf('self.set_cash(100000)'));
  });

  it('uses the Kraken market constant and brokerage', () => {
    const { code } = generated('RSI on SOLUSD on Kraken, daily bars, long only');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto("SOLUSD", Resolution.DAILY, Market.KRAKEN))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.KRAKEN, AccountType.CASH)');
  });

  it('adds several coins of one market in one loop', () => {
    const { code } = composed(
      request({
        instruments: [instrument('BTCUSD', 'crypto', 'coinbase'), instrument('ETHUSD', 'crypto', 'coinbase')],
        signal: signal('rsi'),
      }),
    );
    const init = method(code, 'initialize');
    const at = init.indexOf('for ticker in ["BTCUSD", "ETHUSD"]:');
    expect(at).toBeGreaterThan(-1);
    expect(init[at + 1]).toBe('    self._track(self.add_crypto(ticker, Resolution.DAILY, Market.COINBASE))');
  });
});

describe('crypto futures (perpetuals)', () => {
  it('adds a Binance perpetual with add_crypto_future in a Binance Futures margin account, and can be short', () => {
    const { code, plan } = generated('RSI on BTCUSDT perpetual futures on Binance, short only, daily bars');
    expect(plan?.instruments).toEqual([{ symbol: 'BTCUSDT', type: 'cryptofuture', market: 'binance' }]);
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto_future("BTCUSDT", Resolution.DAILY, Market.BINANCE))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.BINANCE_FUTURES, AccountType.MARGIN)');
    expect(init).toContain('self.set_account_currency("USDT")');
    const trade = method(code, '_trade');
    expect(trade).toContain('short_entry = rsi > 70');
    expect(trade).toContain('long_entry = False');
    expect(trade).toContain('        self._enter(symbol, traded, -1)');
  });

  it('adds a Bybit perpetual in a Bybit margin account', () => {
    const { code } = composed(
      request({ instruments: [instrument('ETHUSDT', 'cryptofuture', 'bybit')], signal: signal('rsi'), direction: 'both' }),
    );
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto_future("ETHUSDT", Resolution.DAILY, Market.BYBIT))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.BYBIT, AccountType.MARGIN)');
  });
});

describe('forex', () => {
  it('adds an Oanda pair in an Oanda margin account and reads its quote bars', () => {
    const { code } = generated('RSI mean reversion on EURUSD on Oanda, hourly bars, long and short');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_forex("EURUSD", Resolution.HOUR, Market.OANDA))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.OANDA_BROKERAGE, AccountType.MARGIN)');
    expect(readBars(code)).toEqual(['    bar = data.quote_bars.get(symbol)']);
    expect(code).not.toContain('data.bars');
  });

  it('adds an FXCM pair in an FXCM margin account', () => {
    const { code } = generated('Bollinger bands on GBPUSD on FXCM, daily bars, long only');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_forex("GBPUSD", Resolution.DAILY, Market.FXCM))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.FXCM_BROKERAGE, AccountType.MARGIN)');
    expect(readBars(code)).toEqual(['    bar = data.quote_bars.get(symbol)']);
  });

  it('reads trade bars or quote bars when forex and equities are mixed', () => {
    const { code } = generated('RSI on EURUSD on Oanda and AAPL, daily bars, long only');
    expect(readBars(code)).toEqual(['    bar = data.bars.get(symbol) or data.quote_bars.get(symbol)']);
    expect(code).not.toContain('set_brokerage_model');
  });
});

describe('futures', () => {
  const ES_DEFAULT =
    'self._track(self.add_future("ES", Resolution.DAILY, Market.CME, data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO, data_mapping_mode=DataMappingMode.OPEN_INTEREST, contract_depth_offset=0))';

  it('adds a continuous, back-adjusted front month rolled by open interest, and says so', () => {
    const { code, notes } = generated('SMA crossover on ES futures, daily bars, long only');
    expect(method(code, 'initialize')).toContain(ES_DEFAULT);
    expect(method(code, 'initialize')).toContain('self._continuous = {}');
    expect(method(code, '_track')).toContain('self._continuous[symbol] = security');
    expect(notes).toContain(
      'ES is traded as a continuous front-month future, rolled by open interest and back-adjusted (no roll rule was stated).',
    );
  });

  it('sends orders to the mapped contract', () => {
    const { code } = generated('SMA crossover on ES futures, daily bars, long only');
    expect(method(code, '_contract')).toEqual([
      '"""The contract orders go to: a continuous future\'s mapped contract, else the symbol."""',
      'security = self._continuous.get(symbol)',
      'return security.mapped if security is not None else symbol',
    ]);
    const trade = method(code, '_trade');
    expect(trade).toContain('traded = self._contract(symbol)');
    expect(trade).toContain('quantity = self.portfolio[traded].quantity');
    expect(trade).toContain('    self.liquidate(traded)');
    expect(method(code, '_enter')).toContain('self.set_holdings(traded, 1)');
    // No order goes to the continuous symbol itself.
    expect(lines(code).filter((l) => /self\.(set_holdings|liquidate|market_order)\(symbol\b/.test(l))).toEqual([]);
  });

  it('rolls the position onto the new contract in on_data: liquidate the old, the same quantity in the new', () => {
    const { code } = generated('SMA crossover on ES futures, daily bars, long only');
    const onData = method(code, 'on_data');
    const at = onData.indexOf('for changed in data.symbol_changed_events.values():');
    expect(at).toBeGreaterThan(-1);
    expect(onData.slice(at, at + 5)).toEqual([
      'for changed in data.symbol_changed_events.values():',
      '    quantity = self.portfolio[changed.old_symbol].quantity',
      '    if quantity != 0:',
      '        self.liquidate(changed.old_symbol, tag="Roll")',
      '        self.market_order(changed.new_symbol, quantity, tag="Roll")',
    ]);
  });

  it('keeps the roll handler when the bars are consolidated (no bar reading in on_data)', () => {
    const { code } = generated('SMA 20/50 crossover on ES futures, 4-hour bars, long only');
    const onData = method(code, 'on_data');
    expect(onData).toContain('for changed in data.symbol_changed_events.values():');
    expect(onData.some((l) => l.includes('bar = '))).toBe(false);
    expect(method(code, 'initialize')).toContain(
      'self._track(self.add_future("ES", Resolution.HOUR, Market.CME, data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO, data_mapping_mode=DataMappingMode.OPEN_INTEREST, contract_depth_offset=0))',
    );
  });

  it('uses the roll rule and contract depth of the request, with no default note', () => {
    const es = instrument('ES', 'future', 'cme', { future: { root: 'ES', mapping: read('last-trading-day'), depth: read(1) } });
    const { code, notes } = composed(request({ instruments: [es], signal: signal('rsi') }));
    expect(method(code, 'initialize')).toContain(
      'self._track(self.add_future("ES", Resolution.DAILY, Market.CME, data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO, data_mapping_mode=DataMappingMode.LAST_TRADING_DAY, contract_depth_offset=1))',
    );
    expect(notes.filter((n) => n.includes('roll'))).toEqual([]);
    const cl = instrument('CL', 'future', 'nymex', { future: { root: 'CL', mapping: read('first-day-month') } });
    expect(method(composed(request({ instruments: [cl], signal: signal('rsi') })).code, 'initialize')).toContain(
      'self._track(self.add_future("CL", Resolution.DAILY, Market.NYMEX, data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO, data_mapping_mode=DataMappingMode.FIRST_DAY_MONTH, contract_depth_offset=0))',
    );
    const gc = instrument('GC', 'future', 'comex', { future: { root: 'GC', mapping: read('open-interest-annual'), depth: read(2) } });
    expect(method(composed(request({ instruments: [gc], signal: signal('rsi') })).code, 'initialize')).toContain(
      'self._track(self.add_future("GC", Resolution.DAILY, Market.COMEX, data_normalization_mode=DataNormalizationMode.BACKWARDS_RATIO, data_mapping_mode=DataMappingMode.OPEN_INTEREST_ANNUAL, contract_depth_offset=2))',
    );
  });

  // The request reader (extension/core/request/readInstruments.ts) never sets FutureContract.mapping or
  // .depth, so a roll rule or contract depth in a prompt is dropped without a gap, and the notes even say
  // that no roll rule was stated: a silent substitute of the default.
  it('writes the roll rule a prompt states, or names it as not done', () => {
    const result = generated('RSI on ES futures, daily bars, long only, roll on the last trading day');
    const written = method(result.code, 'initialize').some((l) => l.includes('data_mapping_mode=DataMappingMode.LAST_TRADING_DAY'));
    expect(written || result.gaps.length > 0).toBe(true);
    expect(result.notes.some((n) => n.includes('no roll rule was stated'))).toBe(false);
  });

  it('trades the contract depth a prompt states, or names it as not done', () => {
    const result = generated('RSI on ES futures, daily bars, long only, trade the second contract instead of the front month');
    const written = method(result.code, 'initialize').some((l) => l.includes('contract_depth_offset=1'));
    expect(written || result.gaps.length > 0).toBe(true);
  });
});

describe('indices', () => {
  it('adds an index and marks it tradable, with a note saying so', () => {
    const { code, notes } = generated('RSI on SPX index, daily bars, long only');
    expect(method(code, 'initialize')).toContain('self._track(self.add_index("SPX", Resolution.DAILY, Market.USA))');
    const track = method(code, '_track');
    expect(track).toContain('security.is_tradable = True');
    // Marked tradable before anything else of the security is set up.
    expect(track.indexOf('security.is_tradable = True')).toBeLessThan(track.findIndex((l) => l.startsWith('self._rsi[symbol] =')));
    expect(notes).toContain(
      'SPX is an index: LEAN adds indices as data only, so the code marks it tradable to trade the index level itself.',
    );
    expect(code).not.toContain('set_brokerage_model');
  });

  it('marks only the index tradable when it is traded with an equity', () => {
    const { code } = generated('RSI on SPX index and AAPL, daily bars, long only');
    const track = method(code, '_track');
    const at = track.indexOf('if security.type == SecurityType.INDEX:');
    expect(at).toBeGreaterThan(-1);
    expect(track.slice(at + 1, at + 3)).toContain('    security.is_tradable = True');
    expect(track).not.toContain('security.is_tradable = True');
  });
});

describe('CFDs', () => {
  it('adds an Oanda CFD with add_cfd in an Oanda margin account, read from quote bars', () => {
    const { code, plan } = generated('RSI on SPX500USD CFD on Oanda, daily bars');
    expect(plan?.instruments).toEqual([{ symbol: 'SPX500USD', type: 'cfd', market: 'oanda' }]);
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_cfd("SPX500USD", Resolution.DAILY, Market.OANDA))');
    expect(init).toContain('self.set_brokerage_model(BrokerageName.OANDA_BROKERAGE, AccountType.MARGIN)');
    expect(readBars(code)).toEqual(['    bar = data.quote_bars.get(symbol)']);
  });
});

describe('mixed books', () => {
  it('sets no brokerage model and no account currency for crypto with equities', () => {
    const { code } = generated('RSI on BTCUSD on Coinbase and AAPL, daily bars, long only');
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto("BTCUSD", Resolution.DAILY, Market.COINBASE))');
    expect(init).toContain('self._track(self.add_equity("AAPL", Resolution.DAILY))');
    expect(code).not.toContain('set_brokerage_model');
    expect(code).not.toContain('set_account_currency');
  });

  it('sets no brokerage model for coins of two crypto markets, and one line per market', () => {
    const { code } = composed(
      request({
        instruments: [instrument('BTCUSD', 'crypto', 'coinbase'), instrument('SOLUSD', 'crypto', 'kraken')],
        signal: signal('rsi'),
      }),
    );
    const init = method(code, 'initialize');
    expect(init).toContain('self._track(self.add_crypto("BTCUSD", Resolution.DAILY, Market.COINBASE))');
    expect(init).toContain('self._track(self.add_crypto("SOLUSD", Resolution.DAILY, Market.KRAKEN))');
    expect(code).not.toContain('set_brokerage_model');
  });

  it('has no mapped-contract helper without a future', () => {
    const { code } = generated('RSI on BTCUSD on Coinbase and AAPL, daily bars, long only');
    expect(hasMethod(code, '_contract')).toBe(false);
    expect(code).not.toContain('symbol_changed_events');
  });
});
