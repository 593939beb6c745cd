// Two runs side by side: who they are, both equity curves on one chart, and every statistic with its
// difference (b − a), money read as money (formatStatistic). Buttons go back to either run.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { formatDate } from '../../extension/shared/format';
import type { CompareSideView, CompareView, WebviewToHost } from '../../extension/shared/protocol';
import { h } from '../dom';
import { statisticText } from './statisticText';

export function compareHeader(compare: CompareView, post: (message: WebviewToHost) => void): HTMLElement {
  const side = (letter: string, s: CompareSideView) => {
    const back = h('vscode-button', { attrs: { secondary: true, disabled: s.folder === null } }, `Show ${letter}`);
    back.addEventListener('click', () => s.folder && post({ type: 'selectRun', folder: s.folder }));
    return h(
      'div',
      { class: `compare-side side-${letter.toLowerCase()}` },
      h('h2', null, `${letter}: ${s.title}`),
      h(
        'p',
        { class: 'meta' },
        [s.run && `Run ${s.run}`, `${formatDate(s.period.start)} → ${formatDate(s.period.end)}`, s.status].filter(Boolean).join(' · '),
      ),
      back,
    );
  };
  return h(
    'header',
    { class: 'compare-header' },
    h('h1', null, 'Compare runs'),
    h('div', { class: 'compare-sides' }, side('A', compare.a), side('B', compare.b)),
  );
}

export function compareTable(compare: CompareView): HTMLElement {
  if (compare.rows.length === 0) return h('p', { class: 'empty-note' }, 'Neither run has statistics to compare.');
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'data compare-table', attrs: { 'aria-label': 'Statistics of both runs' } },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { attrs: { scope: 'col' } }, 'Statistic'),
          h('th', { class: 'num', attrs: { scope: 'col' } }, 'A'),
          h('th', { class: 'num', attrs: { scope: 'col' } }, 'B'),
          h('th', { class: 'num', attrs: { scope: 'col' } }, 'Difference (B − A)'),
        ),
      ),
      h(
        'tbody',
        null,
        ...compare.rows.map((row) =>
          h(
            'tr',
            { data: { statistic: row.name } },
            h('th', { attrs: { scope: 'row' } }, row.name),
            row.a === null ? h('td', { class: 'num' }, '–') : statisticText('td', 'num', row.name, row.a),
            row.b === null ? h('td', { class: 'num' }, '–') : statisticText('td', 'num', row.name, row.b),
            h('td', { class: `num difference ${row.tone === 'neutral' ? '' : row.tone}`.trim() }, row.difference ?? '–'),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'table-note' },
      'Differences of percentages are in percentage points. Green and red show the sign, not which run is better: a lower drawdown or lower fees is better.',
    ),
  );
}
