// The pieces the signal reader matches with: number and unit fragments, periods converted to bars, and
// a matcher that reports where each named group lies, so a number read keeps the span of its own digits.
// Matching is on the prompt's lower-case text; a match that touches a span another reader took is skipped.
import type { Prompt } from './promptText';
import type { Read, Span } from './types';
import { round, toNumber } from './numbers';

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
 * Matches of `re` in the prompt that touch no taken span and, with a region, lie inside it. Nothing is
 * taken. Where a match touches a taken span the search goes on from the next character, so a word
 * another reader took ("more" read as a ticker) does not hide the number after it. A region is searched
 * in a window of the text around it, so reading every mention of a long prompt stays linear.
 */
export function hits(prompt: Prompt, re: RegExp, region?: Span): Hit[] {
  const offset = region ? Math.max(0, region.start - CONTEXT) : 0;
  const text = region ? prompt.lower.slice(offset, region.end + CONTEXT) : prompt.lower;
  const [from, to] = region ? [region.start, region.end] : [0, text.length];
  const out: Hit[] = [];
  re.lastIndex = from - offset;
  for (let m = re.exec(text); m && m.index + offset < to; m = re.exec(text)) {
    const start = m.index + offset;
    const end = start + m[0].length;
    if (end === start || end > to || prompt.isUsed(start, end)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const g: Record<string, Part | undefined> = {};
    for (const [name, range] of Object.entries(m.indices?.groups ?? {})) {
      if (range) g[name] = { text: text.slice(range[0], range[1]), start: range[0] + offset, end: range[1] + offset };
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
