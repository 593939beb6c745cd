// The backtest period of a request, for the composer and the template path alike. Stated dates are used
// as stated. An unstated start is the later of DEFAULT_START and the last first traded date among the
// traded instruments (request/listingDates.ts), so a default never starts before an instrument has
// prices; an unstated end is DEFAULT_END or a year after the start, whichever is later. Every default
// is named in a note. A stated start before an instrument's first trade is kept (the user chose it) and
// named in a note too: the code does what was asked, so it is not a gap.
import { firstTraded } from '../../request/listingDates';
import type { SecurityType } from '../../request/symbols';
import { DEFAULT_END, DEFAULT_START, type DateTriple } from '../templates';
import { isoDate } from '../templates/python';

/** An instrument the code trades: for options the underlying; a universe's members are not known here. */
export interface TradedInstrument {
  symbol: string;
  type: SecurityType;
  market: string;
}

export interface PlannedPeriod {
  start: DateTriple;
  end: DateTriple;
  /** The defaults taken and the instruments that began trading after the start, one sentence each. */
  notes: string[];
}

/** The period for the stated dates (either may be absent) and the instruments traded. */
export function planPeriod(
  stated: { start?: DateTriple | undefined; end?: DateTriple | undefined },
  traded: readonly TradedInstrument[],
): PlannedPeriod {
  const listed = listings(traded);
  const notes: string[] = [];
  let start = stated.start;
  if (!start) {
    const latest = listed.reduce<DateTriple | undefined>((last, l) => (!last || dayOf(l.date) > dayOf(last) ? l.date : last), undefined);
    // The latest listing, unless the default start is later or a stated end leaves no time after it.
    const follows = latest && dayOf(latest) > dayOf(DEFAULT_START) && (!stated.end || dayOf(latest) < dayOf(stated.end));
    start = follows ? [...latest] : [...DEFAULT_START];
    const when = follows
      ? `, when ${listOf(listed.filter((l) => dayOf(l.date) === dayOf(latest)).map((l) => l.symbol))} began trading`
      : '';
    notes.push(`No start date stated; the backtest starts ${isoDate(start)}${when}.`);
  }
  for (const l of listed)
    if (dayOf(l.date) > dayOf(start))
      notes.push(
        `The backtest starts ${isoDate(start)}${stated.start ? ', as stated' : ''}, but ${l.symbol} began trading on ${isoDate(l.date)}: before then there is no ${l.symbol} to trade.`,
      );
  let end = stated.end;
  if (!end) {
    end = laterOf(DEFAULT_END, [start[0] + 1, start[1], start[2]]);
    notes.push(`No end date stated; the backtest ends ${isoDate(end)}.`);
  }
  return { start, end, notes };
}

/** The traded instruments the listing table knows, each symbol once, with its first traded date. */
function listings(traded: readonly TradedInstrument[]): { symbol: string; date: DateTriple }[] {
  const found = new Map<string, DateTriple>();
  for (const i of traded) {
    const date = firstTraded(i.type, i.market, i.symbol);
    // A coin lists on each exchange in turn, so its name says which.
    const name = i.type === 'crypto' || i.type === 'cryptofuture' ? `${i.symbol} on ${i.market}` : i.symbol;
    if (date && !found.has(name)) found.set(name, date.split('-').map(Number) as DateTriple);
  }
  return [...found].map(([symbol, date]) => ({ symbol, date }));
}

function dayOf([y, m, d]: DateTriple): number {
  return y * 10000 + m * 100 + d;
}

function laterOf(a: DateTriple, b: DateTriple): DateTriple {
  return dayOf(a) >= dayOf(b) ? [...a] : [...b];
}

/** "COIN", "ZM and PINS", "A, B and C". */
function listOf(symbols: string[]): string {
  return symbols.length < 2 ? (symbols[0] ?? '') : `${symbols.slice(0, -1).join(', ')} and ${symbols[symbols.length - 1]}`;
}
