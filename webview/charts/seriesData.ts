// View-model points → the chart library's data. The host sends sorted, unique, thinned points; the
// webview checks again (a message is never trusted as typed) with the same displayPoints the host uses,
// which costs one pass when the points are already right.
import type { CandlestickData, LineData, UTCTimestamp } from 'lightweight-charts';
import { displayPoints } from '../../extension/shared/displayPoints';
import { DISPLAY_MAX_POINTS, type CandlePoint, type LinePoint } from '../../extension/shared/protocol';

export function lineData(points: readonly LinePoint[]): LineData[] {
  return displayPoints(points, DISPLAY_MAX_POINTS).map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));
}

export function candleData(points: readonly CandlePoint[]): CandlestickData[] {
  return displayPoints(points, DISPLAY_MAX_POINTS).map((p) => ({
    time: p.time as UTCTimestamp,
    open: p.open,
    high: p.high,
    low: p.low,
    close: p.close,
  }));
}

/** A data item's value for the legend: a line's value or a candle's close. */
export function itemValue(item: unknown): number | null {
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  const value = record['value'] ?? record['close'];
  return typeof value === 'number' ? value : null;
}
