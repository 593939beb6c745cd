// The lines the report draws, taken from the model's key series: equity (candle closes), the benchmark
// scaled to start where equity stood when the benchmark's data began (LEAN's Benchmark series is the
// benchmark's price, 0 before its first bar), and drawdown (percent, ≤ 0). Long series are thinned for
// display with the model's downsample, which keeps every bucket's extremes, so peaks and troughs stay.
import { downsample, type BacktestResults, type Series, type ValuePoint } from '../backtest/results/index';

/** About this many points per drawn line: far more than a chart's width in pixels. */
export const DISPLAY_POINTS = 2000;

export interface ChartLines {
  /** Account value; empty when the run has no equity series. */
  equity: ValuePoint[];
  /** The benchmark in account currency, scaled to equity at its first priced point; empty when absent or never priced. */
  benchmark: ValuePoint[];
  /** Equity drawdown in percent (≤ 0); empty when absent. */
  drawdown: ValuePoint[];
}

export function chartLines(results: BacktestResults, maxPoints = DISPLAY_POINTS): ChartLines {
  const equity = seriesValues(results.equity);
  return {
    equity: downsample(equity, maxPoints),
    benchmark: downsample(scaleBenchmark(seriesValues(results.benchmark), equity), maxPoints),
    drawdown: downsample(seriesValues(results.drawdown), maxPoints),
  };
}

/** A series as time/value points: a candle series by its closes. */
export function seriesValues(series: Series | null): ValuePoint[] {
  if (!series) return [];
  if (series.kind === 'candles') return series.points.map((p) => ({ time: p.time, value: p.close }));
  return series.points.map((p) => ({ time: p.time, value: p.value }));
}

/**
 * The benchmark from its first positive value on, multiplied so that it starts at the equity value of
 * that moment (the last equity point at or before it, else the first): both lines then start together
 * and their gap is the strategy's excess over buying the benchmark.
 */
export function scaleBenchmark(benchmark: ValuePoint[], equity: ValuePoint[]): ValuePoint[] {
  const start = benchmark.findIndex((p) => p.value > 0);
  const base = benchmark[start];
  if (!base || equity.length === 0) return [];
  let anchor = equity[0] as ValuePoint;
  for (const p of equity) {
    if (p.time > base.time) break;
    anchor = p;
  }
  const factor = anchor.value / base.value;
  return benchmark.slice(start).map((p) => ({ time: p.time, value: p.value * factor }));
}
