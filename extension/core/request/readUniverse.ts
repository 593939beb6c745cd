// A universe beyond the named instruments: ETF constituents or a fundamental screen. An index is a
// universe only where the prompt asks for its members ("S&P 500 constituents", "stocks in the Nasdaq 100",
// "holdings of XLK"), never where it is traded ("trade the S&P 500"); an ETF ticker counts when LEAN
// lists it as a fund. A screen needs a count and a ranking ("top 50 by dollar volume", "the 100 largest
// US stocks by market cap"), with an optional minimum price ("price above $5").
//
// Choices where a prompt is ambiguous:
// - An index name is read as the ETF that tracks it: S&P 500 SPY, Nasdaq 100 QQQ, Dow 30 DIA, Russell 2000
//   IWM, Russell 1000 IWB, Russell 3000 IWV, S&P 400 MDY, S&P 600 IJR.
// - "largest" ranks by market cap, "most liquid" by dollar volume, "most traded" by volume.
// - A ranking by momentum or return is a universe only inside an ETF's members ("top 20 by 6-month
//   momentum from the S&P 500"): alone it is the momentum signal's "top", left to the signal reader. Of
//   such a ranking this reader takes the count ("top 20 by") and leaves the lookback ("6-month momentum")
//   to the momentum signal.
// - A minimum price is kept only on a screen (the constituents of an ETF have no such setting here).
import type { Prompt } from './promptText';
import { freeMatches, toNumber, type PhraseMatch } from './numbers';
import type { SymbolIndex } from './symbols';
import type { Read, Span, Universe, UniverseRank } from './types';

/** Index names (lower case) → the ETF that holds their members; longest names first. */
export const INDEX_ETFS: readonly (readonly [RegExp, string])[] = [
  [/^(?:s\s?&\s?p|sp)\s?(?:mid\s?cap\s?)?400$/, 'MDY'],
  [/^(?:s\s?&\s?p|sp)\s?(?:small\s?cap\s?)?600$/, 'IJR'],
  [/^(?:s\s?&\s?p|sp)(?:\s?500)?$|^spx$/, 'SPY'],
  [/^nasdaq[\s-]?100$|^ndx$/, 'QQQ'],
  [/^dow(?:\s+jones)?(?:\s+industrials?)?(?:\s+average)?(?:\s+30)?$|^djia$/, 'DIA'],
  [/^russell\s?2000$|^r2k$/, 'IWM'],
  [/^russell\s?1000$/, 'IWB'],
  [/^russell\s?3000$/, 'IWV'],
];

/** An index name as a pattern source: "S&P 500", "SP500", "Nasdaq-100", "Dow Jones", "DJIA", "Russell 2000". */
export const INDEX_NAME =
  '(?:(?:s\\s?&\\s?p|sp)\\s?(?:(?:mid|small)\\s?cap\\s?)?(?:500|400|600)|s\\s?&\\s?p|spx|nasdaq[\\s-]?100|ndx|dow(?:\\s+jones)?(?:\\s+industrials?)?(?:\\s+average)?(?:\\s+30)?|djia|russell\\s?(?:1000|2000|3000)|r2k)';

/** The ETF of an index name matched by INDEX_NAME. */
export function etfOfIndex(name: string): string | undefined {
  const key = name.toLowerCase().replace(/\s+/g, ' ').trim();
  return INDEX_ETFS.find(([pattern]) => pattern.test(key))?.[1];
}

const COUNT = '(?:\\d{1,4}|five|ten|twenty|thirty|fifty|hundred)';
const MEMBERS = '(?:stocks|equities|companies|names|members|constituents|components|holdings|tickers|securities)';
const ETF = `(?<etf>${INDEX_NAME}|[a-z]{2,5})(?![a-z0-9])(?:\\s+(?:index|etf|fund))?`;

/** "stocks in the S&P 500", "holdings of XLK", "members of the Nasdaq 100". */
const MEMBERS_OF = new RegExp(`(?<![a-z])${MEMBERS}\\s+(?:in|of|from|within|inside|that\\s+make\\s+up)\\s+(?:the\\s+)?${ETF}`, 'gd');
/** "S&P 500 constituents", "XLK holdings", "the Nasdaq 100's members". */
const ETF_MEMBERS = new RegExp(`(?<![a-z0-9])${ETF}(?:'s)?\\s+(?:${MEMBERS}|universe)(?![a-z])`, 'gd');
/** After a ranking, an index by name: "from the S&P 500". A ticker there is one of a list ("top 3 by momentum among SPY, QQQ, IWM"). */
const FROM_INDEX = new RegExp(`(?<![a-z])(?:from|in|of|among|within)\\s+(?:the\\s+)?(?<etf>${INDEX_NAME})(?![a-z0-9])(?:\\s+index)?`, 'gd');

const RANK =
  '(?<rank>dollar[\\s-]volume|(?:average\\s+)?(?:daily\\s+)?(?:trading\\s+)?volume|liquidity|market[\\s-]?cap(?:itali[sz]ation)?|size|momentum|returns?|performance|p\\s?/\\s?e(?:\\s+ratio)?|pe\\s+ratio|price[\\s-]to[\\s-]earnings(?:\\s+ratio)?|dividend\\s+yield|dividends?|yield)(?![a-z])';
const STOCK_WORDS =
  '(?:(?:us|u\\.s\\.|american|liquid|large[\\s-]cap|small[\\s-]cap|mid[\\s-]cap)\\s+)*(?:stocks?|equities|companies|names|securities|tickers|symbols)';
/** "top 50 by dollar volume", "top 20 stocks ranked by 6-month momentum", "the best 10 names by dividend yield". */
const TOP_BY = new RegExp(
  `(?<![a-z])(?:top|best|highest|largest|biggest|lowest)\\s+(?<n>${COUNT})\\s+(?:${STOCK_WORDS}\\s+)?(?:ranked\\s+|sorted\\s+|selected\\s+|chosen\\s+)?by\\s+(?:their\\s+|the\\s+|highest\\s+|lowest\\s+)?(?<lookback>(?:\\d{1,3}|one|three|six|twelve)[\\s-]?(?:days?|weeks?|months?|years?|d|w|m|y)[\\s-]+)?${RANK}`,
  'gd',
);
/** "the 100 largest US stocks by market cap", "the 500 most liquid stocks". */
const N_LARGEST = new RegExp(
  `(?<![a-z])(?<n>${COUNT})\\s+(?<adj>largest|biggest|most\\s+liquid|most\\s+traded|highest[\\s-]volume|highest[\\s-]yielding)(?=\\s+(?:(?:the\\s+)?${INDEX_NAME}\\s+)?(?:${STOCK_WORDS}|by\\s))(?:\\s+(?:the\\s+)?${INDEX_NAME})?(?:\\s+${STOCK_WORDS})?(?:\\s+by\\s+${RANK})?`,
  'gd',
);
/** "the 200 US stocks with the highest trading volume", "the 30 stocks with the highest dividend yield". */
const N_WITH_HIGHEST = new RegExp(
  `(?<![a-z])(?<n>${COUNT})\\s+${STOCK_WORDS}\\s+(?:with|having|that\\s+have|by)\\s+(?:the\\s+)?(?:highest|largest|biggest|greatest|most|top|best)\\s+${RANK}`,
  'gd',
);
/** "the 40 stocks with the lowest P/E ratio": the one ranking whose best is its lowest (see rankOf). */
const N_WITH_LOWEST = new RegExp(
  `(?<![a-z])(?<n>${COUNT})\\s+${STOCK_WORDS}\\s+(?:with|having|that\\s+have|by)\\s+(?:the\\s+)?(?:lowest|smallest|cheapest)\\s+(?<rank>p\\s?/\\s?e(?:\\s+ratios?)?|pe\\s+ratios?|price[\\s-]to[\\s-]earnings(?:\\s+ratios?)?)(?![a-z])`,
  'gd',
);
/** Of an ETF's members, the count kept without a word for stocks: "keep the 15 with the highest trading volume". */
const THE_N_WITH_HIGHEST = new RegExp(
  `(?<![a-z])the\\s+(?<n>${COUNT})\\s+(?:with|having|that\\s+have)\\s+(?:the\\s+)?(?:highest|largest|biggest|greatest|most|top|best)\\s+${RANK}`,
  'gd',
);
/** "the largest 100 stocks", "most liquid 500 US equities". */
const LARGEST_N = new RegExp(
  `(?<![a-z])(?<adj>largest|biggest|most\\s+liquid|most\\s+traded)\\s+(?<n>${COUNT})\\s+${STOCK_WORDS}(?:\\s+by\\s+${RANK})?`,
  'gd',
);
/** "price above $5", "min price $10", "stocks over $5", "share price of at least 5". */
const ABOVE_PRICE = '(?:above|over|>=?|at\\s+least|greater\\s+than|more\\s+than|higher\\s+than|of\\s+at\\s+least|no\\s+less\\s+than)';
const DOLLARS = '(?:\\$\\s?(?<d>\\d+(?:\\.\\d+)?)|(?<w>\\d+(?:\\.\\d+)?)\\s?(?:dollars?|usd))(?![\\d%])';
const MIN_PRICE = new RegExp(
  [
    // "price above $5", "priced over 10", "share price of at least $5".
    `(?<![a-z])(?:(?:share\\s+|stock\\s+)?price[ds]?|priced)\\s*${ABOVE_PRICE}\\s*(?:\\$\\s?)?(?<p>\\d+(?:\\.\\d+)?)(?![\\d%]|\\s?-?\\s?(?:day|bar|week|month))`,
    // "min price $5", "minimum share price: 10".
    `(?<![a-z])min(?:imum)?\\.?\\s+(?:share\\s+|stock\\s+)?price\\s*(?:of|=|:|is)?\\s*\\$?\\s?(?<m>\\d+(?:\\.\\d+)?)(?![\\d%])`,
    // "stocks over $5", "no stocks under $5": with a dollar amount, so "stocks above their 200-day SMA" is none.
    `(?<![a-z])(?:no\\s+)?(?:stocks|equities|names|shares|ones|companies)\\s+(?:(?:that\\s+(?:are\\s+)?)?trading\\s+|priced\\s+|that\\s+(?:are|trade)\\s+)?(?:${ABOVE_PRICE}|under|below)\\s*${DOLLARS}`,
    // "... with the lowest P/E that trade above $15": said of the stocks a ranking named before, with a dollar amount.
    `(?<![a-z])(?:that|which)\\s+(?:trade[sd]?|are\\s+(?:trading|priced)|is\\s+(?:trading|priced))\\s+${ABOVE_PRICE}\\s*${DOLLARS.replace('<d>', '<d3>').replace('<w>', '<w3>')}`,
    // "ignoring anything under $20", "excluding names below $3": what is left out is priced under the minimum.
    `(?<![a-z])(?:ignor(?:e|es|ing)|exclud(?:e|es|ing)|skip(?:s|ping)?|drop(?:s|ping)?|remov(?:e|es|ing)|filter(?:s|ing)?\\s+out|nothing|without)\\s+(?:anything|everything|any|all)?\\s*(?:(?:stocks|equities|names|shares|ones|companies)\\s+)?(?:(?:that\\s+(?:is|are)\\s+)?(?:priced|trading)\\s+)?(?:under|below|beneath|less\\s+than)\\s*${DOLLARS.replace('<d>', '<d2>').replace('<w>', '<w2>')}`,
  ].join('|'),
  'gd',
);

function rankOf(word: string | undefined): UniverseRank | undefined {
  if (!word) return undefined;
  if (/^dollar|^liquid/.test(word)) return 'dollar-volume';
  if (/volume$/.test(word)) return 'volume';
  if (/^market|^size/.test(word)) return 'market-cap';
  if (/^(?:momentum|returns?|performance)$/.test(word)) return 'momentum';
  if (/^p\s?\/\s?e|^pe |^price/.test(word)) return 'pe-ratio';
  if (/^dividend|^yield/.test(word)) return 'dividend-yield';
  return undefined;
}

function rankOfAdjective(adj: string | undefined): UniverseRank | undefined {
  if (!adj) return undefined;
  if (/^(?:largest|biggest)$/.test(adj)) return 'market-cap';
  if (/liquid/.test(adj)) return 'dollar-volume';
  if (/traded|volume/.test(adj)) return 'volume';
  if (/yielding/.test(adj)) return 'dividend-yield';
  return undefined;
}

interface Ranking {
  count: number;
  by: UniverseRank;
  span: Span;
  /** The part taken: all of it, or, for momentum, the count up to the lookback ("top 20 by"). */
  take: Span;
}

/** The phrases of a ranking, in the order they are tried. */
const RANKINGS: readonly RegExp[] = [TOP_BY, N_LARGEST, LARGEST_N, N_WITH_HIGHEST, N_WITH_LOWEST];

/** The first ranking the prompt states, by the given phrases. */
function readRanking(prompt: Prompt, patterns: readonly RegExp[] = RANKINGS): Ranking | undefined {
  const found: Ranking[] = [];
  for (const re of patterns) {
    for (const h of freeMatches(prompt, re)) {
      const count = toNumber(h.groups['n']);
      const by = rankOf(h.groups['rank']) ?? rankOfAdjective(h.groups['adj']);
      if (!count || !by) continue;
      // Of "top 20 by 6-month momentum" the count only: the lookback is the momentum signal's.
      const rest = h.at['lookback'] ?? h.at['rank'];
      const take = re === TOP_BY && by === 'momentum' && rest ? { start: h.start, end: rest[0] } : spanOf(h);
      found.push({ count, by, span: spanOf(h), take });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start)[0];
}

interface Members {
  etf: string;
  span: Span;
}

/** The ETF whose members the prompt asks for, from the patterns in order. */
function readMembers(prompt: Prompt, index: SymbolIndex, patterns: readonly RegExp[]): Members | undefined {
  for (const re of patterns) {
    for (const h of freeMatches(prompt, re, 'etf')) {
      const name = h.groups['etf']!;
      const [start, end] = h.at['etf']!;
      // A ticker is one the instrument reader took, or one written in capitals: "tech stocks" is no ETF.
      const ticker = prompt.isUsed(start, end) || prompt.original.slice(start, end) === name.toUpperCase();
      const etf = etfOfIndex(name) ?? (ticker && index.equity(name)?.securityType === 'etf' ? name.toUpperCase() : undefined);
      if (etf) return { etf, span: spanOf(h) };
    }
  }
  return undefined;
}

function readMinPrice(prompt: Prompt): { value: number; span: Span } | undefined {
  const h = freeMatches(prompt, MIN_PRICE)[0];
  const value = h
    ? toNumber(
        h.groups['p'] ??
          h.groups['m'] ??
          h.groups['d'] ??
          h.groups['w'] ??
          h.groups['d2'] ??
          h.groups['w2'] ??
          h.groups['d3'] ??
          h.groups['w3'],
      )
    : undefined;
  return h && value !== undefined && value > 0 ? { value, span: spanOf(h) } : undefined;
}

export function readUniverse(prompt: Prompt, index: SymbolIndex): Read<Universe> | undefined {
  let ranking = readRanking(prompt);
  const members = readMembers(prompt, index, [MEMBERS_OF, ETF_MEMBERS]) ?? (ranking ? readMembers(prompt, index, [FROM_INDEX]) : undefined);
  if (members) {
    prompt.take(members.span.start, members.span.end);
    ranking ??= readRanking(prompt, [THE_N_WITH_HIGHEST]);
    const value: Universe = { kind: 'etf-constituents', etf: members.etf };
    if (ranking) {
      prompt.take(ranking.take.start, ranking.take.end);
      value.count = ranking.count;
      value.by = ranking.by;
    }
    return { value, span: union(members.span, ranking?.span) };
  }
  // A screen of all US equities needs a ranking other than momentum (see the header).
  if (!ranking || ranking.by === 'momentum') return undefined;
  prompt.take(ranking.take.start, ranking.take.end);
  const minPrice = readMinPrice(prompt);
  if (minPrice) prompt.take(minPrice.span.start, minPrice.span.end);
  return {
    value: { kind: 'fundamental', count: ranking.count, by: ranking.by, ...(minPrice ? { minPrice: minPrice.value } : {}) },
    span: union(ranking.span, minPrice?.span),
  };
}

function union(a: Span, b: Span | undefined): Span {
  return b ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : a;
}

function spanOf(m: PhraseMatch): Span {
  return { start: m.start, end: m.end };
}
