// Numbers as prompts write them, shared by the request's readers: plain and grouped digits, number
// words, amounts with a scale ("$25k", "1.5 million"), percents or basis points as fractions, times of
// day and lengths of time; and a matcher of phrases in the text no reader took, with their numbers' places.
import { editDistance } from '../validation/names';
import { isEnglishWord } from './englishWords';
import type { Prompt } from './promptText';

/** A number in digits, with optional thousands groups and decimals ("25", "1,000,000", "0.5", ".5"). */
export const DIGITS = '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)';

const WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};

/** A number in digits or as a word ("two", "ten"). */
export const NUMBER = `(?:${DIGITS}|${Object.keys(WORDS).join('|')})`;

/** The value of a NUMBER match; undefined for anything else. */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const word = WORDS[text.toLowerCase()];
  if (word !== undefined) return word;
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

const SCALES: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/** A scale word after an amount ("k", "million"). */
export const SCALE = `(?:${Object.keys(SCALES).join('|')})`;

/** `amount` times its scale word ("25" and "k" → 25,000). */
export function scaled(amount: string, scale: string | undefined): number | undefined {
  const value = toNumber(amount);
  if (value === undefined) return undefined;
  return scale ? value * (SCALES[scale.toLowerCase()] ?? 1) : value;
}

/** "5" with unit "%" → 0.05; with "bps" → 0.0005; anything else undefined. */
export function fractionOf(amount: string, unit: string): number | undefined {
  const value = toNumber(amount);
  if (value === undefined) return undefined;
  const u = unit.trim().toLowerCase();
  if (u === '%' || u === 'percent' || u === 'pct' || u === 'per cent') return round(value / 100);
  if (u === 'bps' || u === 'bp' || u === 'basis points' || u === 'basis point') return round(value / 10_000);
  return undefined;
}

/** Rounded to 10 significant decimals, so 7 / 100 is 0.07 and not 0.07000000000000001. */
export function round(value: number): number {
  return Number(value.toPrecision(10));
}

/**
 * A time of day as prompts write it: "15:55", "3:55pm", "10 a.m.", "noon". A bare number is never one
 * ("after 10" may be bars): it needs minutes or am/pm. Read with `toClock`.
 */
export const CLOCK =
  '(?:(?<![\\d.:$])\\d{1,2}:\\d{2}(?:\\s?[ap]\\.?m\\.?(?![a-z]))?(?![\\d:])|(?<![\\d.:$])\\d{1,2}\\s?[ap]\\.?m\\.?(?![a-z])|noon|midday)';

/** The US equity session, in minutes after midnight exchange time: 09:30 to 16:00. */
export const MARKET_OPEN = 9 * 60 + 30;
export const MARKET_CLOSE = 16 * 60;

/**
 * A CLOCK match as "HH:MM" (24-hour); undefined when it is no time of day. Without am/pm an hour of 1 to 7
 * is read in the afternoon ("flat by 3:55" is 15:55): US exchanges do not trade at 3:55 in the morning.
 */
export function toClock(text: string): string | undefined {
  const t = text.toLowerCase().replace(/[\s.]/g, '');
  if (t === 'noon' || t === 'midday') return '12:00';
  const m = /^(\d{1,2})(?::(\d{2}))?([ap]m)?$/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
  } else if (hour >= 1 && hour <= 7 && !/^0/.test(m[1]!)) hour += 12;
  if (hour > 23 || minute > 59) return undefined;
  return clockOf(hour * 60 + minute);
}

/** Minutes after midnight as "HH:MM". */
export function clockOf(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A length of time within a session: "30 minutes", "an hour", "half an hour", "90 mins", "1.5 hours". */
export const DURATION = `(?:(?<![\\w.])(?:${NUMBER}|an?|half an?)\\s?-?\\s?(?:minutes?|mins?|hours?|hrs?)(?![a-z]))`;

const DURATION_PARTS = new RegExp(`^(${NUMBER}|an?)\\s?-?\\s?(minutes?|mins?|hours?|hrs?)$`);

/** The minutes of a DURATION match; undefined for anything else. */
export function minutesOf(text: string): number | undefined {
  const t = text.toLowerCase().trim();
  if (/^half an?\b/.test(t)) return 30;
  const m = DURATION_PARTS.exec(t);
  if (!m) return undefined;
  const count = /^an?$/.test(m[1]!) ? 1 : toNumber(m[1]);
  if (count === undefined) return undefined;
  return m[2]!.startsWith('h') ? count * 60 : count;
}

/** A phrase matched in a prompt: where it is, its named groups, and where each group lies. */
export interface PhraseMatch {
  start: number;
  end: number;
  groups: Record<string, string | undefined>;
  at: Record<string, [number, number] | undefined>;
  /** The groups in order, named or not. */
  list: (string | undefined)[];
}

/**
 * The words of the rules the request's readers look for (stops, drawdowns, schedules, sizing): a word of
 * a prompt that is no English word but one typo from one of these is read as it ("stopp", "trailling",
 * "evry", "flatt", "rebalence"), and an abbreviation of one of the longer ones as it ("rebal").
 */
const RULE_WORDS = (
  'stop stops loss losses trailing trail drawdown drawdowns flat flatten trade trades trading every each ' +
  'rebalance rebalanced rebalancing rebalances quarterly monthly weekly daily yearly annually profit profits target ' +
  'position positions weight weighted weights weighting equal equally risk liquidate exit close after before ' +
  'minutes minute hours monday tuesday wednesday thursday friday month quarter week year volatility average moving ' +
  'constituents holdings largest highest volume onward onwards backtest between percent portfolio equity account ' +
  'capital until through since starting'
).split(' ');
const RULE_WORD_SET = new Set(RULE_WORDS);

/**
 * The rule word a misspelt or shortened word stands for: one edit away (two for words of eight letters or
 * more), or, for a word of five letters or more, the shortest rule word of eight or more it begins and is at
 * least half of ("rebal" → "rebalance").
 * Undefined for English words, which are never corrected, and for words of fewer than three letters.
 */
export function ruleWordOf(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 3 || RULE_WORD_SET.has(w) || isEnglishWord(w)) return undefined;
  const known = ruleWordCache.get(w);
  if (known !== undefined) return known || undefined;
  if (ruleWordCache.size > 10_000) ruleWordCache.clear();
  const found = nearestRuleWord(w);
  ruleWordCache.set(w, found ?? '');
  return found;
}

/** Words looked up before, with the rule word each stands for ('' for none). */
const ruleWordCache = new Map<string, string>();

function nearestRuleWord(w: string): string | undefined {
  const max = w.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const rule of RULE_WORDS) {
    if (rule.length < 4) continue;
    const d = editDistance(w, rule, max);
    if (d < bestDistance) [best, bestDistance] = [rule, d];
  }
  if (best) return best;
  if (w.length >= 5) {
    const longer = RULE_WORDS.filter((r) => r.length >= 8 && r.length <= 2 * w.length && r.startsWith(w)).sort(
      (a, b) => a.length - b.length,
    );
    return longer[0];
  }
  return undefined;
}

/** A prompt's lower-case text with misspelt rule words corrected, and where each of its offsets lies in the prompt. */
interface Corrected {
  text: string;
  /** For each offset of `text` (0 to its length), the offset in the prompt. */
  offsets: number[];
}

const corrections = new WeakMap<Prompt, Corrected>();

function corrected(prompt: Prompt): Corrected {
  const known = corrections.get(prompt);
  if (known) return known;
  const source = prompt.lower;
  let text = '';
  const offsets: number[] = [];
  let last = 0;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) offsets.push(i);
    text += source.slice(from, to);
  };
  for (const m of source.matchAll(/[a-z]{3,}/g)) {
    const fixed = ruleWordOf(m[0]);
    if (!fixed) continue;
    const [start, end] = [m.index, m.index + m[0].length];
    copy(last, start);
    for (let k = 0; k < fixed.length; k++) offsets.push(k === 0 ? start : Math.min(start + k, end - 1));
    text += fixed;
    last = end;
  }
  copy(last, source.length);
  offsets.push(source.length);
  const value = { text, offsets };
  corrections.set(prompt, value);
  return value;
}

/**
 * Matches of `re` (global; with the `d` flag for `at`) in the prompt's lower-case text that touch no taken
 * span, except inside the named group `open` (a symbol the instrument reader took, which a phrase may
 * hold: "only when SPY is above its 200-day SMA"). A match that touches a taken span is tried again one
 * character on, so a shorter phrase inside it is still found. Nothing is taken.
 */
export function freeMatches(prompt: Prompt, re: RegExp, open?: string): PhraseMatch[] {
  return matchesIn(prompt, re, open, undefined);
}

/**
 * As `freeMatches`, on the prompt's text with misspelt rule words corrected (`ruleWordOf`): the groups
 * hold the corrected words ("trailing" for "trailling"), the offsets are the prompt's.
 */
export function tolerantMatches(prompt: Prompt, re: RegExp, open?: string): PhraseMatch[] {
  return matchesIn(prompt, re, open, corrected(prompt));
}

function matchesIn(prompt: Prompt, re: RegExp, open: string | undefined, fixed: Corrected | undefined): PhraseMatch[] {
  if (!re.global) throw new Error(`freeMatches needs a global pattern: /${re.source}/`);
  const out: PhraseMatch[] = [];
  const text = fixed ? fixed.text : prompt.lower;
  const place = fixed ? (i: number) => fixed.offsets[i]! : (i: number) => i;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [start, end] = [place(m.index), place(m.index + m[0].length)];
    const at: Record<string, [number, number] | undefined> = {};
    for (const [name, where] of Object.entries(m.indices?.groups ?? {})) at[name] = where ? [place(where[0]), place(where[1])] : undefined;
    const hole = open ? at[open] : undefined;
    const used = hole ? prompt.isUsed(start, hole[0]) || prompt.isUsed(hole[1], end) : prompt.isUsed(start, end);
    if (end === start || used) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out.push({ start, end, groups: { ...m.groups }, at, list: m.slice(1) });
  }
  re.lastIndex = 0;
  return out;
}
