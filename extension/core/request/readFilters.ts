// The filters that gate a request's rules: trend, VIX, volatility regime, time of day. A filter is a
// condition the rules trade under, not a rule that trades: "only when SPY is above its 200-day SMA", "with
// a 50 EMA trend filter", "only trade when VIX is below 25", "in low-volatility regimes", "no trades in
// the first 30 minutes". An entry on an indicator ("buy when RSI is below 30", "buy when price crosses
// above the 50-day SMA") is a signal, left to the signal reader, which runs after this one.
//
// Choices where a prompt is ambiguous:
// - A price above an average is a trend filter where the prompt says it gates trading ("only", "as long
//   as", "filter", "regime") or where it is about another symbol ("when SPY is above its 200-day SMA",
//   `symbol` SPY); "buy when price is above the 50-day EMA" is left to the signal reader. "the market"
//   names no symbol, and is left unread rather than guessed.
// - "MA", "DMA" and "moving average" are simple averages; periods in weeks and months count 5 and 21 bars.
// - Saying when not to trade turns the comparison around: "skip when VIX > 30" is `below` 30, "avoid
//   high-volatility regimes" and "in volatile markets hold cash" the low regime, "no new trades after
//   15:00" `before` 15:00. A volatility regime said twice is one filter.
// - Volatility regimes of one sentence share the lookback it states ("RSI when volatility is low and a
//   breakout when volatility is high (20-day realized vol)"); readRegimes.ts ties such regimes to rules.
// - "the first 30 minutes" counts from the US session's 09:30 open (after "10:00"), "the last 15
//   minutes" back from its 16:00 close (before "15:45").
import { Prompt } from './promptText';
import { etfOfIndex, INDEX_NAME } from './readUniverse';
import { CLOCK, DURATION, MARKET_CLOSE, MARKET_OPEN, clockOf, freeMatches, minutesOf, toClock } from './numbers';
import type { PhraseMatch } from './numbers';
import type { Filter, Instrument, Read, Span, Universe } from './types';
import { NOT_TICKERS } from './vocabulary';

const AVERAGE =
  '(?<avg>sma|ema|dma|ma|simple\\s+moving\\s+average|exponential\\s+moving\\s+average|exponential\\s+average|moving\\s+average|average)(?![a-z])';
const PERIOD = '(?<n>\\d{1,3})\\s?-?\\s?(?<u>(?:trading\\s+)?(?:days?|d|bars?|periods?|weeks?|wks?|w|months?|mos?)(?![a-z]))?\\s?-?\\s?';
/** What is compared with its average: a symbol, an index, or the traded price. */
const SUBJECT = `(?<![a-z0-9.])(?!(?:long|short|only|and|or|but|then|is|it's|go|be|stay|trade|buy|sell|enter|drops|falls|dips|slips|sinks|moves|goes|gets|rises|climbs|breaks|sits)(?![a-z]))(?<subj>${INDEX_NAME}|[a-z][a-z0-9.]{0,5})`;
const GATE = /(?:only|as\s+long\s+as|provided|while|whenever|filter|regime)/;

/** "only when SPY is above its 200-day SMA", "price > 200 sma", "above the 100-day moving average". */
const ABOVE_AVERAGE = new RegExp(
  `(?<lead>(?<![a-z])(?:only\\s+(?:trade\\s+|buy\\s+|go\\s+long\\s+|enter\\s+|be\\s+long\\s+|long\\s+)?|trade\\s+only\\s+|buy\\s+only\\s+)?(?:when|if|while|whenever|as\\s+long\\s+as|provided(?:\\s+that)?)\\s+)?(?:(?:the\\s+)?${SUBJECT}(?:'s)?\\s+(?:price\\s+)?(?:is\\s+(?:trading\\s+)?|closes\\s+|trades\\s+|stays\\s+|remains\\s+|sits\\s+|(?:drops|falls|dips|slips|sinks|moves|goes|gets|rises|climbs|breaks)\\s+)?)?(?<side>above|over|below|under|>|<)\\s*(?:its\\s+|the\\s+|their\\s+|a\\s+)?${PERIOD}${AVERAGE}(?:\\s+(?:trend\\s+)?filter)?`,
  'gd',
);
/** "with a 50 EMA trend filter", "a 200-day SMA regime filter". */
const AVERAGE_FILTER = new RegExp(
  `(?<![a-z])(?:with\\s+)?(?:an?\\s+|the\\s+)?(?<![\\w.])${PERIOD}${AVERAGE}\\s+(?:trend|regime|market)\\s+filter(?![a-z])`,
  'gd',
);
/** "trend filter: 200-day SMA", "trend filter using the 100 EMA". */
const FILTER_AVERAGE = new RegExp(
  `(?<![a-z])(?:trend|regime)\\s+filter\\s*(?::|of|using|with|=|on)?\\s*(?:an?\\s+|the\\s+)?${PERIOD}${AVERAGE}`,
  'gd',
);
/** Words meaning the price itself, or the traded symbol. */
const SELF = /^(?:price|prices|close|closes|it|stock|stocks|etf|asset|underlying|shares|equity|the)$/;
/** Subjects a trend filter here cannot stand for: another indicator, volume, the market as a whole. */
const NOT_SYMBOL = new Set([
  'volume',
  'rsi',
  'macd',
  'atr',
  'adx',
  'obv',
  'vol',
  'spread',
  'ratio',
  'nav',
  'market',
  'index',
  'trend',
  'they',
  'them',
  'this',
  'that',
  'fast',
  'slow',
  'short',
  'long',
  'signal',
  'line',
  'band',
  'bands',
]);

const BELOW = 'below|under|beneath|less\\s+than|lower\\s+than|<=?|sub';
const ABOVE = 'above|over|greater\\s+than|higher\\s+than|more\\s+than|exceeds?|>=?|spikes?\\s+above|rises?\\s+above';
/** Before a condition, saying not to trade then: "skip when", "avoid trading if", "unless". */
const NEGATIVE_LEAD =
  "(?<neg>(?:(?:skip|avoid|pause|halt|stop|suspend|no|don'?t|do\\s+not|never|stay\\s+out|sit\\s+out)\\s+(?:all\\s+|new\\s+|any\\s+)?(?:trading|trades?|entries|entering|positions|buying|signals|(?:trades|positions|entries))?\\s*(?:when(?:ever)?|if|while|on\\s+days\\s+when)|unless)\\s+)";
const POSITIVE_LEAD =
  '(?:(?:only\\s+(?:trade\\s+|buy\\s+|enter\\s+|go\\s+long\\s+)?|trade\\s+only\\s+)?(?:when(?:ever)?|if|while|as\\s+long\\s+as|provided(?:\\s+that)?)\\s+)';
/** The VIX named; its word (`vix`) may have been read as an index already, where the prompt speaks of indices. */
const VIX =
  '(?:the\\s+)?(?:cboe\\s+)?(?<vix>vix|volatility\\s+index)(?:\\s+index)?\\s+(?:is\\s+|closes\\s+|stays\\s+|remains\\s+|level\\s+(?:is\\s+)?|reading\\s+(?:is\\s+)?)?';
/** "only trade when VIX is below 25", "skip when vix > 30", "VIX under 20". */
const VIX_COMPARED = new RegExp(
  `(?<![a-z])(?:${NEGATIVE_LEAD}|${POSITIVE_LEAD})?${VIX}(?:(?<below>${BELOW})|(?<above>${ABOVE}))\\s*(?<n>\\d{1,3}(?:\\.\\d+)?)(?![\\d%])` +
    // "above 15 but below 30": the other bound.
    `(?:\\s*,?\\s+(?:but|and|yet)\\s+(?:(?:is|stays|remains)\\s+)?(?:still\\s+)?(?:(?<below2>${BELOW})|(?<above2>${ABOVE}))\\s*(?<n2>\\d{1,3}(?:\\.\\d+)?)(?![\\d%]))?`,
  'gd',
);
/** "VIX between 15 and 30". */
const VIX_BETWEEN = new RegExp(
  `(?<![a-z])(?:${NEGATIVE_LEAD}|${POSITIVE_LEAD})?${VIX}between\\s+(?<lo>\\d{1,3}(?:\\.\\d+)?)\\s+(?:and|to|-)\\s+(?<hi>\\d{1,3}(?:\\.\\d+)?)(?![\\d%])`,
  'gd',
);

const LOW_WORDS = /^(?:low|calm|quiet|subdued|falling|below[\s-]average|tranquil)$/;
const LEVEL =
  '(?<lvl>low|high|elevated|calm|quiet|subdued|tranquil|volatile|turbulent|choppy|rising|falling|below[\\s-]average|above[\\s-]average)';
/** "in low-volatility regimes", "during high vol environments". */
const VOL_REGIME = new RegExp(
  `(?<![a-z])(?:(?:only\\s+)?(?:trade\\s+)?(?:in|during|for)\\s+)?(?:an?\\s+|the\\s+)?(?:(?<n>\\d{1,3})[\\s-]?(?:day|bar)\\s+)?${LEVEL}[\\s-](?:vol(?:atility)?)\\s+(?:regimes?|environments?|markets?|periods?|conditions?|times?|states?|days?)(?:\\s+only)?(?![a-z])`,
  'g',
);
/** Just before a regime: not trading in it ("avoid trading in high-volatility regimes"). */
const NOT_TRADING_BEFORE =
  /(?:avoid|skip|no|not|never|stay\s+out|sit\s+out|don'?t)\b(?:\s+(?:trading|trade|trades|entries|positions|buying))?(?:\s+(?:of|in|during))?\s*$/;
/** "when realized vol is high", "if 20-day volatility is low", "when volatility is in the high regime". */
const VOL_IS = new RegExp(
  `(?<![a-z])(?:${NEGATIVE_LEAD}|${POSITIVE_LEAD})(?:the\\s+)?(?:(?<n>\\d{1,3})[\\s-]?(?:day|bar)\\s+)?(?:realized\\s+|realised\\s+|historical\\s+|market\\s+)?(?:vol|volatility)\\s+is\\s+(?:in\\s+(?:an?|the)\\s+)?(?:(?:very|relatively)\\s+)?${LEVEL}(?:\\s+(?:regime|state|environment))?(?![a-z])`,
  'g',
);
/** "calm markets only", "only trade in volatile markets". */
const MARKETS = new RegExp(
  `(?<![a-z])(?:(?:(?:only\\s+)?(?:trade\\s+)?(?:in|during)\\s+)(?<lvl>calm|quiet|tranquil|volatile|turbulent|choppy)\\s+markets?(?:\\s+only)?|(?<lvl2>calm|quiet|tranquil|volatile|turbulent|choppy)\\s+markets?\\s+only)(?![a-z])`,
  'g',
);

const TRADE_WORDS =
  '(?:trade|trading|enter|entries|entering|buy|buying|active|operate|open\\s+(?:new\\s+)?positions?|take\\s+(?:new\\s+)?trades)';
/** "only trade between 10:00 and 15:30", "trade from 10am to 3pm". */
const BETWEEN_TIMES = new RegExp(
  `(?<![a-z])(?:(?:only\\s+)?${TRADE_WORDS}\\s+)?(?:only\\s+)?(?:between|from)\\s+(?<a>${CLOCK})\\s+(?:and|to|until|till|-)\\s+(?<b>${CLOCK})`,
  'g',
);
/** "only trade 10:00 to 15:00", "trade only 10am-3pm": a window named with "only". */
const ONLY_TIMES = new RegExp(
  `(?<![a-z])(?:only\\s+${TRADE_WORDS}|${TRADE_WORDS}\\s+only)\\s+(?<a>${CLOCK})\\s*(?:to|until|till|through|-|and)\\s*(?<b>${CLOCK})`,
  'g',
);
/** "no trades in the first 30 minutes", "avoid the first hour", "skip the last 15 minutes". */
const FIRST_LAST = new RegExp(
  `(?<![a-z])(?:no|don'?t|do\\s+not|avoid|skip|never|ignore|exclude|wait\\s+out|sit\\s+out|not)\\s+(?:[a-z']+\\s+){0,3}?(?:the\\s+)?(?<edge>first|last|opening|final|closing)\\s+(?<dur>${DURATION}|hour|half\\s+hour)(?:\\s+(?:of|after|before)\\s+(?:the\\s+)?(?:market\\s+)?(?:open|close|session|trading\\s+day|day))?`,
  'g',
);
/** "wait 30 minutes after the open". */
const WAIT_AFTER_OPEN = new RegExp(
  `(?<![a-z])wait\\s+(?<dur>${DURATION})\\s+after\\s+(?:the\\s+)?(?:market\\s+)?open(?:ing)?(?![a-z])`,
  'g',
);
/** "after 10am", "only trade before 15:30", "no new trades after 3pm", "not before 10:00". */
const AFTER_BEFORE = new RegExp(
  `(?<![a-z])(?:(?<neg>no\\s+(?:new\\s+)?(?:trades?|entries|positions)|don'?t\\s+trade|do\\s+not\\s+trade|avoid\\s+trading|stop\\s+(?:trading|entering|opening\\s+(?:new\\s+)?positions)|not|never\\s+trade)\\s+)?(?:(?:only\\s+)?${TRADE_WORDS}\\s+)?(?:only\\s+)?(?<side>after|before|past|until|till)\\s+(?<t>${CLOCK})`,
  'g',
);

function averageOf(word: string): 'sma' | 'ema' {
  return /^e|exponential/.test(word) ? 'ema' : 'sma';
}

function barsOf(count: number, unit: string | undefined): number {
  const u = (unit ?? '').replace(/^trading\s+/, '');
  if (/^(?:weeks?|wks?|w)$/.test(u)) return count * 5;
  if (/^(?:months?|mos?)$/.test(u)) return count * 21;
  return count;
}

/** The symbol a trend filter compares: undefined for the traded price; null where it names none this can stand for. */
function symbolOf(prompt: Prompt, m: PhraseMatch): string | undefined | null {
  const subj = m.groups['subj'];
  const at = m.at['subj'];
  if (!subj || !at) return undefined;
  const etf = etfOfIndex(subj);
  if (etf) return etf;
  if (SELF.test(subj)) return undefined;
  const written = prompt.original.slice(at[0], at[1]);
  const taken = prompt.isUsed(at[0], at[1]);
  const upper = subj.toUpperCase();
  if (taken || (written === upper && !NOT_TICKERS.has(upper))) return upper;
  return subj.length >= 2 && subj.length <= 5 && !NOT_SYMBOL.has(subj) && !NOT_TICKERS.has(upper) ? upper : null;
}

/** After a condition: not trading then ("if QQQ drops below its 100-day EMA, stop selling until it recovers"). */
const NEGATIVE_AFTER =
  /^\s*,?\s*(?:then\s+)?(?:(?:stop|halt|pause|suspend|don'?t|do\s+not|never|no\s+(?:new\s+)?(?:trades?|entries|positions)|avoid|skip|stay\s+out|sit\s+out|stand\s+aside)|(?:hold|stay\s+in|sit\s+in|go\s+to|move\s+to|be\s+in|keep)\s+(?:all\s+)?cash|(?:stay|go|be|remain|sit)\s+flat|(?:stay|be|sit)\s+out\s+of\s+the\s+market)\b/;
/**
 * Whether the words right after a condition say not to trade then. Words another reader took are its own
 * rule, not this one's: "only when SPY is above its 200-day SMA, halt at a 20% drawdown" halts on the drawdown.
 */
function negativeAfter(prompt: Prompt, end: number): boolean {
  const m = NEGATIVE_AFTER.exec(prompt.lower.slice(end, end + 40));
  return m !== null && !prompt.isUsed(end, end + m[0].length);
}

/** Before a condition: not trading then ("skip trading when SPY is below its 200-day SMA", "unless"). */
const NEGATIVE_BEFORE = new RegExp(`${NEGATIVE_LEAD}$`);

function readTrend(prompt: Prompt): Read<Filter>[] {
  const out: Read<Filter>[] = [];
  for (const re of [AVERAGE_FILTER, FILTER_AVERAGE, ABOVE_AVERAGE]) {
    for (const m of freeMatches(prompt, re, 'subj')) {
      const named = re !== ABOVE_AVERAGE || prompt.lower.slice(m.start, m.end).endsWith('filter');
      const before = prompt.before(m.start, 40);
      const symbol = re === ABOVE_AVERAGE ? symbolOf(prompt, m) : undefined;
      if (symbol === null) continue;
      // A cross is a signal ("price crosses above the 50-day SMA"), and so is a bare comparison of the
      // traded price that nothing says gates trading.
      if (/cross(?:es|ed|ing)?\s*$/.test(prompt.lower.slice(Math.max(0, m.start - 12), m.start))) continue;
      const gated = named || GATE.test(`${m.groups['lead'] ?? ''} ${before}`) || symbol !== undefined || negativeAfter(prompt, m.end);
      if (!gated) continue;
      const period = barsOf(Number(m.groups['n']), m.groups['u']);
      if (!(period > 1)) continue;
      const negative = negativeAfter(prompt, m.end) || NEGATIVE_BEFORE.test(prompt.lower.slice(Math.max(0, m.start - 40), m.start));
      const side = /^(?:below|under|<)$/.test(m.groups['side'] ?? '') !== negative ? 'below' : 'above';
      const filter: Filter = { kind: 'trend', period, average: averageOf(m.groups['avg']!), side, ...(symbol ? { symbol } : {}) };
      prompt.take(m.start, m.end);
      out.push({ value: filter, span: { start: m.start, end: m.end } });
    }
  }
  return out;
}

function readVix(prompt: Prompt): Read<Filter>[] {
  const out: Read<Filter>[] = [];
  for (const m of freeMatches(prompt, VIX_COMPARED, 'vix')) {
    const level = Number(m.groups['n']);
    const negative = m.groups['neg'] !== undefined;
    const below = (m.groups['below'] !== undefined) !== negative;
    const value: Filter = { kind: 'vix', ...(below ? { below: level } : { above: level }) };
    if (m.groups['n2'] !== undefined) {
      const other = Number(m.groups['n2']);
      // Not trading outside two levels is no one range: the second bound is read only as a range's other end.
      if ((m.groups['below2'] !== undefined) !== negative) value.below ??= other;
      else value.above ??= other;
    }
    prompt.take(m.start, m.end);
    out.push({ value, span: { start: m.start, end: m.end } });
  }
  for (const m of freeMatches(prompt, VIX_BETWEEN, 'vix')) {
    const [lo, hi] = [Number(m.groups['lo']), Number(m.groups['hi'])].sort((a, b) => a - b) as [number, number];
    // Not trading between two levels cannot be one range: left unread.
    if (m.groups['neg'] !== undefined) continue;
    prompt.take(m.start, m.end);
    out.push({ value: { kind: 'vix', above: lo, below: hi }, span: { start: m.start, end: m.end } });
  }
  return out;
}

function readVolatility(prompt: Prompt): Read<Filter>[] {
  const found: { start: number; end: number; low: boolean; period?: number }[] = [];
  for (const re of [VOL_REGIME, VOL_IS, MARKETS]) {
    for (const m of freeMatches(prompt, re)) {
      const before = prompt.before(m.start, 30);
      const lead = NOT_TRADING_BEFORE.exec(before);
      // "avoid trading in high-volatility regimes": the words saying not to trade are part of the filter.
      const start =
        lead && !prompt.isUsed(m.start - (before.length - lead.index), m.start) ? m.start - (before.length - lead.index) : m.start;
      // "in volatile markets hold cash": the words after it say not to trade in it, and are part of the filter.
      const after = NEGATIVE_AFTER.exec(prompt.lower.slice(m.end, m.end + 40));
      const out = after !== null && !prompt.isUsed(m.end, m.end + after[0].length) ? after[0].length : 0;
      const negative = m.groups['neg'] !== undefined || lead !== null || out > 0;
      const low = LOW_WORDS.test((m.groups['lvl'] ?? m.groups['lvl2']!).replace(/\s+/g, ' ')) !== negative;
      prompt.take(start, m.end + out);
      // The same regime said twice ("in calm markets use RSI, in volatile markets hold cash") is one filter.
      const period = m.groups['n'] ? Number(m.groups['n']) : undefined;
      if (found.some((f) => f.low === low && f.period === period)) continue;
      found.push({ start, end: m.end + out, low, ...(period !== undefined ? { period } : {}) });
    }
  }
  found.sort((a, b) => a.start - b.start);
  // The lookback is stated with the regime or elsewhere in its sentence ("... measured by 60-day realized
  // volatility"); regimes of one sentence ("RSI when volatility is low and a breakout when it is high
  // (20-day realized vol)") share it, and only a regime alone in it takes the lookback's words into its span.
  const lookbacks = freeMatches(prompt, VOL_LOOKBACK);
  const shared = new Map<PhraseMatch, number>();
  const lookbackOf = found.map((f) => (f.period === undefined ? volatilityLookback(prompt, lookbacks, f.end) : undefined));
  for (const m of lookbackOf) if (m) shared.set(m, (shared.get(m) ?? 0) + 1);
  return found.map((f, i) => {
    const m = lookbackOf[i];
    const period = f.period ?? (m ? barsOf(Number(m.groups['n']), m.groups['u']) : undefined);
    const alone = m !== undefined && shared.get(m) === 1;
    return {
      value: { kind: 'volatility', regime: f.low ? 'low' : 'high', ...(period ? { period } : {}) },
      span: alone ? { start: Math.min(f.start, m.start), end: Math.max(f.end, m.end) } : { start: f.start, end: f.end },
    };
  });
}

/** "20-day realized vol", "60-day realised volatility": a volatility's lookback in bars. */
const VOL_LOOKBACK = new RegExp(
  `(?<![\\w.])(?<n>\\d{1,3})[\\s-]?(?<u>days?|d|bars?|periods?|weeks?|months?)\\s+(?:realized\\s+|realised\\s+|historical\\s+|rolling\\s+|trailing\\s+)?(?:vol|volatility|std|standard\\s+deviation)(?![a-z])`,
  'g',
);

/** The lookback of the volatility a regime filter names, within the sentence after `from`; taken. */
function volatilityLookback(prompt: Prompt, lookbacks: readonly PhraseMatch[], from: number): PhraseMatch | undefined {
  const stop = prompt.lower.slice(from).search(/\.(?:\s|$)|[;?!]/);
  const end = stop < 0 ? prompt.lower.length : from + stop;
  const m = lookbacks.find((h) => h.start >= from && h.end <= end);
  if (!m || !(barsOf(Number(m.groups['n']), m.groups['u']) > 1)) return undefined;
  prompt.take(m.start, m.end);
  return m;
}

/** The minutes of "30 minutes", "an hour", "hour", "half hour". */
function durationOf(text: string): number | undefined {
  if (/^half\s+hour$/.test(text)) return 30;
  if (text === 'hour') return 60;
  return minutesOf(text);
}

/** The time-of-day window: every phrase read into one filter, the first bound of each side kept. */
function readTimeOfDay(prompt: Prompt): Read<Filter> | undefined {
  const bounds: { after?: string; before?: string; span: Span }[] = [];
  for (const m of [...freeMatches(prompt, BETWEEN_TIMES), ...freeMatches(prompt, ONLY_TIMES)]) {
    const [a, b] = [toClock(m.groups['a']!), toClock(m.groups['b']!)];
    if (a && b) bounds.push({ after: a, before: b, span: { start: m.start, end: m.end } });
  }
  for (const m of freeMatches(prompt, FIRST_LAST)) {
    const minutes = durationOf(m.groups['dur']!.replace(/\s+/g, ' '));
    if (minutes === undefined) continue;
    const first = /^(?:first|opening)$/.test(m.groups['edge']!);
    bounds.push({
      ...(first ? { after: clockOf(MARKET_OPEN + minutes) } : { before: clockOf(MARKET_CLOSE - minutes) }),
      span: { start: m.start, end: m.end },
    });
  }
  for (const m of freeMatches(prompt, WAIT_AFTER_OPEN)) {
    const minutes = minutesOf(m.groups['dur']!);
    if (minutes !== undefined) bounds.push({ after: clockOf(MARKET_OPEN + minutes), span: { start: m.start, end: m.end } });
  }
  for (const m of freeMatches(prompt, AFTER_BEFORE)) {
    const time = toClock(m.groups['t']!);
    if (!time) continue;
    const after = /^(?:after|past)$/.test(m.groups['side']!) !== (m.groups['neg'] !== undefined);
    bounds.push({ ...(after ? { after: time } : { before: time }), span: { start: m.start, end: m.end } });
  }
  bounds.sort((a, b) => a.span.start - b.span.start);
  let after: string | undefined;
  let before: string | undefined;
  let span: Span | undefined;
  for (const b of bounds) {
    if ((b.after && after) || (b.before && before)) continue;
    after ??= b.after;
    before ??= b.before;
    prompt.take(b.span.start, b.span.end);
    span = span ? { start: Math.min(span.start, b.span.start), end: Math.max(span.end, b.span.end) } : b.span;
  }
  if (!span) return undefined;
  return { value: { kind: 'time-of-day', ...(after ? { after } : {}), ...(before ? { before } : {}) }, span };
}

export function readFilters(prompt: Prompt): Read<Filter>[] {
  const filters = [...readVix(prompt), ...readTrend(prompt), ...readVolatility(prompt)];
  const time = readTimeOfDay(prompt);
  if (time) filters.push(time);
  return filters.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The instruments and filters once the symbols a filter or a universe only refers to are set apart. The
 * instrument reader, which runs first, reads every symbol it finds; a symbol named only as a filter's
 * reference (the QQQ of "if QQQ is above its 100-day EMA", the VIX of a VIX filter) or only as a universe's
 * ETF ("the XLK holdings") is not traded, and is dropped from the instruments: an instrument is dropped when
 * every mention of it in the prompt (its symbol, or the words it was read from) lies inside the span of a
 * filter or the universe that names it. A trend filter on the instrument the strategy trades (its only
 * underlying: "buy GOOGL calls while GOOGL is above its 50-day EMA") keeps no `symbol`.
 */
export function withoutReferences(
  instruments: readonly Instrument[],
  filters: readonly Read<Filter>[],
  universe: Read<Universe> | undefined,
  prompt: Prompt | string,
): { instruments: Instrument[]; filters: Read<Filter>[] } {
  const text = typeof prompt === 'string' ? new Prompt(prompt) : prompt;
  const wordsOf = (i: Instrument) => new Set([i.symbol.toLowerCase(), text.lower.slice(i.span.start, i.span.end).trim()].filter(Boolean));
  const names = (i: Instrument): Span[] => {
    const words = wordsOf(i);
    const spans: Span[] = [];
    for (const f of filters) {
      const v = f.value;
      if (v.kind === 'trend' && v.symbol && words.has(v.symbol.toLowerCase())) spans.push(f.span);
      if (v.kind === 'vix' && (i.symbol === 'VIX' || words.has('vix'))) spans.push(f.span);
    }
    if (universe?.value.kind === 'etf-constituents' && universe.value.etf === i.symbol) spans.push(universe.span);
    return spans;
  };
  const mentions = (i: Instrument): Span[] => {
    const out: Span[] = [i.span];
    for (const word of wordsOf(i)) {
      const re = new RegExp(`(?<![a-z0-9])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`, 'g');
      for (const m of text.lower.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
    }
    return out;
  };
  const kept = instruments.filter((i) => {
    const refs = names(i);
    if (refs.length === 0) return true;
    return !mentions(i).every((m) => refs.some((r) => m.start >= r.start && m.end <= r.end));
  });
  const traded = new Set(kept.map((i) => i.symbol));
  const only = traded.size === 1 ? kept[0] : undefined;
  const onlyWords = only ? wordsOf(only) : new Set<string>();
  return {
    instruments: kept,
    filters: filters.map((f) => {
      const v = f.value;
      if (v.kind !== 'trend' || !v.symbol || !onlyWords.has(v.symbol.toLowerCase())) return f;
      const { symbol: _symbol, ...rest } = v;
      return { ...f, value: rest };
    }),
  };
}
