// When a composed strategy evaluates its rules, from the request's schedule: `self.schedule.on` with
// LEAN's date rules (`every(DayOfWeek.X)`, `week_start`, `week_end`, `month_start`, `month_end`,
// `every_day`) and time rules (`at`, `after_market_open`). LEAN has no quarterly or yearly date rule, so
// those run monthly and the handler checks the month (Common/Scheduling/DateRules.cs).
import type { Schedule } from '../../request/types';
import type { ComposePlan } from './composeTypes';
import { clockParts } from './riskOverlays';

const DAY_OF_WEEK: Readonly<Record<string, string>> = {
  monday: 'MONDAY',
  tuesday: 'TUESDAY',
  wednesday: 'WEDNESDAY',
  thursday: 'THURSDAY',
  friday: 'FRIDAY',
};

/** Whether the instruments keep US exchange hours, so "after the open" means 9:30 New York. */
function exchangeHours(plan: ComposePlan): boolean {
  return plan.instruments.every((i) => i.type === 'equity' || i.type === 'etf' || i.type === 'index');
}

/**
 * The symbol whose exchange calendar the rules follow: the first instrument, or for a universe (empty
 * at initialize) its ETF or SPY, whose US equity calendar every member shares.
 */
export function calendarSymbol(plan: ComposePlan): string {
  if (plan.instruments.length) return 'self._symbols[0]';
  return JSON.stringify(plan.universe?.kind === 'etf-constituents' ? plan.universe.etf : 'SPY');
}

function dateRule(plan: ComposePlan, schedule: Schedule): string {
  const first = calendarSymbol(plan);
  switch (schedule.every) {
    case 'day':
      return `self.date_rules.every_day(${first})`;
    case 'week':
      if (schedule.weekday) return `self.date_rules.every(DayOfWeek.${DAY_OF_WEEK[schedule.weekday]})`;
      return schedule.at === 'end' ? `self.date_rules.week_end(${first})` : `self.date_rules.week_start(${first})`;
    case 'month':
    case 'quarter':
    case 'year':
      return schedule.at === 'end' ? `self.date_rules.month_end(${first})` : `self.date_rules.month_start(${first})`;
  }
}

function timeRule(plan: ComposePlan, schedule: Schedule): string {
  if (schedule.time) {
    const [h, m] = clockParts(schedule.time);
    return `self.time_rules.at(${h}, ${m})`;
  }
  // Thirty minutes after the open leaves the first bars of the day to arrive; markets open all day use midnight.
  return exchangeHours(plan) ? `self.time_rules.after_market_open(${calendarSymbol(plan)}, 30)` : 'self.time_rules.at(0, 5)';
}

export function scheduleCall(plan: ComposePlan, schedule: Schedule, handler: string): string {
  return `self.schedule.on(${dateRule(plan, schedule)}, ${timeRule(plan, schedule)}, ${handler})`;
}

/** The month check a quarterly or yearly schedule adds in its handler; undefined when none is needed. */
export function scheduleGuard(schedule: Schedule): string | undefined {
  if (schedule.every === 'quarter') return schedule.at === 'end' ? 'self.time.month % 3 == 0' : 'self.time.month % 3 == 1';
  if (schedule.every === 'year') return schedule.at === 'end' ? 'self.time.month == 12' : 'self.time.month == 1';
  return undefined;
}

export function scheduleWords(schedule: Schedule): string {
  const every = { day: 'every day', week: 'every week', month: 'every month', quarter: 'every quarter', year: 'every year' }[
    schedule.every
  ];
  const on = schedule.weekday
    ? ` on ${schedule.weekday[0]!.toUpperCase()}${schedule.weekday.slice(1)}`
    : schedule.at
      ? ` at its ${schedule.at}`
      : '';
  const at = schedule.time ? ` at ${schedule.time}` : '';
  return `${every}${on}${at}`;
}
