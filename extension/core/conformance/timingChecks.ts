// When the code trades: its bar size (a native Resolution or a consolidator) and its schedule (date rules
// or a calendar check in the code), and whether a time of day the prompt names is written.
import type { BarSize, Schedule, StrategyRequest } from '../request/types';
import { callsNamed, numbersIn, numberValue, rangeOf, reachable, writesNumber, type CallFact, type CodeFacts } from './codeFacts';
import { mismatch, type RequestMismatch } from './mismatch';
import { descendants, type PyNode } from './pythonTree';

const UNIT_SECONDS: Readonly<Record<BarSize['unit'], number>> = { second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800 };

/** LEAN's Resolution member for a one-unit bar. */
const RESOLUTION: Readonly<Partial<Record<BarSize['unit'], string>>> = {
  second: 'resolution.second',
  minute: 'resolution.minute',
  hour: 'resolution.hour',
  day: 'resolution.daily',
};

/** The keyword arguments of timedelta in positional order, in seconds. */
const TIMEDELTA_UNITS: readonly [string, number][] = [
  ['days', 86_400],
  ['seconds', 1],
  ['microseconds', 1e-6],
  ['milliseconds', 1e-3],
  ['minutes', 60],
  ['hours', 3600],
  ['weeks', 604_800],
];

/** TimeSpan's factories (`TimeSpan.from_hours(4)`), in seconds per unit. */
const TIMESPAN_FACTORIES: Readonly<Record<string, number>> = { from_seconds: 1, from_minutes: 60, from_hours: 3600, from_days: 86_400 };

export function checkBar(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const read = request.bar;
  if (!read) return [];
  const { size, unit } = read.value;
  const seconds = size * UNIT_SECONDS[unit];
  const words = barWords(read.value);
  const native = size === 1 ? RESOLUTION[unit] : undefined;
  if (native) {
    if (facts.dottedNames.has(native) || writesDuration(facts, [seconds])) return [];
    // LEAN's default resolution is the minute.
    if (unit === 'minute' && ![...facts.dottedNames].some((n) => n.startsWith('resolution.'))) return [];
    return [
      mismatch(
        'bar',
        request,
        read.span,
        words,
        `the code neither subscribes nor consolidates ${unit === 'day' ? 'daily' : unit} data (Resolution.${native.split('.')[1]!.toUpperCase()}).`,
        firstAddRange(facts),
      ),
    ];
  }
  // A week of bars is 7 calendar days or 5 trading days.
  const durations = unit === 'week' ? [seconds, (seconds * 5) / 7] : [seconds];
  if (writesDuration(facts, durations)) return [];
  if (unit === 'week' && size === 1 && (facts.dottedNames.has('calendar.weekly') || callsNamed(facts, 'resample').length > 0)) return [];
  if (consolidatesCount(facts, size)) return [];
  const example = unit === 'week' ? `timedelta(days=${7 * size})` : `timedelta(${unit}s=${size})`;
  return [
    mismatch('bar', request, read.span, words, `the code builds no ${words} (a consolidator with ${example}).`, firstAddRange(facts)),
  ];
}

function barWords(bar: BarSize): string {
  if (bar.size === 1) return bar.unit === 'day' ? 'daily bars' : bar.unit === 'hour' ? 'hourly bars' : `${bar.unit} bars`;
  return `${bar.size}-${bar.unit} bars`;
}

function firstAddRange(facts: CodeFacts) {
  const add = facts.calls.find((c) => /^add_(equity|crypto|forex|future|cfd|index|option|crypto_future)$/.test(c.name));
  return add ? rangeOf(facts, add.node) : undefined;
}

/** Whether a timedelta or TimeSpan in the code lasts one of `seconds`. */
function writesDuration(facts: CodeFacts, seconds: readonly number[]): boolean {
  return facts.calls.some((call) => {
    const length = durationOf(facts, call);
    return length !== undefined && seconds.some((s) => Math.abs(length - s) < 1e-6);
  });
}

function durationOf(facts: CodeFacts, call: CallFact): number | undefined {
  if (call.name === 'timedelta') {
    let total = 0;
    TIMEDELTA_UNITS.forEach(([keyword, unit], i) => {
      const node = call.keywords.get(keyword) ?? call.positional[i];
      if (node) total += (valueOf(facts, node) ?? 0) * unit;
    });
    return total;
  }
  const factor = TIMESPAN_FACTORIES[call.name];
  const first = call.positional[0];
  const value = factor !== undefined && first ? valueOf(facts, first) : undefined;
  return value === undefined ? undefined : value * factor!;
}

/** A number an argument holds: written, or assigned to the name it reads. */
export function valueOf(facts: CodeFacts, node: PyNode): number | undefined {
  return numberValue(facts, node) ?? numbersIn(facts, reachable(facts, node, 50))[0];
}

/** A consolidator counting bars (`TradeBarConsolidator(4)` over hourly data). */
function consolidatesCount(facts: CodeFacts, size: number): boolean {
  return facts.calls.some(
    (c) =>
      (c.name.endsWith('consolidator') || c.name === 'consolidate') &&
      [...c.positional, ...c.keywords.values()].some((arg) => valueOf(facts, arg) === size),
  );
}

/** Whether the code writes the time of day `hhmm` ("15:55"): as hour and minute numbers, or as an offset from the US open or close. */
export function writesTime(facts: CodeFacts, hhmm: string): boolean {
  const match = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!match) return true;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (writesNumber(facts, [hour]) && (minute === 0 || writesNumber(facts, [minute]))) return true;
  if (facts.stringTokens.has(`${hour}${match[2]}`) || facts.stringTokens.has(`${match[1]}${match[2]}`)) return true;
  const ofDay = hour * 60 + minute;
  const offsetMatches = (name: string, minutes: (offset: number) => number) =>
    callsNamed(facts, name).some((c) => {
      const offset = argument1(facts, c);
      return offset !== undefined && minutes(offset) === ofDay;
    });
  return offsetMatches('before_market_close', (m) => 16 * 60 - m) || offsetMatches('after_market_open', (m) => 9 * 60 + 30 + m);
}

function argument1(facts: CodeFacts, call: CallFact): number | undefined {
  const node = call.keywords.get('minutes_before_close') ?? call.keywords.get('minutes_after_open') ?? call.positional[1];
  return node ? valueOf(facts, node) : undefined;
}

/** Date rules used by the code, by name (`every`, `week_start`, `month_end` ...), with their calls. */
function dateRules(facts: CodeFacts): CallFact[] {
  return facts.calls.filter((c) => /date_?rules\.|DateRules\./i.test(c.callee));
}

const WEEKDAY_CONSTANT: Readonly<Record<string, string>> = {
  monday: 'dayofweek.monday',
  tuesday: 'dayofweek.tuesday',
  wednesday: 'dayofweek.wednesday',
  thursday: 'dayofweek.thursday',
  friday: 'dayofweek.friday',
};

export function checkSchedule(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const read = request.schedule;
  if (!read) return [];
  const schedule = read.value;
  const scheduled = facts.calls.find((c) => c.name === 'on' && /schedule/i.test(c.callee));
  const range = scheduled ? rangeOf(facts, scheduled.node) : undefined;
  const out: RequestMismatch[] = [];
  const problem = calendarProblem(facts, schedule);
  if (problem) out.push(mismatch('schedule', request, read.span, scheduleWords(schedule), problem, range));
  if (schedule.time && !writesTime(facts, schedule.time))
    out.push(
      mismatch(
        'schedule',
        request,
        read.span,
        `at ${schedule.time}`,
        `the code never trades at ${schedule.time} (self.time_rules.at(${schedule.time.replace(':', ', ')})).`,
        range,
      ),
    );
  return out;
}

function scheduleWords(schedule: Schedule): string {
  const every = schedule.every === 'day' ? 'daily' : `${schedule.every}ly`;
  const when = schedule.weekday ? `, on ${capitalised(schedule.weekday)}` : schedule.at ? `, at its ${schedule.at}` : '';
  return `${every}${when}`;
}

function capitalised(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

/** What is missing for the calendar part of the schedule, or undefined when the code has it. */
function calendarProblem(facts: CodeFacts, schedule: Schedule): string | undefined {
  const rules = dateRules(facts);
  const names = new Set(rules.map((r) => r.name));
  // `self.time.month` compared, or a name that keeps the month (`self._last_month`); not the date rules' own names.
  const tracksMonth =
    [...facts.dottedNames].some((n) => n.endsWith('.month')) ||
    [...facts.identifiers].some((n) => n.includes('month') && n !== 'month_start' && n !== 'month_end');
  switch (schedule.every) {
    case 'day':
      return undefined;
    case 'week':
      return weeklyProblem(facts, schedule, rules, names);
    case 'month': {
      if (!names.has('month_start') && !names.has('month_end') && !tracksMonth)
        return `the code schedules nothing monthly (self.schedule.on(self.date_rules.month_${schedule.at ?? 'start'}(...), ...)).`;
      if (tracksMonth) return undefined;
      if (schedule.at === 'start' && !names.has('month_start'))
        return 'the code schedules at the end of the month (date_rules.month_end), not its start.';
      if (schedule.at === 'end' && !names.has('month_end'))
        return 'the code schedules at the start of the month (date_rules.month_start), not its end.';
      return undefined;
    }
    case 'quarter': {
      const monthly = names.has('month_start') || names.has('month_end') || tracksMonth;
      if (!monthly) return 'the code schedules nothing quarterly (a monthly date rule with a check of the month).';
      return checksQuarter(facts)
        ? undefined
        : "the code rebalances every month: it never checks for the quarter's months (self.time.month % 3, or [1, 4, 7, 10]).";
    }
    case 'year': {
      const yearly =
        names.has('year_start') || names.has('year_end') || tracksMonth || [...facts.dottedNames].some((n) => n.endsWith('.year'));
      return yearly ? undefined : 'the code schedules nothing yearly (date_rules.year_start, or a check of the month).';
    }
  }
}

function weeklyProblem(facts: CodeFacts, schedule: Schedule, rules: CallFact[], names: Set<string>): string | undefined {
  const manual =
    facts.calls.some((c) => c.name === 'weekday' || c.name === 'isoweekday' || c.name === 'isocalendar') ||
    [...facts.dottedNames].some((n) => n.endsWith('.dayofweek') || n.endsWith('.weekday'));
  const weekdays = new Set(
    rules
      .filter((r) => r.name === 'every')
      .flatMap((r) => [...r.positional].flatMap((a) => reachable(facts, a, 50)).map((n) => facts.source.slice(n.start, n.end)))
      .map((t) => t.replace(/[\s_]/g, '').toLowerCase())
      .filter((t) => t.startsWith('dayofweek.')),
  );
  const weekly = weekdays.size > 0 || names.has('week_start') || names.has('week_end');
  const example = `self.schedule.on(self.date_rules.every(DayOfWeek.${(schedule.weekday ?? 'monday').toUpperCase()}), ...)`;
  if (!weekly && !manual) return `the code schedules nothing weekly (${example}).`;
  if (manual) return undefined;
  if (schedule.weekday) {
    const wanted = WEEKDAY_CONSTANT[schedule.weekday]!;
    if (weekdays.has(wanted)) return undefined;
    if (schedule.weekday === 'monday' && names.has('week_start')) return undefined;
    if (schedule.weekday === 'friday' && names.has('week_end')) return undefined;
    const written =
      [...weekdays].map((w) => capitalised(w.split('.')[1]!)).join(', ') || (names.has('week_start') ? 'the week start' : 'the week end');
    return `the code schedules on ${written}, not ${capitalised(schedule.weekday)} (${example}).`;
  }
  if (schedule.at === 'start' && weekdays.size === 0 && !names.has('week_start'))
    return 'the code schedules at the end of the week (date_rules.week_end), not its start.';
  if (schedule.at === 'end' && weekdays.size === 0 && !names.has('week_end'))
    return 'the code schedules at the start of the week (date_rules.week_start), not its end.';
  return undefined;
}

/** A check for the quarter's months: `% 3`, a list of the quarter months, or a name saying quarter. */
function checksQuarter(facts: CodeFacts): boolean {
  if ([...facts.identifiers].some((n) => n.includes('quarter'))) return true;
  if (writesNumber(facts, [4]) && writesNumber(facts, [7]) && writesNumber(facts, [10])) return true;
  if (writesNumber(facts, [3]) && writesNumber(facts, [6]) && writesNumber(facts, [9]) && writesNumber(facts, [12])) return true;
  for (const node of descendants(facts.root)) {
    if (node.type !== 'binary_operator' || node.operators[0] !== '%') continue;
    const right = node.children.find((c) => c.field === 'right');
    if (right && numberValue(facts, right) === 3) return true;
  }
  return false;
}
