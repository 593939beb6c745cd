// A sortable, filterable, keyboard-navigable table. A plain <table> rather than @vscode-elements'
// vscode-table: that one has no sorting, no row keyboard navigation and renders every row as a custom
// element, while orders can number in the thousands. Styled with the same --vscode-* variables.
// Keyboard: Tab reaches the filter box, the column headers (buttons: Enter or Space sorts, again
// reverses) and the rows (one tab stop; ↑ ↓ Home End PageUp PageDown move between rows).
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { TableState } from '../../extension/shared/protocol';
import { h } from '../dom';

export interface Column<Row> {
  /** Stable id, kept in the saved state. */
  id: string;
  header: string;
  numeric?: boolean;
  /** What the column sorts by; null sorts last in either direction. */
  sortValue(row: Row): number | string | null;
  text(row: Row): string;
  tone?(row: Row): 'positive' | 'negative' | 'neutral';
}

export interface TableOptions<Row> {
  /** "Orders": the table's accessible name. */
  label: string;
  /** "orders": used in status lines. */
  noun: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  /** How many rows the result holds (more than `rows` when the host cut the list). */
  total: number;
  state: TableState;
  onStateChange(state: TableState): void;
}

/** Rows beyond this are not put in the DOM; the filter narrows them down. */
export const MOST_RENDERED_ROWS = 1000;
const PAGE = 10;

export function createDataTable<Row>(options: TableOptions<Row>): HTMLElement {
  const { columns } = options;
  let state: TableState = { ...options.state };
  if (state.sortColumn !== null && !columns.some((c) => c.id === state.sortColumn)) state = { ...state, sortColumn: null };
  const searchText = options.rows.map((row) =>
    columns
      .map((c) => c.text(row))
      .join('\u0000')
      .toLowerCase(),
  );
  const indexes = options.rows.map((_, i) => i);

  const status = h('span', { class: 'table-status', attrs: { role: 'status' } });
  const filter = h('vscode-textfield', {
    class: 'table-filter',
    attrs: { placeholder: `Filter ${options.noun}`, label: `Filter ${options.noun}`, type: 'search' },
  });
  filter.value = state.filter;
  const headRow = h('tr');
  const body = h('tbody');
  const note = h('p', { class: 'table-note' });
  const table = h('table', { class: 'data', attrs: { 'aria-label': options.label } }, h('thead', null, headRow), body);

  const headerButtons = columns.map((column) => {
    const button = h(
      'button',
      { class: 'sort', attrs: { type: 'button' }, data: { column: column.id } },
      column.header,
      h('span', { class: 'sort-mark', attrs: { 'aria-hidden': 'true' } }),
    );
    button.addEventListener('click', () => {
      state =
        state.sortColumn === column.id
          ? { ...state, descending: !state.descending }
          : { ...state, sortColumn: column.id, descending: false };
      update();
    });
    headRow.appendChild(h('th', { class: column.numeric ? 'num' : undefined, attrs: { scope: 'col' } }, button));
    return button;
  });

  filter.addEventListener('input', () => {
    state = { ...state, filter: filter.value };
    update();
  });

  body.addEventListener('keydown', (event) => {
    const rows = [...body.rows];
    const current = rows.indexOf(document.activeElement as HTMLTableRowElement);
    if (current < 0) return;
    const target = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: current + PAGE,
      PageUp: current - PAGE,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusRow(rows, Math.max(0, Math.min(rows.length - 1, target)));
  });

  function focusRow(rows: HTMLTableRowElement[], index: number): void {
    for (const row of rows) row.tabIndex = -1;
    const row = rows[index];
    if (!row) return;
    row.tabIndex = 0;
    row.focus();
  }

  function visibleRows(): number[] {
    const terms = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
    const matching =
      terms.length === 0 ? indexes.slice() : indexes.filter((i) => terms.every((t) => (searchText[i] as string).includes(t)));
    const column = columns.find((c) => c.id === state.sortColumn);
    if (!column) return matching;
    const keys = new Map(matching.map((i) => [i, column.sortValue(options.rows[i] as Row)]));
    const direction = state.descending ? -1 : 1;
    return matching.sort((x, y) => compare(keys.get(x) ?? null, keys.get(y) ?? null, direction));
  }

  function update(): void {
    columns.forEach((column, i) => {
      const th = headRow.cells[i] as HTMLTableCellElement;
      const sorted = state.sortColumn === column.id;
      th.setAttribute('aria-sort', sorted ? (state.descending ? 'descending' : 'ascending') : 'none');
      (headerButtons[i]?.lastChild as HTMLElement).textContent = sorted ? (state.descending ? ' ▼' : ' ▲') : '';
    });
    const shown = visibleRows();
    const rendered = shown.slice(0, MOST_RENDERED_ROWS);
    body.replaceChildren(
      ...rendered.map((i, n) => {
        const row = options.rows[i] as Row;
        return h(
          'tr',
          { attrs: { tabindex: n === 0 ? 0 : -1 }, data: { row: String(i) } },
          ...columns.map((c) => {
            const tone = c.tone?.(row) ?? 'neutral';
            return h(
              'td',
              { class: [c.numeric ? 'num' : '', tone === 'neutral' ? '' : tone].filter(Boolean).join(' ') || undefined },
              c.text(row),
            );
          }),
        );
      }),
    );
    const count = (n: number) => n.toLocaleString('en-US');
    status.textContent = state.filter.trim()
      ? `${count(shown.length)} of ${count(options.rows.length)} ${options.noun} match`
      : `${count(options.rows.length)} ${options.noun}`;
    const notes: string[] = [];
    if (shown.length > rendered.length)
      notes.push(`Showing the first ${count(rendered.length)} of ${count(shown.length)}; type in the filter to narrow them.`);
    if (options.total > options.rows.length)
      notes.push(`The result holds ${count(options.total)} ${options.noun}; Export Report lists them all.`);
    note.textContent = notes.join(' ');
    note.hidden = notes.length === 0;
    options.onStateChange(state);
  }

  update();
  return h(
    'div',
    { class: 'data-table' },
    h('div', { class: 'table-toolbar' }, filter, status),
    h('div', { class: 'table-scroll' }, table),
    note,
  );
}

function compare(a: number | string | null, b: number | string | null, direction: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' }) * direction;
}
