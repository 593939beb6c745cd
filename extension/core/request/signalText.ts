// The pieces the signal reader matches with: number and unit fragments, periods converted to bars, and
// a matcher that reports where each named group lies, so a number read keeps the span of its own digits.
// Matching is on the prompt's lower-case text; a match that touches a span another reader took is skipped.
import { editDistance } from '../validation/names';
import { isEnglishWord } from './englishWords';
import type { Prompt } from './promptText';
import type { Read, Span } from './types';
import { round, toNumber } from './numbers';
import { STRATEGY_WORDS } from './vocabulary';

/** A whole number of bars, in digits or words ("14", "two"); no thousands groups, so "50,200" is two numbers. */
export const INT =
  '(?:\\d{1,4}(?!\\d|\\.\\d)|(?<![a-z])(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred)(?![a-z]))';

/** A level or multiple: "2", "2.5", ".5". */
export const DEC = '(?:\\d{1,3}(?:\\.\\d+)?(?!\\d|\\.\\d)|\\.\\d+(?!\\d))';

/** The units a period is stated in. Minutes and hours are not among them: "5-minute RSI" names the bars, not the period. */
export const UNIT = '(?:trading[\\s-])?(?:days?|d|bars?|periods?|candles?|sessions?|weeks?|wks?|w|months?|mos?|years?|yrs?|y)(?![a-z])';

/** Between a number and its unit: "20-day", "20 day", "20d". */
export const JOIN = '\\s?-?\\s?';

/** Before a leading number: not the tail of another number or word. */
export const LEAD = '(?<![\\w.])';

export interface Part {
  text: string;
  start: number;
  end: number;
}

export interface Hit {
  start: number;
  end: number;
  g: Record<string, Part | undefined>;
}

/** A pattern for `hits`: global, with group indices. Built once at module load. */
export function pattern(source: string): RegExp {
  return new RegExp(source, 'gd');
}

/** Characters around a region that lookbehinds and lookaheads may see: more than any pattern here looks. */
const CONTEXT = 40;

/**
 * Matches of `re` in the prompt's view (its lower-case text with misspelt vocabulary words corrected,
 * see viewOf) that touch no taken span and, with a region, lie inside it; starts, ends and groups are
 * indexes of the prompt. Nothing is taken. Where a match touches a taken span the search goes on from the
 * next character, so a word another reader took ("more" read as a ticker) does not hide the number after
 * it; with `anyText` taken spans are matched too, for names no other reader's word could be part of. A
 * region is searched in a window of the text around it, so reading every mention of a long prompt stays
 * linear.
 */
export function hits(prompt: Prompt, re: RegExp, region?: Span, anyText = false): Hit[] {
  const view = viewOf(prompt);
  const [from, to] = region ? [view.toView[region.start]!, view.toView[region.end]!] : [0, view.text.length];
  const offset = region ? Math.max(0, from - CONTEXT) : 0;
  const text = region ? view.text.slice(offset, to + CONTEXT) : view.text;
  const out: Hit[] = [];
  re.lastIndex = from - offset;
  for (let m = re.exec(text); m && m.index + offset < to; m = re.exec(text)) {
    const at = m.index + offset;
    const [start, end] = [view.toPrompt[at]!, view.toPrompt[at + m[0].length]!];
    if (m[0].length === 0 || at + m[0].length > to || (!anyText && prompt.isUsed(start, end))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const g: Record<string, Part | undefined> = {};
    for (const [name, range] of Object.entries(m.indices?.groups ?? {})) {
      if (range)
        g[name] = {
          text: text.slice(range[0], range[1]),
          start: view.toPrompt[range[0] + offset]!,
          end: view.toPrompt[range[1] + offset]!,
        };
    }
    out.push({ start, end, g });
  }
  return out;
}

/** Trading-day bars in `count` of `unit`: a week 5, a month 21, a year 252; bars, days and periods as they are. */
export function bars(count: number, unit: string | undefined): number {
  const u = (unit ?? '').replace(/^trading[\s-]/, '');
  if (/^(?:weeks?|wks?|w)$/.test(u)) return count * 5;
  if (/^(?:months?|mos?)$/.test(u)) return count * 21;
  if (/^(?:years?|yrs?|y)$/.test(u)) return count * 252;
  return count;
}

/**
 * A period read from a number and its optional unit. The span is the digits alone when the value is
 * theirs, and the number with its unit when the unit converted it ("12-month" is 252 bars).
 */
export function period(number: Part | undefined, unit: Part | undefined): Read<number> | undefined {
  const count = toNumber(number?.text);
  if (!number || count === undefined || !Number.isInteger(count) || count <= 0) return undefined;
  const value = bars(count, unit?.text);
  // The unit belongs to the span only where it is written on the number ("12-month", not "9 and 21 week").
  const onNumber = unit !== undefined && unit.start >= number.end && unit.start - number.end <= 2;
  const span = value !== count && onNumber ? { start: number.start, end: unit.end } : { start: number.start, end: number.end };
  return { value, span };
}

/** A plain number read from its digits. */
export function level(number: Part | undefined, sign = 1): Read<number> | undefined {
  const value = toNumber(number?.text);
  if (!number || value === undefined) return undefined;
  return { value: round(sign * value), span: { start: number.start, end: number.end } };
}

// --- the prompt as the signal and bar readers see it ------------------------------------------------

/**
 * Words the signal and bar readers look for. A word of the prompt within one edit of one of them (a
 * letter dropped, added or changed, or two letters swapped; two edits in words of eight letters or more)
 * is read as it, unless it is an English word itself: "crosover", "avrage", "bolinger", "chanel",
 * "stongest", "candels", "dialy" are the words their writers meant.
 */
const VOCABULARY = (
  'crossover crossovers crossing crosses average averages moving exponential simple dual ' +
  'bollinger keltner donchian channel channels band bands breakout breakouts turtle ' +
  'momentum relative strength strongest weakest rotation ranked ranking return returns performance ' +
  'strategy system reversion reverting following oversold overbought signal histogram convergence divergence ' +
  'standard deviation deviations sigma lookback period periods window entry exit trade trading pairs spread ' +
  'below above under bigger larger greater highest lowest threshold percent golden santa rally seasonal ' +
  'candle candles candlestick candlesticks second seconds minute minutes hourly daily weekly'
).split(' ');
const KNOWN = new Set(VOCABULARY);
/** A word of the signal readers' vocabulary as written ("santa", "rally", "candles"): a word, never a ticker. */
export function isSignalWord(word: string): boolean {
  return KNOWN.has(word.toLowerCase());
}

/** Words this short are never corrected: too many tickers and abbreviations lie one edit from a word. */
const SHORTEST = 4;

/** Words looked up before, and what they stand for (null for none): words recur from prompt to prompt. */
const CORRECTED = new Map<string, string | null>();
const CACHED_WORDS = 10_000;

/** The vocabulary word a misspelt word stands for, or undefined. */
export function correctWord(word: string): string | undefined {
  if (word.length < SHORTEST || KNOWN.has(word)) return undefined;
  const cached = CORRECTED.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const fix = nearestWord(word);
  if (CORRECTED.size >= CACHED_WORDS) CORRECTED.clear();
  CORRECTED.set(word, fix ?? null);
  return fix;
}

function nearestWord(word: string): string | undefined {
  if (STRATEGY_WORDS.has(word) || isEnglishWord(word)) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of VOCABULARY) {
    if (known.length < 5 && word.length < 5) continue;
    const limit = known.length >= 8 && word.length >= 7 && known[0] === word[0] ? 2 : 1;
    const d = editDistance(word, known, limit);
    if (d <= limit && d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

/** The lower-case prompt with misspelt vocabulary words corrected, and the maps between its indexes and the prompt's. */
export interface View {
  text: string;
  /** For each index of `text`, and its length, the prompt's index. */
  toPrompt: readonly number[];
  /** For each index of the prompt, and its length, the index in `text`. */
  toView: readonly number[];
}

const VIEWS = new WeakMap<Prompt, View>();
const WORD = /[a-z]{4,}/g;

export function viewOf(prompt: Prompt): View {
  const cached = VIEWS.get(prompt);
  if (cached) return cached;
  const lower = prompt.lower;
  const pieces: string[] = [];
  const toPrompt: number[] = [];
  const toView: number[] = [];
  let at = 0;
  const copy = (end: number) => {
    pieces.push(lower.slice(at, end));
    for (let i = at; i < end; i++) {
      toView.push(toPrompt.length);
      toPrompt.push(i);
    }
    at = end;
  };
  for (const m of lower.matchAll(WORD)) {
    const fix = correctWord(m[0]);
    if (!fix) continue;
    copy(m.index);
    const start = toPrompt.length;
    for (let i = 0; i < m[0].length; i++) toView.push(start + Math.min(i, fix.length - 1));
    for (let j = 0; j < fix.length; j++) toPrompt.push(m.index + Math.min(j, m[0].length - 1));
    pieces.push(fix);
    at = m.index + m[0].length;
  }
  copy(lower.length);
  toView.push(toPrompt.length);
  toPrompt.push(lower.length);
  const view = { text: pieces.join(''), toPrompt, toView };
  VIEWS.set(prompt, view);
  return view;
}

/** The corrected text up to `chars` before the prompt index `index`, cut at the last clause break (as Prompt.before). */
export function textBefore(prompt: Prompt, index: number, chars = 40): string {
  const view = viewOf(prompt);
  const end = view.toView[index] ?? view.text.length;
  const text = view.text.slice(Math.max(0, end - chars), end);
  const cut = Math.max(text.lastIndexOf(','), text.lastIndexOf(';'), text.lastIndexOf('. '), text.lastIndexOf(' and '));
  return cut >= 0 ? text.slice(cut + 1) : text;
}
