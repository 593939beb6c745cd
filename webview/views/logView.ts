// The algorithm's own log (`<id>-log.txt`: its debug and log messages), with a line filter.
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { h } from '../dom';

export function logView(lines: readonly string[], total: number, filterText: string, onFilter: (filter: string) => void): HTMLElement {
  if (lines.length === 0) {
    return h('p', { class: 'empty-note' }, 'The algorithm logged nothing (its self.debug and self.log messages show here).');
  }
  const filter = h('vscode-textfield', {
    class: 'table-filter',
    attrs: { placeholder: 'Filter log lines', label: 'Filter log lines', type: 'search' },
  });
  filter.value = filterText;
  const status = h('span', { class: 'table-status', attrs: { role: 'status' } });
  const pre = h('pre', { class: 'log', attrs: { tabindex: 0, 'aria-label': 'Algorithm log' } });
  const update = () => {
    const terms = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = terms.length === 0 ? lines : lines.filter((l) => terms.every((t) => l.toLowerCase().includes(t)));
    pre.textContent = shown.join('\n');
    const count = (n: number) => n.toLocaleString('en-US');
    status.textContent =
      (terms.length === 0 ? `${count(lines.length)} lines` : `${count(shown.length)} of ${count(lines.length)} lines match`) +
      (total > lines.length ? ` (the first ${count(lines.length)} of ${count(total)})` : '');
    onFilter(filter.value);
  };
  filter.addEventListener('input', update);
  update();
  return h('div', { class: 'log-view' }, h('div', { class: 'table-toolbar' }, filter, status), pre);
}
