// The project's runs (its backtests/ folders), newest first: show one (`selectRun`) or compare it with
// the run on screen (`compareRuns`).
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatDateTime } from '../../extension/shared/format';
import type { HistoryEntryView, WebviewToHost } from '../../extension/shared/protocol';
import { h } from '../dom';

export function historyView(
  history: readonly HistoryEntryView[],
  shown: readonly string[],
  post: (message: WebviewToHost) => void,
): HTMLElement {
  if (history.length === 0) {
    return h('p', { class: 'empty-note' }, "No other runs: this result is not in a Lean CLI project's backtests folder.");
  }
  const current = shown[0] ?? null;
  const rows = history.map((entry) => {
    const isShown = shown.includes(entry.folder);
    const show = h('vscode-button', { attrs: { secondary: true, disabled: !entry.hasResult || (isShown && shown.length === 1) } }, 'Show');
    show.addEventListener('click', () => post({ type: 'selectRun', folder: entry.folder }));
    const compare = h(
      'vscode-button',
      {
        attrs: {
          secondary: true,
          disabled: !entry.hasResult || current === null || entry.folder === current,
          title: 'Compare this run with the one shown',
        },
      },
      'Compare',
    );
    compare.addEventListener('click', () => current && post({ type: 'compareRuns', a: current, b: entry.folder }));
    return h(
      'tr',
      { data: { folder: entry.folder } },
      h('th', { attrs: { scope: 'row' } }, entry.name, isShown ? h('vscode-badge', { class: 'shown-badge' }, 'shown') : null),
      h('td', null, `${formatDateTime(entry.time)}`),
      h('td', null, entry.hasResult ? 'result' : 'no result (the run failed early)'),
      h('td', { class: 'row-actions' }, show, compare),
    );
  });
  return h(
    'table',
    { class: 'data history', attrs: { 'aria-label': 'Runs of this project' } },
    h('thead', null, h('tr', null, ...['Run', 'Started (UTC)', 'Files', 'Actions'].map((t) => h('th', { attrs: { scope: 'col' } }, t)))),
    h('tbody', null, ...rows),
  );
}
