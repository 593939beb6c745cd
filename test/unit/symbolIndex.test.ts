// Symbol resolution against the committed index of what LEAN knows (extension/core/request/symbolIndex.json).
// The expected facts are LEAN's own (its symbol properties database, market hours, DefaultBrokerageModel).
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKETS, symbolIndex } from '../../extension/core/request/symbols';

const index = symbolIndex();

describe('symbol index', () => {
  it('records where its facts come from', () => {
    expect(index.sources['lean']?.['commit']).toMatch(/^[0-9a-f]{40}$/);
    expect(index.sources['stocktickers']?.['version']).toBeTruthy();
    expect(index.sources['pytickersymbols']?.['version']).toBeTruthy();
  });

  it('knows exchanges and brokers as markets, including words that are also equity tickers', () => {
    const markets: Record<string, string> = {
      Coinbase: 'coinbase',
      GDAX: 'coinbase',
      Binance: 'binance',
      'Binance US': 'binanceus',
      Kraken: 'kraken',
      Bitfinex: 'bitfinex',
      Bybit: 'bybit',
      Oanda: 'oanda',
      FXCM: 'fxcm',
      'Interactive Brokers': 'interactivebrokers',
      CME: 'cme',
      CBOT: 'cbot',
      COMEX: 'comex',
      NYMEX: 'nymex',
      ICE: 'ice',
    };
    for (const [name, id] of Object.entries(markets)) expect({ name, id: index.market(name) }).toEqual({ name, id });
    // CME and ICE are also US equity tickers (the exchanges' holding companies): a market lookup still wins.
    expect(index.equity('CME')?.securityType).toBe('equity');
    expect(index.market('Apple')).toBeUndefined();
    expect(index.market('AAPL')).toBeUndefined();
  });

  it('lists the markets LEAN has hours for, per security type', () => {
    expect(index.marketsOf('crypto')).toEqual(expect.arrayContaining(['coinbase', 'binance', 'kraken', 'bitfinex']));
    expect(index.marketsOf('forex')).toContain('oanda');
    expect(index.marketsOf('future')).toEqual(expect.arrayContaining(['cme', 'cbot', 'nymex', 'comex']));
    expect(index.marketsOf('etf')).toEqual(index.marketsOf('equity'));
  });

  it('uses LEAN’s default market per security type', () => {
    expect(DEFAULT_MARKETS).toMatchObject({ crypto: 'coinbase', forex: 'oanda', cfd: 'oanda', future: 'cme', equity: 'usa', index: 'usa' });
  });

  it('resolves crypto pairs per market, in any spelling, and coins alone', () => {
    expect(index.crypto('BTCUSD')).toEqual({ symbol: 'BTCUSD', securityType: 'crypto', market: 'coinbase' });
    expect(index.crypto('btc/usd', 'kraken')).toEqual({ symbol: 'BTCUSD', securityType: 'crypto', market: 'kraken' });
    expect(index.crypto('ETH-USD')?.symbol).toBe('ETHUSD');
    expect(index.crypto('BTC', 'coinbase')?.symbol).toBe('BTCUSD');
    expect(index.crypto('BTCUSDT', 'binance')).toEqual({ symbol: 'BTCUSDT', securityType: 'crypto', market: 'binance' });
    expect(index.crypto('BTCUSD', 'oanda')).toBeUndefined();
    expect(index.crypto('AAPL')).toBeUndefined();
    expect(index.cryptoMarkets('BTCUSD')).toEqual(expect.arrayContaining(['coinbase', 'kraken', 'bitfinex']));
  });

  it('resolves currency pairs on Oanda by default, and on other forex markets', () => {
    expect(index.forex('EURUSD')).toEqual({ symbol: 'EURUSD', securityType: 'forex', market: 'oanda' });
    expect(index.forex('usdjpy')?.symbol).toBe('USDJPY');
    expect(index.forex('GBP/USD')?.symbol).toBe('GBPUSD');
    expect(index.forex('EURUSD', 'fxcm')?.market).toBe('fxcm');
    expect(index.forex('BTCUSD')).toBeUndefined();
  });

  it('resolves futures roots to their exchange and description', () => {
    expect(index.future('ES')).toEqual({ symbol: 'ES', securityType: 'future', market: 'cme', description: 'E-mini S&P 500 Futures' });
    expect(index.future('nq')?.market).toBe('cme');
    expect(index.future('CL')).toMatchObject({ market: 'nymex', description: 'Crude Oil Futures' });
    expect(index.future('GC')).toMatchObject({ market: 'comex', description: 'Gold Futures' });
    expect(index.future('ZN')?.market).toBe('cbot');
    expect(index.future('VX')?.market).toBe('cfe');
    expect(index.future('AAPL')).toBeUndefined();
  });

  it('resolves indices and CFDs', () => {
    expect(index.index('SPX')).toEqual({ symbol: 'SPX', securityType: 'index', market: 'usa' });
    expect(index.index('vix')?.symbol).toBe('VIX');
    expect(index.index('NDX')).toBeDefined();
    expect(index.cfd('XAUUSD')).toEqual({ symbol: 'XAUUSD', securityType: 'cfd', market: 'oanda' });
  });

  it('tells ETFs from companies among US equities', () => {
    for (const etf of ['SPY', 'QQQ', 'TLT', 'GLD', 'IEF', 'XLK'])
      expect({ etf, type: index.equity(etf)?.securityType }).toEqual({ etf, type: 'etf' });
    for (const stock of ['AAPL', 'MSFT', 'GOOGL', 'COIN', 'BRK.B'])
      expect({ stock, type: index.equity(stock)?.securityType }).toEqual({ stock, type: 'equity' });
    expect(index.equity('aapl')?.symbol).toBe('AAPL');
    expect(index.equity('QWERTYX')).toBeUndefined();
  });

  it('finds the ticker of a company name', () => {
    expect(index.company('Apple')).toBe('AAPL');
    expect(index.company('microsoft')).toBe('MSFT');
    expect(index.company('Coca-Cola')).toBe('KO');
    expect(index.company('Home Depot')).toBe('HD');
    // Coinbase Global is an S&P 500 member, but the name is the exchange's: markets are never tickers.
    expect(index.company('Coinbase')).toBeUndefined();
    expect(index.company('CME')).toBeUndefined();
    expect(index.company('Intercontinental Exchange')).toBe('ICE');
  });

  it('suggests the ticker a typo meant, and nothing for a known ticker', () => {
    expect(index.suggestEquity('APPL')).toBe('AAPL');
    expect(index.suggestEquity('appl')).toBe('AAPL');
    expect(index.suggestEquity('MSFTT')).toBe('MSFT');
    expect(index.suggestEquity('AAPL')).toBeUndefined();
  });
});
