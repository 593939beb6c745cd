// The run's header: project, run folder, period, status badge and Export Report; below it the runtime
// error with a link to its line (posts `openLocation`; the host opens the file) and the notes about
// anything the result lacks.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatDate } from '../../extension/shared/format';
import type { RunView, WebviewToHost } from '../../extension/shared/protocol';
import { h } from '../dom';

export function runHeader(run: RunView, post: (message: WebviewToHost) => void): HTMLElement {
  const meta: (HTMLElement | string)[] = [];
  if (run.project && run.run) meta.push(h('span', { class: 'meta-run', attrs: { title: run.folder ?? '' } }, `Run ${run.run}`));
  if (run.period.start !== null || run.period.end !== null) {
    meta.push(h('span', { class: 'meta-period' }, `${formatDate(run.period.start)} → ${formatDate(run.period.end)}`));
  }
  if (run.algorithmId) meta.push(h('span', { class: 'meta-algorithm' }, `Algorithm ${run.algorithmId}`));
  const status = run.status ?? (run.failed ? 'Failed' : null);
  if (status) {
    const tone = run.failed ? 'status-failed' : status === 'Completed' ? 'status-ok' : 'status-other';
    meta.push(h('vscode-badge', { class: `status ${tone}`, attrs: { title: 'Status as LEAN reported it' } }, status));
  }
  const exportButton = h(
    'vscode-button',
    { class: 'export', attrs: { title: 'Write report.html and report.md into the run folder' } },
    'Export Report',
  );
  exportButton.addEventListener('click', () => post(run.folder ? { type: 'exportReport', folder: run.folder } : { type: 'exportReport' }));

  return h(
    'header',
    { class: 'run-header' },
    h('div', { class: 'title-row' }, h('h1', null, run.title), h('div', { class: 'actions' }, exportButton)),
    h(
      'p',
      { class: 'meta' },
      ...meta.flatMap((m, i) => (i === 0 ? [m] : [h('span', { class: 'sep', attrs: { 'aria-hidden': 'true' } }, '·'), m])),
    ),
    errorSection(run, post),
    notesList(run.notes),
  );
}

function errorSection(run: RunView, post: (message: WebviewToHost) => void): HTMLElement | null {
  if (run.errors.length === 0) return null;
  return h(
    'section',
    { class: 'run-errors', attrs: { role: 'alert', 'aria-label': 'Errors of this run' } },
    h('h2', null, run.errors.length === 1 ? 'The algorithm failed' : `The algorithm failed (${run.errors.length} errors)`),
    h(
      'ul',
      null,
      ...run.errors.map((error) => {
        const { file, line } = error;
        const link =
          file !== null && line !== null
            ? h(
                'button',
                {
                  class: 'link location',
                  attrs: { type: 'button', title: `Open ${file} at line ${line}` },
                  data: { file, line: String(line) },
                },
                `${file}, line ${line}`,
              )
            : null;
        link?.addEventListener('click', () => post({ type: 'openLocation', file: file as string, line: line as number }));
        return h('li', null, h('code', { class: 'error-message' }, error.message), link ? ' ' : null, link);
      }),
    ),
    run.stackTrace ? h('details', null, h('summary', null, 'Stack trace'), h('pre', { class: 'stack' }, run.stackTrace)) : null,
  );
}

export function notesList(notes: readonly string[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return h('ul', { class: 'notes', attrs: { 'aria-label': 'Notes about this result' } }, ...notes.map((n) => h('li', null, n)));
}
