// Reads the instruments of a strategy request: which symbols, of which security type, on which market.
// Grounded in LEAN's own data (symbols.ts): a word becomes a symbol only when the index knows it for a
// security type the prompt supports, markets and exchanges are never tickers, and an unknown or
// misspelt ticker becomes a problem with a "did you mean", never a silent guess.
import type { Prompt } from './promptText';
import { DEFAULT_MARKETS, type ResolvedSymbol, type SecurityType, type SymbolIndex } from './symbols';
import type { Instrument, OptionContract, Read, RequestProblem, Span } from './types';
import { NOT_TICKERS } from './vocabulary';

export interface InstrumentReading {
  instruments: Instrument[];
  markets: Read<string>[];
  problems: RequestProblem[];
}

/** Words that say which kind of instrument the prompt is about. */
const CUES: Readonly<Record<'crypto' | 'forex' | 'future' | 'option' | 'index' | 'cfd', RegExp>> = {
  crypto: /\b(crypto\w*|bitcoin|btc|ether(?:eum)?|eth|coins?|altcoins?|stablecoins?|usdt|usdc)\b/,
  forex: /\b(forex|fx|currenc(?:y|ies)|pips?|cross rates?)\b/,
  future: /\b(futures?|continuous contracts?|front[- ]month|contract rolls?|rolls? (?:over|the contract))\b/,
  option:
    /\b(options?|covered calls?|protective puts?|calls?|puts?|straddles?|strangles?|iron condors?|\d+[- ]?delta|dte|days? to expiry|expiry|expiration|strikes?)\b/,
  index: /\b(index|indices)\b/,
  cfd: /\bcfds?\b/,
};

/** Coin names people write for the codes exchanges list. */
const COIN_NAMES: Readonly<Record<string, string>> = {
  bitcoin: 'BTC',
  ether: 'ETH',
  ethereum: 'ETH',
  solana: 'SOL',
  litecoin: 'LTC',
  dogecoin: 'DOGE',
  ripple: 'XRP',
  cardano: 'ADA',
};

/** Words before ("buy spy", "on aapl and msft") or after ("spy shares") which a lower-case known ticker is read as one. */
const TICKER_BEFORE =
  /(?:^|\b(?:on|buy|sell|short|long|trade|trading|hold|own|in|and|or|vs|versus|of|against|rotate between|between))[\s,]*$/;
const TICKER_AFTER = /^[\s,]*(?:shares?|stocks?|etfs?)\b/;

/** Markets a prompt names for a security type; equity exchanges (NYSE, Nasdaq) are left to the equity reader. */
const NAMED_MARKET_TYPES: readonly SecurityType[] = ['crypto', 'cryptofuture', 'forex', 'cfd', 'future'];

export function readInstruments(prompt: Prompt, index: SymbolIndex): InstrumentReading {
  const text = prompt.lower;
  const cue = (kind: keyof typeof CUES) => CUES[kind].test(text);
  const markets = readMarkets(prompt, index);
  const problems: RequestProblem[] = [];
  const found: Instrument[] = [];
  const named = (type: SecurityType) => markets.find((m) => index.marketsOf(type).includes(m.value))?.value;
  const add = (resolved: ResolvedSymbol, span: Span) => {
    const stated = markets.some((m) => m.value === resolved.market);
    if (!found.some((f) => f.symbol === resolved.symbol && f.securityType === resolved.securityType))
      found.push({
        ...resolved,
        marketStated: stated,
        span,
        ...(resolved.securityType === 'future' ? { future: { root: resolved.symbol } } : {}),
      });
  };
  const cryptoMarket = named('crypto') ?? DEFAULT_MARKETS.crypto;
  const forexMarket = named('forex') ?? DEFAULT_MARKETS.forex;

  // Pairs written with a separator: "BTC/USD", "eur-usd".
  for (const m of prompt.find(/(?<![a-z0-9])([a-z]{2,6})\s?[/-]\s?([a-z]{3,5})(?![a-z0-9])/, { take: false })) {
    const pair = `${m.groups[0]}${m.groups[1]}`;
    const resolved = index.forex(pair, forexMarket) ?? index.crypto(pair, cryptoMarket);
    if (!resolved) continue;
    prompt.take(m.index, m.end);
    add(resolved, { start: m.index, end: m.end });
  }
  // Coins by name: "bitcoin", "Ethereum".
  for (const [name, coin] of Object.entries(COIN_NAMES)) {
    for (const m of prompt.find(new RegExp(`(?<![a-z0-9])${name}(?![a-z0-9])`), { take: false })) {
      const resolved = index.crypto(coin, cryptoMarket);
      if (!resolved) {
        problems.push(notListed(`${name} (${coin})`, 'crypto', cryptoMarket, { start: m.index, end: m.end }));
        continue;
      }
      prompt.take(m.index, m.end);
      add(resolved, { start: m.index, end: m.end });
    }
  }
  // Company names, capitalised as names are ("Apple", "Coca-Cola", "Home Depot").
  for (const m of prompt.find(/(?<![A-Za-z])([A-Z][a-z]+(?:[- ](?:&\s)?[A-Z][a-z]+){0,2})(?![a-z])/, {
    take: false,
    caseSensitive: true,
  })) {
    const words = m.groups[0]!.split(/\s+/);
    for (let n = words.length; n >= 1; n--) {
      const name = words.slice(0, n).join(' ');
      const ticker = index.company(name);
      const resolved = ticker ? index.equity(ticker) : undefined;
      if (!resolved) continue;
      const end = m.index + name.length;
      prompt.take(m.index, end);
      add(resolved, { start: m.index, end });
      break;
    }
  }
  // Symbols written as tickers: "AAPL", "$tsla", "BTCUSD", "usdjpy", "ES".
  for (const m of prompt.find(/(?<![A-Za-z0-9.&])(\$?)([A-Za-z][A-Za-z0-9]{0,9}(?:\.[A-Za-z])?)(?![A-Za-z0-9&]|\.[A-Za-z])/, {
    take: false,
    caseSensitive: true,
  })) {
    const [dollar, word] = [m.groups[0] === '$', m.groups[1]!];
    const span = { start: m.index, end: m.end };
    const upper = word.toUpperCase();
    const written = word === upper ? 'upper' : word === word.toLowerCase() ? 'lower' : 'mixed';
    const resolved = resolveWord(upper, written, dollar, { cue, cryptoMarket, forexMarket, index });
    if (resolved) {
      const supported = written !== 'lower' || dollar || resolved.securityType !== 'equity' || tickerContext(prompt, m.index, m.end);
      if (!supported && resolved.securityType === 'equity') continue;
      if (resolved.securityType === 'etf' && written === 'lower' && !dollar && !tickerContext(prompt, m.index, m.end)) continue;
      prompt.take(m.index, m.end);
      add(resolved, span);
      continue;
    }
    // Not a symbol LEAN knows. Say so when it was plainly meant as one.
    const looksLikeTicker = dollar || (written === 'upper' && upper.length >= 2 && upper.length <= 5 && !NOT_TICKERS.has(upper));
    const suggestion = index.suggestEquity(upper);
    const lowerTypo =
      written === 'lower' &&
      suggestion !== undefined &&
      // A ticker has at most 5 letters: a longer lower-case word ("hourly") is a word, not a misspelt ticker.
      upper.length >= 3 &&
      upper.length <= 5 &&
      tickerContext(prompt, m.index, m.end) &&
      !NOT_TICKERS.has(upper);
    if (looksLikeTicker || lowerTypo) {
      prompt.take(m.index, m.end);
      problems.push({
        kind: 'unknown-ticker',
        message: `"${word}" is not a symbol LEAN knows${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
        span,
        ...(suggestion ? { suggestion } : {}),
      });
    }
  }

  const instruments = cue('option') ? withOptions(prompt, found) : found;
  if (instruments.length === 0) {
    for (const market of markets) {
      if (index.marketsOf('crypto').includes(market.value) && cue('crypto'))
        problems.push({ kind: 'not-listed', message: `No crypto pair named for ${market.value}.`, span: market.span });
    }
  }
  return { instruments, markets, problems };
}

interface Context {
  cue: (kind: keyof typeof CUES) => boolean;
  cryptoMarket: string;
  forexMarket: string;
  index: SymbolIndex;
}

/** The symbol an upper-cased word names, trying the security types the prompt's words support first. */
function resolveWord(upper: string, written: 'upper' | 'lower' | 'mixed', dollar: boolean, c: Context): ResolvedSymbol | undefined {
  if (upper.length >= 6) {
    const pair = c.index.forex(upper, c.forexMarket) ?? c.index.crypto(upper, c.cryptoMarket);
    if (pair && pair.symbol === upper) return pair;
  }
  if (c.cue('future') && written === 'upper') {
    const root = c.index.future(upper);
    if (root) return root;
  }
  // A coin alone ("BTC", "sol"): in capitals and not a common word, or a coin whose name the reader knows.
  const knownCoin = Object.values(COIN_NAMES).includes(upper);
  if (c.cue('crypto') && !c.index.equity(upper) && upper.length >= 3 && (knownCoin || (written === 'upper' && !NOT_TICKERS.has(upper)))) {
    const coin = c.index.crypto(upper, c.cryptoMarket);
    if (coin) return coin;
  }
  if (knownCoin && written !== 'mixed') {
    const coin = c.index.crypto(upper, c.cryptoMarket);
    if (coin) return coin;
  }
  if (NOT_TICKERS.has(upper) && !dollar) return undefined;
  if (written === 'upper' || dollar) {
    const equity = c.index.equity(upper);
    if (equity && (upper.length >= 2 || dollar)) return equity;
    const index = c.index.index(upper);
    if (index) return index;
    if (c.cue('cfd')) return c.index.cfd(upper);
    return undefined;
  }
  if (written === 'lower' && upper.length >= 2) return c.index.equity(upper);
  return undefined;
}

/** Whether the words around a lower-case word read it as a ticker ("buy spy", "aapl and msft"). */
function tickerContext(prompt: Prompt, start: number, end: number): boolean {
  return TICKER_BEFORE.test(prompt.lower.slice(Math.max(0, start - 24), start)) || TICKER_AFTER.test(prompt.lower.slice(end, end + 12));
}

function notListed(what: string, type: SecurityType, market: string, span: Span): RequestProblem {
  return { kind: 'not-listed', message: `LEAN lists no ${type} ${what} on ${market}.`, span };
}

/** Markets and exchanges the prompt names; taken, so that no later reader sees them as tickers. */
function readMarkets(prompt: Prompt, index: SymbolIndex): Read<string>[] {
  const out: Read<string>[] = [];
  const phrases = new Set<string>();
  for (const type of NAMED_MARKET_TYPES) for (const id of index.marketsOf(type)) phrases.add(id);
  for (const alias of ['gdax', 'coinbase pro', 'binance us', 'binance.us', 'interactive brokers', 'ibkr', 'cme globex', 'globex'])
    phrases.add(alias);
  // Longest first, so "binance us" wins over "binance".
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![a-z0-9])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![a-z0-9])`);
    for (const m of prompt.find(pattern, { take: false })) {
      // Short ids (CME, ICE) are markets only as written by exchanges: in capitals.
      if (phrase.length <= 4 && prompt.original.slice(m.index, m.end) !== phrase.toUpperCase()) continue;
      const id = index.market(m.text);
      if (!id) continue;
      prompt.take(m.index, m.end);
      out.push({ value: id, span: { start: m.index, end: m.end } });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** With option words in the prompt, each equity named becomes the underlying of an option with the contract selection read here. */
function withOptions(prompt: Prompt, found: Instrument[]): Instrument[] {
  const selection: Omit<OptionContract, 'underlying'> = {};
  const read = <T>(pattern: RegExp, value: (groups: (string | undefined)[]) => T): Read<T> | undefined => {
    const m = prompt.first(pattern);
    return m ? { value: value(m.groups), span: { start: m.index, end: m.end } } : undefined;
  };
  const delta = read(/(?<![a-z0-9.])(0?\.\d+|\d{1,2})[- ]?delta\b/, (g) => {
    const n = Number(g[0]);
    return n >= 1 ? n / 100 : n;
  });
  if (delta) selection.delta = delta;
  const dte = read(/~?\s?(\d{1,3})[- ]?(?:dte|days? to (?:expiry|expiration))\b/, (g) => Number(g[0]));
  if (dte) selection.daysToExpiry = dte;
  const moneyness = read(/\b(atm|otm|itm|at[- ]the[- ]money|out[- ]of[- ]the[- ]money|in[- ]the[- ]money)\b/, (g) => {
    const w = g[0]!;
    return w.startsWith('at') ? ('atm' as const) : w.startsWith('o') ? ('otm' as const) : ('itm' as const);
  });
  if (moneyness) selection.moneyness = moneyness;
  const right = read(/\b(calls?|puts?)\b/, (g) => (g[0]!.startsWith('c') ? ('call' as const) : ('put' as const)));
  if (right) selection.right = right;
  const out = [...found];
  for (const instrument of found) {
    if (instrument.securityType !== 'equity' && instrument.securityType !== 'etf' && instrument.securityType !== 'index') continue;
    out.push({
      symbol: instrument.symbol,
      securityType: 'option',
      market: instrument.market,
      marketStated: instrument.marketStated,
      span: instrument.span,
      option: { underlying: instrument.symbol, ...selection },
    });
  }
  return out;
}
