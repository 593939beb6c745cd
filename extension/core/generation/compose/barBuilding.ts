// The bars the rules read. LEAN subscribes at one of its native resolutions (second, minute, hour,
// day); any other bar (4-hour, 15-minute, weekly) is built by a consolidator from the finest native
// resolution that divides it, and the indicators are fed from the consolidated bars only. Warm-up is
// sized in the bars the indicators read, on the instruments' trading hours (LEAN: `SetWarmUp`,
// `Consolidate`, Algorithm/QCAlgorithm.cs; trading hours from market-hours-database.json).
import type { BarSize } from '../../request/types';
import type { NativeResolution, PlannedBar, PlannedInstrument } from './composeTypes';

const NATIVE: Readonly<Partial<Record<BarSize['unit'], NativeResolution>>> = {
  second: 'SECOND',
  minute: 'MINUTE',
  hour: 'HOUR',
  day: 'DAILY',
};

/** The bar the plan uses for `size`: native when LEAN has it, else consolidated from the resolution below. */
export function planBar(size: BarSize): PlannedBar {
  const native = size.size === 1 ? NATIVE[size.unit] : undefined;
  if (native) return { size, resolution: native, consolidated: false };
  return { size, resolution: sourceResolution(size), consolidated: true };
}

function sourceResolution({ size, unit }: BarSize): NativeResolution {
  switch (unit) {
    case 'second':
      return 'SECOND';
    case 'minute':
      return 'MINUTE';
    case 'hour':
      return 'HOUR';
    case 'day':
    case 'week':
      return size >= 1 ? 'DAILY' : 'HOUR';
  }
}

/** The period argument of `self.consolidate`: `Calendar.WEEKLY` for one week, else a timedelta. */
export function consolidationPeriod({ size, unit }: BarSize): string {
  if (unit === 'week') return size === 1 ? 'Calendar.WEEKLY' : `timedelta(weeks=${size})`;
  return `timedelta(${unit}s=${size})`;
}

/** Trading hours per day and trading days per week, by security type (LEAN's market hours database, regular hours). */
function tradingHours(instrument: PlannedInstrument): { hoursPerDay: number; daysPerWeek: number } {
  switch (instrument.type) {
    case 'crypto':
    case 'cryptofuture':
      return { hoursPerDay: 24, daysPerWeek: 7 };
    case 'forex':
    case 'cfd':
      return { hoursPerDay: 24, daysPerWeek: 5 };
    case 'future':
      return { hoursPerDay: 23, daysPerWeek: 5 };
    default:
      return { hoursPerDay: 6.5, daysPerWeek: 5 };
  }
}

/**
 * Bars a year of the plan's bar size, for annualising volatility: trading days a year (365 for a book of
 * crypto alone, else 252) times the bars a session holds on the slowest market of the book (a 6.5-hour
 * equity session holds 7 hourly bars and 2 four-hour bars, the last one short).
 */
export function barsPerYear(bar: PlannedBar, instruments: readonly PlannedInstrument[]): number {
  const crypto = instruments.length > 0 && instruments.every((i) => i.type === 'crypto' || i.type === 'cryptofuture');
  const days = crypto ? 365 : 252;
  const { size, unit } = bar.size;
  if (unit === 'week') return 52 / size;
  if (unit === 'day') return days / size;
  const hours = instruments.length ? Math.min(...instruments.map((i) => tradingHours(i).hoursPerDay)) : 6.5;
  return days * Math.max(1, Math.ceil((hours * 60) / (size * UNIT_MINUTES[unit])));
}

const UNIT_MINUTES: Readonly<Record<BarSize['unit'], number>> = { second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080 };

/**
 * Calendar days that hold `bars` bars of the plan's size for every instrument: the slowest market
 * decides, with a margin for holidays. Consolidated bars only; native ones are warmed by bar count.
 */
export function warmUpDays(bar: PlannedBar, instruments: readonly PlannedInstrument[], bars: number): number {
  let days = 1;
  for (const instrument of instruments) {
    const { hoursPerDay, daysPerWeek } = tradingHours(instrument);
    const minutes = bar.size.size * UNIT_MINUTES[bar.size.unit];
    const perTradingDay =
      bar.size.unit === 'week'
        ? 1 / (daysPerWeek * bar.size.size)
        : bar.size.unit === 'day'
          ? 1 / bar.size.size
          : Math.max(1, Math.floor((hoursPerDay * 60) / minutes));
    const tradingDays = bars / perTradingDay;
    days = Math.max(days, Math.ceil(((tradingDays * 7) / daysPerWeek) * 1.1) + 3);
  }
  return days;
}

/** The `set_warm_up` call covering `bars` of the plan's bars. */
export function warmUpLine(bar: PlannedBar, instruments: readonly PlannedInstrument[], bars: number): string {
  if (!bar.consolidated) return `self.set_warm_up(${bars}, Resolution.${bar.resolution})`;
  return `self.set_warm_up(timedelta(days=${warmUpDays(bar, instruments, bars)}))`;
}

/** "daily bars", "4-hour bars", "weekly bars", for prose. */
export function barWords({ size, unit }: BarSize): string {
  if (size === 1) return unit === 'day' ? 'daily bars' : unit === 'week' ? 'weekly bars' : unit === 'hour' ? 'hourly bars' : `${unit} bars`;
  return `${size}-${unit} bars`;
}
