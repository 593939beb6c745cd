// Calendar rules: a position held over a window of the calendar (the turn of the month, days of the week,
// months of the year), opened and closed by two scheduled events on the traded symbol's exchange
// calendar, so nothing is read from bars and no indicator needs warming up. The date rules are LEAN's
// (Common/Scheduling/DateRules.cs): `month_start(symbol, days_offset)` counts trading days forward from the
// month's first, `month_end(symbol, days_offset)` back from its last, `every(DayOfWeek.X)` is each such
// weekday; the time rules `after_market_open(symbol, 1)` and `before_market_close(symbol, 1)`
// (Common/Scheduling/TimeRules.cs) fire a minute inside the session, where a minute bar has a price to
// fill at. LEAN has no rule for one month of the year, so a month's window checks `self.time.month`.
// Directions: long holds the window long; short holds the window short ("short QQQ on Fridays"); both is
// long in the window and short the rest of the time, so it is always in the market. Risk exits
// run on every bar (renderComposed's `_on_bar`); a filter gates the openings only. Instruments without a
// daily session (crypto, currencies, CFDs, futures) have no open or close to trade at, and are declined.
import type { Direction, Filter, Read, Signal, StrategyRequest, Weekday } from '../../request/types';
import { block, listWords, methodDoc, type Method } from '../templates/python';
import { quote, type Gap } from '../specFromRequest';
import type { ComposePlan, PlannedCalendar, PlannedInstrument, PlannedRisk } from './composeTypes';
import type { FilterParts } from './filterGates';
import { hasExits } from './riskOverlays';
import { calendarSymbol } from './scheduleRules';
import type { IndicatorPart, SignalBlock } from './signalBlocks';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
/** The deepest trading day into a month a turn-of-the-month window may reach from either end: months have 19 to 23 trading days. */
const DEEPEST_DAY = 10;

/** The turn-of-the-month window where the prompt states none: the last trading day of the month through the third of the next. */
export const TURN_OF_MONTH_DEFAULT = { entryDay: -1, exitDay: 3 } as const;

const capital = (word: string): string => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
const ordinal = (n: number): string => ORDINALS[n - 1] ?? `${n}th`;

/** A trading day of the month in words: "the last trading day", "the third-to-last trading day", "the second trading day". */
function dayWords(day: number): string {
  if (day === -1) return 'the last trading day';
  if (day < 0) return `the ${ordinal(-day)}-to-last trading day`;
  return `the ${ordinal(day)} trading day`;
}

/** Where the window opens and closes, in words: "the open on the last trading day of each month". */
function windowWords(calendar: PlannedCalendar): { entry: string; exit: string } {
  const at = (time: 'open' | 'close') => `the ${time}`;
  switch (calendar.effect) {
    case 'turn-of-month': {
      const crosses = calendar.entryDay < 0 && calendar.exitDay > 0;
      const month = calendar.month;
      const entryOf = month !== undefined ? `of ${MONTHS[month - 1]!}` : 'of each month';
      const exitOf =
        month !== undefined ? `of ${MONTHS[crosses ? month % 12 : month - 1]!}` : crosses ? 'of the next month' : 'of the month';
      return {
        entry: `${at(calendar.entryAt)} on ${dayWords(calendar.entryDay)} ${entryOf}`,
        exit: `${at(calendar.exitAt)} on ${dayWords(calendar.exitDay)} ${exitOf}`,
      };
    }
    case 'day-of-week':
      return {
        entry: `${at(calendar.entryAt)} on ${capital(calendar.entryWeekday)}s`,
        exit: `${at(calendar.exitAt)} on ${capital(calendar.exitWeekday)}s`,
      };
    case 'month-of-year':
      return {
        entry: `${at(calendar.entryAt)} on the first trading day of ${MONTHS[calendar.fromMonth - 1]!}`,
        exit: `${at(calendar.exitAt)} on the last trading day of ${MONTHS[calendar.toMonth - 1]!}`,
      };
  }
}

/** What the strategy is called in its title. */
export function calendarTitle(calendar: PlannedCalendar): string {
  return { 'turn-of-month': 'Turn of the month', 'day-of-week': 'Day of the week', 'month-of-year': 'Months of the year' }[calendar.effect];
}

/** The rule in words, long side then short side, for the docstring: the window's side, and both ways the rest of the time short. */
export function calendarBlock(plan: ComposePlan): SignalBlock {
  const calendar = plan.signal.calendar!;
  const { entry, exit } = windowWords(calendar);
  return {
    indicators: [],
    warmUp: 0,
    values: [],
    longEntry: 'False',
    longExit: 'False',
    shortEntry: 'False',
    shortExit: 'False',
    long: `Buys at ${entry} and sells at ${exit}.`,
    short:
      plan.direction === 'both'
        ? 'Holds short the rest of the time: sells short when the long closes and covers when it opens again.'
        : `Sells short at ${entry} and covers at ${exit}.`,
  };
}

// --- planning ----------------------------------------------------------------------------------------

/** How a type's sessions keep time, for the sentence declining a calendar rule on it. */
const NO_SESSION: Readonly<Partial<Record<PlannedInstrument['type'], string>>> = {
  crypto: 'trades around the clock every day',
  cryptofuture: 'trades around the clock every day',
  forex: 'trades around the clock on weekdays',
  cfd: 'trades around the clock on weekdays',
  future: 'trades nearly around the clock',
};

/** Names whose convention the reader takes as the window (request/readCalendar.ts). */
const CONVENTIONS = /santa|sell\sin\smay|halloween|january\seffect/;

/**
 * Why a calendar rule without a window this composer knows cannot be written: a pre-holiday rule, one
 * timed on announcements or expiries, or another effect (the January barometer, the overnight drift).
 */
export function windowlessDecline(request: StrategyRequest, core: Signal): string {
  const said = quote(request, core);
  const name = request.prompt.slice(core.span.start, core.span.end).toLowerCase();
  if (/holiday/.test(name))
    return `The offline generator cannot write a pre-holiday rule (${said}): LEAN's date rules name no market holidays, and the offline generator does not look the days before them up in the exchange's holiday calendar.`;
  if (/fomc|fed|cpi|nfp|jobs|earnings|central|announcement|expir|opex/.test(name))
    return `The offline generator cannot write a rule timed on announcements or expiries (${said}): LEAN's date rules know no economic, earnings or expiry calendar.`;
  return `The offline generator cannot write this calendar rule (${said}): it writes turn-of-the-month windows, days of the week and months of the year.`;
}

export type CalendarPlan = { calendar: PlannedCalendar; notes: string[] } | { decline: string };

/**
 * The calendar rule's window with every default filled in and named in a note, or the reason it cannot be
 * written: a rule with no window this composer knows (a pre-holiday or event drift), a window that closes
 * before it opens, instruments without a daily session, or a window with no outside to hold short.
 */
export function planCalendar(
  request: StrategyRequest,
  core: Signal,
  instruments: readonly PlannedInstrument[],
  direction: Direction,
  context: { universe: boolean; options: boolean },
): CalendarPlan {
  const rule = core.calendar;
  const said = quote(request, core);
  const name = request.prompt.slice(core.span.start, core.span.end).toLowerCase();
  if (!rule) return { decline: windowlessDecline(request, core) };
  if (context.universe)
    return {
      decline: `The offline generator writes a calendar rule on named instruments, not on a universe (${quote(request, request.universe!)}).`,
    };
  if (context.options) return { decline: `The offline generator cannot open option legs on a calendar rule (${said}).` };
  const offSession = instruments.find((i) => NO_SESSION[i.type] !== undefined);
  if (offSession)
    return {
      decline: `The offline generator writes calendar rules on US equities, ETFs and indices, whose sessions open and close each day; ${offSession.symbol} ${NO_SESSION[offSession.type]!}, so its open and close are not defined.`,
    };
  if (instruments.length !== 1)
    return {
      decline: `The offline generator writes a calendar rule on one instrument; the prompt names ${instruments.length} (${listWords(instruments.map((i) => i.symbol))}). Say which one the calendar trades, or whether the others are held outside its window.`,
    };
  const notes: string[] = [];
  const entryAt = rule.entryAt?.value ?? 'open';
  const exitAt = rule.exitAt?.value ?? 'close';
  if (!rule.entryAt) notes.push("No time of day stated for the entry; the position opens a minute after the session's open.");
  if (!rule.exitAt) notes.push("No time of day stated for the exit; the position closes a minute before the session's close.");
  // A named convention's window (the Santa Claus rally, sell in May) is read from the name itself.
  const conventional = (read: { span: { start: number; end: number } } | undefined) =>
    CONVENTIONS.test(name) && read !== undefined && read.span.start === core.span.start && read.span.end === core.span.end;
  let calendar: PlannedCalendar;
  switch (rule.effect.value) {
    case 'turn-of-month': {
      const entryDay = rule.entryDay?.value ?? TURN_OF_MONTH_DEFAULT.entryDay;
      const exitDay = rule.exitDay?.value ?? TURN_OF_MONTH_DEFAULT.exitDay;
      if (!rule.entryDay && !rule.exitDay)
        notes.push(
          'No turn-of-the-month window stated; the position is held from the last trading day of the month through the third trading day of the next.',
        );
      else if (!rule.entryDay) notes.push('No entry day stated; the position opens on the last trading day of the month.');
      else if (!rule.exitDay) notes.push('No exit day stated; the position closes on the third trading day of the next month.');
      const days = [entryDay, exitDay];
      if (days.some((d) => d === 0 || Math.abs(d) > DEEPEST_DAY))
        return {
          decline: `The turn-of-the-month window (${said}) reaches more than ${DEEPEST_DAY} trading days into the month; the offline generator writes windows around the month's turn.`,
        };
      const sameSide = entryDay < 0 === exitDay < 0;
      const backwards = sameSide && (exitDay < entryDay || (exitDay === entryDay && !(entryAt === 'open' && exitAt === 'close')));
      if (backwards || (entryDay > 0 && exitDay < 0))
        return {
          decline: `The turn-of-the-month window (${said}) closes before it opens: its exit day does not come after its entry day.`,
        };
      calendar = {
        effect: 'turn-of-month',
        entryDay,
        exitDay,
        entryAt,
        exitAt,
        ...(rule.month ? { month: rule.month.value } : {}),
      };
      if (conventional(rule.entryDay)) notes.push(`${said} is read as its usual window: ${windowNote(calendar)}.`);
      break;
    }
    case 'day-of-week': {
      const entryWeekday = rule.entryWeekday?.value ?? rule.exitWeekday?.value;
      if (!rule.entryWeekday || !entryWeekday)
        return {
          decline: `The prompt names a day-of-week rule (${said}) but not the weekday it buys on; say which (for example "buy at Monday's open, sell at Friday's close").`,
        };
      const exitWeekday: Weekday = rule.exitWeekday?.value ?? entryWeekday;
      if (!rule.exitWeekday) notes.push(`No exit day stated; the position is held for the ${capital(entryWeekday)} session only.`);
      if (exitWeekday === entryWeekday && entryAt === 'close' && exitAt === 'close')
        return {
          decline: `The day-of-week rule (${said}) opens and closes at the same ${capital(entryWeekday)} close; say which day it sells on.`,
        };
      calendar = { effect: 'day-of-week', entryWeekday, exitWeekday, entryAt, exitAt };
      break;
    }
    case 'month-of-year': {
      if (!rule.fromMonth || !rule.toMonth)
        return {
          decline: `The prompt names a seasonal rule (${said}) but not the months it holds; say which (for example "hold November through April").`,
        };
      calendar = { effect: 'month-of-year', fromMonth: rule.fromMonth.value, toMonth: rule.toMonth.value, entryAt, exitAt };
      if ((rule.toMonth.value % 12) + 1 === rule.fromMonth.value)
        return {
          decline: `The months held (${said}) are the whole year, so there is no calendar rule to trade; ask for buy and hold instead.`,
        };
      if (conventional(rule.fromMonth)) notes.push(`${said} is read as its usual window: ${windowNote(calendar)}.`);
      break;
    }
  }
  if (direction === 'both') notes.push('Traded both ways, the position is long in the calendar window and short the rest of the time.');
  if (direction === 'short') notes.push('Short only, the position is short in the calendar window and flat the rest of the time.');
  return { calendar, notes };
}

/**
 * What does not fit a calendar rule, named in gaps: a schedule (its own days are its schedule), a flat-by
 * time and a trading window (its orders are at the open or close, which a time of day would cut off).
 * The flat-by time is taken out of `risk`, and the time windows out of `filters`.
 */
export function calendarFit(request: StrategyRequest, risk: PlannedRisk, filters: Read<Filter>[], gaps: Gap[]): void {
  if (request.schedule)
    gaps.push({
      field: 'schedule',
      sentence: `The schedule ${quote(request, request.schedule)} is not used: the calendar rule trades on its own days.`,
    });
  if (risk.flatBy && request.risk.flatBy) {
    delete risk.flatBy;
    gaps.push({
      field: 'risk',
      sentence: `Going flat by ${quote(request, request.risk.flatBy)} is not in the code: the calendar rule holds its position from its entry to its exit.`,
    });
  }
  for (let i = filters.length - 1; i >= 0; i--) {
    const filter = filters[i]!;
    if (filter.value.kind !== 'time-of-day') continue;
    filters.splice(i, 1);
    gaps.push({
      field: 'filters',
      sentence: `The time window ${quote(request, filter)} is not applied: the calendar rule trades at the session's open or close.`,
    });
  }
}

function windowNote(calendar: PlannedCalendar): string {
  const { entry, exit } = windowWords(calendar);
  return `held from ${entry} to ${exit}`;
}

// --- rendering ---------------------------------------------------------------------------------------

const DAY_OF_WEEK: Readonly<Record<Weekday, string>> = {
  monday: 'DayOfWeek.MONDAY',
  tuesday: 'DayOfWeek.TUESDAY',
  wednesday: 'DayOfWeek.WEDNESDAY',
  thursday: 'DayOfWeek.THURSDAY',
  friday: 'DayOfWeek.FRIDAY',
};

/** LEAN's date rule for a trading day of the month: forward from its first, or back from its last. */
function monthDayRule(symbol: string, day: number): string {
  const [rule, offset] = day > 0 ? ['month_start', day - 1] : ['month_end', -day - 1];
  return `self.date_rules.${rule}(${symbol}${offset ? `, ${offset}` : ''})`;
}

function timeRule(symbol: string, at: 'open' | 'close'): string {
  return at === 'open' ? `self.time_rules.after_market_open(${symbol}, 1)` : `self.time_rules.before_market_close(${symbol}, 1)`;
}

/** The date rules of the window's two events. */
function dateRules(calendar: PlannedCalendar, symbol: string): { entry: string; exit: string } {
  switch (calendar.effect) {
    case 'turn-of-month':
      return { entry: monthDayRule(symbol, calendar.entryDay), exit: monthDayRule(symbol, calendar.exitDay) };
    case 'day-of-week':
      return {
        entry: `self.date_rules.every(${DAY_OF_WEEK[calendar.entryWeekday]})`,
        exit: `self.date_rules.every(${DAY_OF_WEEK[calendar.exitWeekday]})`,
      };
    case 'month-of-year':
      return { entry: `self.date_rules.month_start(${symbol})`, exit: `self.date_rules.month_end(${symbol})` };
  }
}

/** The months each event acts in, where the window is one month's: the date rules fire every month. */
function monthGuards(calendar: PlannedCalendar): { entry?: number; exit?: number } {
  if (calendar.effect === 'month-of-year') return { entry: calendar.fromMonth, exit: calendar.toMonth };
  if (calendar.effect === 'turn-of-month' && calendar.month !== undefined) {
    const crosses = calendar.entryDay < 0 && calendar.exitDay > 0;
    return { entry: calendar.month, exit: crosses ? (calendar.month % 12) + 1 : calendar.month };
  }
  return {};
}

/** The two `self.schedule.on` calls of initialize: the window's opening and its closing, on the traded symbol's calendar. */
export function calendarSchedules(plan: ComposePlan): string[] {
  const calendar = plan.signal.calendar!;
  const symbol = calendarSymbol(plan);
  const dates = dateRules(calendar, symbol);
  const call = (date: string, at: 'open' | 'close', handler: string) =>
    block('self.schedule.on(', [`${date},`, `${timeRule(symbol, at)},`, `${handler},`]).concat(')');
  return [...call(dates.entry, calendar.entryAt, 'self._calendar_open'), ...call(dates.exit, calendar.exitAt, 'self._calendar_close')];
}

/**
 * `_calendar_open` and `_calendar_close`, the handlers of the window's two events. Long holds the window
 * long and short holds it short; both holds it long and the rest of the time short, so it is always in
 * the market once the first event has fired.
 */
export function calendarMethods(
  plan: ComposePlan,
  indicators: readonly IndicatorPart[],
  filters: FilterParts,
  warmedUp: boolean,
): Method[] {
  const calendar = plan.signal.calendar!;
  const guards = monthGuards(calendar);
  const { entry, exit } = windowWords(calendar);
  const longs = plan.direction !== 'short';
  const shorts = plan.direction !== 'long';
  const enter = (side: 1 | -1) => (plan.direction === 'long' ? 'self._enter(symbol, traded)' : `self._enter(symbol, traded, ${side})`);
  const skip = (month: number | undefined) => {
    const checks = [...(warmedUp ? ['self.is_warming_up'] : []), ...(month !== undefined ? [`self.time.month != ${month}`] : [])];
    const lines = checks.length ? block(`if ${checks.join(' or ')}:`, ['return']) : [];
    if (plan.risk.maxDrawdown !== undefined) lines.push(...block('if self._drawdown_halted():', ['return']));
    return lines;
  };
  // An opening waits for the indicators (a filter's, an ATR sizing's) and needs every filter on; a closing never waits.
  const allowed = [
    ...indicators.map((i) => `self._${i.name}[symbol].is_ready`),
    ...filters.notReady.map((n) => n.replace(/^not /, '')),
    ...filters.gates,
  ];
  const opening = (side: 1 | -1): string[] => {
    const open = [...(hasExits(plan.risk) ? ['self._stopped.discard(symbol)'] : []), enter(side)];
    if (!allowed.length) return open;
    const price = filters.gates.some((g) => /(?<![.\w])price\b/.test(g)) ? ['price = self.securities[symbol].price'] : [];
    return [...price, ...block(`if ${allowed.join(' and ')}:`, open)];
  };
  const position = ['traded = symbol', 'quantity = self.portfolio[traded].quantity'];
  // Short only holds the window itself short; both holds the outside short.
  const shortInWindow = !longs;
  const openBody = shortInWindow
    ? [...position, ...block('if quantity >= 0:', opening(-1))]
    : [...position, ...(shorts ? block('if quantity < 0:', ['self.liquidate(traded)']) : []), ...block('if quantity <= 0:', opening(1))];
  const closeBody = shortInWindow
    ? [...position, ...block('if quantity < 0:', ['self.liquidate(traded)'])]
    : [...position, ...block('if quantity > 0:', ['self.liquidate(traded)']), ...(shorts ? block('if quantity >= 0:', opening(-1)) : [])];
  const opens = shortInWindow
    ? 'sells short'
    : ['buys', shorts ? 'covers the short held outside the window' : ''].filter(Boolean).join(' and ');
  const closes = shortInWindow
    ? 'covers'
    : ['sells', shorts ? 'sells short until the window opens again' : ''].filter(Boolean).join(' and ');
  return [
    {
      signature: 'def _calendar_open(self):',
      body: [
        ...methodDoc('Opens the calendar window.', `At ${entry}: ${opens}.`),
        ...skip(guards.entry),
        ...block('for symbol in self._symbols:', openBody),
      ],
    },
    {
      signature: 'def _calendar_close(self):',
      body: [
        ...methodDoc('Closes the calendar window.', `At ${exit}: ${closes}.`),
        ...skip(guards.exit),
        ...block('for symbol in self._symbols:', closeBody),
      ],
    },
  ];
}
