// What every panel chart shares: a lightweight-charts chart in the editor's colours with a UTC time
// axis, a legend that shows each series' value under the crosshair (the last values when the pointer
// is away), a "Reset zoom" button, keyboard zoom and pan, and re-colouring when the theme changes.
// Mouse: wheel or pinch zooms, drag pans (the library's defaults).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  ColorType,
  createChart,
  CrosshairMode,
  type IChartApi,
  type ISeriesApi,
  type MouseEventParams,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import { formatDateTime } from '../../extension/shared/format';
import { h } from '../dom';
import type { Theme } from '../theme';

export interface LegendEntry {
  label: string;
  series: ISeriesApi<SeriesType>;
  /** The series' colour in a theme (for the swatch and for re-colouring the series). */
  color(theme: Theme): string;
  /** Applies the theme's colours to the series. */
  recolor(theme: Theme): void;
  /** Text of a data item of this series. */
  format(item: unknown): string;
  /** The text when the crosshair is away: the series' last value. */
  last: string;
}

export interface ChartFrame {
  element: HTMLElement;
  chart: IChartApi;
  /** Call once every series is added: draws the legend and fits the data. */
  ready(entries: LegendEntry[]): void;
  applyTheme(theme: Theme): void;
  dispose(): void;
}

/** The chart-wide options, most of them from the theme (applied again when it changes). */
function themeOptions(theme: Theme) {
  return {
    layout: {
      // The attribution logo would insert a <style> element (blocked by the panel's CSP) and a remote
      // link on the canvas; the panel's footer credits TradingView instead, as the licence asks.
      attributionLogo: false,
      background: { type: ColorType.Solid, color: theme.background },
      textColor: theme.foreground,
      fontFamily: theme.fontFamily,
      fontSize: Math.max(10, Math.round(theme.fontSize * 0.9)),
      panes: { separatorColor: theme.border, separatorHoverColor: theme.crosshair },
    },
    grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
    crosshair: {
      mode: CrosshairMode.Normal,
      vertLine: { color: theme.crosshair, labelBackgroundColor: theme.muted },
      horzLine: { color: theme.crosshair, labelBackgroundColor: theme.muted },
    },
    rightPriceScale: { borderColor: theme.border },
    // Resizing the panel keeps the period on screen instead of adding empty space. The library's
    // default narrowest bar (0.5 px) would keep "fit" from showing more than about 2,500 of the
    // 10,000 points a series may have: a narrower one lets the whole period fit, even in a narrow panel.
    timeScale: {
      borderColor: theme.border,
      timeVisible: true,
      secondsVisible: false,
      lockVisibleTimeRangeOnResize: true,
      minBarSpacing: 0.01,
    },
  };
}

/**
 * Creates the chart in `parent`, which must be in the document: the chart takes its size from it at
 * once (so the first frame after the data is set draws it; `autoSize` would wait for a ResizeObserver
 * round first) and follows later size changes through a ResizeObserver of our own.
 */
export function createChartFrame(options: {
  parent: HTMLElement;
  label: string;
  description: string;
  className: string;
  theme: Theme;
}): ChartFrame {
  const legend = h('div', { class: 'chart-legend', attrs: { 'aria-hidden': 'true' } });
  const canvasHost = h('div', {
    class: `chart ${options.className}`,
    attrs: { tabindex: 0, role: 'figure', 'aria-label': `${options.label}. ${options.description}` },
  });
  const reset = h('vscode-button', { attrs: { secondary: true, title: 'Show the whole period (0)' } }, 'Reset zoom');
  const element = h(
    'figure',
    { class: 'chart-block' },
    h('div', { class: 'chart-toolbar' }, legend, reset),
    canvasHost,
    h(
      'figcaption',
      { class: 'chart-caption' },
      'Times are UTC. Zoom with the mouse wheel or + and −, pan by dragging or with ← and →, 0 shows everything.',
    ),
  );
  options.parent.replaceChildren(element);
  const chart = createChart(canvasHost, {
    width: canvasHost.clientWidth,
    height: canvasHost.clientHeight,
    // Times are unix seconds in UTC; the library shows them as UTC (it applies no time zone).
    localization: { locale: 'en-US', timeFormatter: (time: Time) => `${formatDateTime(Number(time)).slice(0, 16)} UTC` },
    ...themeOptions(options.theme),
  });
  // Only real changes: the observer also reports the size the chart was created with, and a resize
  // to the same size would still cost a full redraw.
  let size = `${canvasHost.clientWidth}x${canvasHost.clientHeight}`;
  const resize = new ResizeObserver(() => {
    const now = `${canvasHost.clientWidth}x${canvasHost.clientHeight}`;
    if (now === size || canvasHost.clientWidth === 0 || canvasHost.clientHeight === 0) return;
    size = now;
    chart.resize(canvasHost.clientWidth, canvasHost.clientHeight);
  });
  resize.observe(canvasHost);
  let entries: LegendEntry[] = [];
  let theme = options.theme;

  const showLegend = (param?: MouseEventParams) => {
    const at = param?.time === undefined ? null : Number(param.time);
    legend.replaceChildren(
      h('span', { class: 'legend-time' }, at === null ? 'Last values' : `${formatDateTime(at).slice(0, 16)} UTC`),
      ...entries.map((entry) => {
        const item = param?.seriesData.get(entry.series);
        const text = at === null ? entry.last : item === undefined ? '–' : entry.format(item);
        const swatch = h('span', { class: 'legend-swatch' });
        swatch.style.background = entry.color(theme);
        return h('span', { class: 'legend-item' }, swatch, `${entry.label} `, h('span', { class: 'legend-value' }, text));
      }),
    );
  };
  chart.subscribeCrosshairMove(showLegend);

  const fit = () => chart.timeScale().fitContent();
  reset.addEventListener('click', fit);
  canvasHost.addEventListener('keydown', (event) => {
    const range = chart.timeScale().getVisibleLogicalRange();
    if (!range) return;
    const span = range.to - range.from;
    const middle = (range.from + range.to) / 2;
    const zoom = (factor: number) =>
      chart.timeScale().setVisibleLogicalRange({ from: middle - (span * factor) / 2, to: middle + (span * factor) / 2 });
    const pan = (share: number) =>
      chart.timeScale().setVisibleLogicalRange({ from: range.from + span * share, to: range.to + span * share });
    const actions: Record<string, () => void> = {
      '+': () => zoom(0.8),
      '=': () => zoom(0.8),
      '-': () => zoom(1.25),
      ArrowLeft: () => pan(-0.1),
      ArrowRight: () => pan(0.1),
      '0': fit,
      Home: fit,
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  return {
    element,
    chart,
    ready(list) {
      entries = list;
      showLegend();
      fit();
    },
    applyTheme(next) {
      theme = next;
      chart.applyOptions(themeOptions(next));
      for (const entry of entries) entry.recolor(next);
      showLegend();
    },
    dispose() {
      resize.disconnect();
      chart.remove();
    },
  };
}
