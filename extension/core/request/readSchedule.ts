// When a request trades or rebalances (see Schedule in types.ts). A frequency is a schedule where it says
// what happens then ("rebalance monthly", "monthly rotation", "trade every Monday") or cannot mean
// anything else ("each quarter", "at month end", "first trading day of each month"); "monthly returns",
// "weekly highs" and the bar size ("daily bars", taken by the bar reader) are not schedules. A time is
// read with its frequency ("daily at 10:00") or from the open or close ("30 minutes after the open" is
// 10:00, from the US session's 09:30 open and 16:00 close).
//
// Choices where a prompt is ambiguous:
// - A weekday alone ("buy on Monday") is a calendar rule, left to the signal reader; "every Monday",
//   "weekly on Fridays" and "rebalance on Mondays" are the schedule.
// - "N minutes after the open" after "no trades", "first", "wait" or "only" is a time-of-day filter, and
//   "N minutes before the close" after "close", "exit" or "flat" is the risk rule's flat-by time: both
//   are left to their readers.
// - The first frequency stated is the schedule; a second, different one is left unread for the user to see.
import type { Prompt } from './promptText';
import { CLOCK, DURATION, MARKET_CLOSE, MARKET_OPEN, clockOf, minutesOf, ruleWordOf, tolerantMatches, toClock } from './numbers';
import type { Read, Schedule, Span, Weekday } from './types';

const FREQ =
  '(?<freq>daily|every\\s+(?:trading\\s+)?day|each\\s+(?:trading\\s+)?day|once\\s+a\\s+day|weekly|every\\s+week|each\\s+week|once\\s+a\\s+week|monthly|every\\s+month|each\\s+month|once\\s+a\\s+month|quarterly|every\\s+quarter|each\\s+quarter|once\\s+a\\s+quarter|annually|yearly|every\\s+year|each\\s+year|once\\s+a\\s+year)(?![a-z])(?:\\s+basis)?';
const VERB =
  '(?:re-?balanc\\w*|rotat\\w*|re-?allocat\\w*|re-?weight\\w*|reconstitut\\w*|refresh\\w*|re-?rank\\w*|rank\\w*|review\\w*|reset\\w*|trades?|traded|trading|runs?|execut\\w*|check\\w*|evaluat\\w*|invest\\w*|buy|rebuy|screen\\w*|select\\w*|updat\\w*|recomput\\w*|recalculat\\w*)';
/** Verbs that make a weekday a schedule rather than a calendar rule ("rebalance on Mondays"). */
const REBALANCE_VERB = '(?:re-?balanc\\w*|rotat\\w*|re-?allocat\\w*|re-?weight\\w*|reconstitut\\w*|re-?rank\\w*|rank\\w*|review\\w*)';
const WEEKDAY = '(?<day>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri)(?:day)?s?(?![a-z])';
/** What a frequency describes when it is no schedule: "monthly returns", "weekly highs", "daily close". */
const NOT_SCHEDULE_NOUN =
  '(?!\\s+(?:momentum|returns?|highs?|lows?|close|closes|open|data|bars?|candles?|charts?|rsi|sma|ema|moving|average|volatility|vol|performance|volume|change|gains?|losses?|range|pivots?|vwap|trend|signals?|timeframe|resolution|atr|macd|options?|expir\\w*|contracts?|dividends?)(?![a-z]))';
const AT_TIME = `(?:\\s*,?\\s*(?:at|@)\\s+(?<time>${CLOCK}))?`;

/** "rebalance monthly", "rebalance the portfolio each quarter", "trade daily at 10:00". */
const VERB_FREQ = new RegExp(
  `(?<![a-z])${VERB}(?<fill>(?:\\s+(?!then\\b)[a-z]+){0,3}?)\\s+(?:on\\s+an?\\s+)?${FREQ}${NOT_SCHEDULE_NOUN}${AT_TIME}`,
  'gd',
);
/** "monthly rebalance", "weekly rotation", "quarterly rebalancing". */
const FREQ_VERB = new RegExp(`(?<![a-z])${FREQ}\\s+${VERB}${AT_TIME}`, 'g');
/** "every Monday", "each Friday at 10:00", "weekly on Fridays", "trade weekly on Mondays", "rebalance on Mondays". */
const ON_WEEKDAY = new RegExp(
  `(?<![a-z])(?:(?:${VERB}(?:\\s+[a-z]+){0,2}?\\s+)?(?:every|each)\\s+|(?:${VERB}\\s+)?weekly\\s+(?:on\\s+)?|${REBALANCE_VERB}(?:\\s+[a-z]+){0,2}?\\s+(?:every\\s+|each\\s+)?on\\s+)${WEEKDAY}${AT_TIME}`,
  'g',
);
/** "every Wednesday", "each Friday at 10:00": a weekday with "every", whatever comes before it. */
const EVERY_WEEKDAY = new RegExp(`(?<![a-z])(?:every|each)\\s+${WEEKDAY}${AT_TIME}`, 'g');
/**
 * "top 3 by momentum, monthly", "sell calls monthly.", "rolling quarterly": a frequency that ends its clause
 * says how often the clause's rule runs. Not "daily" or "weekly", which may as well be the bars.
 */
const CLAUSE_FREQ = new RegExp(`(?<![a-z0-9-])(?<freq>monthly|quarterly|annually|yearly|semi-?annually)(?=\\s*(?:[,;.!?)]|$))`, 'g');
/** "each quarter", "every month", "once a week", "every day": a frequency no other field uses. */
const EVERY = new RegExp(
  `(?<![a-z])(?<freq>(?:every|each|once\\s+a)\\s+(?:week|month|quarter|year)|(?:every|each)\\s+(?:trading\\s+)?day)(?![a-z])${AT_TIME}`,
  'g',
);
/** "at month end", "first trading day of each month", "end of every quarter", "month-start". */
const PART_OF = new RegExp(
  `(?<![a-z])(?:(?:at|on)\\s+(?:the\\s+)?)?(?:(?<first>first|last)\\s+(?:trading\\s+|business\\s+)?day\\s+of\\s+(?:each|every|the)\\s+(?<unit1>week|month|quarter|year)|(?<edge>start|beginning|end|close)\\s+of\\s+(?:each|every|the)\\s+(?<unit2>week|month|quarter|year)|(?<unit3>week|month|quarter|year)[\\s-](?<edge3>end|start))(?![a-z])${AT_TIME}`,
  'g',
);
/** "daily at 10:00" without a verb; "at 10:00 every day". */
const FREQ_AT = new RegExp(`(?<![a-z])${FREQ}\\s*,?\\s*(?:at|@)\\s+(?<time>${CLOCK})`, 'g');
const AT_FREQ = new RegExp(
  `(?<![a-z])(?:at|@)\\s+(?<time>${CLOCK})\\s+(?:(?<freq>daily|every\\s+(?:trading\\s+)?day|each\\s+(?:trading\\s+)?day))(?![a-z])`,
  'g',
);
/** "rebalance at 10:00", "trade at 3:50pm". */
const VERB_AT = new RegExp(`(?<![a-z])${VERB}(?:\\s+[a-z]+){0,2}?\\s+(?:at|@)\\s+(?<time>${CLOCK})`, 'g');
/** "30 minutes after the open", "10 minutes before the close". */
const FROM_BELL = new RegExp(
  `(?<dur>${DURATION})\\s+(?<side>after|before)\\s+(?:the\\s+)?(?:market\\s+|session\\s+)?(?<bell>open(?:ing)?|close|closing)(?:\\s+bell)?(?![a-z])`,
  'g',
);
/** Before "N minutes after the open": a filter's window ("no trades in the first 30 minutes after the open"). */
const FILTER_BEFORE = /(?:first|no|not|don't|do not|avoid|skip|wait|until|only|ignore|exclude)\b[^,;.]*$/;
/** Before "N minutes before the close": the flat-by rule ("close all positions 5 minutes before the close"). */
const FLAT_BEFORE = /(?:close|exit|flat|flatten|liquidat\w*|sell\s+(?:all|everything)|square|out|no|last|avoid|don't|stop)\b[^,;.]*$/;

/** Before a frequency or a part of one: the days of a calendar effect ("the first five trading days of each month", "the end of May each year"). */
const CALENDAR_BEFORE =
  /(?:days?\s+of|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec))\s*$/;
/** Before a part of a period: a window around it, a calendar effect rather than a schedule ("weak around month-end", "from the last day of the month"). */
const WINDOW_BEFORE =
  /(?:around|near|into|ahead\s+of|before|after|through|thru|during|across|over|from|between|until|till|to)\s+(?:the\s+)?$/;
const WINDOW_AFTER = /^\s*(?:through|thru|to|until|till|and\s+the)\b/;
/** Before a part of a period: a futures roll, the contract's mapping rather than a schedule ("roll on the first day of the month"). */
const ROLL_BEFORE = /roll\w*(?:\s+(?:the\s+)?(?:contracts?|futures?|positions?))?\s*$/;
/** Before "every day": the flat-by time it repeats ("flat by 15:45 every day"), the risk reader's. */
const FLAT_TIME_BEFORE = new RegExp(`(?:flat|close|exit|liquidat\\w*|out)\\b[^,;.]*?(?:by|at|before|@)\\s+${CLOCK}\\s*$`);

/** A word right before a schedule piece, with the space after it. */
const VERB_BEFORE = /(?<![a-z])([a-z]+)(?:\s+(?:the\s+)?(?:portfolio|positions?|holdings|weights|it|them|everything|all))?\s+$/;
const REBALANCE_WORD = new RegExp(`^${REBALANCE_VERB}$`);

/** A verb of rebalancing, or one misspelt ("rebalence", "rebal"). */
function isRebalanceVerb(word: string): boolean {
  return REBALANCE_WORD.test(word) || REBALANCE_WORD.test(ruleWordOf(word) ?? '');
}

interface Piece {
  span: Span;
  every?: Schedule['every'];
  weekday?: Weekday;
  at?: 'start' | 'end';
  time?: string;
}

function everyOf(word: string | undefined): Schedule['every'] | undefined {
  if (!word) return undefined;
  if (/day|daily/.test(word)) return 'day';
  if (/week/.test(word)) return 'week';
  if (/month/.test(word)) return 'month';
  if (/quarter/.test(word)) return 'quarter';
  if (/year|annual/.test(word)) return 'year';
  return undefined;
}

const WEEKDAYS: Readonly<Record<string, Weekday>> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday' };

function pieces(prompt: Prompt): Piece[] {
  const out: Piece[] = [];
  const add = (
    re: RegExp,
    read: (g: Record<string, string | undefined>, index: number, end: number) => Omit<Piece, 'span'> | undefined,
  ) => {
    for (const m of tolerantMatches(prompt, re, 'fill')) {
      // "the first five trading days of each month": the days of a calendar effect, the signal's.
      const freq = m.at['freq']?.[0] ?? m.start;
      if (m.groups['freq'] && CALENDAR_BEFORE.test(prompt.lower.slice(Math.max(0, freq - 40), freq))) continue;
      const piece = read(m.groups, m.start, m.end);
      if (piece) out.push({ span: { start: m.start, end: m.end }, ...piece });
    }
  };
  const time = (g: Record<string, string | undefined>) => {
    const t = g['time'] ? toClock(g['time']) : undefined;
    return t ? { time: t } : {};
  };
  add(VERB_FREQ, (g) => ({ every: everyOf(g['freq'])!, ...time(g) }));
  add(FREQ_VERB, (g) => ({ every: everyOf(g['freq'])!, ...time(g) }));
  add(FREQ_AT, (g) => ({ every: everyOf(g['freq'])!, ...time(g) }));
  add(AT_FREQ, (g) => ({ every: 'day', ...time(g) }));
  add(ON_WEEKDAY, (g) => ({ every: 'week', weekday: WEEKDAYS[g['day']!.slice(0, 3)]!, ...time(g) }));
  add(EVERY_WEEKDAY, (g) => ({ every: 'week', weekday: WEEKDAYS[g['day']!.slice(0, 3)]!, ...time(g) }));
  add(CLAUSE_FREQ, (g) => ({ every: everyOf(g['freq'])! }));
  add(EVERY, (g, index) => {
    if (FLAT_TIME_BEFORE.test(prompt.before(index, 40))) return undefined;
    return { every: everyOf(g['freq'])!, ...time(g) };
  });
  add(PART_OF, (g, index, end) => {
    const before = prompt.lower.slice(Math.max(0, index - 40), index);
    if (WINDOW_BEFORE.test(before) || ROLL_BEFORE.test(before) || WINDOW_AFTER.test(prompt.lower.slice(end, end + 12))) return undefined;
    const unit = g['unit1'] ?? g['unit2'] ?? g['unit3'];
    const edge = g['first'] ?? g['edge'] ?? g['edge3'];
    return { every: everyOf(unit)!, at: edge === 'first' || edge === 'start' || edge === 'beginning' ? 'start' : 'end', ...time(g) };
  });
  add(VERB_AT, (g) => time(g));
  add(FROM_BELL, (g, index) => {
    const minutes = minutesOf(g['dur']!);
    if (minutes === undefined) return undefined;
    const before = prompt.before(index, 60);
    if (g['side'] === 'after' && g['bell']!.startsWith('open')) {
      return FILTER_BEFORE.test(before) ? undefined : { time: clockOf(MARKET_OPEN + minutes) };
    }
    if (g['side'] === 'before' && g['bell']!.startsWith('clos')) {
      return FLAT_BEFORE.test(before) ? undefined : { time: clockOf(MARKET_CLOSE - minutes) };
    }
    return undefined;
  });
  return out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

export function readSchedule(prompt: Prompt): Read<Schedule> | undefined {
  const found = pieces(prompt);
  let schedule: Partial<Schedule> = {};
  let span: Span | undefined;
  const used: Span[] = [];
  for (const piece of found) {
    if (used.some((u) => piece.span.start < u.end && piece.span.end > u.start)) continue;
    // A piece that disagrees with what is read (a second frequency, another weekday) is left unread.
    if (piece.every && schedule.every && piece.every !== schedule.every) continue;
    if ((piece.weekday && schedule.weekday) || (piece.at && schedule.at) || (piece.time && schedule.time)) continue;
    schedule = {
      ...schedule,
      ...(piece.every ? { every: piece.every } : {}),
      ...(piece.weekday ? { weekday: piece.weekday } : {}),
      ...(piece.at ? { at: piece.at } : {}),
      ...(piece.time ? { time: piece.time } : {}),
    };
    used.push(piece.span);
    span = span ? { start: Math.min(span.start, piece.span.start), end: Math.max(span.end, piece.span.end) } : piece.span;
  }
  if (!span) return undefined;
  // The verb right before a piece read without it says what is done then: "rebalanced on the first
  // trading day of each quarter", "and rebalance at the end of every month". It belongs to the schedule.
  for (const u of used) {
    const verb = VERB_BEFORE.exec(prompt.lower.slice(Math.max(0, u.start - 30), u.start));
    if (!verb || !isRebalanceVerb(verb[1]!) || prompt.isUsed(u.start - verb[0].length, u.start)) continue;
    u.start -= verb[0].length;
    span = { start: Math.min(span.start, u.start), end: span.end };
  }
  for (const u of used) prompt.take(u.start, u.end);
  // A time or a weekday alone says how often too: every day at that time, every week on that day.
  const every = schedule.every ?? (schedule.weekday ? 'week' : 'day');
  return { value: { ...schedule, every }, span };
}
