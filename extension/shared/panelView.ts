// The backtest panel's view model: what the host sends the webview about one run (RunView) or two
// (CompareView). Built in the host by extension/core/panel/panelModel.ts from the results model;
// plain JSON-serialisable data, already reduced to what the panel shows. Conventions:
// - times are unix seconds, UTC; `null` means the result did not say;
// - statistic values stay LEAN's text ("1.831%", "$63.82"), so the panel shows what LEAN wrote;
// - chart series are sorted by time with unique times (what the chart library requires) and hold at
//   most DISPLAY_MAX_POINTS points; `totalPoints` is the length before thinning.

import type { CandlePoint } from './points';

export type { CandlePoint };

/** Series longer than this are thinned for display, keeping every bucket's extremes. */
export const DISPLAY_MAX_POINTS = 10_000;
/** Longest order and trade tables and log sent to the panel; the report and the result files have all. */
export const PANEL_MAX_ROWS = 20_000;
export const PANEL_MAX_LOG_LINES = 10_000;

export interface LinePoint {
  time: number;
  value: number;
}

export interface LineSeriesView {
  name: string;
  /** '$', '%', ... as shown next to values. */
  unit: string;
  points: LinePoint[];
  totalPoints: number;
}

export interface CandleSeriesView {
  name: string;
  unit: string;
  points: CandlePoint[];
  totalPoints: number;
}

/** Equity: candles when LEAN wrote real candles (LEAN since February 2024), else a line. */
export type EquitySeriesView = ({ kind: 'candles' } & CandleSeriesView) | ({ kind: 'line' } & LineSeriesView);

export interface ChartsView {
  equity: EquitySeriesView | null;
  /** The benchmark scaled to start at the equity of its first priced day (as in the reports). */
  benchmark: LineSeriesView | null;
  /** Equity drawdown in percent (≤ 0). */
  drawdown: LineSeriesView | null;
  /** Long and short exposure in percent of equity ("Equity - Long Ratio" × 100, ...). */
  exposure: LineSeriesView[];
}

/** An error of the run, at its file and line when LEAN named them (file relative to the project). */
export interface ErrorView {
  message: string;
  file: string | null;
  line: number | null;
}

export interface StatisticCardView {
  label: string;
  /** As LEAN wrote it; the webview shows it through formatStatistic. */
  value: string;
  tone: 'positive' | 'negative' | 'neutral';
}

export interface OrderRow {
  id: number;
  time: number | null;
  symbol: string;
  type: string;
  direction: string;
  /** Signed: negative for sells. */
  quantity: number | null;
  price: number | null;
  value: number | null;
  status: string;
  tag: string;
}

export interface TradeRow {
  symbol: string;
  direction: string;
  entryTime: number | null;
  entryPrice: number | null;
  exitTime: number | null;
  exitPrice: number | null;
  quantity: number | null;
  profitLoss: number | null;
  fees: number | null;
  mae: number | null;
  mfe: number | null;
  durationSeconds: number | null;
}

export interface RunView {
  /** The run's folder (absolute; a bare result file's folder); what `selectRun`, `compareRuns` and `exportReport` name. */
  folder: string | null;
  /** The project's name, else the run folder's. */
  title: string;
  project: string | null;
  /** The run folder's name ("2025-11-04_15-51-31"). */
  run: string;
  algorithmId: string | null;
  period: { start: number | null; end: number | null };
  /** "Completed", "RuntimeError", ... as LEAN wrote it; null when the result has no state. */
  status: string | null;
  failed: boolean;
  errors: ErrorView[];
  stackTrace: string | null;
  /** Account currency ("USD"), for money columns. */
  currency: string | null;
  cards: StatisticCardView[];
  statistics: Record<string, string>;
  runtimeStatistics: Record<string, string>;
  parameters: Record<string, string>;
  charts: ChartsView;
  orders: OrderRow[];
  ordersTotal: number;
  trades: TradeRow[];
  tradesTotal: number;
  logs: string[];
  logsTotal: number;
  /** Sentences for the user about what is missing or was skipped ("This run placed no orders."). */
  notes: string[];
}

/** One run of the project's history (its `backtests/` folders), newest first. */
export interface HistoryEntryView {
  folder: string;
  name: string;
  /** When the run started, unix seconds. */
  time: number;
  hasResult: boolean;
}

export interface CompareSideView {
  folder: string | null;
  title: string;
  run: string;
  period: { start: number | null; end: number | null };
  status: string | null;
  /** Equity (candle closes) for the overlay. */
  equity: LineSeriesView | null;
}

/** One statistic side by side; `difference` is b − a in the statistic's unit, when both are numbers. */
export interface CompareRowView {
  name: string;
  a: string | null;
  b: string | null;
  difference: string | null;
  /** The sign of the difference (not whether it is better: for Drawdown or Fees lower is better). */
  tone: 'positive' | 'negative' | 'neutral';
}

export interface CompareView {
  a: CompareSideView;
  b: CompareSideView;
  rows: CompareRowView[];
}
