// The window of a calendar rule (see CalendarRule in types.ts), read once a calendar rule is named: the
// trading days of the month, the weekdays or the months that hold the position, and whether it opens and
// closes at the session's open or close. Only what the prompt states is read; the composer names its
// defaults. A rule this reader has no window for (a pre-holiday or pre-FOMC drift, the January
// barometer) keeps no details, and the composer declines it.
//
// Choices where a prompt is ambiguous:
// - "N trading days before month end" counts back from the month's last trading day, as LEAN's
//   `month_end(symbol, N)` does: "2 trading days before month end" is the third-to-last day (-3).
// - A day named after "from", "in the market from" or "during" opens the position at that session's open;
//   one after "through", "until" or "to" closes it at that session's close. After "buy" or "sell" the
//   session's time is read only where it is written ("at the close").
// - A window of days ("the first five trading days of each month") is held from the open of its first
//   day to the close of its last; "on Mondays only" is held from Monday's open to its close.
// - Months stated as out of the market ("cash May to October", "sit in SHY from May to October") hold
//   the other months; two statements that disagree read no months.
// - Named conventions supply the window where the prompt states none: the Santa Claus rally is the last 5
//   trading days of December and the first 2 of January, "sell in May" and the Halloween indicator hold
//   November through April, the January effect holds January.
import { toNumber } from './numbers';
import type { Prompt } from './promptText';
import type { CalendarEffect, CalendarRule, Read, Signal, Span, Weekday } from './types';

const WEEKDAYS: Readonly<Record<string, Weekday>> = {
  mon: 'monday',
  tues: 'tuesday',
  wednes: 'wednesday',
  thurs: 'thursday',
  fri: 'friday',
};
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
const MONTH = `(?:${MONTH_NAMES.join('|')})`;
/** A count of trading days, in digits or words (read with numbers.ts's toNumber). */
const COUNT = '(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)';
const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const ORDINAL = `(?:\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINALS).join('|')})`;
const TRADING = '(?:(?:trading|business)\\s)?';
const OF_MONTH = '(?:of|in)\\s(?:the|each|every|a)\\s(?:calendar\\s)?month';
/** A session's time written on a day: "at the close", "open", "in the evening". */
const SESSION = 'open(?:ing)?|clos(?:e|ing)|morning|evening|night|afternoon';

const countOf = (text: string): number => toNumber(text) ?? Number.NaN;
const ordinalOf = (text: string): number => ORDINALS[text] ?? parseInt(text, 10);
const sessionOf = (text: string | undefined): 'open' | 'close' | undefined =>
  text === undefined ? undefined : /^(?:open|morning)/.test(text) ? 'open' : 'close';

/** A day the position opens or closes on, as read: its value, its span, the session's time when written, and the words before it. */
interface Mention<T> {
  value: T;
  span: Span;
  at?: 'open' | 'close';
  role?: 'entry' | 'exit';
  /** Held that day only ("on Mondays only"): the day opens and closes the position. */
  only?: boolean;
  /** The words that gave the role ("buy", "through"), taken with the day. */
  cue?: Span;
}

/** The words that say a day opens the position, and those that say it closes it; the last one before the day decides. */
const ENTRY_CUE =
  /\b(?:(?:buy|buys|buying|bought|long|enter|enters|entering|get\s(?:in|into)|go\slong|own(?:\sit)?|owns|owning|hold|holds|holding|invested|short|shorts|shorting)(?:\s(?:only|at|on))*|(?:(?:be\s)?in\sthe\smarket\s)?(?:from|during)(?:\s(?:the|at))?)\b/g;
const EXIT_CUE =
  /\b(?:(?:sell|sells|selling|sold|exit|exits|exiting|get\sout|flat|cover|covers|liquidate)(?:\s(?:at|on))*|to|until|till|through|thru)\b/g;
/** Cues that make a day a window's edge: its open when it starts one, its close when it ends one. */
const WINDOW_START = /\b(?:from|during|in\sthe\smarket)\b/;
const WINDOW_END = /\b(?:to|until|till|through|thru)\b/;

/** The role the words before a day give it, whether a window's edge is meant, and the cue's span: from the last cue in `before`, which starts at `at`. */
function cueOf(before: string, at: number): { role?: 'entry' | 'exit'; edge: boolean; span?: Span } {
  const last = (re: RegExp) => {
    let found: { index: number; text: string } | undefined;
    for (const m of before.matchAll(re)) found = { index: m.index, text: m[0] };
    return found;
  };
  const entry = last(ENTRY_CUE);
  const exit = last(EXIT_CUE);
  const cue = entry && (!exit || entry.index > exit.index) ? entry : exit;
  if (!cue) return { edge: false };
  const span = { start: at + runStart(before, cue.index), end: at + cue.index + cue.text.length };
  if (cue === entry) return { role: 'entry', edge: WINDOW_START.test(cue.text), span };
  return { role: 'exit', edge: WINDOW_END.test(cue.text), span };
}

/** Where the run of cue words ending with the one at `index` starts ("own it only from the" is one run). */
function runStart(text: string, index: number): number {
  const cues = [...text.matchAll(ENTRY_CUE), ...text.matchAll(EXIT_CUE)].sort((a, b) => b.index - a.index);
  let start = index;
  for (const m of cues) if (m.index < start && /^\s*$/.test(text.slice(m.index + m[0].length, start))) start = m.index;
  return start;
}

/** The clause before `start` back to the previous mention's end, a sentence break, or 40 characters, and where it starts. */
function clauseBefore(prompt: Prompt, from: number, start: number): { text: string; at: number } {
  const at = Math.max(from, start - 40, 0);
  const text = prompt.lower.slice(at, start);
  const cut = Math.max(text.lastIndexOf('. '), text.lastIndexOf(';'), text.lastIndexOf('!'), text.lastIndexOf('?'));
  return cut >= 0 ? { text: text.slice(cut + 1), at: at + cut + 1 } : { text, at };
}

/** Each mention's role from the words before it; a mention without a cue opens the position when none has yet. */
function withRoles<T>(prompt: Prompt, mentions: Mention<T>[]): Mention<T>[] {
  let from = 0;
  let entered = false;
  for (const m of mentions) {
    if (!m.role) {
      const clause = clauseBefore(prompt, from, m.span.start);
      const cue = cueOf(clause.text, clause.at);
      m.role = cue.role ?? (entered ? 'exit' : 'entry');
      if (!m.at && cue.edge) m.at = m.role === 'entry' ? 'open' : 'close';
      if (cue.span) m.cue = cue.span;
    }
    if (m.role === 'entry') entered = true;
    from = m.span.end;
  }
  return mentions;
}

function matches(prompt: Prompt, source: string): { m: RegExpExecArray; span: Span }[] {
  const re = new RegExp(source, 'g');
  return [...prompt.lower.matchAll(re)].map((m) => ({ m, span: { start: m.index, end: m.index + m[0].length } }));
}

const read = <T>(value: T, span: Span): Read<T> => ({ value, span });

// --- days of the week --------------------------------------------------------------------------------

const DAY = '(?:mon|tues|wednes|thurs|fri)';
const WEEKDAY_MENTION = [
  `(?:the\\s)?(?<d1>${DAY})day(?:'s|s)?\\s(?<a1>${SESSION})(?:\\sprice)?`,
  `(?:the\\s)?(?<a2>open(?:ing)?|clos(?:e|ing))\\s(?:on|of)\\s(?:the\\s)?(?<d2>${DAY})days?`,
  `(?<d3>${DAY})days?(?:\\s(?:at\\s|on\\s|in\\s)?(?:the\\s)?(?<a3>${SESSION}))?`,
]
  .map((s) => `(?:${s})`)
  .join('|');
/** Before a weekday: the schedule's "every Monday", "weekly on Fridays", "rebalance on Mondays". */
const SCHEDULED_BEFORE = /(?:every|each|weekly(?:\s+on)?|(?:re-?balanc|rotat|re-?allocat|re-?weight)\w*(?:\s+[a-z]+){0,2}?\s+on)\s+$/;

function weekdays(prompt: Prompt): Mention<Weekday>[] {
  const out: Mention<Weekday>[] = [];
  for (const { m, span } of matches(prompt, `(?<![a-z])(?:${WEEKDAY_MENTION})(?![a-z])`)) {
    if (SCHEDULED_BEFORE.test(prompt.lower.slice(Math.max(0, span.start - 40), span.start))) continue;
    const g = m.groups!;
    const day = WEEKDAYS[(g['d1'] ?? g['d2'] ?? g['d3'])!]!;
    const at = sessionOf(g['a1'] ?? g['a2'] ?? g['a3']);
    const before = prompt.lower.slice(Math.max(0, span.start - 12), span.start);
    const after = prompt.lower.slice(span.end, span.end + 6);
    const only = /^\s?only\b/.test(after) || /\bonly\s(?:on\s)?$/.test(before);
    out.push({ value: day, span, ...(at ? { at } : {}), ...(only ? { only } : {}) });
  }
  return withRoles(prompt, out);
}

// --- trading days of the month -----------------------------------------------------------------------

/** A day of the month, with a session's time written before or after it. */
const MONTH_DAY = [
  `(?:the\\s)?(?:very\\s)?last\\s${TRADING}day\\s${OF_MONTH}`,
  `(?:the\\s)?month'?s\\s(?:very\\s)?last\\s${TRADING}day`,
  `(?:the\\s)?(?:(?:second|2nd)[\\s-]to[\\s-]last|penultimate)\\s${TRADING}day(?:\\s${OF_MONTH})?`,
  `(?<before>${COUNT})\\s${TRADING}days?\\sbefore\\s(?:the\\s)?(?:month[\\s-]end|end\\sof\\s(?:the|each|every)\\smonth|last\\s${TRADING}day\\s${OF_MONTH})`,
  `(?:the\\s)?(?<ord>${ORDINAL})\\s${TRADING}day\\s(?:of|in)\\s(?:the\\s)?(?:(?:new|next|following)\\s)?(?:(?:each|every)\\s)?month`,
  `(?:the\\s)?(?<ord2>${ORDINAL})\\s${TRADING}day\\sof\\sthe\\s(?:new|next|following)(?:\\sone)?`,
]
  .map((s) => `(?:${s})`)
  .join('|');
const AT_PREFIX = `(?:at\\s(?:the\\s)?(?<ap>open|close)\\s(?:on\\s)?)?`;
const AT_SUFFIX = `(?:,?\\sat\\s(?:the\\s)?(?<as>open|close)(?![a-z]))?`;
/** Before a day of the month: a rebalancing day, the schedule's. */
const REBALANCED_BEFORE = /(?:re-?balanc|rotat|re-?allocat|re-?weight)\w*\s(?:on\s|at\s)?$/;

function monthDays(prompt: Prompt): Mention<number>[] {
  const out: Mention<number>[] = [];
  for (const { m, span } of matches(prompt, `(?<![a-z])${AT_PREFIX}(?:${MONTH_DAY})${AT_SUFFIX}`)) {
    if (REBALANCED_BEFORE.test(prompt.lower.slice(Math.max(0, span.start - 30), span.start))) continue;
    const g = m.groups!;
    const text = m[0];
    const value =
      g['before'] !== undefined
        ? -(countOf(g['before']) + 1)
        : g['ord'] !== undefined || g['ord2'] !== undefined
          ? ordinalOf((g['ord'] ?? g['ord2'])!)
          : /second|2nd|penultimate/.test(text)
            ? -2
            : -1;
    const at = sessionOf(g['ap'] ?? g['as']);
    out.push({ value, span, ...(at ? { at } : {}) });
  }
  return withRoles(prompt, out);
}

/** A window of days named whole: "the first five trading days of each month", "the last 5 trading days of December and the first 2 of January". */
const DAY_WINDOW = `(?<![a-z])(?:the\\s)?(?<fl>first|last|final)\\s(?<n>${COUNT})\\s${TRADING}(?:days|sessions)\\s(?:of|in)\\s(?:(?:each|every|the|a)\\s(?:calendar\\s)?month|(?<m>${MONTH}))(?:\\s(?:and|through|to|into)\\s(?:the\\s)?(?<fl2>first|last)\\s(?<n2>${COUNT})(?:\\s${TRADING}(?:days|sessions))?\\s(?:of|in)\\s(?<m2>${MONTH}))?(?![a-z])`;

interface DayWindow {
  entry: number;
  exit: number;
  month?: number;
  span: Span;
}

function dayWindow(prompt: Prompt): DayWindow | undefined {
  const found = matches(prompt, DAY_WINDOW)[0];
  if (!found) return undefined;
  const g = found.m.groups!;
  const n = countOf(g['n']!);
  const first = g['fl'] === 'first';
  const month = g['m'] ? MONTH_NAMES.indexOf(g['m'] as (typeof MONTH_NAMES)[number]) + 1 : undefined;
  if (g['m2'] && month !== undefined) {
    // "the last 5 trading days of December and the first 2 of January": across the turn of the year or month.
    const next = MONTH_NAMES.indexOf(g['m2'] as (typeof MONTH_NAMES)[number]) + 1;
    if (first || g['fl2'] !== 'first' || next !== (month % 12) + 1) return undefined;
    return { entry: -n, exit: countOf(g['n2']!), month, span: found.span };
  }
  return { entry: first ? 1 : -n, exit: first ? n : -1, ...(month !== undefined ? { month } : {}), span: found.span };
}

// --- months of the year ------------------------------------------------------------------------------

const MONTH_RANGE = `(?<![a-z0-9])(?<!(?:mid|of)[\\s-])(?:from\\s)?(?:(?:the\\s)?(?:start|beginning)\\sof\\s)?(?<m1>${MONTH})\\s?(?:through|thru|to|until|till|-)\\s?(?:(?:the\\s)?end\\sof\\s)?(?<m2>${MONTH})(?![a-z]|\\s?\\d)`;
const ONE_MONTH = `(?<![a-z])(?:(?:in|during)\\s(?<m1>${MONTH})\\sonly|only\\s(?:in|during)\\s(?<m2>${MONTH}))(?![a-z])`;
const OUT_CUE =
  /\b(?:(?:in\s)?cash|flat|(?:be\s)?out(?:\sof\s(?:the\s)?market)?|sell|sold|away|sits?\sin|(?:on\s)?(?:the\s)?sidelines|avoid|avoids)\b/g;
const HELD_CUE = /\b(?:hold|holds|holding|own|owns|long|buy|be\sin|(?:be\s)?in\sthe\smarket|invested|stay\sin)\b/g;

interface MonthRange {
  from: number;
  to: number;
  span: Span;
  /** Every range read and the words saying whether it is held, taken with the months. */
  taken: Span[];
}

/** The last match of `re` in `text`, which starts at `at`, as a span of the prompt. */
function lastSpan(re: RegExp, text: string, at: number): Span | undefined {
  const found = [...text.matchAll(re)].at(-1);
  return found ? { start: at + found.index, end: at + found.index + found[0].length } : undefined;
}

/** The months held, from every range the prompt states; undefined where none is stated or two disagree. */
function monthRange(prompt: Prompt): MonthRange | undefined {
  const ranges: Omit<MonthRange, 'taken'>[] = [];
  const taken: Span[] = [];
  const monthOf = (name: string) => MONTH_NAMES.indexOf(name as (typeof MONTH_NAMES)[number]) + 1;
  for (const { m, span } of matches(prompt, MONTH_RANGE)) {
    const [from, to] = [monthOf(m.groups!['m1']!), monthOf(m.groups!['m2']!)];
    const clause = clauseBefore(prompt, 0, span.start);
    const cut = Math.max(clause.text.lastIndexOf(','), clause.text.lastIndexOf(':'));
    const before = { text: clause.text.slice(cut + 1), at: clause.at + cut + 1 };
    const after = prompt.lower.slice(span.end, span.end + 30).split(/[,.;:]/)[0]!;
    const outBefore = lastSpan(OUT_CUE, before.text, before.at);
    const heldBefore = lastSpan(HELD_CUE, before.text, before.at);
    const outAfter = heldBefore ? undefined : lastSpan(OUT_CUE, after, span.end);
    const out = outBefore ?? outAfter;
    taken.push(span, ...[out ?? heldBefore].filter((c): c is Span => c !== undefined));
    ranges.push(out ? { from: (to % 12) + 1, to: ((from + 10) % 12) + 1, span } : { from, to, span });
  }
  for (const { m, span } of matches(prompt, ONE_MONTH)) {
    const month = monthOf((m.groups!['m1'] ?? m.groups!['m2'])!);
    ranges.push({ from: month, to: month, span });
    taken.push(span);
  }
  const first = ranges[0];
  if (!first || ranges.some((r) => r.from !== first.from || r.to !== first.to)) return undefined;
  return { ...first, taken };
}

// --- the rule --------------------------------------------------------------------------------------

/** The window a named convention implies. */
type Convention = Partial<
  Record<'entryDay' | 'exitDay' | 'month' | 'fromMonth' | 'toMonth', number> & Record<'entryAt' | 'exitAt', 'open' | 'close'>
>;

/** The effect a calendar rule's name says, and the window its convention implies. */
function namedEffect(name: string): { effect: CalendarEffect; convention?: Convention } | undefined {
  if (/santa/.test(name))
    return { effect: 'turn-of-month', convention: { entryDay: -5, exitDay: 2, month: 12, entryAt: 'open', exitAt: 'close' } };
  if (/turn[\s-]of|month[\s-]end|(?:first|last|final)\s/.test(name)) return { effect: 'turn-of-month' };
  if (/sell\sin\smay|halloween/.test(name)) return { effect: 'month-of-year', convention: { fromMonth: 11, toMonth: 4 } };
  if (/january\seffect/.test(name)) return { effect: 'month-of-year', convention: { fromMonth: 1, toMonth: 1 } };
  if (
    /seasonal|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s?(?:through|thru|to|until|till|-)/.test(
      name,
    )
  )
    return { effect: 'month-of-year' };
  if (/day[\s-]of[\s-](?:the[\s-])?week|weekend|(?:mon|tues|wednes|thurs|fri)day/.test(name)) return { effect: 'day-of-week' };
  return undefined;
}

/** The calendar rule's window read into `signal.calendar`; the signal as it was where the rule has no window this reader knows. */
export function withCalendarDetails(prompt: Prompt, signal: Signal): Signal {
  const named = namedEffect(prompt.lower.slice(signal.span.start, signal.span.end));
  if (!named) return signal;
  const rule: CalendarRule = { effect: read(named.effect, signal.span) };
  const taken: Span[] = [];
  const set = <K extends keyof CalendarRule>(key: K, value: CalendarRule[K]) => {
    if (value && rule[key] === undefined) rule[key] = value;
  };
  if (named.effect === 'turn-of-month') {
    const window = dayWindow(prompt);
    if (window) {
      set('entryDay', read(window.entry, window.span));
      set('exitDay', read(window.exit, window.span));
      if (window.month !== undefined) set('month', read(window.month, window.span));
      set('entryAt', read('open', window.span));
      set('exitAt', read('close', window.span));
      const clause = clauseBefore(prompt, 0, window.span.start);
      const cue = cueOf(clause.text, clause.at);
      taken.push(window.span, ...(cue.span ? [cue.span] : []));
    } else {
      for (const m of monthDays(prompt)) {
        const [day, at] = m.role === 'entry' ? (['entryDay', 'entryAt'] as const) : (['exitDay', 'exitAt'] as const);
        if (rule[day]) continue;
        set(day, read(m.value, m.span));
        if (m.at) set(at, read(m.at, m.span));
        taken.push(m.span, ...(m.cue ? [m.cue] : []));
      }
    }
  } else if (named.effect === 'day-of-week') {
    for (const m of weekdays(prompt)) {
      if (m.only) {
        if (rule.entryWeekday || rule.exitWeekday) continue;
        set('entryWeekday', read(m.value, m.span));
        set('exitWeekday', read(m.value, m.span));
      } else {
        const [day, at] = m.role === 'entry' ? (['entryWeekday', 'entryAt'] as const) : (['exitWeekday', 'exitAt'] as const);
        if (rule[day]) continue;
        set(day, read(m.value, m.span));
        if (m.at) set(at, read(m.at, m.span));
      }
      taken.push(m.span, ...(m.cue ? [m.cue] : []));
    }
  } else {
    const range = monthRange(prompt);
    if (range) {
      set('fromMonth', read(range.from, range.span));
      set('toMonth', read(range.to, range.span));
      taken.push(...range.taken);
    }
  }
  const convention = named.convention ?? {};
  // A convention's window only where the prompt states none of it.
  const stated = ['entryDay', 'exitDay', 'fromMonth', 'toMonth'].some((key) => rule[key as keyof CalendarRule] !== undefined);
  if (!stated) {
    for (const key of ['entryDay', 'exitDay', 'month', 'fromMonth', 'toMonth'] as const) {
      const value = convention[key];
      if (value !== undefined) set(key, read(value, signal.span));
    }
    for (const key of ['entryAt', 'exitAt'] as const) {
      const value = convention[key];
      if (value !== undefined) set(key, read(value, signal.span));
    }
  }
  for (const span of taken) prompt.take(span.start, span.end);
  return { ...signal, calendar: rule };
}
