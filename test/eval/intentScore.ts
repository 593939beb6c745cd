// Scoring of the intent benchmark: a request as read against the request a careful reader expects,
// field by field, and the outcome of the offline generator on the prompt: fully right, honestly
// declined, partly disclosed (everything it does not do is in `unfulfilled`), or silently wrong.
import type { Instrument, RequestField, StrategyRequest } from '../../extension/core/request/types';
import type { ExpectedRequest } from './intentSet';

/** The fields scored, in the order the table prints them. */
export const SCORED_FIELDS = [
  'instruments',
  'types',
  'markets',
  'rules',
  'numbers',
  'direction',
  'bar',
  'schedule',
  'sizing',
  'risk',
  'universe',
  'filters',
  'period',
  'cash',
  'problems',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** Per field: undefined when neither the expectation nor the reading has it (the field is not scored). */
export type FieldResult = Partial<Record<ScoredField, boolean>>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Sorted keys, numbers rounded, empty objects and arrays dropped: two readings of the same thing compare equal. */
function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(8));
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[key]);
      if (v === undefined || (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && Object.keys(v).length === 0)) continue;
      out[key] = v;
    }
    return out;
  }
  return value;
}

function sortedStrings(items: string[]): string[] {
  return [...items].sort();
}

function instrumentKey(i: { symbol: string; type?: string; securityType?: string }): string {
  return `${i.symbol}:${i.type ?? i.securityType}`;
}

function readOption(i: Instrument): Record<string, unknown> | undefined {
  const o = i.option;
  if (!o) return undefined;
  return {
    right: o.right?.value,
    delta: o.delta?.value,
    daysToExpiry: o.daysToExpiry?.value,
    moneyness: o.moneyness?.value,
  };
}

/** The numbers of the signals as `kind.param=value` lines, order-free. */
function numberLines(signals: { kind: string; params?: Record<string, number> }[]): string[] {
  return sortedStrings(
    signals.flatMap((s) => Object.entries(s.params ?? {}).map(([k, v]) => `${s.kind}.${k}=${Number(v.toPrecision(8))}`)),
  );
}

/** The reading in the expectation's shape, so the two can be compared field by field. */
export function asExpected(request: StrategyRequest): ExpectedRequest {
  const risk: Record<string, unknown> = {};
  for (const [key, read] of Object.entries(request.risk)) if (read) risk[key] = (read as { value: unknown }).value;
  return {
    instruments: request.instruments.map((i) => ({
      symbol: i.symbol,
      type: i.securityType,
      market: i.market,
      ...(readOption(i) ? { option: readOption(i)! } : {}),
    })),
    ...(request.bar ? { bar: request.bar.value } : {}),
    ...(request.direction ? { direction: request.direction.value } : {}),
    signals: request.signals.map((s) => ({
      kind: s.kind,
      params: Object.fromEntries(Object.entries(s.params).map(([k, r]) => [k, r.value])),
    })),
    ...(request.sizing ? { sizing: request.sizing.value } : {}),
    risk: risk as NonNullable<ExpectedRequest['risk']>,
    ...(request.schedule ? { schedule: request.schedule.value } : {}),
    ...(request.universe ? { universe: request.universe.value } : {}),
    filters: request.filters.map((f) => f.value),
    period: {
      ...(request.period.start ? { start: request.period.start.value } : {}),
      ...(request.period.end ? { end: request.period.end.value } : {}),
    },
    ...(request.cash ? { cash: request.cash.value } : {}),
    problems: request.problems.map((p) => p.kind),
  };
}

/** Field by field: does the reading hold exactly what the prompt states? */
export function scoreFields(expected: ExpectedRequest, read: ExpectedRequest): FieldResult {
  const result: FieldResult = {};
  const score = (field: ScoredField, a: unknown, b: unknown) => {
    if (canonical(a) === undefined && canonical(b) === undefined) return;
    const ca = canonical(a);
    const cb = canonical(b);
    const empty = (v: unknown) =>
      v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
    if (empty(ca) && empty(cb)) return;
    result[field] = same(a, b);
  };
  score('instruments', sortedStrings(expected.instruments.map((i) => i.symbol)), sortedStrings(read.instruments.map((i) => i.symbol)));
  score('types', sortedStrings(expected.instruments.map(instrumentKey)), sortedStrings(read.instruments.map(instrumentKey)));
  score(
    'markets',
    sortedStrings(expected.instruments.map((i) => `${i.symbol}:${i.market}`)),
    sortedStrings(read.instruments.map((i) => `${i.symbol}:${i.market}`)),
  );
  score('rules', sortedStrings((expected.signals ?? []).map((s) => s.kind)), sortedStrings((read.signals ?? []).map((s) => s.kind)));
  score('numbers', numberLines(expected.signals ?? []), numberLines(read.signals ?? []));
  score('direction', expected.direction, read.direction);
  score('bar', expected.bar, read.bar);
  score('schedule', expected.schedule, read.schedule);
  score('sizing', expected.sizing, read.sizing);
  score('risk', expected.risk, read.risk);
  score('universe', expected.universe, read.universe);
  score(
    'filters',
    sortedStrings((expected.filters ?? []).map((f) => JSON.stringify(canonical(f)))),
    sortedStrings((read.filters ?? []).map((f) => JSON.stringify(canonical(f)))),
  );
  score('period', expected.period, read.period);
  score('cash', expected.cash, read.cash);
  score('problems', sortedStrings([...new Set(expected.problems ?? [])]), sortedStrings([...new Set(read.problems ?? [])]));
  // Options: the contract selection counts toward the types.
  const options = (r: ExpectedRequest) =>
    sortedStrings(r.instruments.filter((i) => i.option).map((i) => `${i.symbol}:${JSON.stringify(canonical(i.option))}`));
  if (options(expected).length || options(read).length) result.types = (result.types ?? true) && same(options(expected), options(read));
  return result;
}

/** The request fields a scored field stands for, so a disclosure about one covers a misreading of the other. */
export const DISCLOSED_BY: Readonly<Record<ScoredField, readonly RequestField[]>> = {
  instruments: ['instruments', 'types'],
  types: ['types', 'instruments'],
  markets: ['markets', 'types', 'instruments'],
  rules: ['rules', 'numbers'],
  numbers: ['numbers', 'rules'],
  direction: ['direction'],
  bar: ['bar'],
  schedule: ['schedule'],
  sizing: ['sizing'],
  risk: ['risk'],
  universe: ['universe'],
  filters: ['filters'],
  period: ['period'],
  cash: ['cash'],
  problems: ['instruments', 'rules', 'direction', 'period'],
};

export type Outcome = 'fully right' | 'declined' | 'partly disclosed' | 'silently wrong';
