// The two charts every report shows: equity with the benchmark overlaid, and drawdown. HTML inlines
// them with axis labels; the Markdown report gets them as PNGs without text (see png.ts), described
// in words by `describeCharts`.
import type { ValuePoint } from '../backtest/results/index';
import type { ChartLines } from './chartData';
import { currencySymbol, formatDate, formatMoney, formatNumber } from '../../shared/format';
import { renderSvgChart, type ChartLine } from './svgChart';

export const COLORS = { equity: '#2563eb', benchmark: '#8b949e', drawdown: '#cf222e' } as const;

export interface ChartStyle {
  /** Axis labels (HTML) or none (PNG). */
  labels: boolean;
  background?: string;
}

/** Equity, with the scaled benchmark dashed behind it; null when the run has no equity series. */
export function equityChartSvg(lines: ChartLines, currency: string | null, style: ChartStyle): string | null {
  if (lines.equity.length === 0) return null;
  const drawn: ChartLine[] = [];
  if (lines.benchmark.length > 0) {
    drawn.push({ id: 'benchmark', label: 'Benchmark (scaled to equity)', points: lines.benchmark, color: COLORS.benchmark, dashed: true });
  }
  drawn.push({ id: 'equity', label: 'Equity', points: lines.equity, color: COLORS.equity });
  return renderSvgChart({ lines: drawn, unit: currencySymbol(currency), title: 'Equity', ...style });
}

/** Drawdown as a filled area below zero; null when the run has no drawdown series. */
export function drawdownChartSvg(lines: ChartLines, style: ChartStyle): string | null {
  if (lines.drawdown.length === 0) return null;
  return renderSvgChart({
    lines: [{ id: 'drawdown', label: 'Drawdown', points: lines.drawdown, color: COLORS.drawdown, area: true }],
    unit: '%',
    title: 'Drawdown',
    includeZero: true,
    ...style,
  });
}

/** What the charts show, in one sentence each: the PNGs carry no text, so these stand for their axes. */
export function describeCharts(lines: ChartLines, currency: string | null): { equity: string | null; drawdown: string | null } {
  let equity: string | null = null;
  const e = summary(lines.equity);
  if (e) {
    equity =
      `Equity (solid blue) from ${formatMoney(e.first.value, currency)} on ${formatDate(e.first.time)} ` +
      `to ${formatMoney(e.last.value, currency)} on ${formatDate(e.last.time)}; ` +
      `lowest ${formatMoney(e.low.value, currency)} (${formatDate(e.low.time)}), highest ${formatMoney(e.high.value, currency)} (${formatDate(e.high.time)}).`;
    const b = summary(lines.benchmark);
    if (b) {
      equity +=
        ` Benchmark (dashed grey), scaled to start with equity: ${formatMoney(b.first.value, currency)} to ` +
        `${formatMoney(b.last.value, currency)}.`;
    }
  }
  let drawdown: string | null = null;
  const d = summary(lines.drawdown);
  if (d) {
    drawdown =
      d.low.value < 0
        ? `Deepest drawdown ${formatNumber(d.low.value, 2)}% on ${formatDate(d.low.time)}; ${formatNumber(d.last.value, 2)}% at the end.`
        : 'No drawdown: equity never fell below its previous high.';
  }
  return { equity, drawdown };
}

function summary(points: readonly ValuePoint[]): { first: ValuePoint; last: ValuePoint; low: ValuePoint; high: ValuePoint } | null {
  const first = points[0];
  if (!first) return null;
  let low = first;
  let high = first;
  for (const p of points) {
    if (p.value < low.value) low = p;
    if (p.value > high.value) high = p;
  }
  return { first, last: points[points.length - 1] as ValuePoint, low, high };
}
