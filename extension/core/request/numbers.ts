// Numbers as prompts write them, shared by the request's readers: plain and grouped digits, number
// words, amounts with a scale ("$25k", "1.5 million"), percents or basis points as fractions, times of
// day and lengths of time; and a matcher of phrases in the text no reader took, with their numbers' places.
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
  } else if (hour >= 1 && hour <= 7) hour += 12;
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
}

/**
 * Matches of `re` (global; with the `d` flag for `at`) in the prompt's lower-case text that touch no taken
 * span, except inside the named group `open` (a symbol the instrument reader took, which a phrase may
 * hold: "only when SPY is above its 200-day SMA"). A match that touches a taken span is tried again one
 * character on, so a shorter phrase inside it is still found. Nothing is taken.
 */
export function freeMatches(prompt: Prompt, re: RegExp, open?: string): PhraseMatch[] {
  if (!re.global) throw new Error(`freeMatches needs a global pattern: /${re.source}/`);
  const out: PhraseMatch[] = [];
  const text = prompt.lower;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [start, end] = [m.index, m.index + m[0].length];
    const at = (m.indices?.groups ?? {}) as Record<string, [number, number] | undefined>;
    const hole = open ? at[open] : undefined;
    const used = hole ? prompt.isUsed(start, hole[0]) || prompt.isUsed(hole[1], end) : prompt.isUsed(start, end);
    if (end === start || used) {
      re.lastIndex = start + 1;
      continue;
    }
    out.push({ start, end, groups: { ...m.groups }, at });
  }
  re.lastIndex = 0;
  return out;
}
