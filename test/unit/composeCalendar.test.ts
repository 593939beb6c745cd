// Calendar rules: the reader takes the window a prompt states (days of the month, weekdays, months), and
// the composer opens and closes the position with two scheduled events on the traded symbol's calendar,
// long or short in the window, or long in it and short outside it; what LEAN's date rules cannot schedule is declined.
// Prompts of our own, and hand-built requests (empty spans) for the planner.
import { describe, expect, it } from 'vitest';
import { checkRequestSource } from '../../extension/core/conformance/index';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import { readRequest } from '../../extension/core/request/readRequest';
import type { CalendarRule, Direction, StrategyRequest } from '../../extension/core/request/types';
import {
  AAPL,
  BTC,
  ES,
  EURUSD,
  composed,
  generated,
  hasMethod,
  instrument,
  loadValidation,
  method,
  methodWithoutDocstring,
  read,
  request,
  signal,
  type Parts,
} from './composeHelpers';

const validation = loadValidation();
const SPY = instrument('SPY', 'etf', 'usa');

/** The calendar rule read from `prompt`, each part as its value and the words it was read from. */
function calendarOf(prompt: string): Record<string, [unknown, string]> | undefined {
  const rule = readRequest(prompt).signals.find((s) => s.kind === 'calendar')?.calendar;
  if (!rule) return undefined;
  return Object.fromEntries(
    Object.entries(rule).map(([key, r]) => {
      const value = r as { value: unknown; span: { start: number; end: number } };
      return [key, [value.value, prompt.slice(value.span.start, value.span.end)]];
    }),
  );
}

/** A calendar request on `instruments` (SPY unless given), its window stated by value. */
function calendarRequest(
  rule: Omit<CalendarRule, 'effect'> & { effect: CalendarRule['effect']['value'] },
  parts: Parts = {},
): StrategyRequest {
  const { effect, ...rest } = rule;
  const calendar: CalendarRule = { effect: read(effect), ...rest };
  return request({ instruments: [SPY], bar: { size: 1, unit: 'minute' }, ...parts, signal: { ...signal('calendar'), calendar } });
}

/** The `self.schedule.on(...)` calls of initialize, one string each. */
function scheduleCalls(code: string): string[] {
  const lines = method(code, 'initialize');
  const calls: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('self.schedule.on(')) continue;
    const end = lines.indexOf(')', i);
    calls.push(lines.slice(i + 1, end).join(' '));
    i = end;
  }
  return calls;
}

/** The code validates with no error or warning, and conforms to its request. */
function clean(code: string, req: StrategyRequest): void {
  const findings = validation.validator.validate(code, {}).filter((d) => d.severity === 'error' || d.severity === 'warning');
  expect(findings.map((d) => `${d.code} line ${d.range.startLine}: ${d.message}`)).toEqual([]);
  expect(checkRequestSource(validation.parser, code, req).map((m) => m.message)).toEqual([]);
}

function declineOf(prompt: string): string {
  try {
    const result = generateOffline(prompt);
    throw new Error(`not declined: ${prompt}\n${result.writer}`);
  } catch (error) {
    if (isOfflineDeclined(error)) return error.message;
    throw error;
  }
}

function plannedDecline(req: StrategyRequest): string {
  const outcome = planCompose(req);
  if (outcome?.kind !== 'decline') throw new Error(`not declined: ${JSON.stringify(outcome)}`);
  return outcome.reason;
}

describe('reading a calendar rule', () => {
  it('reads the days of a turn-of-the-month window, counted from the month end as LEAN counts them', () => {
    expect(
      calendarOf('turn-of-the-month effect on SPY: buy 2 trading days before month end, sell on the 3rd trading day of the new month'),
    ).toEqual({
      effect: ['turn-of-month', 'turn-of-the-month effect'],
      entryDay: [-3, '2 trading days before month end'],
      exitDay: [3, 'the 3rd trading day of the new month'],
    });
  });

  it('reads a window held from one day through another as the open of the first and the close of the last', () => {
    expect(
      calendarOf(
        'Turn-of-the-month effect on IWM: in the market from the last trading day of the month through the third trading day of the next, otherwise in cash.',
      ),
    ).toEqual({
      effect: ['turn-of-month', 'Turn-of-the-month effect'],
      entryDay: [-1, 'the last trading day of the month'],
      entryAt: ['open', 'the last trading day of the month'],
      exitDay: [3, 'the third trading day of the next'],
      exitAt: ['close', 'the third trading day of the next'],
    });
    const first = 'the first five trading days of each month';
    expect(calendarOf(`Be in QQQ only during ${first}, 2010 to 2024.`)).toEqual({
      effect: ['turn-of-month', first],
      entryDay: [1, first],
      exitDay: [5, first],
      entryAt: ['open', first],
      exitAt: ['close', first],
    });
  });

  it('reads the Santa Claus rally as its window, stated or by its convention', () => {
    const window = 'the last 5 trading days of december and the first 2 of january';
    expect(calendarOf(`santa claus rally on QQQ: in the market for ${window}`)).toMatchObject({
      entryDay: [-5, window],
      exitDay: [2, window],
      month: [12, window],
    });
    expect(calendarOf('Santa Claus rally in SPY')).toEqual({
      effect: ['turn-of-month', 'Santa Claus rally'],
      entryDay: [-5, 'Santa Claus rally'],
      exitDay: [2, 'Santa Claus rally'],
      month: [12, 'Santa Claus rally'],
      entryAt: ['open', 'Santa Claus rally'],
      exitAt: ['close', 'Santa Claus rally'],
    });
  });

  it('reads the weekdays and sessions of a day-of-week rule', () => {
    expect(calendarOf("buy QQQ at Monday's open and sell at Friday's close")).toEqual({
      effect: ['day-of-week', "Monday's open"],
      entryWeekday: ['monday', "Monday's open"],
      entryAt: ['open', "Monday's open"],
      exitWeekday: ['friday', "Friday's close"],
      exitAt: ['close', "Friday's close"],
    });
    expect(calendarOf('Day-of-week effect on VTV: own it only from the Tuesday open to the Thursday close, 2005 through 2022.')).toEqual({
      effect: ['day-of-week', 'Day-of-week effect'],
      entryWeekday: ['tuesday', 'the Tuesday open'],
      entryAt: ['open', 'the Tuesday open'],
      exitWeekday: ['thursday', 'the Thursday close'],
      exitAt: ['close', 'the Thursday close'],
    });
    // One day only: it opens and closes the position.
    expect(calendarOf('day-of-week effect on SPY: long on Mondays only')).toEqual({
      effect: ['day-of-week', 'day-of-week effect'],
      entryWeekday: ['monday', 'Mondays'],
      exitWeekday: ['monday', 'Mondays'],
    });
  });

  it('reads no weekday from a rebalancing schedule', () => {
    const prompt = "day-of-week effect on SPY: buy at Tuesday's open, sell at Thursday's close, rebalance every Monday";
    const request = readRequest(prompt);
    expect(request.schedule?.value).toEqual({ every: 'week', weekday: 'monday' });
    expect(calendarOf(prompt)).toMatchObject({
      entryWeekday: ['tuesday', "Tuesday's open"],
      exitWeekday: ['thursday', "Thursday's close"],
    });
  });

  it('reads the months held, whether stated as held or as out of the market', () => {
    expect(calendarOf('sell in May and go away: hold SPY November through April, cash May to October')).toEqual({
      effect: ['month-of-year', 'sell in May and go away'],
      fromMonth: [11, 'November through April'],
      toMonth: [4, 'November through April'],
    });
    expect(calendarOf('Sell in May on SPY: out of the market from May to October')).toMatchObject({
      fromMonth: [11, 'from May to October'],
      toMonth: [4, 'from May to October'],
    });
    expect(calendarOf('Sell in May and go away with SPY')).toMatchObject({
      fromMonth: [11, 'Sell in May and go away'],
      toMonth: [4, 'Sell in May and go away'],
    });
    // Two statements that disagree: no months.
    const rule = calendarOf('seasonal strategy on SPY: hold November through April, cash March to October');
    expect(rule).toEqual({ effect: ['month-of-year', 'seasonal strategy'] });
  });

  it('keeps no window for a rule LEAN cannot schedule', () => {
    expect(
      calendarOf('Pre-holiday effect: buy SPY at the close on the day before each US market holiday and sell at the next close.'),
    ).toBe(undefined);
    expect(calendarOf('get into SPY two days before every FOMC meeting')).toBe(undefined);
  });
});

describe('composing a calendar rule', () => {
  it('opens and closes a turn-of-the-month window with two scheduled events on the traded symbol, no warm-up', () => {
    const { code, notes, unfulfilled, plan } = generated(
      'turn-of-the-month effect on SPY: buy 2 trading days before month end, sell on the 3rd trading day of the new month',
    );
    expect(unfulfilled).toEqual([]);
    expect(plan?.signal.calendar).toEqual({ effect: 'turn-of-month', entryDay: -3, exitDay: 3, entryAt: 'open', exitAt: 'close' });
    expect(scheduleCalls(code)).toEqual([
      '    self.date_rules.month_end(self._symbols[0], 2),     self.time_rules.after_market_open(self._symbols[0], 1),     self._calendar_open,',
      '    self.date_rules.month_start(self._symbols[0], 2),     self.time_rules.before_market_close(self._symbols[0], 1),     self._calendar_close,',
    ]);
    expect(method(code, 'initialize').some((l) => l.startsWith('self.set_warm_up'))).toBe(false);
    expect(methodWithoutDocstring(code, '_calendar_open').filter((l) => !l.startsWith('At ') && l !== '"""')).toEqual([
      'for symbol in self._symbols:',
      '    traded = symbol',
      '    quantity = self.portfolio[traded].quantity',
      '    if quantity <= 0:',
      '        self._enter(symbol, traded)',
    ]);
    expect(methodWithoutDocstring(code, '_calendar_close').filter((l) => !l.startsWith('At ') && l !== '"""')).toEqual([
      'for symbol in self._symbols:',
      '    traded = symbol',
      '    quantity = self.portfolio[traded].quantity',
      '    if quantity > 0:',
      '        self.liquidate(traded)',
    ]);
    // Nothing is read from the bars: no per-bar trading at all.
    expect(hasMethod(code, '_trade')).toBe(false);
    expect(hasMethod(code, '_on_bar')).toBe(false);
    expect(notes).toEqual(
      expect.arrayContaining([
        "No time of day stated for the entry; the position opens a minute after the session's open.",
        "No time of day stated for the exit; the position closes a minute before the session's close.",
        'No bar size stated; a calendar rule trades at the open or close, so the code reads minute bars to fill its orders there.',
        'No direction stated; the code trades long only.',
      ]),
    );
  });

  it('uses the default turn-of-the-month window where none is stated, and says so', () => {
    const req = calendarRequest({ effect: 'turn-of-month' });
    const { code, notes } = composed(req);
    expect(scheduleCalls(code)).toEqual([
      '    self.date_rules.month_end(self._symbols[0]),     self.time_rules.after_market_open(self._symbols[0], 1),     self._calendar_open,',
      '    self.date_rules.month_start(self._symbols[0], 2),     self.time_rules.before_market_close(self._symbols[0], 1),     self._calendar_close,',
    ]);
    expect(notes).toContain(
      'No turn-of-the-month window stated; the position is held from the last trading day of the month through the third trading day of the next.',
    );
    clean(code, req);
  });

  it('schedules a day-of-week rule on its weekdays, at the open and close stated', () => {
    const { code, request: req } = generated("buy QQQ at Monday's open and sell at Friday's close");
    expect(scheduleCalls(code)).toEqual([
      '    self.date_rules.every(DayOfWeek.MONDAY),     self.time_rules.after_market_open(self._symbols[0], 1),     self._calendar_open,',
      '    self.date_rules.every(DayOfWeek.FRIDAY),     self.time_rules.before_market_close(self._symbols[0], 1),     self._calendar_close,',
    ]);
    clean(code, req);
    const monday = generated('day-of-week effect on SPY: long on Mondays only');
    expect(scheduleCalls(monday.code).map((c) => c.split(',')[0]!.trim())).toEqual([
      'self.date_rules.every(DayOfWeek.MONDAY)',
      'self.date_rules.every(DayOfWeek.MONDAY)',
    ]);
  });

  it('holds the months of a seasonal rule, checking the month the date rule fires in', () => {
    const { code, request: req, notes } = generated('sell in May and go away: hold SPY November through April, cash May to October');
    expect(scheduleCalls(code)).toEqual([
      '    self.date_rules.month_start(self._symbols[0]),     self.time_rules.after_market_open(self._symbols[0], 1),     self._calendar_open,',
      '    self.date_rules.month_end(self._symbols[0]),     self.time_rules.before_market_close(self._symbols[0], 1),     self._calendar_close,',
    ]);
    expect(methodWithoutDocstring(code, '_calendar_open').slice(-7, -5)).toEqual(['if self.time.month != 11:', '    return']);
    expect(method(code, '_calendar_close')).toContain('if self.time.month != 4:');
    expect(notes.some((n) => /read as its usual window/.test(n))).toBe(false);
    clean(code, req);
    // A named convention's window is said in a note.
    expect(generated('Sell in May and go away with SPY').notes).toContain(
      '"Sell in May and go away" is read as its usual window: held from the open on the first trading day of November to the close on the last trading day of April.',
    );
  });

  it("limits a month's turn window to its months: the Santa Claus rally opens in December and closes in January", () => {
    const { code, request: req } = generated(
      'santa claus rally on QQQ: in the market for the last 5 trading days of december and the first 2 of january, 2010 to 2020',
    );
    expect(scheduleCalls(code).map((c) => c.split(',')[0]!.trim())).toEqual([
      'self.date_rules.month_end(self._symbols[0]',
      'self.date_rules.month_start(self._symbols[0]',
    ]);
    expect(scheduleCalls(code)[0]).toContain('self.date_rules.month_end(self._symbols[0], 4)');
    expect(scheduleCalls(code)[1]).toContain('self.date_rules.month_start(self._symbols[0], 1)');
    expect(method(code, '_calendar_open')).toContain('if self.time.month != 12:');
    expect(method(code, '_calendar_close')).toContain('if self.time.month != 1:');
    clean(code, req);
  });
});

describe('directions of a calendar rule', () => {
  const window = { effect: 'turn-of-month' as const, entryDay: read(-1), exitDay: read(3) };
  const of = (direction: Direction) => composed(calendarRequest(window, { direction }));

  it('long only opens long at the window and never passes a side', () => {
    const { code } = of('long');
    expect(method(code, '_enter')).toEqual(['"""Opens a long position, sized by the plan."""', 'self.set_holdings(traded, 1)']);
    expect(code).not.toMatch(/_enter\(symbol, traded, -1\)|set_holdings\(traded, -/);
  });

  it('short only holds the window short: sells short when it opens and covers when it closes', () => {
    const { code, notes } = of('short');
    const open = methodWithoutDocstring(code, '_calendar_open');
    const close = methodWithoutDocstring(code, '_calendar_close');
    expect(open.slice(-3)).toEqual([
      '    quantity = self.portfolio[traded].quantity',
      '    if quantity >= 0:',
      '        self._enter(symbol, traded, -1)',
    ]);
    expect(close.slice(-3)).toEqual([
      '    quantity = self.portfolio[traded].quantity',
      '    if quantity < 0:',
      '        self.liquidate(traded)',
    ]);
    expect(code).not.toContain('self._enter(symbol, traded, 1)');
    expect(notes).toContain('Short only, the position is short in the calendar window and flat the rest of the time.');
    clean(code, calendarRequest(window, { direction: 'short' }));
  });

  it('both ways is long in the window and short the rest of the time', () => {
    const { code, notes } = of('both');
    expect(methodWithoutDocstring(code, '_calendar_open').slice(-5)).toEqual([
      '    quantity = self.portfolio[traded].quantity',
      '    if quantity < 0:',
      '        self.liquidate(traded)',
      '    if quantity <= 0:',
      '        self._enter(symbol, traded, 1)',
    ]);
    expect(methodWithoutDocstring(code, '_calendar_close').slice(-5)).toEqual([
      '    quantity = self.portfolio[traded].quantity',
      '    if quantity > 0:',
      '        self.liquidate(traded)',
      '    if quantity >= 0:',
      '        self._enter(symbol, traded, -1)',
    ]);
    expect(notes).toContain('Traded both ways, the position is long in the calendar window and short the rest of the time.');
    clean(code, calendarRequest(window, { direction: 'both' }));
  });
});

describe('risk overlays and filters on a calendar rule', () => {
  it('checks a stop and a take profit on every bar, and re-arms at the next opening', () => {
    const req = calendarRequest(
      { effect: 'day-of-week', entryWeekday: read('monday'), exitWeekday: read('friday') },
      { risk: { stopLoss: read({ amount: 0.05, unit: 'fraction' }), takeProfit: read({ amount: 0.1, unit: 'fraction' }) } },
    );
    const { code } = composed(req);
    const onBar = method(code, '_on_bar');
    expect(onBar).toContain('        reason = self._risk_exit(symbol, traded)');
    expect(method(code, '_risk_exit')).toEqual(expect.arrayContaining(['if move <= -(entry * 0.05):', 'if move >= entry * 0.1:']));
    expect(method(code, '_calendar_open')).toEqual(
      expect.arrayContaining(['        self._stopped.discard(symbol)', '        self._enter(symbol, traded)']),
    );
    clean(code, req);
  });

  it('gates the openings on a filter, warmed up first, and stops with the drawdown limit', () => {
    const req = calendarRequest(
      { effect: 'month-of-year', fromMonth: read(11), toMonth: read(4) },
      {
        bar: { size: 1, unit: 'day' },
        filters: [{ kind: 'trend', period: 200, average: 'sma', side: 'above' }],
        risk: { maxDrawdown: read(0.2) },
      },
    );
    const { code, notes } = composed(req);
    expect(method(code, 'initialize')).toContain('self.set_warm_up(200, Resolution.DAILY)');
    const open = method(code, '_calendar_open');
    expect(open).toEqual(
      expect.arrayContaining([
        'if self.is_warming_up or self.time.month != 11:',
        'if self._drawdown_halted():',
        '        price = self.securities[symbol].price',
        '        if self._trend[symbol].is_ready and price > self._trend[symbol].current.value:',
      ]),
    );
    // Closing is never gated.
    expect(method(code, '_calendar_close').some((l) => l.includes('_trend'))).toBe(false);
    expect(notes).toContain(
      "On daily bars, LEAN fills the calendar rule's orders at the latest daily close it has, before the open or close the rule trades at; ask for minute bars to fill there.",
    );
    clean(code, req);
  });

  it('names what does not fit its own days and times: a schedule, a flat-by time, a trading window', () => {
    const req = calendarRequest(
      { effect: 'turn-of-month' },
      {
        schedule: { every: 'week', weekday: 'monday' },
        risk: { flatBy: read('15:55') },
        filters: [{ kind: 'time-of-day', after: '10:00', before: '15:30' }],
      },
    );
    const { code, gaps } = composed(req);
    expect(gaps).toEqual(
      expect.arrayContaining([
        {
          field: 'risk',
          sentence: 'Going flat by "" is not in the code: the calendar rule holds its position from its entry to its exit.',
        },
        { field: 'filters', sentence: 'The time window "" is not applied: the calendar rule trades at the session\'s open or close.' },
        { field: 'schedule', sentence: 'The schedule "" is not used: the calendar rule trades on its own days.' },
      ]),
    );
    expect(gaps).toHaveLength(3);
    expect(hasMethod(code, '_flatten')).toBe(false);
    expect(hasMethod(code, '_on_schedule')).toBe(false);
  });
});

describe('what a calendar rule cannot be', () => {
  it('declines a pre-holiday or event rule: LEAN has no calendar of holidays or announcements to schedule on', () => {
    expect(
      declineOf('Pre-holiday effect: buy SPY at the close on the day before each US market holiday and sell at the next close.'),
    ).toMatch(/^The offline generator cannot write a pre-holiday rule \("Pre-holiday effect"\): LEAN's date rules name no market holidays/);
    expect(declineOf('get into SPY two days before every FOMC meeting and out after it')).toMatch(
      /^The offline generator cannot write a rule timed on announcements or expiries \(".*FOMC meeting"\): LEAN's date rules know no economic, earnings or expiry calendar\./,
    );
  });

  it('declines a calendar rule on no instrument, asking for one', () => {
    expect(declineOf('day-of-week effect: long on Mondays only')).toMatch(
      /^The offline generator writes a calendar rule \("day-of-week effect"\) on a named US stock, ETF or index, and the prompt names none; name the one to trade\./,
    );
  });

  it('declines instruments without a daily session, and more than one instrument', () => {
    const reason = (instruments: (typeof AAPL)[]) => plannedDecline(calendarRequest({ effect: 'turn-of-month' }, { instruments }));
    expect(reason([BTC])).toBe(
      'The offline generator writes calendar rules on US equities, ETFs and indices, whose sessions open and close each day; BTCUSD trades around the clock every day, so its open and close are not defined.',
    );
    expect(reason([EURUSD])).toMatch(/EURUSD trades around the clock on weekdays, so its open and close are not defined\.$/);
    expect(reason([ES])).toMatch(/ES trades nearly around the clock, so its open and close are not defined\.$/);
    expect(declineOf('Sell in May: be in SPY from November through April and sit in SHY from May to October.')).toMatch(
      /^The offline generator writes a calendar rule on one instrument; the prompt names 2 \(SPY and SHY\)\. Say which one the calendar trades, or whether the others are held outside its window\./,
    );
  });

  it('declines a window it cannot place: no weekday, no months, one that closes before it opens, or the whole year', () => {
    expect(plannedDecline(calendarRequest({ effect: 'day-of-week' }))).toMatch(
      /^The prompt names a day-of-week rule \(""\) but not the weekday it buys on; say which/,
    );
    expect(plannedDecline(calendarRequest({ effect: 'month-of-year' }))).toMatch(
      /^The prompt names a seasonal rule \(""\) but not the months it holds; say which/,
    );
    expect(plannedDecline(calendarRequest({ effect: 'turn-of-month', entryDay: read(5), exitDay: read(2) }))).toMatch(
      /closes before it opens: its exit day does not come after its entry day\.$/,
    );
    expect(plannedDecline(calendarRequest({ effect: 'month-of-year', fromMonth: read(1), toMonth: read(12) }))).toMatch(
      /are the whole year, so there is no calendar rule to trade; ask for buy and hold instead\.$/,
    );
  });
});

describe('conformance of code to a calendar window', () => {
  it('names a date rule on another day, and a weekday not scheduled', () => {
    const month = generated(
      'turn-of-the-month effect on SPY: buy 2 trading days before month end, sell on the 3rd trading day of the new month',
    );
    clean(month.code, month.request);
    const shifted = month.code.replace('month_end(self._symbols[0], 2)', 'month_end(self._symbols[0], 1)');
    expect(checkRequestSource(validation.parser, shifted, month.request).map((m) => [m.field, m.message])).toEqual([
      [
        'schedule',
        'The prompt asks for "2 trading days before month end" (trading day 3 from the month\'s end); the code schedules no event on trading day 3 from the month\'s end (self.date_rules.month_end(symbol, 2)).',
      ],
    ]);
    const week = generated('Day-of-week effect on VTV: own it only from the Tuesday open to the Thursday close');
    clean(week.code, week.request);
    const friday = week.code.replace('DayOfWeek.THURSDAY', 'DayOfWeek.FRIDAY');
    expect(checkRequestSource(validation.parser, friday, week.request).map((m) => m.message)).toEqual([
      'The prompt asks for "the Thursday close" (Thursday); the code schedules nothing on Thursdays (self.date_rules.every(DayOfWeek.THURSDAY)).',
    ]);
    const noClose = week.code.replace('before_market_close(self._symbols[0], 1)', 'at(12, 0)');
    expect(checkRequestSource(validation.parser, noClose, week.request).map((m) => m.message)).toEqual([
      'The prompt asks for "the Thursday close" (at the close); the code never trades at the session\'s close (self.time_rules.before_market_close(symbol, 1)).',
    ]);
  });
});
