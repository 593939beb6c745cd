// `--format json`: the results model reduced to what a script needs, with every key in a fixed order
// (objects are built here field by field, never spread from the model, so the output does not change
// when the model gains a field). Charts are summarised per series instead of listing every point.
// Times are unix seconds and statistics stay LEAN's text, as in the model (see ../backtest/results/types.ts).
import type { BacktestResults, ClosedTrade, Order, Series } from '../backtest/results/index';
import type { ReportSource } from './source';

/** Bumped when a field is renamed or removed; adding fields keeps the version. */
export const JSON_REPORT_VERSION = 1;

export interface SeriesSummary {
  chart: string;
  name: string;
  seriesType: string;
  unit: string;
  points: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Over the values (candles: lowest low, highest high, last close). */
  min: number | null;
  max: number | null;
  last: number | null;
}

export interface JsonReport {
  reportVersion: number;
  title: string;
  project: string | null;
  run: string;
  algorithmId: string | null;
  resultFile: string | null;
  format: BacktestResults['format'];
  period: { start: number | null; end: number | null };
  state: { status: string | null; runtimeError: string | null; stackTrace: string | null };
  statistics: Record<string, string>;
  runtimeStatistics: Record<string, string>;
  parameters: Record<string, string>;
  series: SeriesSummary[];
  orders: Order[];
  closedTrades: ClosedTrade[];
  /** What the reader skipped or repaired in the files. */
  warnings: string[];
  /** The algorithm's runtime error, when it failed. */
  errors: string[];
}

export function buildJsonReport(source: ReportSource): JsonReport {
  const r = source.results;
  const state = r.state;
  return {
    reportVersion: JSON_REPORT_VERSION,
    title: source.title,
    project: source.project,
    run: source.run,
    algorithmId: r.algorithmId,
    resultFile: source.resultFile,
    format: r.format,
    period: backtestPeriod(r),
    state: { status: state?.status ?? null, runtimeError: state?.runtimeError ?? null, stackTrace: state?.stackTrace ?? null },
    statistics: { ...r.statistics },
    runtimeStatistics: { ...r.runtimeStatistics },
    parameters: { ...(r.algorithmConfiguration?.parameters ?? {}) },
    series: Object.values(r.charts).flatMap((chart) => Object.values(chart.series).map((s) => summariseSeries(chart.name, s))),
    orders: r.orders.map(orderFields),
    closedTrades: (r.totalPerformance?.closedTrades ?? []).map(tradeFields),
    warnings: [...source.warnings],
    errors: runtimeErrors(r),
  };
}

/** The report as printed or written: two-space indented JSON and a final newline. */
export function jsonReportText(source: ReportSource): string {
  return `${JSON.stringify(buildJsonReport(source), null, 2)}\n`;
}

/**
 * The configured start and end dates; without a configuration (old files), the first and last times of
 * the equity, benchmark and drawdown series.
 */
export function backtestPeriod(r: BacktestResults): { start: number | null; end: number | null } {
  let first: number | null = null;
  let last: number | null = null;
  for (const series of [r.equity, r.benchmark, r.drawdown]) {
    const points = series?.points ?? [];
    const a = points[0]?.time;
    const b = points[points.length - 1]?.time;
    if (a !== undefined) first = first === null ? a : Math.min(first, a);
    if (b !== undefined) last = last === null ? b : Math.max(last, b);
  }
  return { start: r.algorithmConfiguration?.startDate ?? first, end: r.algorithmConfiguration?.endDate ?? last };
}

/** The runtime error as one message, or none (a run that failed without one says so by its status). */
export function runtimeErrors(r: BacktestResults): string[] {
  const error = r.state?.runtimeError?.trim();
  if (error) return [error];
  return r.state?.status === 'RuntimeError' ? ['The algorithm stopped with a runtime error (LEAN gave no message).'] : [];
}

export function summariseSeries(chart: string, series: Series): SeriesSummary {
  const first = series.points[0];
  let min: number | null = null;
  let max: number | null = null;
  let last: number | null = null;
  if (series.kind === 'candles') {
    for (const p of series.points) {
      min = min === null ? p.low : Math.min(min, p.low);
      max = max === null ? p.high : Math.max(max, p.high);
    }
    last = series.points[series.points.length - 1]?.close ?? null;
  } else {
    for (const p of series.points) {
      min = min === null ? p.value : Math.min(min, p.value);
      max = max === null ? p.value : Math.max(max, p.value);
    }
    last = series.points[series.points.length - 1]?.value ?? null;
  }
  return {
    chart,
    name: series.name,
    seriesType: series.seriesType,
    unit: series.unit,
    points: series.points.length,
    firstTime: first?.time ?? null,
    lastTime: series.points[series.points.length - 1]?.time ?? null,
    min,
    max,
    last,
  };
}

function orderFields(o: Order): Order {
  return {
    id: o.id,
    symbol: o.symbol,
    symbolId: o.symbolId,
    type: o.type,
    status: o.status,
    direction: o.direction,
    securityType: o.securityType,
    time: o.time,
    createdTime: o.createdTime,
    lastFillTime: o.lastFillTime,
    canceledTime: o.canceledTime,
    price: o.price,
    priceCurrency: o.priceCurrency,
    quantity: o.quantity,
    value: o.value,
    tag: o.tag,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    triggerPrice: o.triggerPrice,
  };
}

function tradeFields(t: ClosedTrade): ClosedTrade {
  return {
    symbol: t.symbol,
    symbolId: t.symbolId,
    direction: t.direction,
    entryTime: t.entryTime,
    entryPrice: t.entryPrice,
    exitTime: t.exitTime,
    exitPrice: t.exitPrice,
    quantity: t.quantity,
    profitLoss: t.profitLoss,
    totalFees: t.totalFees,
    mae: t.mae,
    mfe: t.mfe,
    duration: t.duration,
    durationSeconds: t.durationSeconds,
    endTradeDrawdown: t.endTradeDrawdown,
    isWin: t.isWin,
    orderIds: [...t.orderIds],
  };
}
