// The panel: shows what the host sends (one run, two runs compared, an empty or error notice), keeps
// the state VS Code restores after a reload, re-colours the charts when the theme changes, and tells
// anyone listening when a view has been painted (the `lean-panel-rendered` window event, which the
// tests and the benchmark wait for).
import type { HostToWebview, SavedState, UiState } from '../extension/shared/protocol';
import type { ChartFrame } from './charts/chartFrame';
import { createCompareChart } from './charts/compareChart';
import { afterPaint, h } from './dom';
import type { Host } from './host';
import { lightCopy } from './savedView';
import { observeTheme, readTheme, type Theme } from './theme';
import { compareHeader, compareTable } from './views/comparePage';
import { historyView } from './views/historyView';
import { banner, noticePage } from './views/notice';
import { runPage, type Page } from './views/runPage';

export const RENDERED_EVENT = 'lean-panel-rendered';

export class PanelApp {
  private readonly bannerSlot = h('div', { class: 'banner-slot' });
  private readonly pageSlot = h('div', { class: 'page-slot' });
  private charts: ChartFrame[] = [];
  private theme: Theme;
  private state: SavedState;
  /** Whether a run or comparison is on screen (a later problem is then reported above it). */
  private showing = false;
  private renders = 0;

  constructor(
    root: HTMLElement,
    private readonly host: Host,
  ) {
    this.state = host.restored;
    this.theme = readTheme();
    root.replaceChildren(
      this.bannerSlot,
      this.pageSlot,
      h(
        'footer',
        { class: 'credits' },
        'Charts: TradingView Lightweight Charts™, Copyright (c) 2025 TradingView, Inc. ',
        h('a', { attrs: { href: 'https://www.tradingview.com/' } }, 'https://www.tradingview.com/'),
      ),
    );
    observeTheme((theme) => {
      this.theme = theme;
      for (const chart of this.charts) chart.applyTheme(theme);
      document.body.dataset['theme'] = theme.kind;
    });
    document.body.dataset['theme'] = this.theme.kind;
  }

  /** Shows the view saved before a reload, if any (the host sends a fresh one once it hears `webview/ready`). */
  restore(): void {
    if (this.state.message) this.show(this.state.message);
  }

  show(message: HostToWebview): void {
    this.bannerSlot.replaceChildren();
    switch (message.type) {
      case 'panel/show':
        this.mount('run', runPage(message.run, message.history, this.context()));
        this.save(message, message.run.folder ? { kind: 'run', folder: message.run.folder } : { kind: 'none' });
        break;
      case 'panel/compare': {
        const { compare } = message;
        const chartSlot = h('div', { class: 'chart-slot' });
        const shown = [compare.a.folder, compare.b.folder].filter((f): f is string => f !== null);
        const element = h(
          'div',
          { class: 'compare-page' },
          compareHeader(compare, (m) => this.host.post(m)),
          chartSlot,
          compareTable(compare),
          h('h2', null, 'Runs'),
          historyView(message.history, shown, (m) => this.host.post(m)),
        );
        this.mount('compare', {
          element,
          mountCharts: (theme) => {
            const frame = createCompareChart(chartSlot, compare, theme);
            if (!frame) chartSlot.replaceChildren(h('p', { class: 'empty-note' }, 'Neither run has an equity series to draw.'));
            return frame ? [frame] : [];
          },
        });
        this.save(
          message,
          compare.a.folder && compare.b.folder ? { kind: 'compare', a: compare.a.folder, b: compare.b.folder } : { kind: 'none' },
        );
        break;
      }
      case 'panel/empty':
        this.mount('empty', { element: noticePage('empty', 'No backtest to show', message.reason), mountCharts: () => [] });
        this.showing = false;
        this.save(message, { kind: 'none' });
        break;
      case 'panel/error':
        this.problem(message.message, 'This backtest cannot be shown');
        break;
    }
  }

  /** A message that failed the protocol check: said plainly, above what is shown (never a blank panel). */
  malformed(): void {
    this.problem(
      'The panel received a message it could not read, so it shows what it showed before. Run "LEAN: Show Backtest Panel" again; if this keeps happening, the extension and its panel script are from different versions: reload the window.',
      'The panel could not read its data',
    );
  }

  private problem(text: string, title: string): void {
    if (this.showing) {
      this.bannerSlot.replaceChildren(banner(text));
      void this.rendered('banner');
    } else {
      this.mount('error', { element: noticePage('error', title, text), mountCharts: () => [] });
    }
  }

  private mount(view: string, page: Page): void {
    for (const chart of this.charts) chart.dispose();
    this.pageSlot.replaceChildren(page.element);
    this.charts = page.mountCharts(this.theme);
    this.showing = view === 'run' || view === 'compare';
    document.body.dataset['view'] = view;
    void this.rendered(view);
  }

  private async rendered(view: string): Promise<void> {
    const n = ++this.renders;
    await afterPaint();
    document.body.dataset['renders'] = String(n);
    window.dispatchEvent(new CustomEvent(RENDERED_EVENT, { detail: { view, renders: n } }));
  }

  private context() {
    return {
      ui: this.state.ui,
      post: (m: Parameters<Host['post']>[0]) => this.host.post(m),
      uiChanged: (ui: UiState) => {
        this.state = { ...this.state, ui };
        this.host.save(this.state, true);
      },
    };
  }

  /** Kept for a reload: a light copy, saved a moment later (after the first paint, coalesced with UI changes). */
  private save(message: HostToWebview, source: SavedState['source']): void {
    this.state = { ...this.state, message: lightCopy(message), source };
    this.host.save(this.state, true);
  }
}
