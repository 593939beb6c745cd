// One run: header (with errors and notes), statistic cards and the chart, then tabs for the details:
// Orders, Trades, Log, Statistics and Runs. The chart stays outside the tabs so it is laid out at once
// (a tab panel's content has no size until the tabs element has rendered); it is created once the page
// is in the document, since it takes its size from its container.
import type { HistoryEntryView, RunView, TableState, UiState, WebviewToHost } from '../../extension/shared/protocol';
import { createRunChart } from '../charts/runChart';
import type { ChartFrame } from '../charts/chartFrame';
import { h } from '../dom';
import { createDataTable } from '../table/dataTable';
import { orderColumns, tradeColumns } from '../table/columns';
import type { Theme } from '../theme';
import { statisticCardsView } from './cards';
import { runHeader } from './header';
import { historyView } from './historyView';
import { logView } from './logView';
import { statisticsView } from './statisticsView';
import { tabsView } from './tabs';

export interface Page {
  element: HTMLElement;
  /** Creates the charts; call after `element` is in the document. */
  mountCharts(theme: Theme): ChartFrame[];
}

export interface PageContext {
  ui: UiState;
  post(message: WebviewToHost): void;
  /** The UI state changed (tab, sorting, filters): saved for the next reload. */
  uiChanged(ui: UiState): void;
}

export function runPage(run: RunView, history: readonly HistoryEntryView[], context: PageContext): Page {
  let ui = context.ui;
  const change = (next: Partial<UiState>) => {
    ui = { ...ui, ...next };
    context.uiChanged(ui);
  };
  const chartSlot = h('div', { class: 'chart-slot' });
  const table = <Row>(
    key: 'orders' | 'trades',
    label: string,
    noun: string,
    rows: readonly Row[],
    total: number,
    columns: Parameters<typeof createDataTable<Row>>[0]['columns'],
  ) =>
    rows.length === 0
      ? h('p', { class: 'empty-note' }, key === 'orders' ? 'This result lists no orders.' : 'This result lists no closed trades.')
      : createDataTable<Row>({
          label,
          noun,
          columns,
          rows,
          total,
          state: ui[key],
          onStateChange: (state: TableState) => change({ [key]: state }),
        });

  const tabs = tabsView(
    [
      {
        id: 'orders',
        label: 'Orders',
        count: run.ordersTotal,
        content: () => table('orders', 'Orders', 'orders', run.orders, run.ordersTotal, orderColumns(run.currency)),
      },
      {
        id: 'trades',
        label: 'Trades',
        count: run.tradesTotal,
        content: () => table('trades', 'Closed trades', 'trades', run.trades, run.tradesTotal, tradeColumns(run.currency)),
      },
      {
        id: 'log',
        label: 'Log',
        count: run.logsTotal,
        content: () => logView(run.logs, run.logsTotal, ui.logFilter, (logFilter) => change({ logFilter })),
      },
      {
        id: 'statistics',
        label: 'Statistics',
        content: () =>
          statisticsView([
            { title: 'Statistics', values: run.statistics },
            { title: 'Runtime statistics', values: run.runtimeStatistics },
            { title: 'Parameters', values: run.parameters, verbatim: true },
          ]),
      },
      {
        id: 'runs',
        label: 'Runs',
        count: history.length,
        content: () => historyView(history, run.folder ? [run.folder] : [], context.post),
      },
    ],
    ui.tab,
    (tab) => change({ tab }),
  );

  return {
    element: h('div', { class: 'run-page' }, runHeader(run, context.post), statisticCardsView(run.cards), chartSlot, tabs),
    mountCharts(theme) {
      const frame = createRunChart(chartSlot, run.charts, run.currency, theme);
      if (!frame)
        chartSlot.replaceChildren(
          h('p', { class: 'empty-note' }, 'This result has no chart series (equity, drawdown or exposure) to draw.'),
        );
      return frame ? [frame] : [];
    },
  };
}
