// Reads the instruments of a strategy request: which symbols, of which security type, on which market.
// Grounded in LEAN's own data (symbols.ts): a word becomes a symbol only when the index knows it for a
// security type the prompt supports, markets and exchanges are never tickers, and an unknown or
// misspelt ticker becomes a problem with a "did you mean", never a silent guess. So does a venue LEAN has
// no market for ("ETH on Robinhood"): a problem, never LEAN's default market in its place. A symbol named
// only as what is not traded ("MES instead of the full-size ES") is no instrument, and a flagship futures
// root in capitals ("ES", "CL", "GC") is the future unless the prompt is about stocks.
import type { Prompt } from './promptText';
import { DEFAULT_MARKETS, type ResolvedSymbol, type SecurityType, type SymbolIndex } from './symbols';
import type { FutureContract, Instrument, OptionContract, Read, RequestProblem, Span } from './types';
import { isCommonWord, isEnglishWord, nearEnglishWord } from './englishWords';
import { ruleWordOf } from './numbers';
import { correctWord, isSignalWord } from './signalText';
import { editDistance } from '../validation/names';
import { COIN_NAMES, NOT_TICKERS, STRATEGY_WORDS } from './vocabulary';

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

/** Names people write for futures roots, read only in a prompt about futures ("gold futures" → GC). */
export const FUTURE_NAMES: readonly [RegExp, string][] = [
  // The index's name before or after "E-mini": "Micro E-mini S&P 500", "Russell 2000 E-mini".
  [/\bmicro e-?mini s&p(?: 500)?\b|\bs&p(?: 500)? micro e-?minis?\b/, 'MES'],
  [/\bmicro e-?mini nasdaq(?:[- ]100)?\b|\bnasdaq(?:[- ]100)? micro e-?minis?\b/, 'MNQ'],
  [/\be-?mini s&p(?: 500)?\b|\bs&p(?: 500)? e-?minis?\b/, 'ES'],
  [/\be-?mini nasdaq(?:[- ]100)?\b|\bnasdaq(?:[- ]100)? e-?minis?\b/, 'NQ'],
  [/\be-?mini dow\b|\bdow(?: jones)? e-?minis?\b/, 'YM'],
  [/\be-?mini russell(?: 2000)?\b|\brussell(?: 2000)? e-?minis?\b/, 'RTY'],
  [/\b(?:wti )?crude(?: oil)?\b/, 'CL'],
  [/\bnatural gas|nat gas\b/, 'NG'],
  [/\bgold\b/, 'GC'],
  [/\bsilver\b/, 'SI'],
  [/\bcopper\b/, 'HG'],
  [/\bcorn\b/, 'ZC'],
  [/\bsoybeans?\b/, 'ZS'],
  [/\bwheat\b/, 'ZW'],
  // "10-year note", "10 yr T-note", "ten year treasury notes".
  [/\b(?:10|ten)[- ]?(?:years?|yrs?) (?:t[- ]?|treasury )?notes?\b/, 'ZN'],
  [/\b(?:5|five)[- ]?(?:years?|yrs?) (?:t[- ]?|treasury )?notes?\b/, 'ZF'],
  [/\b(?:2|two)[- ]?(?:years?|yrs?) (?:t[- ]?|treasury )?notes?\b/, 'ZT'],
  [/\b(?:30[- ]?(?:years?|yrs?) )?(?:t[- ]bonds?|treasury bonds?)\b/, 'ZB'],
  [/\beuro fx\b/, '6E'],
  [/\b(?:japanese )?yen futures?\b/, '6J'],
];

/**
 * Futures roots far better known as the future than as the stock or fund that shares the ticker: to a
 * trader "ES" is the E-mini S&P 500 (Eversource's ticker only in a prompt about stocks), "CL" crude oil,
 * "GC" gold. Written in capitals without "$", each is read as its future even where no word says futures,
 * unless the prompt is about stocks (see STOCK_WORDS) or lists it among other stocks.
 */
const FLAGSHIP_ROOTS = new Set('ES NQ YM RTY MES MNQ MYM M2K ZN ZB ZF ZT GC SI HG CL NG'.split(' '));
/** Words that make a prompt one about stocks, where a flagship root is the stock's ticker. */
const STOCK_WORDS = /\b(?:stocks?|shares?|equit(?:y|ies)|compan(?:y|ies)|dividends?|earnings)\b/;

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
  /** A word right before a crypto exchange the prompt names ("link on Coinbase", "sol at Kraken"). */
  const beforeCryptoExchange = (end: number) =>
    markets.some(
      (mk) =>
        index.marketsOf('crypto').includes(mk.value) &&
        mk.span.start > end &&
        /^\s+(?:on|at|via)\s+$/.test(prompt.lower.slice(end, mk.span.start)),
    );
  // In a pairs trade "ETH against BTC" names two legs, not ETH quoted in BTC.
  const pairTrade = /\bpairs?[\s-]+trad|\bspread\b|\bcointegrat/.test(text);
  const quote = (
    pairTrade
      ? /\b(?:quoted in) (usdt|usdc|usd|eur|btc)\b|\b(usdt|usdc|busd|eur|btc)[- ](?:quoted|perps?|margined)\b/
      : /\b(?:against|vs\.?|quoted in|in) (usdt|usdc|usd|eur|btc)\b|\b(usdt|usdc|busd|eur|btc)[- ](?:pairs?|quoted|perps?|margined)\b/
  ).exec(text);
  const preferQuote = (quote?.[1] ?? quote?.[2])?.toUpperCase();
  // A stablecoin named as the coins' quote ("all against USDT", "USDT pairs") is no coin traded of its own.
  if (quote && /^USD[TC]$|^BUSD$/.test(preferQuote ?? '')) {
    const word = (quote[1] ?? quote[2])!;
    const at = quote.index + (quote[1] ? quote[0].lastIndexOf(word) : quote[0].indexOf(word));
    prompt.take(at, at + word.length);
  }
  const perpetual = /\bperp(?:etual)?s?\b/.test(text);
  // Perpetuals trade on the market named for them, else on the crypto market named, else on LEAN's
  // default for crypto futures (Binance): never on the spot default, which lists none.
  const perpetualMarket = named('cryptofuture') ?? (named('crypto') ? cryptoMarket : DEFAULT_MARKETS.cryptofuture);
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
      const resolved = perpetual
        ? index.crypto(coin, perpetualMarket, 'cryptofuture', preferQuote)
        : index.crypto(coin, cryptoMarket, 'crypto', preferQuote);
      if (!resolved) {
        problems.push(
          perpetual
            ? notListed(`${name} (${coin})`, 'cryptofuture', perpetualMarket, { start: m.index, end: m.end })
            : notListed(`${name} (${coin})`, 'crypto', cryptoMarket, { start: m.index, end: m.end }),
        );
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
        // The word saying what the name is belongs to it: "10-year note futures", "crude oil contracts".
        const kind = /^\s?(?:futures?|contracts?)(?![a-z])/.exec(prompt.lower.slice(m.end));
        prompt.take(m.index, m.end + (kind?.[0].length ?? 0));
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
      perpetualMarket,
      beforeIndex: /^\s+index\b/.test(prompt.lower.slice(m.end, m.end + 8)),
      stockWords: STOCK_WORDS.test(text),
      coinPlace: written === 'lower' && beforeCryptoExchange(m.end) && tickerContext(prompt, m.index, m.end),
      ...(preferQuote ? { preferQuote } : {}),
    });
    // A lower-case word in a list of tickers ("gs and ms") is one, even where it is also a word.
    const listed =
      !resolved &&
      written === 'lower' &&
      upper.length >= 2 &&
      afterTicker(m.index, true) &&
      !NOT_TICKERS.has(upper) &&
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
    // The name of an index ("FTSE 100", "Nikkei 225") is no misspelt ticker: it is left to the readers of names.
    if (!dollar && MARKET_NAME_START.test(prompt.lower.slice(m.index, m.index + 24))) continue;
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
      !isSignalWord(word) &&
      tickerContext(prompt, m.index, m.end);
    // A misspelt company name ("microsfot"): a long word that is no English word nor one letter from one.
    if (!looksLikeTicker && !lowerCandidate) {
      // …and not a misspelt word of strategies ("dochian", "trailling"), which the later readers correct, nor the
      // second half of a hyphenated word ("cross-sectional").
      const company =
        upper.length >= 6 &&
        written !== 'upper' &&
        !/[A-Za-z]-$/.test(prompt.original.slice(Math.max(0, m.index - 2), m.index)) &&
        !isEnglishWord(word) &&
        !nearEnglishWord(word) &&
        !strategyTypo(word)
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
    // A coin LEAN lists on other exchanges than the one named ("XMR on Coinbase") is not listed there, no unknown ticker.
    const elsewhere = looksLikeTicker && named('crypto') !== undefined ? index.cryptoMarkets(upper) : [];
    if (elsewhere.length > 0) {
      prompt.take(m.index, m.end);
      problems.push({
        kind: 'not-listed',
        message: `LEAN lists no crypto ${upper} on ${cryptoMarket}; it lists it on ${elsewhere.join(', ')}.`,
        span,
      });
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

  // A word of an instrument's name written before its symbol in brackets ("RBOB gasoline (RB)", "Acme
  // Robotix (XYZ)") names that instrument: no ticker of its own, nor a problem.
  for (const problem of [...problems]) {
    if (problem.kind !== 'unknown-ticker' || !problem.span) continue;
    const name = /^(?:[\s-]+[A-Za-z][A-Za-z&.'-]*){0,3}\s*\(\s*\$?/.exec(prompt.original.slice(problem.span.end, problem.span.end + 60));
    const symbol = name ? problem.span.end + name[0].length : -1;
    if (found.some((f) => f.span.start === symbol && /^\s*\)/.test(prompt.original.slice(f.span.end))))
      problems.splice(problems.indexOf(problem), 1);
  }
  // A flagship root read as its future stands among stocks ("CL, PG and KO"): there it is the stock.
  if (!cue('future') && found.some((f) => f.securityType === 'equity' && !FLAGSHIP_ROOTS.has(f.symbol))) {
    for (const [k, f] of found.entries()) {
      const stock = f.securityType === 'future' && FLAGSHIP_ROOTS.has(f.symbol) ? index.equity(f.symbol) : undefined;
      if (stock) found[k] = { ...stock, marketStated: false, span: f.span };
    }
  }
  for (const f of found) takeRestatements(prompt, f);
  const kept = withoutNotTraded(prompt, found);
  problems.push(...unknownVenues(prompt, index, kept, markets));
  const instruments = withFutureContracts(prompt, cue('option') ? withOptions(prompt, kept) : kept);
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
  /** The prompt says it is about stocks ("shares", "equities"): a flagship futures root is a ticker there. */
  stockWords: boolean;
  /**
   * The word stands where a coin does: in a ticker's place and right before a crypto exchange the prompt
   * names ("trade link on Coinbase"). There a lower-case code the exchange lists is the coin, even an English word.
   */
  coinPlace: boolean;
  preferQuote?: string;
}

/** The symbol an upper-cased word names, trying the security types the prompt's words support first. */
function resolveWord(upper: string, written: 'upper' | 'lower' | 'mixed', dollar: boolean, c: Context): ResolvedSymbol | undefined {
  // In lower case, a common English word is a word ("has", "are", "in", "stocks"), whatever LEAN lists; so
  // is one capitalised as a sentence starts ("On the daily" is no ONUSDT perpetual).
  const word = written !== 'upper' && !dollar && (STRATEGY_WORDS.has(upper.toLowerCase()) || isEnglishWord(upper));
  if (c.cue('cfd') && upper.length >= 3 && !word) {
    const cfd = c.index.cfd(upper, c.cfdMarket);
    if (cfd) return cfd;
  }
  // A perpetual is a crypto future, on the market named for them (LEAN lists dYdX and Bybit perpetuals apart).
  // A word that is no ticker (an indicator's abbreviation: "BB(20,2)", "EMA") is no coin, unless it is a known one (ETH).
  if (c.perpetual && !word && (!NOT_TICKERS.has(upper) || Object.values(COIN_NAMES).includes(upper))) {
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
  // A flagship root in capitals ("ES intraday"), in a prompt that does not say it is about stocks.
  if (written === 'upper' && !dollar && !c.stockWords && FLAGSHIP_ROOTS.has(upper)) {
    const root = c.index.future(upper);
    if (root) return root;
  }
  // An index named as one ("the rut index", "N225"); a word is one only right before "index".
  if (c.cue('index') && upper.length >= 2 && (!word || c.beforeIndex)) {
    const index = c.index.anyIndex(upper);
    if (index) return index;
  }
  // A coin alone ("BTC", "sol") in a prompt about crypto or naming a crypto exchange ("DOT on Coinbase"): in
  // capitals and not a common word, or a coin whose name the reader knows.
  const knownCoin = Object.values(COIN_NAMES).includes(upper);
  const stock = c.index.equity(upper);
  if (
    (c.cue('crypto') || c.cryptoNamed) &&
    (!stock || c.cryptoNamed) &&
    upper.length >= 3 &&
    (knownCoin || (written === 'upper' && !NOT_TICKERS.has(upper)))
  ) {
    const coin = c.index.crypto(upper, c.cryptoMarket, 'crypto', c.preferQuote);
    if (coin) return coin;
  }
  if (c.coinPlace && !STRATEGY_WORDS.has(upper.toLowerCase()) && !NOT_TICKERS.has(upper) && upper.length >= 3) {
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

/** Words saying what kind of instrument a symbol is ("ADBE stock", "the S&P 100 index (OEX)"). */
const KIND_WORDS = [
  'stock',
  'stocks',
  'share',
  'shares',
  'etf',
  'etfs',
  'fund',
  'future',
  'futures',
  'index',
  'indices',
  'cfd',
  'cfds',
  'contract',
  'contracts',
  'perp',
  'perps',
  'perpetual',
];
/** Words that qualify an index's name when it names an instrument ("E-mini", "cash" in "the Nikkei 225 cash index", "the DAX one"). */
const QUALIFIERS = ['e-mini', 'emini', 'mini', 'micro', 'cash', 'stock', 'equity', 'one'];

/** A kind word, or one misspelt by a letter ("stok", "indx") where it is no English word and has four letters or more. */
function kindWord(word: string, words: readonly string[] = KIND_WORDS): boolean {
  if (words.includes(word)) return true;
  if (word.length < 4 || isEnglishWord(word) || STRATEGY_WORDS.has(word)) return false;
  return words.some((k) => k.length >= 4 && editDistance(word, k, 1) <= 1);
}

/**
 * The names of the markets index instruments track (lower case): the index an index future, CFD, ETF or
 * index is of. Read only right next to an instrument's symbol, as a restatement of it.
 */
const MARKET_NAME =
  '(?:(?:s\\s?&\\s?p|sp)\\s?(?:100|400|500|600)|s\\s?&\\s?p|nasdaq(?:[\\s-]?100|\\s+composite)?|dow(?:\\s+jones)?(?:\\s+industrials?)?(?:\\s+average)?(?:\\s+30)?|russell\\s?(?:1000|2000|3000)|euro\\s?stoxx(?:\\s?50)?|stoxx(?:\\s?50|\\s?600)|dax(?:\\s?40)?|ftse(?:\\s?100|\\s?250)?|nikkei(?:\\s?225)?|hang\\s?seng|cac(?:\\s?40)|asx(?:\\s?200)?|kospi(?:\\s?200)?|nifty(?:\\s?50)?|ibex(?:\\s?35)?|tsx|smi)';
const MARKET_NAME_START = new RegExp(`^${MARKET_NAME}(?![a-z0-9])`);
const NAME_BEFORE = new RegExp(`(?<![a-z0-9&])(?<name>${MARKET_NAME})(?<words>(?:\\s+[a-z-]+){0,3}?)\\s*(?:\\(|,|:|-)?\\s*$`);
const NAME_AFTER = new RegExp(`^\\s*\\(\\s*(?:the\\s+)?(?<name>${MARKET_NAME})(?<words>(?:\\s+[a-z-]+){0,3}?)\\s*\\)`);

/**
 * Words that only restate an instrument read: the kind written after its symbol misspelt ("ADBE stok"),
 * and the name of the market it tracks written right before it or in brackets after
 * it ("the S&P 100 indx (OEX)", "the Euro Stoxx 50 one, EU50EUR", "OEX (S&P 100)"). Taken, so they are
 * not left as words no reader understood.
 */
function takeRestatements(prompt: Prompt, instrument: Instrument): void {
  const { start, end } = instrument.span;
  // Only a misspelt one: the word itself is part of other readers' phrases ("the holdings of the ITA ETF").
  const after = /^\s+([a-z]+)(?![a-z0-9])/.exec(prompt.lower.slice(end, end + 20));
  if (after && !KIND_WORDS.includes(after[1]!) && kindWord(after[1]!) && !prompt.isUsed(end, end + after[0].length))
    prompt.take(end, end + after[0].length);
  if (!['index', 'cfd', 'future', 'etf'].includes(instrument.securityType)) return;
  const qualified = (words: string | undefined) =>
    (words ?? '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((w) => kindWord(w) || kindWord(w, QUALIFIERS));
  const from = Math.max(0, start - 60);
  const before = NAME_BEFORE.exec(prompt.lower.slice(from, start));
  if (before && qualified(before.groups!['words']) && !prompt.isUsed(from + before.index, start)) prompt.take(from + before.index, start);
  const next = NAME_AFTER.exec(prompt.lower.slice(end, end + 60));
  if (next && qualified(next.groups!['words']) && !prompt.isUsed(end, end + next[0].length)) prompt.take(end, end + next[0].length);
}

/** Right before a symbol named only as what is not traded: "instead of the full-size ES", "rather than SPY". */
const NOT_TRADED_BEFORE =
  /(?<![a-z])(?:instead\s+of|rather\s+than|in\s+place\s+of|in\s+lieu\s+of|other\s+than|excluding|except(?:\s+for)?)\s+(?:(?:the|a|an)\s+)?(?:(?![a-z-]*ing\s)[a-z][a-z-]*\s+){0,2}$/;

/**
 * The instruments without those named only as what is not traded: an instrument every mention of which
 * (its symbol, or the words it was read from) follows "instead of", "rather than", "other than" ... is
 * no instrument ("the Micro E-mini S&P 500 (MES) instead of the full-size ES" trades MES alone).
 */
function withoutNotTraded(prompt: Prompt, found: readonly Instrument[]): Instrument[] {
  return found.filter((i) => {
    const words = new Set([i.symbol.toLowerCase(), prompt.lower.slice(i.span.start, i.span.end).trim()].filter(Boolean));
    const mentions: Span[] = [i.span];
    for (const w of words) {
      const re = new RegExp(`(?<![a-z0-9])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`, 'g');
      for (const m of prompt.lower.matchAll(re)) mentions.push({ start: m.index, end: m.index + m[0].length });
    }
    return !mentions.every((m) => NOT_TRADED_BEFORE.test(prompt.lower.slice(Math.max(0, m.start - 60), m.start)));
  });
}

/**
 * Venues people trade on that LEAN has no market for (its markets are symbolIndex.json's): crypto
 * exchanges and brokers. Lower case; a name that is also an English word counts only after "on", "at",
 * "via", "with", "through" or "using".
 */
const UNKNOWN_VENUES = [
  'robinhood',
  'etoro',
  'webull',
  'moomoo',
  'kucoin',
  'okx',
  'okex',
  'huobi',
  'htx',
  'gemini',
  'bitstamp',
  'bitmex',
  'deribit',
  'crypto.com',
  'gate.io',
  'mexc',
  'bitget',
  'upbit',
  'bithumb',
  'poloniex',
  'bittrex',
  'hyperliquid',
  'uniswap',
  'pancakeswap',
  'plus500',
  'pepperstone',
  'ic markets',
  'fxpro',
  'forex.com',
  'tastytrade',
  'tastyworks',
  'revolut',
  'trading 212',
  'trading212',
  'degiro',
];
const VENUE_PATTERN = new RegExp(
  `(?<![a-z0-9.])(?:${UNKNOWN_VENUES.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|')})(?![a-z0-9])`,
);
/** The security types whose market is the venue (an exchange or dealer): a US stock's market is `usa` whatever the broker. */
const VENUE_TYPES: readonly SecurityType[] = ['crypto', 'cryptofuture', 'forex', 'cfd'];

/**
 * A venue LEAN has no market for ("ETH on Robinhood") is a problem, never the default market in its place:
 * the instruments of the types a venue is the market of, whose market the prompt does not name otherwise,
 * are left out (removed from `found`) and named in the problem. A venue named with no instrument is one too.
 */
function unknownVenues(prompt: Prompt, index: SymbolIndex, found: Instrument[], markets: readonly Read<string>[]): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const m of prompt.find(VENUE_PATTERN, { take: false })) {
    const venue = m.text.replace(/\s+/g, ' ');
    if (isEnglishWord(venue) && !/\b(?:on|at|via|with|through|using)\s+$/.test(prompt.lower.slice(Math.max(0, m.index - 9), m.index)))
      continue;
    const left = found.filter(
      (f) =>
        VENUE_TYPES.includes(f.securityType) &&
        !f.marketStated &&
        !markets.some((mk) => index.marketsOf(f.securityType).includes(mk.value)),
    );
    if (left.length === 0 && found.length > 0) continue;
    const name = prompt.original.slice(m.index, m.end);
    const types = [...new Set(left.map((f) => f.securityType))];
    const known = types.map((t) => `${t}: ${index.marketsOf(t).join(', ')}`).join('; ');
    prompt.take(m.index, m.end);
    for (const f of left) found.splice(found.indexOf(f), 1);
    problems.push({
      kind: 'unknown-market',
      message:
        left.length > 0
          ? `"${name}" is not a market LEAN knows, so ${left.map((f) => f.symbol).join(', ')} could not be placed on it (LEAN's markets for ${known}).`
          : `"${name}" is not a market LEAN knows.`,
      span: { start: m.index, end: m.end },
    });
  }
  return problems;
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
      // Short ids that are also words (ICE) are markets only as written by exchanges, in capitals, or right
      // after "on", "at", "via" ("on ice"); one that is no word ("dydx", "fxcm") is the market anywhere.
      if (
        phrase.length <= 4 &&
        (isEnglishWord(phrase) || STRATEGY_WORDS.has(phrase) || NOT_TICKERS.has(phrase.toUpperCase())) &&
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

/** How LEAN maps a continuous future onto a contract (DataMappingMode), by the words of a roll rule. */
const ROLL_RULES: readonly [RegExp, NonNullable<FutureContract['mapping']>['value']][] = [
  [/\blast trading day\b/, 'last-trading-day'],
  [/\bfirst (?:trading )?day of the (?:contract )?month\b/, 'first-day-month'],
  [/\b(?:highest |most )?open interest\b/, 'open-interest'],
];

/** Which contract in expiry order ("the second contract", "the back month"): 0 the front month. */
const DEPTHS: readonly [RegExp, number][] = [
  [/\b(?:second|2nd|back|next)[- ](?:month|contract)\b/, 1],
  [/\b(?:third|3rd)[- ](?:month|contract)\b/, 2],
  [/\b(?:front|nearest|first)[- ](?:month|contract)\b/, 0],
];

/**
 * A continuous future's roll rule and contract depth where the prompt states them ("roll on the last
 * trading day", "trade the second contract"); with several futures, every one takes them.
 */
function withFutureContracts(prompt: Prompt, found: Instrument[]): Instrument[] {
  if (!found.some((i) => i.securityType === 'future')) return found;
  let mapping: FutureContract['mapping'];
  // A roll rule only where the prompt speaks of rolling: "the last trading day of each month" alone is a schedule's.
  for (const [pattern, value] of /\broll/.test(prompt.lower) ? ROLL_RULES : []) {
    const m = prompt.first(pattern);
    if (m) {
      mapping = { value, span: { start: m.index, end: m.end } };
      break;
    }
  }
  let depth: FutureContract['depth'];
  for (const [pattern, value] of DEPTHS) {
    const m = prompt.first(pattern);
    if (m) {
      depth = { value, span: { start: m.index, end: m.end } };
      break;
    }
  }
  if (!mapping && !depth) return found;
  return found.map((i) =>
    i.securityType === 'future' ? { ...i, future: { root: i.symbol, ...(mapping ? { mapping } : {}), ...(depth ? { depth } : {}) } } : i,
  );
}

/** With option words in the prompt, each equity named becomes the underlying of an option with the contract selection read here. */
function withOptions(prompt: Prompt, found: Instrument[]): Instrument[] {
  const selection: Omit<OptionContract, 'underlying'> = {};
  const read = <T>(pattern: RegExp, value: (groups: (string | undefined)[]) => T): Read<T> | undefined => {
    const m = prompt.first(pattern);
    return m ? { value: value(m.groups), span: { start: m.index, end: m.end } } : undefined;
  };
  // Every mention of the same delta is read ("buy 0.25-delta puts and sell 0.25-delta calls"); a typo of "delta" too.
  const deltas = prompt.find(/(?<![a-z0-9.])(0?\.\d+|\d{1,2})[- ]?(?:delta|detla|dleta|deltas)\b/);
  const deltaOf = (text: string | undefined) => {
    const n = Number(text);
    return n >= 1 ? n / 100 : n;
  };
  const delta = deltas[0] ? { value: deltaOf(deltas[0].groups[0]), span: { start: deltas[0].index, end: deltas[0].end } } : undefined;
  // "16d" is a delta where options are traded ("16d short strangle"); not a day count ("16d" before dte or days is read
  // there), nor a bar size ("1d bars").
  const shortDelta = delta
    ? undefined
    : read(/(?<![a-z0-9.])(0?\.\d+|\d{1,2})d\b(?!\s*(?:te|ay|bars?\b|candles?\b|candlesticks?\b|charts?\b|timeframe\b))/, (g) => {
        const n = Number(g[0]);
        return n >= 1 ? n / 100 : n;
      });
  if (delta) selection.delta = delta;
  else if (shortDelta) selection.delta = shortDelta;
  const dte = read(/~?\s?(\d{1,3})[- ]?(?:dte|days? to (?:expiry|expiration))\b/, (g) => Number(g[0]));
  const expiring = dte
    ? undefined
    : read(
        /\b(?:expir(?:e|es|ing|y)\s+in\s+(?:about\s+|roughly\s+|around\s+|~\s?)?(\d{1,3})\s+days|(\d{1,3})\s+days?\s+(?:out|to\s+exp\w*|until\s+exp\w*))\b/,
        (g) => Number(g[0] ?? g[1]),
      );
  if (dte) selection.daysToExpiry = dte;
  else if (expiring) selection.daysToExpiry = expiring;
  const moneyness = read(
    /\b(atm|otm|itm|at[- ]the[- ]mon(?:ey|y|ie)|out[- ]of[- ]the[- ]mon(?:ey|y|ie)|in[- ]the[- ]mon(?:ey|y|ie))\b/,
    (g) => {
      const w = g[0]!;
      return w.startsWith('at') ? ('atm' as const) : w.startsWith('o') ? ('otm' as const) : ('itm' as const);
    },
  );
  if (moneyness) selection.moneyness = moneyness;
  // One option per right the structure trades: a straddle, strangle or collar (or a prompt naming both) has two.
  const calls = prompt.find(/\b(?:calls?|straddles?|strangles?|collars?|wheel)\b/, { take: false })[0];
  const puts = prompt.find(/\b(?:puts?|straddles?|strangles?|collars?|wheel)\b/, { take: false })[0];
  const rights: Read<'call' | 'put'>[] = [];
  if (calls) rights.push({ value: 'call', span: { start: calls.index, end: calls.end } });
  if (puts) rights.push({ value: 'put', span: { start: puts.index, end: puts.end } });
  for (const r of rights) prompt.take(r.span.start, r.span.end);
  // The distance ("10% otm") precedes the moneyness words, which the moneyness reading may have taken already.
  const distanceMatch = /(?<![\d.])(\d{1,2}(?:\.\d+)?)\s?%\s*(?:otm|itm|out[- ]of[- ]the[- ]mon\w*|in[- ]the[- ]mon\w*)/.exec(prompt.lower);
  if (distanceMatch && selection.moneyness) {
    const start = distanceMatch.index;
    prompt.take(start, start + distanceMatch[0].length);
    selection.distance = { value: Number(distanceMatch[1]) / 100, span: { start, end: start + distanceMatch[0].length } };
  }
  // The stock is held too only where the structure holds it (covered call, protective put, collar, wheel).
  const holdsUnderlying = prompt.has(HOLDS_UNDERLYING);
  const sides = new Map(rights.map((r) => [r.value, sideOf(prompt, r)] as const));
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
        option: {
          underlying: instrument.symbol,
          ...selection,
          ...(right ? { right } : {}),
          ...(right && sides.get(right.value) ? { side: sides.get(right.value)! } : {}),
        },
      });
  }
  return out;
}

/** The side each structure trades each right on: a covered call sells its call, a protective put buys its put. */
const STRUCTURE_SIDES: readonly [RegExp, Partial<Record<'call' | 'put', 'buy' | 'sell'>>][] = [
  [/\b(?:cov\w{0,3}ed calls?|buy[- ]writes?)\b/, { call: 'sell' }],
  [/\bprotective puts?\b/, { put: 'buy' }],
  [/\bcollars?\b/, { put: 'buy', call: 'sell' }],
  [/\bcash[- ]secured puts?\b/, { put: 'sell' }],
  [
    /\b(?:short|sell(?:ing)?|sold|writ(?:e|ing)) (?:an? )?(?:(?:at[- ]the[- ]money|atm|\d+\s?d(?:elta)?) )?(?:straddles?|strangles?)\b/,
    { call: 'sell', put: 'sell' },
  ],
  [
    /\b(?:long|buy(?:ing)?|bought) (?:an? )?(?:(?:at[- ]the[- ]money|atm|\d+\s?d(?:elta)?) )?(?:straddles?|strangles?)\b/,
    { call: 'buy', put: 'buy' },
  ],
];

const SELL_WORDS = /\b(?:sell|sells|selling|sold|write|writes|writing|short)\b/g;
const BUY_WORDS = /\b(?:buy|buys|buying|bought|long|own|purchase)\b/g;

/**
 * Whether a right is bought or sold: by the structure named (covered call, protective put, collar,
 * cash-secured puts, short or long straddle/strangle), else by the nearest buying or selling verb before
 * the right's word in the same clause. Undefined when the prompt says neither.
 */
function sideOf(prompt: Prompt, right: Read<'call' | 'put'>): Read<'buy' | 'sell'> | undefined {
  let side: Read<'buy' | 'sell'> | undefined;
  for (const [pattern, sides] of STRUCTURE_SIDES) {
    const value = sides[right.value];
    // Searched in the whole text: the structure's own right word ("call" of "covered call") is already taken.
    const m = value ? pattern.exec(prompt.lower) : undefined;
    if (value && m) {
      const end = m.index + m[0].length;
      prompt.take(m.index, end);
      side = { value, span: { start: m.index, end } };
      break;
    }
  }
  // The verb before a mention of the right in its own clause ("buy 0.40-delta puts"; a decimal point ends no clause).
  const word = right.value === 'call' ? /\bcalls?\b/g : /\bputs?\b(?!\s+(?:together|it\b|them\b|on hold))/g;
  for (const mention of prompt.lower.matchAll(word)) {
    const head = prompt.lower.slice(0, mention.index);
    const clauseStart = Math.max(
      0,
      ...[...head.matchAll(/[.;:!?](?=\s|$)|,\s+(?:and\s+)?(?:when|while|if|then)\b/g)].map((m) => m.index + m[0].length),
    );
    const before = head.slice(clauseStart);
    const last = (re: RegExp) => [...before.matchAll(re)].at(-1);
    const sell = last(SELL_WORDS);
    const buy = last(BUY_WORDS);
    const verb =
      sell && (!buy || sell.index > buy.index) ? { m: sell, value: 'sell' as const } : buy ? { m: buy, value: 'buy' as const } : undefined;
    if (!verb) continue;
    const start = clauseStart + verb.m.index;
    prompt.take(start, start + verb.m[0].length);
    return side ?? { value: verb.value, span: { start, end: start + verb.m[0].length } };
  }
  return side;
}

/** Structures that hold the underlying besides the options. */
const HOLDS_UNDERLYING =
  /\b(?:cov\w{0,3}ed calls?|buy[- ]writes?|protective puts?|collars?|wheel|against (?:the|my|our) (?:shares|stock|position)|keep holding|(?:long|own|owning|hold|holding) (?:the )?(?:shares|stock))\b/;
