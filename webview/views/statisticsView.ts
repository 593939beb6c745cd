// Every statistic LEAN wrote (not only the cards), the runtime statistics and the run's parameters;
// money read as money (formatStatistic), LEAN's text on hover.
import { h } from '../dom';
import { statisticText } from './statisticText';

/** `verbatim` groups (the parameters) are shown exactly as written, not read as statistics. */
export function statisticsView(groups: readonly { title: string; values: Record<string, string>; verbatim?: boolean }[]): HTMLElement {
  const tables = groups
    .filter((g) => Object.keys(g.values).length > 0)
    .map((g) =>
      h(
        'table',
        { class: 'data key-values', attrs: { 'aria-label': g.title } },
        h(
          'thead',
          null,
          h('tr', null, h('th', { attrs: { scope: 'col' } }, g.title), h('th', { class: 'num', attrs: { scope: 'col' } }, 'Value')),
        ),
        h(
          'tbody',
          null,
          ...Object.entries(g.values).map(([name, value]) =>
            h(
              'tr',
              { data: { statistic: name } },
              h('th', { attrs: { scope: 'row' } }, name),
              g.verbatim ? h('td', { class: 'num' }, value) : statisticText('td', 'num', name, value),
            ),
          ),
        ),
      ),
    );
  return tables.length > 0
    ? h('div', { class: 'statistics' }, ...tables)
    : h('p', { class: 'empty-note' }, 'This result has no statistics.');
}
