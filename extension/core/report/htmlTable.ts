// One HTML table from rows and column definitions. Cells are plain text and escaped here, so callers
// cannot forget to; a cell may carry a tone (gain/loss colour). Long tables are cut at `maxRows` with
// a note that says how many were left out. A cell may also carry a tooltip (`title`).
import { escapeHtml } from './escape';

export type Cell = string | { text: string; tone?: 'positive' | 'negative' | 'neutral'; title?: string | undefined };

export interface Column<Row> {
  header: string;
  /** Right-aligned (numbers). */
  numeric?: boolean;
  cell: (row: Row, index: number) => Cell;
}

export function htmlTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], maxRows = Infinity): string {
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.header)}</th>`).join('');
  const shown = rows.slice(0, maxRows);
  const body = shown.map((row, i) => `<tr>${columns.map((c) => renderCell(c.cell(row, i), c.numeric === true)).join('')}</tr>`).join('\n');
  const note =
    rows.length > shown.length
      ? `\n<p class="note">The first ${shown.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows; the JSON report has them all.</p>`
      : '';
  return `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>${note}`;
}

/** A tone from a number's sign. */
export function signTone(value: number | null | undefined): 'positive' | 'negative' | 'neutral' {
  return value === null || value === undefined || value === 0 || !Number.isFinite(value) ? 'neutral' : value > 0 ? 'positive' : 'negative';
}

function renderCell(cell: Cell, numeric: boolean): string {
  const { text, tone = 'neutral', title } = typeof cell === 'string' ? { text: cell } : cell;
  const classes = [numeric ? 'num' : '', tone === 'neutral' ? '' : tone].filter(Boolean).join(' ');
  return `<td${classes ? ` class="${classes}"` : ''}${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>${escapeHtml(text)}</td>`;
}
