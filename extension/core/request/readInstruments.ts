// Reads the instruments of a strategy request: which symbols, of which security type, on which market.
// Grounded in LEAN's own data (symbols.ts): a word becomes a symbol only when the index knows it for a
// security type the prompt supports, markets and exchanges are never tickers, and an unknown or
// misspelt ticker becomes a problem with a "did you mean", never a silent guess.
import type { Prompt } from './promptText';
import { DEFAULT_MARKETS, type ResolvedSymbol, type SecurityType, type SymbolIndex } from './symbols';
import type { Instrument, OptionContract, Read, RequestProblem, Span } from './types';
import { isCommonWord, isEnglishWord, nearEnglishWord } from './englishWords';
import { ruleWordOf } from './numbers';
import { correctWord } from './signalText';
import { NOT_TICKERS, STRATEGY_WORDS } from './vocabulary';

export interface InstrumentReading {
  instruments: Instrument[];
  markets: Read<string>[];
  problems: RequestProblem[];
}

/** Words that say which kind of instrument the prompt is about. */
const CUES: Readonly<Record<'crypto' | 'forex' | 'future' | 'option' | 'index' | 'cfd', RegExp>> = {
  crypto: /\b(crypto\w*|bitcoin|btc|ether(?:eum)?|eth|coins?|altcoins?|stablecoins?|usdt|usdc)\b/,
  forex: /\b(forex|fx|currenc(?:y|ies)|pips?|cross rates?)\b/,
  future:
    /\b(futures?|futres|futurs|futues|continuous (?:front )?contracts?|front[- ]months?|contract rolls?|rolls? (?:over|the contract)|e-?minis?|micro e-?minis?)\b/,
  option:
    /\b(options?|covered calls?|protective puts?|calls?|puts?(?!\s+(?:\d|it\b|them\b|all\b|half\b|the (?:rest|cash|money|proceeds)))|straddles?|strangles?|iron condors?|\d+[- ]?delta|dte|days? to expiry|expiry|expiration|strikes?)\b/,
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

/** Names people write for futures roots, read only in a prompt about futures ("gold futures" → GC). */
const FUTURE_NAMES: readonly [RegExp, string][] = [
  [/\bmicro e-?mini s&p(?: 500)?\b/, 'MES'],
  [/\bmicro e-?mini nasdaq(?:[- ]100)?\b/, 'MNQ'],
  [/\be-?mini s&p(?: 500)?\b/, 'ES'],
  [/\be-?mini nasdaq(?:[- ]100)?\b/, 'NQ'],
  [/\be-?mini dow\b/, 'YM'],
  [/\be-?mini russell(?: 2000)?\b/, 'RTY'],
  [/\b(?:wti )?crude(?: oil)?\b/, 'CL'],
  [/\bnatural gas|nat gas\b/, 'NG'],
  [/\bgold\b/, 'GC'],
  [/\bsilver\b/, 'SI'],
  [/\bcopper\b/, 'HG'],
  [/\bcorn\b/, 'ZC'],
  [/\bsoybeans?\b/, 'ZS'],
  [/\bwheat\b/, 'ZW'],
  [/\b10[- ]year (?:t[- ]?)?notes?\b/, 'ZN'],
  [/\b(?:30[- ]year )?(?:t[- ]bonds?|treasury bonds?)\b/, 'ZB'],
  [/\beuro fx\b/, '6E'],
  [/\b(?:japanese )?yen futures?\b/, '6J'],
];

/** Words before ("buy spy", "on aapl and msft") or after ("spy shares") which a lower-case known ticker is read as one. */
const TICKER_BEFORE =
  /(?:^|\b(?:on|buy|sell|short|long|trade|trading|hold|own|in|and|or|vs|versus|of|against|rotate between|between|rank|among|across|into))[\s,]*$/;
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
  /** A word right after a symbol already read, in a list ("jnj pg ko", "aapl, msft and nvda"). */
  const afterTicker = (start: number, separated = false) =>
    found.some(
      (f) =>
        f.span.end <= start &&
        prompt.original.slice(f.span.start, f.span.end).replace(/^\$/, '').toUpperCase() === f.symbol &&
        // Without a separator, only a list in one case ("jnj pg ko"): "ADBE stok" is a ticker and a misspelt word.
        (separated || prompt.original.slice(f.span.start, f.span.end) === prompt.lower.slice(f.span.start, f.span.end)) &&
        (separated ? /^\s*(?:,|and|or|&|\/)\s*$/ : /^(?:\s*,?\s*(?:and|or|&|\/)?\s*)$/).test(prompt.lower.slice(f.span.end, start)),
    );
  /** A capital letter right before a capitalised ticker in a list ("C, WFC"), for one-letter tickers. */
  const beforeTicker = (end: number) => /^\s*(?:,|and|or|&|\/)\s*\$?[A-Z]{2,5}\b/.test(prompt.original.slice(end, end + 12));
  const cryptoMarket = named('crypto') ?? DEFAULT_MARKETS.crypto;
  const quote =
    /\b(?:against|vs\.?|quoted in|in) (usdt|usdc|usd|eur|btc)\b|\b(usdt|usdc|busd|eur|btc)[- ](?:pairs?|quoted|perps?|margined)\b/.exec(
      text,
    );
  const preferQuote = (quote?.[1] ?? quote?.[2])?.toUpperCase();
  const perpetual = /\bperp(?:etual)?s?\b/.test(text);
  const cfdMarket = named('cfd') ?? DEFAULT_MARKETS.cfd;
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
      const resolved = index.crypto(coin, cryptoMarket, perpetual ? 'cryptofuture' : 'crypto', preferQuote);
      if (!resolved) {
        problems.push(notListed(`${name} (${coin})`, 'crypto', cryptoMarket, { start: m.index, end: m.end }));
        continue;
      }
      prompt.take(m.index, m.end);
      add(resolved, { start: m.index, end: m.end });
    }
  }
  // Futures by name ("gold futures", "E-mini S&P"), and roots starting with a digit ("6E"), in a prompt about futures.
  if (cue('future')) {
    for (const [pattern, root] of FUTURE_NAMES) {
      for (const m of prompt.find(pattern, { take: false })) {
        const resolved = index.future(root);
        if (!resolved) continue;
        prompt.take(m.index, m.end);
        add(resolved, { start: m.index, end: m.end });
      }
    }
    for (const m of prompt.find(/(?<![a-z0-9.])(\d[a-z]{1,2})(?![a-z0-9])/, { take: false })) {
      const resolved = index.future(m.groups[0]!);
      if (!resolved) continue;
      prompt.take(m.index, m.end);
      add(resolved, { start: m.index, end: m.end });
    }
  }
  // Company names, capitalised as names are ("Apple", "Coca-Cola", "Home Depot").
  for (const m of prompt.find(/(?<![A-Za-z])([A-Z][a-z]+(?:'s)?(?:[- ](?:&\s)?[A-Z][a-z]+(?:'s)?){0,2})(?![a-z])/, {
    take: false,
    caseSensitive: true,
  })) {
    const words = m.groups[0]!.split(/\s+/);
    for (let n = words.length; n >= 1; n--) {
      const name = words.slice(0, n).join(' ');
      const ticker = index.company(name) ?? index.company(`${name} &`);
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
    if (written === 'upper' && upper.length === 1 && !dollar && !afterTicker(m.index) && !beforeTicker(m.end)) continue;
    const resolved = resolveWord(upper, written, dollar, {
      cue,
      cryptoMarket,
      cryptoNamed: named('crypto') !== undefined,
      forexMarket,
      cfdMarket,
      index,
      perpetual,
      perpetualMarket: named('cryptofuture') ?? cryptoMarket,
      beforeIndex: /^\s+index\b/.test(prompt.lower.slice(m.end, m.end + 8)),
      ...(preferQuote ? { preferQuote } : {}),
    });
    // A lower-case word in a list of tickers ("gs and ms") is one, even where it is also a word.
    const listed =
      !resolved &&
      written === 'lower' &&
      upper.length >= 2 &&
      afterTicker(m.index, true) &&
      !STRATEGY_WORDS.has(word) &&
      !isCommonWord(word) &&
      !strategyTypo(word)
        ? index.equity(upper)
        : undefined;
    if (listed) {
      prompt.take(m.index, m.end);
      add(listed, span);
      continue;
    }
    if (resolved) {
      const supported =
        written !== 'lower' ||
        dollar ||
        resolved.securityType !== 'equity' ||
        tickerContext(prompt, m.index, m.end) ||
        afterTicker(m.index);
      if (!supported && resolved.securityType === 'equity') continue;
      if (
        resolved.securityType === 'etf' &&
        written === 'lower' &&
        !dollar &&
        !tickerContext(prompt, m.index, m.end) &&
        !afterTicker(m.index)
      )
        continue;
      prompt.take(m.index, m.end);
      add(resolved, span);
      continue;
    }
    // Not a symbol LEAN knows. Say so when it was plainly meant as one (the suggestion search is the
    // costly part, so it runs only for words that qualify).
    const looksLikeTicker = dollar || (written === 'upper' && upper.length >= 2 && upper.length <= 5 && !NOT_TICKERS.has(upper));
    const lowerCandidate =
      written === 'lower' &&
      // A ticker has at most 5 letters: a longer lower-case word ("hourly") is a word, not a misspelt ticker.
      upper.length >= 3 &&
      upper.length <= 5 &&
      !/\d/.test(word) &&
      !NOT_TICKERS.has(upper) &&
      !STRATEGY_WORDS.has(word) &&
      tickerContext(prompt, m.index, m.end);
    // A misspelt company name ("microsfot"): a long word that is no English word nor one letter from one.
    if (!looksLikeTicker && !lowerCandidate) {
      // …and not a misspelt word of strategies ("dochian", "trailling"), which the later readers correct.
      const company =
        upper.length >= 6 && written !== 'upper' && !isEnglishWord(word) && !nearEnglishWord(word) && !strategyTypo(word)
          ? index.suggestCompany(word)
          : undefined;
      if (company) {
        prompt.take(m.index, m.end);
        problems.push({
          kind: 'unknown-ticker',
          message: `"${word}" is not a company LEAN knows; did you mean ${company}?`,
          span,
          suggestion: company,
        });
      }
      continue;
    }
    const suggestion = index.suggestEquity(upper);
    if (looksLikeTicker || (suggestion !== undefined && misspeltTicker(word, suggestion, index))) {
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
  /** The prompt names a crypto exchange: a coin's code is read as the coin even where a stock has it ("LINK"). */
  cryptoNamed: boolean;
  forexMarket: string;
  cfdMarket: string;
  index: SymbolIndex;
  /** The prompt is about perpetual futures: coins are read as crypto futures, on this market. */
  perpetual: boolean;
  perpetualMarket: string;
  /** The word stands right before "index" ("the rut index"). */
  beforeIndex: boolean;
  preferQuote?: string;
}

/** The symbol an upper-cased word names, trying the security types the prompt's words support first. */
function resolveWord(upper: string, written: 'upper' | 'lower' | 'mixed', dollar: boolean, c: Context): ResolvedSymbol | undefined {
  // In lower case, a common English word is a word ("has", "are", "in", "stocks"), whatever LEAN lists.
  const word = written === 'lower' && !dollar && (STRATEGY_WORDS.has(upper.toLowerCase()) || isEnglishWord(upper));
  if (c.cue('cfd') && upper.length >= 3 && !word) {
    const cfd = c.index.cfd(upper, c.cfdMarket);
    if (cfd) return cfd;
  }
  // A perpetual is a crypto future, on the market named for them (LEAN lists dYdX and Bybit perpetuals apart).
  if (c.perpetual && !word) {
    const perp = c.index.crypto(upper, c.perpetualMarket, 'cryptofuture', c.preferQuote);
    if (perp) return perp;
  }
  if (upper.length >= 6) {
    const pair = c.index.forex(upper, c.forexMarket) ?? c.index.crypto(upper, c.cryptoMarket);
    if (pair && pair.symbol === upper) return pair;
  }
  // A root in a prompt about futures, in any case ("es front month"), unless it is a word there ("are").
  if (c.cue('future') && !word && !(written !== 'upper' && NOT_TICKERS.has(upper))) {
    const root = c.index.future(upper);
    if (root) return root;
  }
  // An index named as one ("the rut index", "N225"); a word is one only right before "index".
  if (c.cue('index') && upper.length >= 2 && (!word || c.beforeIndex)) {
    const index = c.index.anyIndex(upper);
    if (index) return index;
  }
  // A coin alone ("BTC", "sol"): in capitals and not a common word, or a coin whose name the reader knows.
  const knownCoin = Object.values(COIN_NAMES).includes(upper);
  const stock = c.index.equity(upper);
  if (
    c.cue('crypto') &&
    (!stock || c.cryptoNamed) &&
    upper.length >= 3 &&
    (knownCoin || (written === 'upper' && !NOT_TICKERS.has(upper)))
  ) {
    const coin = c.index.crypto(upper, c.cryptoMarket, 'crypto', c.preferQuote);
    if (coin) return coin;
  }
  if (knownCoin && written !== 'mixed') {
    const coin = c.index.crypto(upper, c.cryptoMarket, 'crypto', c.preferQuote);
    if (coin) return coin;
  }
  if (NOT_TICKERS.has(upper) && !dollar) return undefined;
  if (written === 'upper' || dollar) {
    if (stock && (upper.length >= 2 || dollar)) return stock;
    if (stock && upper.length === 1) return stock;
    const index = c.index.anyIndex(upper);
    if (index && upper.length >= 3) return index;
    return undefined;
  }
  // A lower-case English word is still a fund's ticker where the words around it say so ("buy spy").
  const strategyWord = STRATEGY_WORDS.has(upper.toLowerCase());
  if (
    written === 'lower' &&
    upper.length >= 2 &&
    !strategyWord &&
    stock &&
    (!word || (stock.securityType === 'etf' && !isCommonWord(upper)))
  )
    return stock;
  return undefined;
}

/** A word the signal or rule readers read as one of theirs ("dochian" is donchian, "max" is a rule word). */
function strategyTypo(word: string): boolean {
  const lower = word.toLowerCase();
  return correctWord(lower) !== undefined || ruleWordOf(lower) !== undefined;
}

/**
 * A lower-case word is a misspelt ticker only when it is no English word, nor one letter from one
 * ("dialy" is daily, "teh" the), unless it also starts the company's name ("appl" for Apple's AAPL).
 */
function misspeltTicker(word: string, suggestion: string, index: SymbolIndex): boolean {
  if (isEnglishWord(word)) return false;
  if (!nearEnglishWord(word)) return true;
  return index.namesOf(suggestion).some((name) => name.startsWith(word.toLowerCase()));
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
      // Short ids (CME, ICE) are markets only as written by exchanges, in capitals, or right after "on", "at", "via" ("on fxcm").
      if (
        phrase.length <= 4 &&
        prompt.original.slice(m.index, m.end) !== phrase.toUpperCase() &&
        !/\b(?:on|at|via|through|from)\s+$/.test(prompt.lower.slice(Math.max(0, m.index - 9), m.index))
      )
        continue;
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
  // One option per right the structure trades: a straddle, strangle or collar (or a prompt naming both) has two.
  const calls = prompt.find(/\b(?:calls?|straddles?|strangles?|collars?|wheel)\b/, { take: false })[0];
  const puts = prompt.find(/\b(?:puts?|straddles?|strangles?|collars?|wheel)\b/, { take: false })[0];
  const rights: Read<'call' | 'put'>[] = [];
  if (calls) rights.push({ value: 'call', span: { start: calls.index, end: calls.end } });
  if (puts) rights.push({ value: 'put', span: { start: puts.index, end: puts.end } });
  for (const r of rights) prompt.take(r.span.start, r.span.end);
  // The stock is held too only where the structure holds it (covered call, protective put, collar, wheel).
  const holdsUnderlying = prompt.has(HOLDS_UNDERLYING);
  const out: Instrument[] = [];
  for (const instrument of found) {
    const optionable = instrument.securityType === 'equity' || instrument.securityType === 'etf' || instrument.securityType === 'index';
    if (!optionable || holdsUnderlying) out.push(instrument);
    if (!optionable) continue;
    for (const right of rights.length ? rights : [undefined])
      out.push({
        symbol: instrument.symbol,
        securityType: 'option',
        market: instrument.market,
        marketStated: instrument.marketStated,
        span: instrument.span,
        option: { underlying: instrument.symbol, ...selection, ...(right ? { right } : {}) },
      });
  }
  return out;
}

/** Structures that hold the underlying besides the options. */
const HOLDS_UNDERLYING =
  /\b(?:covered calls?|buy[- ]writes?|protective puts?|collars?|wheel|against (?:the|my|our) (?:shares|stock|position)|keep holding|(?:long|own|owning|hold|holding) (?:the )?(?:shares|stock))\b/;
