// `--format md`: a report for a pull request, a wiki or a notebook. Statistics as tables (money read as
// money by formatStatistic; the JSON report keeps LEAN's text), the two charts
// as PNG files beside the Markdown (written by writeReport; this module only references them, by
// relative name) with their numbers in words below each (the PNGs carry no text), the trade log, and a
// summary of the orders per symbol. Strings from the result files are escaped (escape.ts).
import type { BacktestResults, ClosedTrade, Order } from '../backtest/results/index';
import { chartLines } from './chartData';
import { escapeMarkdown } from './escape';
import { formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, formatStatistic } from '../../shared/format';
import { backtestPeriod, runtimeErrors } from './jsonReport';
import { describeCharts } from './reportCharts';
import { sourceName, type ReportSource } from './source';

/** Longest trade log written; the JSON report has every trade. */
export const MARKDOWN_MAX_ROWS = 5000;

export interface MarkdownImages {
  /** File names relative to the Markdown file; null when that chart was not drawn. */
  equity: string | null;
  drawdown: string | null;
}

export function renderMarkdownReport(source: ReportSource, images: MarkdownImages): string {
  const r = source.results;
  const currency = r.algorithmConfiguration?.accountCurrency ?? null;
  const lines = chartLines(r);
  const words = describeCharts(lines, currency);
  const trades = r.totalPerformance?.closedTrades ?? [];
  const blocks: string[] = [`# ${escapeMarkdown(source.title)} – backtest report`, metaLine(source)];

  const errors = runtimeErrors(r);
  if (errors.length > 0) {
    const stack = r.state?.stackTrace?.trim();
    blocks.push('## Runtime error', codeBlock([...errors, ...(stack && !errors.includes(stack) ? [stack] : [])].join('\n\n')));
  }
  if (Object.keys(r.statistics).length > 0) blocks.push('## Statistics', statisticsTable(r.statistics));
  if (Object.keys(r.runtimeStatistics).length > 0) blocks.push('## Runtime statistics', statisticsTable(r.runtimeStatistics));
  const parameters = r.algorithmConfiguration?.parameters ?? {};
  if (Object.keys(parameters).length > 0) blocks.push('## Parameters', keyValueTable('Parameter', parameters));
  if (images.equity)
    blocks.push(
      '## Equity',
      image(lines.benchmark.length > 0 ? 'Equity with the benchmark' : 'Equity', images.equity),
      escapeMarkdown(words.equity ?? ''),
    );
  if (images.drawdown) blocks.push('## Drawdown', image('Drawdown', images.drawdown), escapeMarkdown(words.drawdown ?? ''));
  if (trades.length > 0) blocks.push(`## Closed trades (${trades.length.toLocaleString('en-US')})`, tradeTable(trades, currency));
  if (r.orders.length > 0) blocks.push(`## Orders (${r.orders.length.toLocaleString('en-US')})`, ...orderSummary(r.orders, currency));
  if (source.warnings.length > 0)
    blocks.push('## Warnings while reading the results', source.warnings.map((w) => `- ${escapeMarkdown(w)}`).join('\n'));
  blocks.push(`_Made by lean-author from ${escapeMarkdown(sourceName(source))}. Times are UTC._`);
  return `${blocks.filter((b) => b !== '').join('\n\n')}\n`;
}

function metaLine(source: ReportSource): string {
  const r: BacktestResults = source.results;
  const period = backtestPeriod(r);
  const parts: string[] = [];
  if (r.algorithmId) parts.push(`Algorithm ${r.algorithmId}`);
  if (source.project) parts.push(`run ${source.run}`);
  if (period.start !== null || period.end !== null) parts.push(`${formatDate(period.start)} → ${formatDate(period.end)}`);
  const status = r.state?.status ?? (runtimeErrors(r).length > 0 ? 'RuntimeError' : null);
  const meta = escapeMarkdown(parts.join(' · '));
  return status ? `${meta}${meta ? ' · ' : ''}**${escapeMarkdown(status)}**` : meta;
}

/** A GitHub-flavoured table; every cell is escaped. `align` per column: 'l' or 'r'. */
export function markdownTable(headers: readonly string[], align: string, rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `| ${headers.map((_, i) => (align[i] === 'r' ? '--:' : ':--')).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function keyValueTable(title: string, values: Record<string, string>): string {
  return markdownTable([title, 'Value'], 'lr', Object.entries(values));
}

/** Statistics as formatStatistic shows them ("$3.4M"), as in the panel and the HTML report. */
function statisticsTable(statistics: Record<string, string>): string {
  return markdownTable(
    ['Statistic', 'Value'],
    'lr',
    Object.entries(statistics).map(([name, value]) => [name, formatStatistic(name, value)]),
  );
}

function image(alt: string, file: string): string {
  // Percent-encoded so that spaces and parentheses in a chosen --out name keep the link intact.
  const href = encodeURIComponent(file).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `![${escapeMarkdown(alt)}](${href})`;
}

function codeBlock(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function tradeTable(trades: readonly ClosedTrade[], currency: string | null): string {
  const shown = trades.slice(0, MARKDOWN_MAX_ROWS);
  const rows = shown.map((t, i) => [
    String(i + 1),
    t.symbol,
    t.direction,
    formatDateTime(t.entryTime),
    formatNumber(t.entryPrice),
    formatDateTime(t.exitTime),
    formatNumber(t.exitPrice),
    formatNumber(t.quantity, 8),
    formatMoney(t.profitLoss, currency),
    formatMoney(t.totalFees, currency),
    formatDuration(t.durationSeconds),
  ]);
  const table = markdownTable(
    ['#', 'Symbol', 'Direction', 'Entry', 'Entry price', 'Exit', 'Exit price', 'Quantity', 'P&L', 'Fees', 'Duration'],
    'rlllrlrrrrr',
    rows,
  );
  const wins = trades.filter((t) => t.isWin === true).length;
  const total = trades.reduce((sum, t) => sum + (t.profitLoss ?? 0), 0);
  const summary = escapeMarkdown(
    `${wins.toLocaleString('en-US')} of ${trades.length.toLocaleString('en-US')} trades won; realised ${formatMoney(total, currency)} in all.`,
  );
  const note =
    trades.length > shown.length
      ? `\n\n${escapeMarkdown(`The first ${shown.length.toLocaleString('en-US')} trades; the JSON report has them all.`)}`
      : '';
  return `${summary}\n\n${table}${note}`;
}

/** Orders per symbol: counts by direction and outcome, filled value, first and last order time. */
function orderSummary(orders: readonly Order[], currency: string | null): string[] {
  interface Row {
    count: number;
    buys: number;
    sells: number;
    filled: number;
    other: number;
    value: number;
    first: number | null;
    last: number | null;
  }
  const bySymbol = new Map<string, Row>();
  const byStatus = new Map<string, number>();
  for (const o of orders) {
    const row = bySymbol.get(o.symbol) ?? { count: 0, buys: 0, sells: 0, filled: 0, other: 0, value: 0, first: null, last: null };
    row.count++;
    if (o.direction === 'Buy') row.buys++;
    if (o.direction === 'Sell') row.sells++;
    if (o.status === 'Filled' || o.status === 'PartiallyFilled') {
      row.filled++;
      row.value += Math.abs(o.value ?? 0);
    } else row.other++;
    if (o.time !== null) {
      row.first = row.first === null ? o.time : Math.min(row.first, o.time);
      row.last = row.last === null ? o.time : Math.max(row.last, o.time);
    }
    bySymbol.set(o.symbol, row);
    byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  }
  const statusLine = escapeMarkdown(
    `By status: ${[...byStatus].map(([status, n]) => `${status} ${n.toLocaleString('en-US')}`).join(', ')}. Every order is in the HTML and JSON reports.`,
  );
  const rows = [...bySymbol].map(([symbol, row]) => [
    symbol,
    formatNumber(row.count),
    formatNumber(row.buys),
    formatNumber(row.sells),
    formatNumber(row.filled),
    formatNumber(row.other),
    formatMoney(row.value, currency),
    formatDateTime(row.first),
    formatDateTime(row.last),
  ]);
  return [
    markdownTable(['Symbol', 'Orders', 'Buy', 'Sell', 'Filled', 'Not filled', 'Filled value', 'First', 'Last'], 'lrrrrrrll', rows),
    statusLine,
  ];
}
