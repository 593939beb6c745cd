// Thinning long series for display ("downsample series over 10,000 points without losing the
// extremes"). Line-like points: the first and last points, then the lowest and the highest point of
// each of equal-count buckets in between, in time order. Unlike LTTB, which picks by visual area and
// can skip a spike, this keeps every bucket's extremes, so the global minimum and maximum (a drawdown's
// trough, an equity peak) always survive. Candles: each bucket merges into one candle (first open,
// highest high, lowest low, last close), which keeps the extremes by construction.
import type { CandlePoint, ValuePoint } from './points';

/** The smallest budget that still holds first, last and one bucket's minimum and maximum. */
export const MIN_POINTS = 4;

export function downsample(points: readonly ValuePoint[], maxPoints: number): ValuePoint[];
export function downsample(points: readonly CandlePoint[], maxPoints: number): CandlePoint[];
/** At most `maxPoints` (at least 4) points in time order; shorter inputs come back as a copy. */
export function downsample(points: readonly (ValuePoint | CandlePoint)[], maxPoints: number): (ValuePoint | CandlePoint)[] {
  const budget = Math.max(MIN_POINTS, Math.floor(maxPoints));
  if (points.length <= budget) return points.slice();
  return 'close' in (points[0] as object)
    ? mergeCandles(points as readonly CandlePoint[], budget)
    : minMax(points as readonly ValuePoint[], budget);
}

function minMax(points: readonly ValuePoint[], budget: number): ValuePoint[] {
  const n = points.length;
  const at = (i: number) => points[i] as ValuePoint;
  const buckets = Math.floor((budget - 2) / 2);
  const inner = n - 2;
  const out: ValuePoint[] = [at(0)];
  // n > budget, so every bucket of the inner points holds at least one point.
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (at(i).value < at(low).value) low = i;
      if (at(i).value > at(high).value) high = i;
    }
    out.push(at(Math.min(low, high)));
    if (low !== high) out.push(at(Math.max(low, high)));
  }
  out.push(at(n - 1));
  return out;
}

function mergeCandles(points: readonly CandlePoint[], budget: number): CandlePoint[] {
  const n = points.length;
  const at = (i: number) => points[i] as CandlePoint;
  const out: CandlePoint[] = [];
  // n > budget, so every bucket holds at least one candle.
  for (let b = 0; b < budget; b++) {
    const start = Math.floor((b * n) / budget);
    const end = Math.floor(((b + 1) * n) / budget);
    let { high, low } = at(start);
    for (let i = start + 1; i < end; i++) {
      high = Math.max(high, at(i).high);
      low = Math.min(low, at(i).low);
    }
    out.push({ time: at(start).time, open: at(start).open, high, low, close: at(end - 1).close });
  }
  return out;
}
