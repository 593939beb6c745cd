// The backtest panel's view of one run, built from the results model (the panel and the reports read
// the same model and share statisticCards, the benchmark scaling and the period, so they agree). Pure:
// panelData.ts does the reading. What a run lacks becomes a note the panel shows, never a blank area.
import type { ClosedTrade, Order } from '../backtest/results/index';
import {
  DISPLAY_MAX_POINTS,
  PANEL_MAX_LOG_LINES,
  PANEL_MAX_ROWS,
  type ChartsView,
  type OrderRow,
  type RunView,
  type TradeRow,
} from '../../shared/protocol';
import { backtestPeriod, runtimeErrors } from '../report/jsonReport';
import { errorViews, type RunnerError } from './panelErrors';
import { benchmarkView, equityView, exposureView, lineView } from './panelSeries';
import { seriesValues } from '../report/chartData';
import type { ReportSource } from '../report/source';
import { statisticCards } from '../report/statisticCards';

export interface RunViewOptions {
  /** Longest chart series sent (default DISPLAY_MAX_POINTS). */
  maxPoints?: number;
  /** Errors the runner found in LEAN's log (they name lines even when the result does not). */
  runnerErrors?: readonly RunnerError[];
}

export function buildRunView(source: ReportSource, options: RunViewOptions = {}): RunView {
  const r = source.results;
  const maxPoints = options.maxPoints ?? DISPLAY_MAX_POINTS;
  const errors = errorViews(r, options.runnerErrors);
  const charts: ChartsView = {
    equity: r.equity && r.equity.points.length > 0 ? equityView(r.equity, maxPoints) : null,
    benchmark: benchmarkView(r.benchmark, r.equity, maxPoints),
    drawdown: r.drawdown && r.drawdown.points.length > 0 ? lineView('Drawdown', '%', seriesValues(r.drawdown), maxPoints) : null,
    exposure: r.exposure.filter((s) => s.points.length > 0).map((s) => exposureView(s, maxPoints)),
  };
  const trades = r.totalPerformance?.closedTrades ?? [];
  const failed = runtimeErrors(r).length > 0 || errors.length > 0;
  return {
    folder: source.dir,
    title: source.title,
    project: source.project,
    run: source.run,
    algorithmId: r.algorithmId,
    period: backtestPeriod(r),
    status: r.state?.status ?? (failed ? 'RuntimeError' : null),
    failed,
    errors,
    stackTrace: r.state?.stackTrace?.trim() || null,
    currency: r.algorithmConfiguration?.accountCurrency ?? null,
    cards: statisticCards(r.statistics),
    statistics: { ...r.statistics },
    runtimeStatistics: { ...r.runtimeStatistics },
    parameters: { ...(r.algorithmConfiguration?.parameters ?? {}) },
    charts,
    orders: r.orders.slice(0, PANEL_MAX_ROWS).map(orderRow),
    ordersTotal: r.orders.length,
    trades: trades.slice(0, PANEL_MAX_ROWS).map(tradeRow),
    tradesTotal: trades.length,
    logs: r.logs.slice(0, PANEL_MAX_LOG_LINES),
    logsTotal: r.logs.length,
    notes: [...missingSections(source, charts), ...source.warnings],
  };
}

/** A run that left no result (LEAN failed before writing one): the header and its errors, with a note. */
export function failedRunView(info: {
  folder: string;
  project: string | null;
  run: string;
  message: string;
  errors: readonly RunnerError[];
}): RunView {
  const errors = errorViews(null, info.errors);
  if (errors.length === 0) errors.push({ message: info.message, file: null, line: null });
  return {
    folder: info.folder,
    title: info.project ?? info.run,
    project: info.project,
    run: info.run,
    algorithmId: null,
    period: { start: null, end: null },
    status: 'Failed',
    failed: true,
    errors,
    stackTrace: null,
    currency: null,
    cards: [],
    statistics: {},
    runtimeStatistics: {},
    parameters: {},
    charts: { equity: null, benchmark: null, drawdown: null, exposure: [] },
    orders: [],
    ordersTotal: 0,
    trades: [],
    tradesTotal: 0,
    logs: [],
    logsTotal: 0,
    notes: [
      `LEAN wrote no results for this run: ${info.message} Fix the error and run LEAN: Run Backtest again; the "LEAN Backtest" output channel has LEAN's full log.`,
    ],
  };
}

/** One sentence per whole section the result lacks, so a partial result reads as partial, not broken. */
function missingSections(source: ReportSource, charts: ChartsView): string[] {
  const r = source.results;
  const notes: string[] = [];
  if (Object.keys(r.statistics).length === 0) notes.push('This result has no statistics (LEAN writes them when a backtest completes).');
  if (!charts.equity) notes.push('This result has no equity chart.');
  else if (!r.benchmark) notes.push('This result has no benchmark: the equity chart shows the strategy alone.');
  else if (!charts.benchmark)
    notes.push('The benchmark has no prices in this result (LEAN had no data for it), so the equity chart shows the strategy alone.');
  if (charts.equity && !charts.drawdown) notes.push('This result has no drawdown chart.');
  if (r.orders.length === 0) {
    notes.push(
      source.resultFile?.endsWith('-summary.json') ? 'Orders are not in the summary file that was read.' : 'This run placed no orders.',
    );
  }
  for (const [what, total] of [
    ['orders', r.orders.length],
    ['closed trades', r.totalPerformance?.closedTrades.length ?? 0],
  ] as const) {
    if (total > PANEL_MAX_ROWS)
      notes.push(`The panel lists the first ${fmt(PANEL_MAX_ROWS)} of ${fmt(total)} ${what}; Export Report has them all.`);
  }
  if (r.logs.length > PANEL_MAX_LOG_LINES) {
    notes.push(`The panel shows the first ${fmt(PANEL_MAX_LOG_LINES)} of ${fmt(r.logs.length)} log lines.`);
  }
  return notes;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function orderRow(o: Order): OrderRow {
  return {
    id: o.id,
    time: o.time,
    symbol: o.symbol,
    type: o.type,
    direction: o.direction,
    quantity: o.quantity,
    price: o.price,
    value: o.value,
    status: o.status,
    tag: o.tag,
  };
}

function tradeRow(t: ClosedTrade): TradeRow {
  return {
    symbol: t.symbol,
    direction: t.direction,
    entryTime: t.entryTime,
    entryPrice: t.entryPrice,
    exitTime: t.exitTime,
    exitPrice: t.exitPrice,
    quantity: t.quantity,
    profitLoss: t.profitLoss,
    fees: t.totalFees,
    mae: t.mae,
    mfe: t.mfe,
    durationSeconds: t.durationSeconds,
  };
}
