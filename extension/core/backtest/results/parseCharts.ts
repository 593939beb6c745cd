// Charts: `{name, chartType, series: {name → {name, unit, index, seriesType, values, ...}}}`.
// Points come in three shapes: `[x, y]` (LEAN since May 2024), `[t, o, h, l, c]` for candlestick series,
// and `{x, y}` (older files; scatter points also carry a tooltip). They are checked by hand rather than
// with zod because a minute-resolution backtest can hold hundreds of thousands of them.
// Null samples are dropped silently (LEAN writes them for gaps); other non-numeric samples are dropped
// with one warning per series.
import { ChartType, SeriesType } from './leanEnums';
import { childPath, enumNumber, getField, int, isObject, kindOf, readFields, str, text, type Json, type Warnings } from './fields';
import type { CandlePoint, Chart, Series, ValuePoint } from './types';

export function parseCharts(value: unknown, path: string, warnings: Warnings): Record<string, Chart> {
  const charts: Record<string, Chart> = {};
  if (value === undefined || value === null) return charts;
  if (!isObject(value)) {
    warnings.add(path, `expected an object of name → chart, found ${kindOf(value)}; no charts read`);
    return charts;
  }
  for (const [key, raw] of Object.entries(value)) {
    const at = childPath(path, key);
    if (!isObject(raw)) {
      warnings.add(at, `expected a chart object, found ${kindOf(raw)}; chart skipped`);
      continue;
    }
    const fields = readFields(raw, { name: str, chartType: enumNumber }, at, warnings);
    const chartType = fields.chartType === undefined ? null : ChartType.name(fields.chartType).name;
    charts[key] = {
      name: fields.name ?? key,
      chartType,
      series: parseSeriesMap(getField(raw, 'series'), childPath(at, 'series'), warnings),
    };
  }
  return charts;
}

function parseSeriesMap(value: unknown, path: string, warnings: Warnings): Record<string, Series> {
  const out: Record<string, Series> = {};
  if (value === undefined || value === null) return out;
  if (!isObject(value)) {
    warnings.add(path, `expected an object of name → series, found ${kindOf(value)}; no series read`);
    return out;
  }
  for (const [key, raw] of Object.entries(value)) {
    const series = parseSeries(key, raw, childPath(path, key), warnings);
    if (series) out[key] = series;
  }
  return out;
}

const seriesFields = { name: str, unit: str, index: int, indexName: str, seriesType: enumNumber, color: str };

function parseSeries(key: string, raw: unknown, path: string, warnings: Warnings): Series | null {
  if (!isObject(raw)) {
    warnings.add(path, `expected a series object, found ${kindOf(raw)}; series skipped`);
    return null;
  }
  const fields = readFields(raw, seriesFields, path, warnings);
  const values = getField(raw, 'values') ?? [];
  if (!Array.isArray(values)) {
    warnings.add(childPath(path, 'values'), `expected an array of points, found ${kindOf(values)}; series skipped`);
    return null;
  }
  const type = fields.seriesType === undefined ? null : SeriesType.name(fields.seriesType);
  if (type && !type.known && typeof fields.seriesType === 'string') {
    warnings.add(childPath(path, 'seriesType'), `${JSON.stringify(fields.seriesType)} is not a LEAN SeriesType`);
  }
  const candles = type ? type.name === 'Candle' : looksLikeCandles(values);
  const base = {
    name: fields.name ?? key,
    unit: fields.unit ?? '',
    seriesType: type?.name ?? (candles ? 'Candle' : 'Line'),
    index: fields.index ?? null,
    indexName: text(fields.indexName),
    color: text(fields.color),
  } as const;
  const valuesPath = childPath(path, 'values');
  return candles
    ? { ...base, kind: 'candles', points: collect(values, toCandle, 'candles [t, o, h, l, c] or points [x, y]', valuesPath, warnings) }
    : { ...base, kind: 'values', points: collect(values, toValuePoint, 'points [x, y] or {x, y}', valuesPath, warnings) };
}

/** For a series without seriesType: candles when the first sample has five numbers or an `open`. */
function looksLikeCandles(values: unknown[]): boolean {
  const first = values.find((v) => v !== null);
  return (Array.isArray(first) && first.length >= 5) || (isObject(first) && getField(first, 'open') !== undefined);
}

type Sample<P> = P | null | 'bad';

function collect<P extends { time: number }>(
  values: unknown[],
  convert: (raw: unknown) => Sample<P>,
  expected: string,
  path: string,
  warnings: Warnings,
): P[] {
  const points: P[] = [];
  let bad = 0;
  let firstBad: unknown;
  let sorted = true;
  for (const raw of values) {
    const point = convert(raw);
    if (point === 'bad') {
      if (bad++ === 0) firstBad = raw;
    } else if (point !== null) {
      const previous = points[points.length - 1];
      if (previous && previous.time > point.time) sorted = false;
      points.push(point);
    }
  }
  if (bad > 0) {
    const sample = JSON.stringify(firstBad) ?? String(firstBad);
    warnings.add(path, `dropped ${bad} of ${values.length} samples that are not ${expected} of numbers (first: ${sample.slice(0, 80)})`);
  }
  return sorted ? points : points.sort((a, b) => a.time - b.time);
}

/**
 * The numbers of a sample: 'bad' when a member is missing or not a finite number, null when a member
 * is null (a gap). Array samples take the first `keys.length` members; object samples the named keys.
 */
function numbersOf(raw: unknown[] | Json, keys: readonly string[]): number[] | null | 'bad' {
  const out: number[] = [];
  let gap = false;
  for (let i = 0; i < keys.length; i++) {
    const v = Array.isArray(raw) ? raw[i] : getField(raw, keys[i] ?? '');
    if (v === null) gap = true;
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
    else return 'bad';
  }
  return gap ? null : out;
}

const XY = ['x', 'y'] as const;
const CANDLE = ['time', 'open', 'high', 'low', 'close'] as const;

function toValuePoint(raw: unknown): Sample<ValuePoint> {
  if (raw === null) return null;
  if (!Array.isArray(raw) && !isObject(raw)) return 'bad';
  if (Array.isArray(raw) && raw.length < 2) return 'bad';
  const xy = numbersOf(raw, XY);
  if (xy === null || xy === 'bad') return xy;
  const [time = 0, value = 0] = xy;
  const tooltip = isObject(raw) ? getField(raw, 'tooltip') : undefined;
  return typeof tooltip === 'string' && tooltip !== '' ? { time, value, tooltip } : { time, value };
}

function toCandle(raw: unknown): Sample<CandlePoint> {
  if (raw === null) return null;
  let n: number[] | null | 'bad';
  if (Array.isArray(raw)) {
    if (raw.length >= 5) n = numbersOf(raw, CANDLE);
    else if (raw.length >= 2) n = flat(numbersOf(raw, XY));
    else return 'bad';
  } else if (isObject(raw)) {
    n = getField(raw, 'open') !== undefined ? numbersOf(raw, CANDLE) : flat(numbersOf(raw, XY));
  } else return 'bad';
  if (n === null || n === 'bad') return n;
  const [time = 0, open = 0, high = 0, low = 0, close = 0] = n;
  return { time, open, high, low, close };
}

/** `[x, y]` or `{x, y}` in a candlestick series (older files): a candle whose open, high, low and close are all y. */
function flat(xy: number[] | null | 'bad'): number[] | null | 'bad' {
  if (xy === null || xy === 'bad') return xy;
  const [x = 0, y = 0] = xy;
  return [x, y, y, y, y];
}
