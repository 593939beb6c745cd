// How a request sizes its positions (see Sizing in types.ts): equal weight ("equally weighted"), a fixed
// fraction per position ("10% per position", "allocate 25% to each"), fixed weights per symbol ("60/40
// SPY/TLT", "40% SPY, 30% TLT, 30% GLD"), risk per trade ("risk 1% per trade") or a volatility target
// ("target 10% annualized volatility"). Weights are read only next to the symbols they weigh, which the
// instrument reader has already read (their spans are matched as symbols here), so "RSI 30/70 on SPY and
// QQQ" holds no weights.
//
// Choices where a prompt is ambiguous:
// - Several sizings stated: the first in the prompt is read; the others stay unread for the user to see.
// - Risk per trade is sized from the ATR where the prompt says so ("size by ATR", "ATR-based sizing"),
//   with `atrMultiple` from an ATR multiple in the same sentence ("with a 2 ATR stop"), which the risk
//   reader may also have read as the stop: it is the same distance. Otherwise it is sized from the stop.
// - Weights written as a ratio must add up to 100 (or 1) and name as many symbols as parts; weights
//   written as percents may add up to less than 100% (the rest is cash), never to more.
import type { Prompt } from './promptText';
import { DIGITS, fractionOf, round, tolerantMatches, toNumber } from './numbers';
import type { Instrument, Read, Sizing, Span } from './types';

/** A percent: "10%", "5 percent", "half a percent". */
const PCT = `(?<pct>${DIGITS}|half(?:\\s+(?:a|of\\s+a|one))?)\\s?(?<pu>%|percent|per\\s?cent|pct)(?![a-z])`;
/** A word saying an amount is about what follows ("about 1%"). */
const ABOUT = '(?:(?:about|around|roughly|approximately|approx\\.?|~|up\\s+to|at\\s+most)\\s*)?';
const OF_CAPITAL =
  '(?:\\s+of\\s+(?:the\\s+|our\\s+|my\\s+|total\\s+)*(?:portfolio|equity|capital|account|cash|nav|net\\s+liquidation(?:\\s+value)?|buying\\s+power))?';
/** "of equity", "of the portfolio": required. */
const OF_CAPITAL_STATED = OF_CAPITAL.slice(0, -1);
const HOLDING = '(?:positions?|trades?|stocks?|holdings?|names?|assets?|tickers?|symbols?|etfs?|picks?|entry|entries|shares?|ones?|coins?)';

const EQUAL_WEIGHT = new RegExp(
  `(?<![a-z])(?:equal(?:ly)?[\\s-]?(?:w(?:ei|ie)ght(?:s|ed|ing)?|wt|allocat\\w*|siz(?:e|ed|ing)|dollar\\s+(?:amounts?|weights?))|(?:an\\s+)?equal[\\s-](?:weights?|sizing|position\\s+sizes?|parts|amounts?|shares?(?:\\s+of\\s+(?:the\\s+)?(?:capital|portfolio|equity|money))?|slices?|portions?|allocations?|dollar\\s+amounts?)|(?:weight|size|allocate|split)\\w*\\s+(?:them|all|everything|each|both|positions|holdings|(?:the|all\\s+the)\\s+[a-z]+|it)?\\s*equally|same\\s+(?:weight|size|amount|allocation)\\s+(?:in|for|to|per)\\s+each(?:\\s+${HOLDING})?|1\\s?/\\s?n(?:\\s+(?:weights?|weighting|allocation|portfolio))?)(?![a-z])`,
  'g',
);
const FIXED = [
  // "10% per position", "5% of equity in each stock", "20% each".
  new RegExp(
    `(?<![\\w.])${PCT}${OF_CAPITAL}\\s+(?:(?:per|in\\s+each|to\\s+each|for\\s+each|on\\s+each|into\\s+each|each)(?:\\s+${HOLDING})?|a\\s+(?:position|trade|stock|name|piece))(?![a-z])`,
    'g',
  ),
  // "allocate 25% to each", "invest 10% of capital in every stock".
  new RegExp(
    `(?<![a-z])(?:allocat\\w*|invest\\w*|put|assign\\w*|commit\\w*|deploy\\w*|buy|size\\w*)\\s+(?:each\\s+${HOLDING}\\s+(?:at|to)\\s+)?${PCT}${OF_CAPITAL}\\s+(?:to|in|into|per|for|on)\\s+(?:each|every)(?:\\s+${HOLDING})?(?![a-z])`,
    'g',
  ),
  // "position size 10%", "position sizing of 5% of equity".
  new RegExp(`(?<![a-z])position[\\s-]siz(?:e|es|ing)\\s*(?:of|at|=|:|is)?\\s*${PCT}${OF_CAPITAL}`, 'g'),
  // "each position gets 10%", "every position should be 5% of the portfolio".
  new RegExp(
    `(?<![a-z])(?:each|every)\\s+${HOLDING}\\s+(?:gets|is|at|=|sized\\s+at|of|with|takes|(?:should|will|must|shall|can)\\s+(?:be|get|take)(?:\\s+sized\\s+at)?)\\s+${PCT}${OF_CAPITAL}`,
    'g',
  ),
  // "keep a 25% position", "a 10% long position": the size of the position the prompt holds.
  new RegExp(`(?<![a-z])an?\\s+${PCT}\\s+(?:(?:long|short)\\s+)?(?:position|allocation|stake)(?![a-z])`, 'g'),
  // "use 20% of equity", "spend about 1% of the portfolio": a share of the capital put to work.
  new RegExp(
    `(?<![a-z])(?:use|using|uses|spend|spending|allocate|allocating|invest|investing|deploy|deploying|commit|committing|put|putting)\\s+${ABOUT}${PCT}${OF_CAPITAL_STATED}`,
    'g',
  ),
];
const RISK_PER_TRADE = [
  // "risk 1% per trade", "risking 0.5% of equity on each trade", "max risk of 2% per position".
  new RegExp(
    `(?<![a-z])(?:risk(?:ing|s)?|(?:max(?:imum)?\\s+)?risk\\s+of)\\s+(?:of\\s+|only\\s+|at\\s+most\\s+)?${PCT}${OF_CAPITAL}\\s+(?:per|on\\s+each|on\\s+every|on\\s+any|each|a|for\\s+each|in\\s+each)\\s+(?:trade|position|entry|bet|idea)(?![a-z])`,
    'g',
  ),
  // "1% risk per trade".
  new RegExp(
    `(?<![\\w.])${PCT}${OF_CAPITAL}\\s+risk(?:ed)?\\s+(?:per|on\\s+each|each|a|for\\s+each)\\s+(?:trade|position|entry|bet)(?![a-z])`,
    'g',
  ),
  // "risk per trade 1%", "risk per trade: 0.5% of equity".
  new RegExp(`(?<![a-z])risk\\s+per\\s+(?:trade|position)\\s*(?:of|=|:|is|at)?\\s*${PCT}${OF_CAPITAL}`, 'g'),
  // "risk 1% of equity based on a 5% stop": sized from the stop the prompt names, whatever the risk reader took of it.
  new RegExp(
    `(?<![a-z])risk(?:ing|s)?\\s+${ABOUT}${PCT}${OF_CAPITAL}(?=\\s*,?\\s*(?:based\\s+on|on|using|from|given|determined\\s+by|set\\s+by|with|against)\\s+(?:an?|the|that|this|our|my|its)\\s+(?:[\\w.%$-]+\\s+){0,3}?(?:stop|stop[\\s-]?loss|sl)(?![a-z]))`,
    'g',
  ),
];
/** Right before a sizing phrase: it is named as not used ("instead of equal weights"). */
const DECLINED_BEFORE = /(?<![a-z])(?:rather\s+than|instead\s+of|not|no|without)\s+(?:(?:fixed|static|constant|the|an?|using)\s+)?$/;
/** Right before a sizing: another one named as not used ("but rather than fixed weights,"). */
const NOT_THIS_SIZING =
  /(?<![a-z])(?:but\s+)?(?:rather\s+than|instead\s+of)\s+(?:(?:fixed|static|constant|equal|set|the\s+usual)\s+)?(?:weights?|weighting|allocations?|position\s+sizes?|sizing)\s*,?\s*$/;
/** Right before a risk per trade: what it sizes ("every position should be sized so that we", "size each trade so you"). */
const SIZED_SO_THAT =
  /(?<![a-z])(?:(?:each|every|all)\s+(?:positions?|trades?)\s+(?:should|will|must|shall)\s+be\s+sized|siz(?:e|ing)\s+(?:each|every)\s+(?:position|trade))\s+(?:so\s+(?:that\s+)?|such\s+that\s+)?(?:we|you|i|it)?\s*$/;
/** Right after a risk per trade: that it is sized from the stop ("1% risk per trade, sized from the stop distance"). */
const FROM_STOP =
  /^\s*,?\s*(?:and\s+)?(?:(?:position\s+)?siz(?:ed|ing|e)|calculated|computed|measured|based|set)\s+(?:from|off|on|by|using|against|with)\s+(?:the|its|a|that|this|our|my)\s+(?:stop(?:[\s-]?loss)?(?:\s+distance)?|distance\s+to\s+the\s+stop)(?![a-z])/;
/** Sizing by the ATR: "size by ATR", "ATR-based position sizing", "volatility-adjusted by ATR". */
const BY_ATR =
  /(?<![a-z])(?:(?:size|sizing|sized|position\s+siz\w+)\s+(?:positions?\s+)?(?:by|with|using|on|from|off)\s+(?:the\s+|an?\s+)?(?:\d+(?:\.\d+)?\s?(?:x|×|times)?\s?(?:the\s+)?)?(?:\d{1,3}[\s-]?(?:day|bar|period)\s+)?atrs?(?:\s+multiples?)?|atr[\s-]?(?:based\s+)?(?:position[\s-])?siz\w+|volatility[\s-]adjusted\s+(?:by|with|using)\s+(?:the\s+)?atr)(?![a-z])/g;
/** An ATR multiple: "2 ATR", "2x ATR", "1.5 times the ATR". */
const ATR_MULTIPLE = new RegExp(`(?<![\\w.])(${DIGITS})\\s?(?:x|×|\\*|times)?\\s?(?:the\\s+)?atrs?(?![a-z])`);
const VOL_TARGET = [
  // "target 10% annualized volatility", "scale positions to 12% annual vol", "scale the whole portfolio to target 10% volatility".
  new RegExp(
    `(?<![a-z])(?:target(?:ing|s)?|aim(?:ing)?\\s+(?:for|at)|scal(?:e|ing)\\s+(?:(?:the\\s+)?(?:whole\\s+|entire\\s+|overall\\s+)?(?:positions?|exposure|portfolio|book)\\s+)?to(?:\\s+target)?|siz(?:e|ed|ing)\\s+(?:positions?\\s+)?(?:to|for))\\s+(?:an?\\s+)?${PCT}\\s+(?:(?:annual(?:i[sz]ed)?|yearly|portfolio|ex-ante|realized)\\s+)*vol(?:atility)?(?![a-z])(?:\\s+target)?`,
    'g',
  ),
  // "volatility target of 12%", "target volatility 15%".
  new RegExp(
    `(?<![a-z])(?:(?:annual(?:i[sz]ed)?\\s+)?vol(?:atility)?\\s+target(?:ing)?|target\\s+(?:annual(?:i[sz]ed)?\\s+)?vol(?:atility)?)\\s*(?:of|at|=|:|is|to)?\\s*${PCT}(?:\\s+annual(?:i[sz]ed|ly)?)?`,
    'g',
  ),
  // "10% vol target".
  new RegExp(`(?<![\\w.])${PCT}\\s+(?:(?:annual(?:i[sz]ed)?|yearly|portfolio)\\s+)*vol(?:atility)?\\s+target(?:ing)?(?![a-z])`, 'g'),
];

/** A symbol's span in the masked text (see `masked`). */
const SYMBOL = '§+(?:\\s+(?:[a-z]+\\s+)?(?:cfds?|etfs?|funds?|futures|stocks?|shares|contracts?))?';
const SEPARATOR = '\\s*(?:[/,;+&]\\s*(?:(?:and|plus)\\s+)?|(?:and|plus)\\s+)(?:the\\s+)?';
/** Between symbols listed for a ratio: a separator, or a space alone ("tlt ief 70/30"). */
const LIST = `(?:${SEPARATOR}|\\s+)`;
/** The market the symbols listed before it are on: "on Kraken" (a market's span is '¤' marks, see `masked`). */
const ON_MARKET = '(?:\\s+(?:on|at|via)\\s+¤+)?';
/** Parts of 100 (or 1); a period after the last one may end the sentence ("at 70/30."), a decimal may not follow it. */
const RATIO = '(?<ratio>\\d{1,3}(?:\\.\\d+)?(?:\\s?/\\s?\\d{1,3}(?:\\.\\d+)?){1,5})(?![\\d%]|\\.\\d)';
const WEIGHT_RATIOS = [
  // "60/40 SPY/TLT", "a 50/50 split between GLD and TLT", "60/40 in SPY and TLT".
  new RegExp(
    `(?<![\\w./])${RATIO}\\s*(?:(?:split|mix|portfolio|allocation|weights?|weighting)\\s+)?(?:(?:of|in|between|across|into|for|on|:)\\s+)?(?:the\\s+)?(?<syms>${SYMBOL}(?:${LIST}${SYMBOL})+)`,
    'gd',
  ),
  // "SPY/TLT 60/40", "SPY and TLT at 70/30", "ETH and BTC on Kraken 70/30".
  new RegExp(`(?<syms>${SYMBOL}(?:${LIST}${SYMBOL})+)${ON_MARKET}\\s*(?:(?:at|in|of|with|:|=|weighted)\\s*)?(?:an?\\s+)?${RATIO}`, 'gd'),
];
const PCT_SYMBOL = `\\d{1,3}(?:\\.\\d+)?\\s?%\\s*(?:(?:in|into|to|of|on)\\s+)?${SYMBOL}`;
const SYMBOL_PCT = `${SYMBOL}\\s*(?::|=|at|@|-)?\\s*\\d{1,3}(?:\\.\\d+)?\\s?%`;
/** "40% SPY, 30% TLT", "SPY 40%, TLT 30%", or the two mixed ("SPY 40%, TLT 30% and 30% in GLD"). */
const WEIGHT_PERCENTS = [new RegExp(`(?<![\\w.])(?:${PCT_SYMBOL}|${SYMBOL_PCT})(?:${LIST}(?:${PCT_SYMBOL}|${SYMBOL_PCT}))+`, 'g')];
const PART = /(\d{1,3}(?:\.\d+)?)\s?%|§+/g;
/** Before a ratio: an indicator's levels, not weights ("RSI 30/70", "rsi(2) 10/90", "rsi 14 30/70"). */
const LEVELS_BEFORE =
  /(?:rsi|stoch\w*|cci|williams|mfi|levels?|thresholds?|bands?|ema|sma|ma|macd|cross\w*)\s*(?:\(\s*\d+\s*\)|\d{1,3}(?![\d.%]))?\s*(?:at|of|=|:)?\s*$/;

interface Found {
  value: Sizing;
  span: Span;
  /** Spans taken with it (the ATR words of a risk-per-trade sizing). */
  also?: Span[];
}

/**
 * The prompt's lower-case text with each instrument's span as '§' marks, and the symbol at each mark; the
 * markets named as '¤' marks, so a ratio may follow the market of the symbols ("eth and btc on kraken 70/30").
 */
function masked(
  prompt: Prompt,
  instruments: readonly Instrument[],
  markets: readonly Read<string>[],
): { text: string; symbols: Map<number, string>; holes: Span[] } {
  const chars = [...prompt.lower];
  const symbols = new Map<number, string>();
  const holes: Span[] = [];
  for (const m of markets) {
    holes.push(m.span);
    for (let c = m.span.start; c < m.span.end; c++) chars[c] = '¤';
  }
  for (const i of instruments) {
    if (symbols.has(i.span.start)) continue;
    symbols.set(i.span.start, i.symbol);
    // A note in brackets right after a symbol is part of it: "bitcoin (BTCUSD on Coinbase)".
    const note = /^\s*\([^()\d%]{0,40}\)/.exec(prompt.lower.slice(i.span.end));
    const span = { start: i.span.start, end: i.span.end + (note ? note[0].length : 0) };
    holes.push(span);
    for (let c = span.start; c < span.end; c++) chars[c] = '§';
  }
  return { text: chars.join(''), symbols, holes };
}

/** Whether [start, end) is free of taken text outside the symbols' spans. */
function freeBesides(prompt: Prompt, start: number, end: number, holes: readonly Span[]): boolean {
  for (let c = start; c < end; c++) {
    if (holes.some((h) => c >= h.start && c < h.end)) continue;
    if (prompt.isUsed(c, c + 1)) return false;
  }
  return true;
}

function readWeights(prompt: Prompt, instruments: readonly Instrument[], markets: readonly Read<string>[]): Found[] {
  if (instruments.length < 2) return [];
  const { text, symbols, holes } = masked(prompt, instruments, markets);
  const symbolsIn = (from: number, to: number) => [...text.slice(from, to).matchAll(/§+/g)].map((s) => symbols.get(from + s.index)!);
  const out: Found[] = [];
  const weights = (names: string[], parts: number[]): Record<string, number> | undefined => {
    if (names.length !== parts.length || new Set(names).size !== names.length) return undefined;
    return Object.fromEntries(names.map((n, k) => [n, parts[k]!]));
  };
  for (const re of WEIGHT_RATIOS) {
    for (const m of text.matchAll(re)) {
      const [start, end] = [m.index, m.index + m[0].length];
      if (!freeBesides(prompt, start, end, holes) || LEVELS_BEFORE.test(prompt.before(start, 24))) continue;
      const parts = m.groups!['ratio']!.split('/').map(Number);
      const total = parts.reduce((a, b) => a + b, 0);
      if (Math.abs(total - 100) > 0.5 && Math.abs(total - 1) > 0.005) continue;
      const [symsStart, symsEnd] = m.indices!.groups!['syms']!;
      const value = weights(
        symbolsIn(symsStart, symsEnd),
        parts.map((p) => round(p / total)),
      );
      if (value) out.push({ value: { kind: 'weights', weights: value }, span: { start, end } });
    }
  }
  for (const re of WEIGHT_PERCENTS) {
    for (const m of text.matchAll(re)) {
      const [start, end] = [m.index, m.index + m[0].length];
      if (!freeBesides(prompt, start, end, holes)) continue;
      const names: string[] = [];
      const parts: number[] = [];
      for (const p of m[0].matchAll(PART)) {
        if (p[1] !== undefined) parts.push(fractionOf(p[1], '%')!);
        else names.push(symbols.get(start + p.index)!);
      }
      const total = parts.reduce((a, b) => a + b, 0);
      const value = total > 0 && total <= 1.02 ? weights(names, parts) : undefined;
      if (value) out.push({ value: { kind: 'weights', weights: value }, span: { start, end } });
    }
  }
  return out;
}

/** The phrases `re` matches in the prompt's text, misspelt rule words read as meant, that touch no taken span. */
function phrases(prompt: Prompt, re: RegExp): { groups: (string | undefined)[]; index: number; end: number }[] {
  return tolerantMatches(prompt, re).map((m) => ({ groups: m.list, index: m.start, end: m.end }));
}

/** "5" and "%" → 0.05; "half a" and "percent" → 0.005. */
function percentOf(amount: string, unit: string): number | undefined {
  return /^half\b/.test(amount) ? round(0.5 / 100) : fractionOf(amount, unit);
}

/** The sentence around `span`, as a span: from the last ". " or ";" before it to the next one after. */
function sentenceOf(prompt: Prompt, span: Span): Span {
  const text = prompt.lower;
  const start = Math.max(text.lastIndexOf('. ', span.start), text.lastIndexOf(';', span.start)) + 1;
  const stops = [text.indexOf('. ', span.end), text.indexOf(';', span.end)].filter((i) => i >= 0);
  return { start, end: stops.length ? Math.min(...stops) : text.length };
}

function readRiskPerTrade(prompt: Prompt): Found[] {
  const out: Found[] = [];
  for (const re of RISK_PER_TRADE) {
    for (const m of phrases(prompt, re)) {
      const fraction = percentOf(m.groups[0]!, m.groups[1]!);
      if (fraction === undefined || fraction <= 0 || fraction >= 1) continue;
      const span = { start: m.index, end: m.end };
      const sentence = sentenceOf(prompt, span);
      const byAtr = phrases(prompt, BY_ATR).find((a) => a.index >= sentence.start && a.end <= sentence.end);
      // "Every position should be sized so that we" before it says what is sized by it: part of it.
      const lead = SIZED_SO_THAT.exec(prompt.lower.slice(Math.max(0, span.start - 60), span.start));
      if (lead && !prompt.isUsed(span.start - lead[0].length, span.start)) span.start -= lead[0].length;
      if (!byAtr) {
        // "sized from the stop" after it says what risk per trade is sized from anyway: part of it.
        const fromStop = FROM_STOP.exec(prompt.lower.slice(span.end, span.end + 50));
        const end = fromStop && !prompt.isUsed(span.end, span.end + fromStop[0].length) ? span.end + fromStop[0].length : span.end;
        out.push({ value: { kind: 'risk-per-trade', fraction, from: 'stop' }, span: { start: span.start, end } });
        continue;
      }
      // The multiple may lie in a stop the risk reader took ("with a 2 ATR stop"): read here, not taken.
      const multiple = ATR_MULTIPLE.exec(prompt.lower.slice(sentence.start, sentence.end));
      const atrMultiple = toNumber(multiple?.[1]);
      const value: Sizing = { kind: 'risk-per-trade', fraction, from: 'atr', ...(atrMultiple ? { atrMultiple } : {}) };
      const whole = { start: Math.min(span.start, byAtr.index), end: Math.max(span.end, byAtr.end) };
      out.push({ value, span: whole, also: [{ start: byAtr.index, end: byAtr.end }] });
    }
  }
  return out;
}

function readFractions(prompt: Prompt, patterns: readonly RegExp[], make: (fraction: number) => Sizing): Found[] {
  const out: Found[] = [];
  for (const re of patterns) {
    for (const m of phrases(prompt, re)) {
      const fraction = percentOf(m.groups[0]!, m.groups[1]!);
      if (fraction !== undefined && fraction > 0 && fraction <= 1)
        out.push({ value: make(fraction), span: { start: m.index, end: m.end } });
    }
  }
  return out;
}

export function readSizing(
  prompt: Prompt,
  instruments: readonly Instrument[],
  markets: readonly Read<string>[] = [],
): Read<Sizing> | undefined {
  const found: Found[] = [
    ...readWeights(prompt, instruments, markets),
    ...readRiskPerTrade(prompt),
    ...readFractions(prompt, VOL_TARGET, (target) => ({ kind: 'volatility-target', target })),
    ...readFractions(prompt, FIXED, (fraction) => ({ kind: 'fixed-fraction', fraction })),
    ...phrases(prompt, EQUAL_WEIGHT).map((m): Found => ({ value: { kind: 'equal-weight' }, span: { start: m.index, end: m.end } })),
  ];
  // The first in the prompt; among phrases that start together, the longest. One named as not used
  // ("rather than equal weights") is none.
  const first = found
    .filter((f) => !DECLINED_BEFORE.test(prompt.lower.slice(Math.max(0, f.span.start - 30), f.span.start)))
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)[0];
  if (!first) return undefined;
  // The sizing named as not used right before the one read is part of it: "rather than fixed weights, scale to 10% vol".
  const instead = NOT_THIS_SIZING.exec(prompt.lower.slice(Math.max(0, first.span.start - 60), first.span.start));
  const start =
    instead && !prompt.isUsed(first.span.start - instead[0].length, first.span.start)
      ? first.span.start - instead[0].length
      : first.span.start;
  const span = { start, end: first.span.end };
  for (const s of [span, ...(first.also ?? [])]) prompt.take(s.start, s.end);
  return { value: first.value, span };
}
