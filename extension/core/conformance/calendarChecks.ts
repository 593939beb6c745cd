// A calendar rule's window: the days, weekdays or months the prompt states must be where the code opens and
// closes its position, and the session's open or close where the prompt names one. Lenient where code can
// be written many ways: LEAN's date rules with the matching offset, or code that counts the days itself
// (writing the number, checking the weekday or the month) are all accepted; a date rule of the right kind
// with another offset is not.
import type { CalendarRule, Read, StrategyRequest, Weekday } from '../request/types';
import { argument, callsNamed, rangeOf, textOf, writesNumber, type CallFact, type CodeFacts } from './codeFacts';
import { mismatch, type RequestMismatch } from './mismatch';
import { valueOf, writesTime } from './timingChecks';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** LEAN's date rules the code calls (`self.date_rules.month_end(...)`), with their calls. */
function dateRules(facts: CodeFacts): CallFact[] {
  return facts.calls.filter((c) => /date_?rules\./i.test(c.callee));
}

/** A month rule's trading-day offset: its second argument, 0 when absent. */
function offsetOf(facts: CodeFacts, call: CallFact): number | undefined {
  const node = argument(call, 1, 'days_offset');
  return node ? valueOf(facts, node) : 0;
}

/** Whether the code checks the weekday itself (`self.time.weekday()`, `.dayofweek`). */
function checksWeekday(facts: CodeFacts): boolean {
  return (
    facts.calls.some((c) => c.name === 'weekday' || c.name === 'isoweekday') ||
    [...facts.dottedNames].some((n) => n.endsWith('.dayofweek') || n.endsWith('.weekday'))
  );
}

function capital(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

function dayWords(day: number): string {
  return day < 0 ? `trading day ${-day} from the month's end` : `trading day ${day} of the month`;
}

/** What is missing for one trading day of the month, or undefined when the code has it. */
function monthDayProblem(facts: CodeFacts, day: number): string | undefined {
  const [name, offset] = day > 0 ? ['month_start', day - 1] : ['month_end', -day - 1];
  const rules = dateRules(facts).filter((r) => r.name === 'month_start' || r.name === 'month_end');
  const example = `self.date_rules.${name}(symbol${offset ? `, ${offset}` : ''})`;
  if (rules.some((r) => r.name === name && offsetOf(facts, r) === offset)) return undefined;
  // Counted by the code itself: no month rule at all, and the day's number written.
  if (rules.length === 0)
    return writesNumber(facts, [Math.abs(day), offset]) ? undefined : `the code never trades on ${dayWords(day)} (${example}).`;
  return `the code schedules no event on ${dayWords(day)} (${example}).`;
}

function weekdayProblem(facts: CodeFacts, weekday: Weekday): string | undefined {
  if (checksWeekday(facts)) return undefined;
  const rules = dateRules(facts);
  const constant = `dayofweek.${weekday}`;
  const named = rules
    .filter((r) => r.name === 'every')
    .some((r) => r.positional.some((a) => textOf(facts, a).replace(/[\s_]/g, '').toLowerCase() === constant));
  if (named) return undefined;
  if (weekday === 'monday' && rules.some((r) => r.name === 'week_start')) return undefined;
  if (weekday === 'friday' && rules.some((r) => r.name === 'week_end')) return undefined;
  return `the code schedules nothing on ${capital(weekday)}s (self.date_rules.every(DayOfWeek.${weekday.toUpperCase()})).`;
}

/** Whether the code trades at the session's open or close: LEAN's time rules, an order type, or the US session's clock time. */
function tradesAt(facts: CodeFacts, at: 'open' | 'close'): boolean {
  if (at === 'open')
    return callsNamed(facts, 'after_market_open', 'before_market_open', 'market_on_open_order').length > 0 || writesTime(facts, '09:31');
  return (
    callsNamed(facts, 'before_market_close', 'after_market_close', 'market_on_close_order').length > 0 ||
    writesTime(facts, '15:59') ||
    writesTime(facts, '16:00')
  );
}

export function checkCalendar(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const out: RequestMismatch[] = [];
  const scheduled = facts.calls.find((c) => c.name === 'on' && /schedule/i.test(c.callee));
  const range = scheduled ? rangeOf(facts, scheduled.node) : undefined;
  for (const signal of request.signals) {
    const rule: CalendarRule | undefined = signal.calendar;
    if (signal.kind !== 'calendar' || !rule) continue;
    const add = (read: Read<unknown>, meaning: string, problem: string | undefined) => {
      if (problem) out.push(mismatch('schedule', request, read.span, meaning, problem, range));
    };
    for (const read of [rule.entryDay, rule.exitDay]) if (read) add(read, dayWords(read.value), monthDayProblem(facts, read.value));
    if (rule.month && !writesNumber(facts, [rule.month.value]))
      add(
        rule.month,
        `only in ${MONTHS[rule.month.value - 1]!}`,
        `the code never checks the month (self.time.month == ${rule.month.value}).`,
      );
    for (const read of [rule.entryWeekday, rule.exitWeekday]) if (read) add(read, capital(read.value), weekdayProblem(facts, read.value));
    for (const read of [rule.fromMonth, rule.toMonth])
      if (read && !writesNumber(facts, [read.value]))
        add(read, `${MONTHS[read.value - 1]!}`, `the code never checks for ${MONTHS[read.value - 1]!} (self.time.month == ${read.value}).`);
    for (const read of [rule.entryAt, rule.exitAt])
      if (read && !tradesAt(facts, read.value))
        add(
          read,
          `at the ${read.value}`,
          `the code never trades at the session's ${read.value} (self.time_rules.${read.value === 'open' ? 'after_market_open' : 'before_market_close'}(symbol, 1)).`,
        );
  }
  return out;
}
