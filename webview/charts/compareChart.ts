// The compare view's chart: both runs' equity (candle closes) as lines on one axis.
import { LineSeries } from 'lightweight-charts';
import { formatMoney } from '../../extension/shared/format';
import type { CompareView } from '../../extension/shared/protocol';
import type { Theme } from '../theme';
import { createChartFrame, type ChartFrame, type LegendEntry } from './chartFrame';
import { itemValue, lineData } from './seriesData';

export function createCompareChart(parent: HTMLElement, compare: CompareView, theme: Theme): ChartFrame | null {
  const sides = [
    { label: `A: ${compare.a.run || compare.a.title}`, equity: compare.a.equity, color: (t: Theme) => t.blue },
    { label: `B: ${compare.b.run || compare.b.title}`, equity: compare.b.equity, color: (t: Theme) => t.orange },
  ];
  if (sides.every((s) => !s.equity || s.equity.points.length === 0)) return null;
  const frame = createChartFrame({
    parent,
    label: 'Equity of both runs',
    description: sides
      .map((s) => `${s.label}: ${s.equity ? `ends at ${formatMoney(s.equity.points.at(-1)?.value)}` : 'no equity'}`)
      .join('. '),
    className: 'compare-chart',
    theme,
  });
  const entries: LegendEntry[] = [];
  for (const side of sides) {
    if (!side.equity || side.equity.points.length === 0) continue;
    const series = frame.chart.addSeries(LineSeries, {
      color: side.color(theme),
      lineWidth: 2,
      priceFormat: { type: 'custom', formatter: (v: number) => formatMoney(v), minMove: 0.01 },
    });
    series.setData(lineData(side.equity.points));
    entries.push({
      label: side.label,
      series,
      color: side.color,
      recolor: (t) => series.applyOptions({ color: side.color(t) }),
      format: (item) => formatMoney(itemValue(item)),
      last: formatMoney(side.equity.points.at(-1)?.value),
    });
  }
  frame.ready(entries);
  return frame;
}
