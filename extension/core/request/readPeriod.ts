// The backtest period and starting cash of a request.
//
// Calendar dates are read with chrono-node (MIT, maintained): "2015-06-01", "1/3/2019", "March 5th, 2021",
// "3 March 2021", "Jan 2020", "Sept 2018 - Dec 2020". It runs with those of its English parsers that read
// a date with its year, chosen on first use by what each reads from a probe (tens of milliseconds, once);
// its time, weekday and relative-date parsers are left out, because they read "15:55", "every Monday" and
// "exit after 5 days" as dates, read "2015-06-01 through 2020-06-30" as the times 01:00 to 20:20, and cost
// most of its first-call time (their patterns compile for a hundred milliseconds and more). Only
// dates whose year the prompt states are kept ("EMA 9/21" is no date), and chrono sees only the text no
// earlier reader took. What chrono does not do is done here: bare years ("from 2018 to 2023", "in 2020"),
// the words that make a date a start or an end ("since", "until", "between ... and"), and periods
// relative to today ("over the last 5 years"), computed from `now`.
//
// Choices where a prompt is ambiguous:
// - A month or a year names all of it: "from March 2019" starts on the 1st, "to June 2021" ends on the 30th.
// - "since Jan 2020" sets the start only; the end is read only where stated ("until today" is `now`).
// - "last year" and "the past year" are the trailing twelve months, not the previous calendar year.
// - A relative period right after an indicator ("momentum over the past 12 months") is its lookback, not
//   the backtest, and is left to the signal reader.
// - Cash is an amount with a dollar sign or currency word of at least $1,000, or any amount of at least
//   100 said to be cash, capital or an account ("starting capital 1 million", "with 50k"); an amount
//   next to a stop, a target, a price, a volume or "per trade" ("$500 stop", "price above $5") is not.
import { Chrono, configuration } from 'chrono-node/en';
import type { ParsedResult, Parser } from 'chrono-node/en';
import type { Prompt } from './promptText';
import { DIGITS, NUMBER, SCALE, scaled, toNumber } from './numbers';
import type { Read, RequestProblem, Span } from './types';

type Day = [number, number, number];

/** A date the prompt names: its first and last day ("March 2019" is March 1st to 31st) and where it is. */
interface Mention {
  first: Day;
  last: Day;
  span: Span;
  /** The mention that ends the range this one starts, when chrono read them as one ("2015-06-01 to 2020-06-30"). */
  rangeEnd?: Mention;
}

type Period = { start?: Read<string>; end?: Read<string> };

// --- chrono --------------------------------------------------------------------------------------

/** One of each written form of a date with a year: the parsers that read any of them are the ones used. */
const PROBE = '2015-06-01, 3/1/2019, 2019/03/05, 5/2020, March 5th 2021, 5 March 2021, Jan 2020, 2021 March';
const PROBE_REFERENCE = new Date(Date.UTC(2020, 0, 1));

let dateParser: Chrono | undefined;

/** chrono with its English date parsers that read a stated year, and its refiners (ranges, overlaps). Built on first use. */
function chrono(): Chrono {
  if (dateParser) return dateParser;
  const casual = configuration.createCasualConfiguration();
  const readsYear = (parser: Parser) =>
    new Chrono({ parsers: [parser], refiners: [] }).parse(PROBE, PROBE_REFERENCE).some((r) => r.start.isCertain('year'));
  dateParser = new Chrono({ parsers: casual.parsers.filter(readsYear), refiners: casual.refiners });
  return dateParser;
}

const LEADING_WORDS = /^(?:(?:on|the|of|at)\s+)+/;

/** Text that may hold a date with a year: four digits, or a day/month/two-digit year. Most prompts have none. */
const MAY_HOLD_DATE = /\d{4}|\d{1,2}\/\d{1,2}\/\d{2}/;

function chronoMentions(prompt: Prompt, now: Date): Mention[] {
  // chrono reads the text no reader took, blanked in place so its offsets are the prompt's.
  const text = [...prompt.lower].map((c, i) => (prompt.isUsed(i, i + 1) ? ' ' : c)).join('');
  if (!MAY_HOLD_DATE.test(text)) return [];
  const out: Mention[] = [];
  for (const result of chrono().parse(text, now)) {
    const start = daysOf(result.start);
    if (!start) continue;
    // Some of chrono's parsers keep a leading "on" or "the" in a date's text ("on 30 June 2023").
    const lead = LEADING_WORDS.exec(result.text)?.[0].length ?? 0;
    const span = { start: result.index + lead, end: result.index + result.text.length };
    const end = result.end ? daysOf(result.end) : undefined;
    if (!end) {
      out.push({ ...start, span });
      continue;
    }
    const [left, right] = splitRange(result.text.slice(lead), span.start);
    const last: Mention = { ...end, span: right };
    out.push({ ...start, span: left, rangeEnd: last }, last);
  }
  return out;
}

/** The days a chrono date names, when its year is stated: one day, a whole month, or a whole year. */
function daysOf(c: ParsedResult['start']): { first: Day; last: Day } | undefined {
  if (!c.isCertain('year')) return undefined;
  const year = c.get('year')!;
  if (year < 1900 || year > 2100) return undefined;
  if (!c.isCertain('month')) return { first: [year, 1, 1], last: [year, 12, 31] };
  const month = c.get('month')!;
  if (!c.isCertain('day')) return { first: [year, month, 1], last: [year, month, lastDay(year, month)] };
  const day = c.get('day')!;
  return { first: [year, month, day], last: [year, month, day] };
}

/**
 * The two dates of a range chrono read as one ("March 2019 to June 2021"): split at its word ("to",
 * "through"), else at a dash with spaces around, else at the dash the second date starts after.
 */
function splitRange(text: string, index: number): [Span, Span] {
  const at =
    /\s+(?:to|through|thru|until|till)\s+/.exec(text) ?? /\s+-\s*|\s*-\s+/.exec(text) ?? /-(?=\s*(?:\d{4}\b|\d{1,2}\/|[a-z]))/.exec(text);
  if (!at)
    return [
      { start: index, end: index + text.length },
      { start: index, end: index + text.length },
    ];
  return [
    { start: index, end: index + at.index },
    { start: index + at.index + at[0].length, end: index + text.length },
  ];
}

// --- bare years ----------------------------------------------------------------------------------

/**
 * A year alone, 1970 to 2099: not an amount ("$2000", "2000 shares"), a count of bars or days, nor an
 * index's name ("Russell 2000"). A dash before it is allowed only after another year ("2018-2023").
 */
const YEAR =
  /(?<![\w$.,/:#])(?<!(?:^|\D)-)(19[7-9]\d|20\d\d)(?![\w%]|[.,]\d|[/:]\d|\s?(?:%|percent|shares?|dollars?|usd|bucks|stocks?|names|companies|bars?|days?|minutes?|hours?|periods?|candles?|points?|pips?)\b|-(?:day|bar|period|week|month)\b)/;
const INDEX_NAME = /(?:russell|s&p|sp|wilshire|ftse|nikkei|topix|msci|nasdaq|stoxx|dax|top|first|last|best|\$)\s*$/;

function yearMentions(prompt: Prompt, around: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of prompt.find(YEAR, { take: false })) {
    if (around.some((a) => m.index < a.span.end && m.end > a.span.start)) continue;
    if (INDEX_NAME.test(prompt.lower.slice(Math.max(0, m.index - 12), m.index))) continue;
    const year = Number(m.groups[0]);
    out.push({ first: [year, 1, 1], last: [year, 12, 31], span: { start: m.index, end: m.end } });
  }
  return out;
}

// --- which end a date is -------------------------------------------------------------------------

/** Between two dates of one range: "2018 to 2023", "2018-2023", "March 2019 and June 2021" (after "between"). */
const CONNECTOR = /^\s*(?:-|to|through|thru|until|till|up to|and)\s*$/;
const BETWEEN = /(?:between|from)\s+(?:the\s+(?:start|beginning)\s+of\s+)?$/;
/** Words before a date that make it the start, the end, or the whole period. */
const START_CUE =
  /(?:since|from|after|as of|(?:start|begin|beginning|starting)\s+(?:date|day|year|month)\s*(?:of|is|=|:|-)?|(?:starting|start(?:s|ing)?|beginning|begin(?:s)?)(?:\s+(?:it|this|the\s+(?:backtest|test|strategy|simulation)))?(?:\s+(?:in|on|from|at|of))?)\s+(?:the\s+(?:start|beginning)\s+of\s+)?$/;
const END_CUE =
  /(?:until|till|to|through|thru|before|up to|end(?:ing)?\s+(?:date|day|year|month)\s*(?:of|is|=|:|-)?|ending(?:\s+(?:in|on|at))?|end(?:s)?(?:\s+(?:it|this|the\s+(?:backtest|test|strategy|simulation)))?(?:\s+(?:in|on|at))?)\s+(?:the\s+end\s+of\s+)?$/;
/** Words that narrow the backtest to what follows, the whole of it: "restrict the backtest to 2022 and 2023". */
const LIMIT_CUE =
  /(?:restrict|limit|confine|narrow)\w*(?:\s+(?:it|this|the|backtest|test|period|data|run|simulation|history)){0,3}\s+to\s+$/;
/** After a date: it starts the period, which runs on ("2010 onward", "2015 and later"). */
const ONWARD = /^\s*(?:onwards?|forward|and\s+(?:onwards?|later|after|beyond)|or\s+later|on(?=\s*(?:[,.;!?)]|$))|\+(?![\d]))/;
const WHOLE_CUE =
  /(?:in|during|for|over|throughout|across|within|backtest(?:ed|ing)?(?:\s+(?:on|over|for|in|of))?|test(?:ed)?\s+(?:on|over|in))\s+(?:the\s+(?:year|month)\s+(?:of\s+)?|all\s+of\s+)?$/;
/** A range's end that is today: "2019 to present", "since Jan 2020 until today". */
const TO_NOW = /^\s*(?:-|to|through|thru|until|till|up to)\s*(?:the\s+)?(present(?:\s+day)?|today|now|date|current\s+day)\b/;

// --- relative periods ----------------------------------------------------------------------------

const RELATIVE = new RegExp(
  `(?:(?:over|in|for|during|across|covering|using)\\s+)?(?:the\\s+)?(?:last|past|previous|prior|trailing|recent|most\\s+recent)\\s+(?:(${NUMBER}|a|one)\\s?-?\\s?)?(years?|months?|weeks?|decades?)(?![a-z])(?:\\s+of\\s+(?:data|history))?`,
);
const YEARS_OF_DATA = new RegExp(
  `(?<![\\w.])(${NUMBER})[\\s-](years?|months?)(?:\\s+(?:of\\s+(?:data|history|backtest(?:ing)?)|backtest))(?![a-z])`,
);
const YEAR_TO_DATE = /(?<![a-z])(?:year[\s-]to[\s-]date|ytd)(?![a-z])/;
/** An indicator just before a relative period, whose lookback it is ("momentum over the past 12 months"). */
const LOOKBACK_BEFORE =
  /(?:skip(?:ping|s)?|exclud(?:e|ing)|ignor(?:e|ing)|drop(?:ping)?|omit(?:ting)?|leav(?:e|ing)\s+out|momentum|returns?|performance|lookback|look-back|ranked|volatility|vol|high|low|average|mean|gains?|change|roc)\s*$/;
const LOOKBACK_AFTER = /^\s*'?s?\s*(?:high|low|returns?|momentum|performance|volatility|average|range)/;

// --- cash ----------------------------------------------------------------------------------------

const AMOUNT = `(?:\\$\\s?)?(?:${DIGITS}|a|one|two|three|five|ten|fifty|hundred)(?:\\s?${SCALE})?(?![a-z\\d])(?:\\s?(?:usd|us\\s?dollars|dollars?|bucks))?`;
const AMOUNT_PARTS = new RegExp(
  `^(\\$)?\\s?(${DIGITS}|a|one|two|three|five|ten|fifty|hundred)\\s?(${SCALE})?(?:\\s?(usd|us\\s?dollars|dollars?|bucks))?$`,
);
const CASH_NOUN =
  '(?:(?:starting|initial|start|beginning|opening)\\s+)?(?:cash|capital|equity|balance|bankroll|budget|account(?:\\s+(?:size|balance|value))?|portfolio\\s+(?:size|value)|principal|investment)';
/** "starting capital 1 million", "cash of $100,000", "initial capital: $50,000". */
const NOUN_THEN_AMOUNT = new RegExp(`(?<![a-z])${CASH_NOUN}\\s*(?:of|is|=|:|at|to|with)?\\s*(?:a\\s+|an\\s+)?(?<amount>${AMOUNT})`, 'gd');
/** "a $100k account", "$50,000 starting capital", "10k in cash". */
const AMOUNT_THEN_NOUN = new RegExp(
  `(?<![\\w.])(?<amount>${AMOUNT})\\s+(?:in\\s+)?${CASH_NOUN}(?![a-z])(?!\\s+(?:index|indices|indexes|market|markets|settled|equities|equity|products?|bonds?|instruments?)(?![a-z]))`,
  'gd',
);
/** "with 50k", "starting with $10,000", "invest $25k": a verb, then an amount with a scale or currency. */
const VERB_THEN_AMOUNT = new RegExp(
  `(?<![a-z])(?:start(?:ing)?\\s+with|begin(?:ning)?\\s+with|with|invest(?:ing)?|deploy(?:ing)?|fund(?:ed)?\\s+with|using)\\s+(?:a\\s+|an\\s+)?(?<amount>${AMOUNT})`,
  'gd',
);
/** "$25k", "100,000 USD", "$1.5M": an amount with a dollar sign or currency word, anywhere. */
const BARE_AMOUNT = new RegExp(`(?<![\\w.])(?<amount>${AMOUNT})`, 'gd');
/** After an amount: what makes it something other than cash. */
const NOT_CASH_AFTER =
  /^\s*(?:-\s*)?(?:stop|loss|sl\b|trailing|trail|target|take|tp\b|profit|per|each|a\s+(?:trade|position|share)|risk|max|maximum|position|positions|market\s*cap|cap\b|in\s+(?:dollar\s+)?volume|(?:dollar\s+|daily\s+)?volume|adv\b|notional|price|share|limit|drawdown|dd\b|or\s+(?:more|less|higher|lower|above|below)|and\s+(?:above|below|up|higher))/;
/** Before an amount, in its clause: a price, a volume, a stop or a comparison. */
const NOT_CASH_BEFORE =
  /(?:price[ds]?|priced|volume|market\s*cap|cap|stop|stops|loss|risk|target|profit|trail\w*|above|below|over|under|at\s+least|more\s+than|less\s+than|min(?:imum)?|max(?:imum)?|[<>]=?|per\s+share|shares?\s+(?:at|of))\s*$/;

// --- reading -------------------------------------------------------------------------------------

export function readPeriodAndCash(
  prompt: Prompt,
  problems: RequestProblem[],
  now: Date = new Date(),
): { period: Period; cash?: Read<number> } {
  const period = readAbsolute(prompt, now);
  if (!period.start && !period.end) Object.assign(period, readRelative(prompt, now));
  if (period.start && period.end && period.start.value > period.end.value) {
    // The reader asks rather than picks: the period is left out, the problem names both dates.
    problems.push({
      kind: 'contradiction',
      field: 'period',
      message: `The period starts on ${period.start.value} ("${slice(prompt, period.start.span)}"), after it ends on ${period.end.value} ("${slice(prompt, period.end.span)}"); say which dates the backtest covers.`,
      span: { start: Math.min(period.start.span.start, period.end.span.start), end: Math.max(period.start.span.end, period.end.span.end) },
    });
    delete period.start;
    delete period.end;
  }
  const cash = readCash(prompt);
  return { period, ...(cash ? { cash } : {}) };
}

/** The first start and the first end the prompt states, from dates and the words around them. */
function readAbsolute(prompt: Prompt, now: Date): Period {
  const dated = chronoMentions(prompt, now);
  const mentions = [...dated, ...yearMentions(prompt, dated)].sort((a, b) => a.span.start - b.span.start);
  const period: Period = {};
  const taken: Span[] = [];
  let whole: { m: Mention; start: number } | undefined;
  const set = (which: 'start' | 'end', day: Day, span: Span) => {
    if (period[which]) return false;
    period[which] = { value: iso(day), span };
    return true;
  };
  for (let i = 0; i < mentions.length && !(period.start && period.end); i++) {
    const m = mentions[i]!;
    const before = prompt.before(m.span.start, 40);
    const lead = (cue: RegExp) => {
      const found = cue.exec(before);
      return found ? m.span.start - (before.length - found.index) : m.span.start;
    };
    const next = mentions[i + 1];
    const between = next ? prompt.lower.slice(m.span.end, next.span.start) : '';
    const limited = LIMIT_CUE.test(before);
    const joined =
      m.rangeEnd ?? (next && CONNECTOR.test(between) && (!/and/.test(between) || BETWEEN.test(before) || limited) ? next : undefined);
    if (joined) {
      const a = set('start', m.first, m.span);
      const b = set('end', joined.last, joined.span);
      const cue = BETWEEN.test(before) ? BETWEEN : limited ? LIMIT_CUE : START_CUE;
      if (a || b) taken.push({ start: lead(cue), end: joined.span.end });
      i = mentions.indexOf(joined);
      continue;
    }
    const toNow = TO_NOW.exec(prompt.lower.slice(m.span.end));
    const onward = ONWARD.exec(prompt.lower.slice(m.span.end));
    if (onward && !toNow) {
      if (set('start', m.first, m.span)) taken.push({ start: lead(START_CUE), end: m.span.end + onward[0].length });
    } else if (limited) {
      if (!period.start && !period.end) {
        set('start', m.first, m.span);
        set('end', m.last, m.span);
        taken.push({ start: lead(LIMIT_CUE), end: m.span.end });
      }
    } else if (toNow) {
      const nowStart = m.span.end + toNow[0].length - toNow[1]!.length;
      const a = set('start', m.first, m.span);
      const b = set('end', dayOf(now), { start: nowStart, end: m.span.end + toNow[0].length });
      if (a || b) taken.push({ start: lead(START_CUE), end: m.span.end + toNow[0].length });
    } else if (START_CUE.test(before)) {
      if (set('start', m.first, m.span)) taken.push({ start: lead(START_CUE), end: m.span.end });
    } else if (END_CUE.test(before)) {
      if (set('end', m.last, m.span)) taken.push({ start: lead(END_CUE), end: m.span.end });
    } else if (WHOLE_CUE.test(before) && !whole) {
      whole = { m, start: lead(WHOLE_CUE) };
    }
  }
  // A date that is the whole period ("in 2020") only where no start or end is stated elsewhere: "monthly felt
  // too slow in 2020 ... let's see 2007 to 2024" is 2007 to 2024.
  if (whole && !period.start && !period.end) {
    set('start', whole.m.first, whole.m.span);
    set('end', whole.m.last, whole.m.span);
    taken.push({ start: whole.start, end: whole.m.span.end });
  }
  for (const span of taken) prompt.take(span.start, span.end);
  return period;
}

/** "over the last 5 years", "the past 18 months", "10 years of data", "year to date": ending today. */
function readRelative(prompt: Prompt, now: Date): Period {
  for (const m of [...prompt.find(RELATIVE, { take: false }), ...prompt.find(YEARS_OF_DATA, { take: false })]) {
    if (LOOKBACK_BEFORE.test(prompt.before(m.index, 40)) || LOOKBACK_AFTER.test(prompt.lower.slice(m.end, m.end + 30))) continue;
    const count = m.groups[0] === undefined || /^an?$/.test(m.groups[0]) ? 1 : toNumber(m.groups[0]);
    if (count === undefined || count <= 0 || !Number.isInteger(count)) continue;
    const unit = m.groups[1]!;
    const months = unit.startsWith('decade') ? count * 120 : unit.startsWith('year') ? count * 12 : unit.startsWith('month') ? count : 0;
    const today = dayOf(now);
    const start = months > 0 ? monthsBefore(today, months) : daysBefore(today, count * 7);
    prompt.take(m.index, m.end);
    const span = { start: m.index, end: m.end };
    return { start: { value: iso(start), span }, end: { value: iso(today), span } };
  }
  const ytd = prompt.first(YEAR_TO_DATE);
  if (!ytd) return {};
  const today = dayOf(now);
  const span = { start: ytd.index, end: ytd.end };
  return { start: { value: iso([today[0], 1, 1]), span }, end: { value: iso(today), span } };
}

function readCash(prompt: Prompt): Read<number> | undefined {
  const forms: { re: RegExp; min: number; needsMoney: boolean; phrase: boolean }[] = [
    { re: NOUN_THEN_AMOUNT, min: 100, needsMoney: false, phrase: true },
    { re: AMOUNT_THEN_NOUN, min: 100, needsMoney: false, phrase: true },
    { re: VERB_THEN_AMOUNT, min: 100, needsMoney: true, phrase: false },
    { re: BARE_AMOUNT, min: 1000, needsMoney: true, phrase: false },
  ];
  for (const { re, min, needsMoney, phrase } of forms) {
    for (const m of prompt.lower.matchAll(re)) {
      const [start, end] = [m.index, m.index + m[0].length];
      const [amountStart, amountEnd] = m.indices!.groups!['amount']!;
      const parts = AMOUNT_PARTS.exec(prompt.lower.slice(amountStart, amountEnd));
      if (!parts || prompt.isUsed(start, end)) continue;
      const money = parts[1] !== undefined || parts[3] !== undefined || parts[4] !== undefined;
      if (needsMoney && !money) continue;
      const value = parts[2] === 'a' ? scaled('1', parts[3]) : scaled(parts[2]!, parts[3]);
      if (value === undefined || value < min) continue;
      if (NOT_CASH_AFTER.test(prompt.lower.slice(amountEnd, amountEnd + 30))) continue;
      if (!phrase && NOT_CASH_BEFORE.test(prompt.before(amountStart, 30).replace(/\s*(?:with|of|at|a|an)?\s*$/, ''))) continue;
      prompt.take(start, end);
      return { value, span: phrase ? { start, end } : { start: amountStart, end: amountEnd } };
    }
  }
  return undefined;
}

// --- days ----------------------------------------------------------------------------------------

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso([y, m, d]: Day): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `now` as the user's calendar day. */
function dayOf(now: Date): Day {
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()];
}

/** The same day `months` earlier, on the month's last day where it is shorter (March 31st → February 28th). */
function monthsBefore([y, m, d]: Day, months: number): Day {
  const index = y * 12 + (m - 1) - months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  return [year, month, Math.min(d, lastDay(year, month))];
}

function daysBefore([y, m, d]: Day, days: number): Day {
  const date = new Date(Date.UTC(y, m - 1, d - days));
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

function slice(prompt: Prompt, span: Span): string {
  return prompt.original.slice(span.start, span.end);
}
