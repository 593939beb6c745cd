// The model's series made ready for the panel's charts (see displayPoints.ts): unique sorted times,
// at most DISPLAY_MAX_POINTS points, extremes kept. `totalPoints` says how long the series really was.
import type { Series, ValuePoint } from '../backtest/results/index';
import { DISPLAY_MAX_POINTS, type EquitySeriesView, type LineSeriesView } from '../../shared/protocol';
import { scaleBenchmark, seriesValues } from '../report/chartData';
import { displayPoints, uniqueTimes } from '../../shared/displayPoints';

export function lineView(name: string, unit: string, points: readonly ValuePoint[], maxPoints = DISPLAY_MAX_POINTS): LineSeriesView {
  const unique = uniqueTimes(points);
  return {
    name,
    unit,
    points: displayPoints(unique, maxPoints).map((p) => ({ time: p.time, value: p.value })),
    totalPoints: unique.length,
  };
}

/**
 * Equity as candles when the series has real candles; a candle series whose candles are all flat (old
 * files wrote `{x, y}` samples, which the model turns into flat candles) is drawn as a line of closes.
 */
export function equityView(series: Series, maxPoints = DISPLAY_MAX_POINTS): EquitySeriesView {
  if (series.kind === 'candles' && series.points.some((p) => p.high !== p.low)) {
    const unique = uniqueTimes(series.points);
    const points = displayPoints(unique, maxPoints).map((p) => ({ time: p.time, open: p.open, high: p.high, low: p.low, close: p.close }));
    return { kind: 'candles', name: series.name, unit: series.unit, points, totalPoints: unique.length };
  }
  return { kind: 'line', ...lineView(series.name, series.unit, seriesValues(series), maxPoints) };
}

/** The benchmark scaled to start at the equity of its first priced point (as the reports draw it); null when never priced. */
export function benchmarkView(benchmark: Series | null, equity: Series | null, maxPoints = DISPLAY_MAX_POINTS): LineSeriesView | null {
  if (!benchmark) return null;
  const scaled = scaleBenchmark(seriesValues(benchmark), seriesValues(equity));
  return scaled.length > 0 ? lineView(benchmark.name, equity?.unit || '$', scaled, maxPoints) : null;
}

/** An exposure series in percent: LEAN writes ratios ("Equity - Long Ratio", 0.95) with no unit. */
export function exposureView(series: Series, maxPoints = DISPLAY_MAX_POINTS): LineSeriesView {
  const factor = series.unit === '%' ? 1 : 100;
  return lineView(
    series.name,
    '%',
    seriesValues(series).map((p) => ({ time: p.time, value: p.value * factor })),
    maxPoints,
  );
}
