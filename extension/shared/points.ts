// Chart samples: the one definition of a point, shared by the results model (core), the panel's view
// model (shared/panelView.ts) and the webview. Times are unix seconds, UTC.

/** One sample of a line-like series (Line, Scatter, Bar, Flag, StackedArea, Pie, Treemap, Heatmap, ...). */
export interface ValuePoint {
  time: number;
  value: number;
  /** Scatter points may carry their own tooltip text. */
  tooltip?: string;
}

/** One sample of a candlestick series (Strategy Equity → Equity since February 2024). */
export interface CandlePoint {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}
