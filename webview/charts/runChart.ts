// One run's chart: equity (candles when LEAN wrote candles, else a line) with the benchmark dashed over
// it, then drawdown and exposure in panes below, on one time axis so zoom, pan and the crosshair move
// them together. Returns null when the run has no series at all (the view says so instead).
import { AreaSeries, CandlestickSeries, LineSeries, LineStyle, type ISeriesApi, type SeriesType } from 'lightweight-charts';
import { formatMoney, formatNumber } from '../../extension/shared/format';
import type { ChartsView, LineSeriesView } from '../../extension/shared/protocol';
import type { Theme } from '../theme';
import { withAlpha } from '../theme';
import { createChartFrame, type ChartFrame, type LegendEntry } from './chartFrame';
import { candleData, itemValue, lineData } from './seriesData';

const EXPOSURE_COLORS: ((t: Theme) => string)[] = [(t) => t.blue, (t) => t.purple, (t) => t.yellow, (t) => t.orange, (t) => t.green];

export function createRunChart(parent: HTMLElement, charts: ChartsView, currency: string | null, theme: Theme): ChartFrame | null {
  const { equity, benchmark, drawdown } = charts;
  const exposure = charts.exposure.filter((s) => s.points.length > 0);
  if (!equity && !drawdown && exposure.length === 0) return null;

  const frame = createChartFrame({
    parent,
    label: 'Equity with benchmark, drawdown and exposure',
    description: describe(charts, currency),
    className: 'run-chart',
    theme,
  });
  const { chart } = frame;
  const money = (v: number) => formatMoney(v, currency);
  const percent = (v: number) => `${formatNumber(v, 2)}%`;
  const moneyFormat = { type: 'custom' as const, formatter: money, minMove: 0.01 };
  const percentFormat = { type: 'custom' as const, formatter: percent, minMove: 0.01 };
  const entries: LegendEntry[] = [];
  const entry = (
    label: string,
    series: ISeriesApi<SeriesType>,
    color: (t: Theme) => string,
    recolor: (t: Theme) => void,
    format: (v: number) => string,
    last: number | undefined,
  ): void => {
    entries.push({
      label,
      series,
      color,
      recolor,
      format: (item) => {
        const v = itemValue(item);
        return v === null ? '–' : format(v);
      },
      last: last === undefined ? '–' : format(last),
    });
  };

  let pane = 0;
  if (equity) {
    if (equity.kind === 'candles') {
      const colors = (t: Theme) => ({
        upColor: t.green,
        downColor: t.red,
        wickUpColor: t.green,
        wickDownColor: t.red,
        borderVisible: false,
      });
      const series = chart.addSeries(CandlestickSeries, { ...colors(theme), priceFormat: moneyFormat, title: '' }, pane);
      series.setData(candleData(equity.points));
      entry(
        'Equity',
        series,
        (t) => t.green,
        (t) => series.applyOptions(colors(t)),
        money,
        equity.points.at(-1)?.close,
      );
    } else {
      const series = chart.addSeries(LineSeries, { color: theme.blue, lineWidth: 2, priceFormat: moneyFormat }, pane);
      series.setData(lineData(equity.points));
      entry(
        'Equity',
        series,
        (t) => t.blue,
        (t) => series.applyOptions({ color: t.blue }),
        money,
        equity.points.at(-1)?.value,
      );
    }
    if (benchmark) {
      const series = chart.addSeries(
        LineSeries,
        {
          color: theme.orange,
          lineWidth: 1,
          lineStyle: LineStyle.Dashed,
          priceFormat: moneyFormat,
          lastValueVisible: false,
          priceLineVisible: false,
        },
        pane,
      );
      series.setData(lineData(benchmark.points));
      entry(
        'Benchmark (scaled)',
        series,
        (t) => t.orange,
        (t) => series.applyOptions({ color: t.orange }),
        money,
        benchmark.points.at(-1)?.value,
      );
    }
    pane++;
  }
  if (drawdown) {
    const colors = (t: Theme) => ({ lineColor: t.red, topColor: withAlpha(t.red, 0.05), bottomColor: withAlpha(t.red, 0.35) });
    const series = chart.addSeries(
      AreaSeries,
      { ...colors(theme), lineWidth: 1, priceFormat: percentFormat, invertFilledArea: true },
      pane,
    );
    series.setData(lineData(drawdown.points));
    entry(
      'Drawdown',
      series,
      (t) => t.red,
      (t) => series.applyOptions(colors(t)),
      percent,
      drawdown.points.at(-1)?.value,
    );
    pane++;
  }
  exposure.forEach((s: LineSeriesView, i) => {
    const color = EXPOSURE_COLORS[i % EXPOSURE_COLORS.length] as (t: Theme) => string;
    const series = chart.addSeries(LineSeries, { color: color(theme), lineWidth: 1, priceFormat: percentFormat }, pane);
    series.setData(lineData(s.points));
    entry(shortExposureName(s.name), series, color, (t) => series.applyOptions({ color: color(t) }), percent, s.points.at(-1)?.value);
  });
  if (exposure.length > 0) pane++;

  // Equity gets most of the height; drawdown and exposure a strip each.
  const panes = chart.panes();
  if (panes.length > 1) panes.forEach((p, i) => p.setStretchFactor(i === 0 && equity ? 3 : 1));
  frame.ready(entries);
  return frame;
}

/** "Equity - Long Ratio" → "Long exposure (Equity)"; older files name the series after the security type only. */
function shortExposureName(name: string): string {
  const match = /^(.*?) - (Long|Short) Ratio$/.exec(name);
  return match ? `${match[2]} exposure (${match[1]})` : `Exposure: ${name}`;
}

/** The chart in words, for screen readers. */
function describe(charts: ChartsView, currency: string | null): string {
  const parts: string[] = [];
  const equity = charts.equity;
  if (equity) {
    const first = equity.points[0];
    const last = equity.points.at(-1);
    const value = (p: typeof first) => (p ? ('close' in p ? p.close : p.value) : null);
    parts.push(`Equity from ${formatMoney(value(first), currency)} to ${formatMoney(value(last), currency)}.`);
  }
  if (charts.drawdown && charts.drawdown.points.length > 0) {
    const deepest = charts.drawdown.points.reduce((low, p) => Math.min(low, p.value), 0);
    parts.push(`Deepest drawdown ${formatNumber(deepest, 2)}%.`);
  }
  return parts.join(' ');
}
