// A small time-series chart as an SVG string, drawn from the model's points: one or more lines, an
// optional area down to zero (drawdown), grid lines and, when asked, axis labels. The same SVG is
// inlined in the HTML report (whose CSS recolours it by class for dark mode) and rasterised to PNG for
// the Markdown report; the PNG variant has no text, so rendering it needs no font. Colours are
// presentation attributes, which any CSS rule overrides.
import type { ValuePoint } from '../backtest/results/index';
import { escapeHtml } from './escape';
import { formatAxisValue } from '../../shared/format';

export interface ChartLine {
  /** Names the path's class (`line-<id>`) and `data-series`; letters, digits and dashes. */
  id: string;
  /** Shown in the SVG's title list of series. */
  label: string;
  points: readonly ValuePoint[];
  color: string;
  dashed?: boolean;
  /** Fill between the line and zero. */
  area?: boolean;
}

export interface SvgChartOptions {
  lines: readonly ChartLine[];
  /** Unit of the y values for axis labels: '$', '%', ''. */
  unit: string;
  /** Accessible name of the chart. */
  title: string;
  width?: number;
  height?: number;
  /** Axis labels as <text>; leave off where no font is available (PNG). */
  labels: boolean;
  /** Keep zero inside the y range (drawdown). */
  includeZero?: boolean;
  /** A background colour to paint (PNG); none leaves the SVG transparent. */
  background?: string;
}

const GRID_COLOR = '#d0d7de';
const LABEL_COLOR = '#57606a';
const DAY = 86_400;

export function renderSvgChart(options: SvgChartOptions): string {
  const width = options.width ?? 960;
  const height = options.height ?? 320;
  const pad = options.labels ? { left: 68, right: 16, top: 12, bottom: 28 } : { left: 8, right: 8, top: 8, bottom: 8 };
  const plot = { left: pad.left, top: pad.top, right: width - pad.right, bottom: height - pad.bottom };
  const points = options.lines.flatMap((l) => l.points);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(`${options.title}: ${options.lines.map((l) => l.label).join(', ')}`)}</title>`,
  ];
  if (options.background)
    parts.push(`<rect class="chart-bg" width="${width}" height="${height}" fill="${escapeHtml(options.background)}"/>`);
  if (points.length === 0) {
    parts.push('</svg>');
    return parts.join('\n');
  }

  const times = extent(points.map((p) => p.time));
  const values = extent(points.map((p) => p.value).concat(options.includeZero ? [0] : []));
  const yTicks = niceTicks(values.min, values.max, 5);
  const yMin = Math.min(values.min, yTicks.values[0] ?? values.min);
  const yMax = Math.max(values.max, yTicks.values[yTicks.values.length - 1] ?? values.max);
  const tSpan = times.max - times.min || DAY;
  const x = (t: number) => round(plot.left + ((t - times.min) / tSpan) * (plot.right - plot.left));
  const y = (v: number) => round(plot.bottom - ((v - yMin) / (yMax - yMin || 1)) * (plot.bottom - plot.top));
  const xTicks = timeTicks(times.min, times.min + tSpan);

  const grid = yTicks.values.map((v) => `<line x1="${plot.left}" x2="${plot.right}" y1="${y(v)}" y2="${y(v)}"/>`);
  grid.push(...xTicks.map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="${plot.top}" y2="${plot.bottom}"/>`));
  parts.push(`<g class="grid" stroke="${GRID_COLOR}" stroke-width="1" shape-rendering="crispEdges">${grid.join('')}</g>`);

  if (options.labels) {
    const dayLabels = tSpan > 2 * DAY;
    const labels = yTicks.values.map(
      (v) =>
        `<text x="${plot.left - 6}" y="${y(v)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatAxisValue(v, options.unit, yTicks.step))}</text>`,
    );
    labels.push(
      ...xTicks.map((t) => `<text x="${x(t)}" y="${height - 8}" text-anchor="middle">${escapeHtml(timeLabel(t, dayLabels))}</text>`),
    );
    parts.push(`<g class="axis-labels" fill="${LABEL_COLOR}" font-family="system-ui, sans-serif" font-size="11">${labels.join('')}</g>`);
  }

  for (const line of options.lines) {
    if (line.points.length === 0) continue;
    const d = line.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.time)} ${y(p.value)}`).join('');
    if (line.area) {
      const first = line.points[0] as ValuePoint;
      const last = line.points[line.points.length - 1] as ValuePoint;
      const zero = y(Math.min(Math.max(0, yMin), yMax));
      parts.push(
        `<path class="area area-${line.id}" d="M${x(first.time)} ${zero}${d.replace(/^M/, 'L')}L${x(last.time)} ${zero}Z" fill="${line.color}" fill-opacity="0.18" stroke="none"/>`,
      );
    }
    const dash = line.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<path class="line line-${line.id}" data-series="${line.id}" d="${d}" fill="none" stroke="${line.color}" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Round numbers (1, 2 or 5 × 10ⁿ apart) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count: number): { values: number[]; step: number } {
  let lo = min;
  let hi = max;
  if (hi - lo <= Math.abs(hi) * 1e-9) {
    const spread = Math.abs(hi) * 0.01 || 1;
    lo -= spread;
    hi += spread;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const values: number[] = [];
  for (let k = Math.floor(lo / step); k <= Math.ceil(hi / step); k++) values.push(round(k * step, 10));
  return { values, step };
}

const HOUR = 3600;
const FIXED_STEPS = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/** Grid times inside [start, end]: whole hours or days, or first days of months, at most about 7. */
export function timeTicks(start: number, end: number, most = 7): number[] {
  const span = end - start;
  const fixed = FIXED_STEPS.find((s) => span / s <= most);
  if (fixed !== undefined) {
    const ticks: number[] = [];
    for (let t = Math.ceil(start / fixed) * fixed; t <= end; t += fixed) ticks.push(t);
    return ticks;
  }
  const months = MONTH_STEPS.find((m) => span / (m * 30.44 * DAY) <= most) ?? Math.ceil(span / (most * 365.25 * DAY)) * 12;
  const from = new Date(start * 1000);
  let index = from.getUTCFullYear() * 12 + from.getUTCMonth();
  index = Math.ceil(index / months) * months;
  const ticks: number[] = [];
  for (;;) {
    const t = Date.UTC(Math.floor(index / 12), index % 12, 1) / 1000;
    if (t > end) break;
    if (t >= start) ticks.push(t);
    index += months;
  }
  return ticks;
}

function timeLabel(t: number, days: boolean): string {
  const iso = new Date(t * 1000).toISOString();
  return days ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

function extent(values: number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
