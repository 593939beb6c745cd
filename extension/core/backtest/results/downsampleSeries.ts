// A results series thinned for display with the shared downsample (extension/shared/downsample.ts),
// which the webview also uses on the points it receives.
import { downsample, MIN_POINTS } from '../../../shared/downsample';
import type { Series } from './types';

/** The series with its points downsampled (the same object when it is short enough already). */
export function downsampleSeries<S extends Series>(series: S, maxPoints: number): S {
  if (series.points.length <= Math.max(MIN_POINTS, Math.floor(maxPoints))) return series;
  return series.kind === 'candles'
    ? { ...series, points: downsample(series.points, maxPoints) }
    : { ...series, points: downsample(series.points, maxPoints) };
}
