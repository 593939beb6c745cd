// The symbols a strategy request may name, resolved against what LEAN knows (symbolIndex.json, built by
// scripts/build-symbol-index.sh from LEAN's symbol properties and market hours databases, its US equity
// coarse universe, and two ticker packages; see scripts/build_symbol_index.py). Editor-agnostic.
// Lookups only: whether a word of a prompt *is* a symbol also depends on its context, which the request
// reader decides.
import { NameIndex } from '../validation/names';
import symbolIndexJson from './symbolIndex.json';

/** LEAN's security types, as a request names them (`etf` is an equity without fundamental data). */
export type SecurityType = 'equity' | 'etf' | 'crypto' | 'cryptofuture' | 'forex' | 'future' | 'option' | 'index' | 'cfd';

export interface ResolvedSymbol {
  /** LEAN's ticker: `BTCUSD`, `EURUSD`, `ES`, `SPX`, `AAPL`. */
  symbol: string;
  securityType: SecurityType;
  /** LEAN's market id (`Market.*` in Python: `coinbase`, `oanda`, `cme`, `usa`). */
  market: string;
  /** LEAN's description, where it has one (futures). */
  description?: string;
}

interface SymbolIndexFile {
  format: number;
  sources: Record<string, Record<string, string>>;
  markets: Record<string, string[]>;
  crypto: Record<string, string>;
  cryptofuture: Record<string, string>;
  forex: Record<string, string>;
  cfd: Record<string, string>;
  index: Record<string, string>;
  future: Record<string, { market: string; description: string; quote: string }>;
  equity: Record<string, string>;
  fund: Record<string, string>;
  names: Record<string, string>;
}

/**
 * The market LEAN assumes when an algorithm does not name one: DefaultBrokerageModel.DefaultMarketMap
 * (LEAN: Common/Brokerages/DefaultBrokerageModel.cs).
 */
export const DEFAULT_MARKETS: Readonly<Record<SecurityType, string>> = {
  equity: 'usa',
  etf: 'usa',
  option: 'usa',
  future: 'cme',
  forex: 'oanda',
  cfd: 'oanda',
  crypto: 'coinbase',
  cryptofuture: 'binance',
  index: 'usa',
};

/** How people write LEAN's markets, beyond their ids (`coinbase`, `cme` ...). LEAN's own aliases first. */
const MARKET_ALIASES: Readonly<Record<string, string>> = {
  gdax: 'coinbase',
  'coinbase pro': 'coinbase',
  'binance us': 'binanceus',
  'binance.us': 'binanceus',
  'interactive brokers': 'interactivebrokers',
  ibkr: 'interactivebrokers',
  ib: 'interactivebrokers',
  'chicago mercantile exchange': 'cme',
  globex: 'cme',
  'cme globex': 'cme',
  'chicago board of trade': 'cbot',
  'new york mercantile exchange': 'nymex',
  'commodity exchange': 'comex',
  'ice futures': 'ice',
  cboe: 'cboe',
  'cboe futures exchange': 'cfe',
  'nyse liffe': 'nyseliffe',
  nyse: 'usa',
  nasdaq: 'usa',
  'us equities': 'usa',
};

/** Quote currencies tried, in order, when a request names only a coin ("BTC on Kraken"). */
const CRYPTO_QUOTES = ['USD', 'USDT', 'USDC', 'EUR', 'BTC'];

function words(text: string | undefined): Set<string> {
  return new Set(text ? text.split(' ') : []);
}

export class SymbolIndex {
  private namesByTicker: Map<string, string[]> | undefined;
  private companyWords: Map<string, string> | undefined;
  private companyNames: NameIndex | undefined;
  private readonly byMarket: Record<'crypto' | 'cryptofuture' | 'forex' | 'cfd' | 'index', Map<string, Set<string>>>;
  private readonly equities: Set<string>;
  private readonly funds: Set<string>;
  private readonly marketIds: Set<string>;
  private equityNames: NameIndex | undefined;

  constructor(private readonly data: SymbolIndexFile) {
    const perMarket = (table: Record<string, string>) => new Map(Object.entries(table).map(([market, list]) => [market, words(list)]));
    this.byMarket = {
      crypto: perMarket(data.crypto),
      cryptofuture: perMarket(data.cryptofuture),
      forex: perMarket(data.forex),
      cfd: perMarket(data.cfd),
      index: perMarket(data.index),
    };
    this.equities = words(data.equity['usa']);
    this.funds = words(data.fund['usa']);
    this.marketIds = new Set(Object.values(data.markets).flat());
  }

  /** Where the facts come from (LEAN's commit, the packages' versions), for records and notes. */
  get sources(): Readonly<Record<string, Record<string, string>>> {
    return this.data.sources;
  }

  /** LEAN's market id for a market or exchange name ("Coinbase", "GDAX", "Interactive Brokers", "CME"); undefined otherwise. */
  market(name: string): string | undefined {
    const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
    if (this.marketIds.has(key) && key !== 'empty') return key;
    return MARKET_ALIASES[key];
  }

  /** The markets LEAN has for a security type (from its market hours database). */
  marketsOf(type: SecurityType): string[] {
    return this.data.markets[type === 'etf' ? 'equity' : type] ?? [];
  }

  /** A crypto pair ("BTCUSD", "btc/usd", "ETH-USDT") or a coin alone ("BTC") on a market (default Coinbase). */
  crypto(
    text: string,
    market = DEFAULT_MARKETS.crypto,
    type: 'crypto' | 'cryptofuture' = 'crypto',
    /** The quote currency the prompt asks for ("against USDT"), tried first for a coin alone. */
    preferQuote?: string,
  ): ResolvedSymbol | undefined {
    const pairs = this.byMarket[type].get(market);
    if (!pairs) return undefined;
    const pair = text.toUpperCase().replace(/[/\-_ ]/g, '');
    if (pairs.has(pair)) return { symbol: pair, securityType: type, market };
    for (const quote of preferQuote ? [preferQuote, ...CRYPTO_QUOTES] : CRYPTO_QUOTES) {
      if (pairs.has(pair + quote)) return { symbol: pair + quote, securityType: type, market };
    }
    return undefined;
  }

  /** The markets that list a crypto pair or coin, in LEAN's market order. */
  cryptoMarkets(text: string, type: 'crypto' | 'cryptofuture' = 'crypto'): string[] {
    return [...this.byMarket[type].keys()].filter((market) => this.crypto(text, market, type) !== undefined);
  }

  /** A currency pair ("EURUSD", "eur/usd", "USD-JPY") on a market (default Oanda). */
  forex(text: string, market = DEFAULT_MARKETS.forex): ResolvedSymbol | undefined {
    const pair = text.toUpperCase().replace(/[/\-_ ]/g, '');
    return this.byMarket.forex.get(market)?.has(pair) ? { symbol: pair, securityType: 'forex', market } : undefined;
  }

  /** A CFD ("XAUUSD", "SPX500USD") on a market (default Oanda). */
  cfd(text: string, market = DEFAULT_MARKETS.cfd): ResolvedSymbol | undefined {
    const symbol = text.toUpperCase();
    return this.byMarket.cfd.get(market)?.has(symbol) ? { symbol, securityType: 'cfd', market } : undefined;
  }

  /** A futures root ("ES", "CL", "GC") with its exchange and LEAN's description. */
  future(root: string): ResolvedSymbol | undefined {
    const symbol = root.toUpperCase();
    const entry = this.data.future[symbol];
    return entry ? { symbol, securityType: 'future', market: entry.market, description: entry.description } : undefined;
  }

  /** An index ("SPX", "VIX", "NDX") on a market (default USA). */
  index(text: string, market = DEFAULT_MARKETS.index): ResolvedSymbol | undefined {
    const symbol = text.toUpperCase();
    return this.byMarket.index.get(market)?.has(symbol) ? { symbol, securityType: 'index', market } : undefined;
  }

  /** An index on whichever market lists it, US first ("SPX" usa, "N225" ose, "DAX" eurex). */
  anyIndex(text: string): ResolvedSymbol | undefined {
    const symbol = text.toUpperCase();
    const usa = this.index(symbol);
    if (usa) return usa;
    for (const [market, symbols] of this.byMarket.index) if (symbols.has(symbol)) return { symbol, securityType: 'index', market };
    return undefined;
  }

  /** A US equity ticker ("AAPL", "BRK.B"); an ETF or other fund when LEAN has no fundamental data for it. */
  equity(text: string): ResolvedSymbol | undefined {
    const symbol = text.toUpperCase();
    if (!this.equities.has(symbol)) return undefined;
    return { symbol, securityType: this.funds.has(symbol) ? 'etf' : 'equity', market: 'usa' };
  }

  /**
   * The ticker of a US index member's company name ("Apple", "Coca-Cola", "JPMorgan Chase"). A market's
   * name is never a company here: "Coinbase" is the exchange, not COIN (nor "CME" CME Group).
   */
  company(name: string): string | undefined {
    if (this.market(name) !== undefined) return undefined;
    return this.data.names[name.trim().toLowerCase()];
  }

  /** The company names the index knows for a ticker, lower-case ("apple" for AAPL). */
  namesOf(ticker: string): string[] {
    this.namesByTicker ??= Object.entries(this.data.names).reduce((byTicker, [name, symbol]) => {
      byTicker.set(symbol, [...(byTicker.get(symbol) ?? []), name]);
      return byTicker;
    }, new Map<string, string[]>());
    return this.namesByTicker.get(ticker.toUpperCase()) ?? [];
  }

  /** The ticker of the company whose name a misspelt word is closest to ("microsfot" → MSFT), by the names' first words. */
  suggestCompany(word: string): string | undefined {
    if (!this.companyWords) {
      this.companyWords = new Map();
      for (const [name, ticker] of Object.entries(this.data.names)) {
        const first = name.split(/[\s,.&]+/)[0] ?? '';
        if (first.length >= 5 && !this.companyWords.has(first)) this.companyWords.set(first, ticker);
      }
      this.companyNames = new NameIndex(this.companyWords.keys());
    }
    const near = this.companyNames?.suggest(word.toLowerCase());
    return near === undefined ? undefined : this.companyWords.get(near);
  }

  /** The US equity ticker closest to a misspelt one ("APPL" → AAPL), within a small edit distance. */
  suggestEquity(text: string): string | undefined {
    this.equityNames ??= new NameIndex(this.equities);
    const symbol = text.toUpperCase();
    return this.equities.has(symbol) ? undefined : this.equityNames.suggest(symbol);
  }
}

let shared: SymbolIndex | undefined;

/** The index bundled with this build. */
export function symbolIndex(): SymbolIndex {
  shared ??= new SymbolIndex(symbolIndexJson as SymbolIndexFile);
  return shared;
}
