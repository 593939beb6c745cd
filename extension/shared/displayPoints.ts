// Chart points made drawable: sorted with one point per time (the chart library rejects anything else,
// and LEAN may sample twice in one second), then thinned to a budget with the shared
// downsample, which keeps every bucket's lowest and highest point. Pure and free of Node imports: the
// host's view model and the webview (which re-checks what it receives) both use it.
import { downsample } from './downsample';
import type { CandlePoint, ValuePoint } from './points';

/** Points sorted by time where one time appears once: the last sample of a time wins (its final value). */
export function uniqueTimes<P extends { time: number }>(points: readonly P[]): P[] {
  let ordered = true;
  for (let i = 1; i < points.length && ordered; i++) if ((points[i] as P).time <= (points[i - 1] as P).time) ordered = false;
  if (ordered) return points.slice();
  const sorted = [...points].sort((a, b) => a.time - b.time);
  const out: P[] = [];
  for (const p of sorted) {
    if (out.length > 0 && (out[out.length - 1] as P).time === p.time) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

export function displayPoints(points: readonly ValuePoint[], maxPoints: number): ValuePoint[];
export function displayPoints(points: readonly CandlePoint[], maxPoints: number): CandlePoint[];
/** Unique, sorted and at most `maxPoints` long (a new array; the points themselves are shared). */
export function displayPoints(points: readonly (ValuePoint | CandlePoint)[], maxPoints: number): (ValuePoint | CandlePoint)[] {
  const unique = uniqueTimes(points);
  return unique.length > maxPoints ? downsample(unique as ValuePoint[], maxPoints) : unique;
}
