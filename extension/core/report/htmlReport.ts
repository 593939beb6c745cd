// `--format html`: one self-contained page. No script, no remote resource: the CSS is inline, the
// charts are inline SVG drawn from the model, and a Content-Security-Policy forbids everything else,
// so the file opens offline, in a mail attachment or a CI artifact. Every string from the result files
// is escaped (escape.ts, htmlTable.ts), so an order tag or log line can never inject markup.
// Statistics read through formatStatistic (money as "$3.4M", LEAN's text as the tooltip), as in the panel.
// Sections: header (title, algorithm, period, status; runtime error), statistic cards, equity with the
// benchmark, drawdown, all statistics, parameters, closed trades, orders, the algorithm log, warnings.
import type { BacktestResults, ClosedTrade, Order } from '../backtest/results/index';
import { chartLines } from './chartData';
import { escapeHtml } from './escape';
import { formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, formatStatistic } from '../../shared/format';
import { htmlTable, signTone, type Column } from './htmlTable';
import { REPORT_CSS } from './htmlStyle';
import { backtestPeriod, runtimeErrors } from './jsonReport';
import { drawdownChartSvg, equityChartSvg } from './reportCharts';
import { sourceName, type ReportSource } from './source';
import { statisticCards } from './statisticCards';

/** Longest tables and log shown; the JSON report (and the log file) have everything. */
export const HTML_MAX_ROWS = 5000;
export const HTML_MAX_LOG_LINES = 10_000;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderHtmlReport(source: ReportSource): string {
  const r = source.results;
  const currency = r.algorithmConfiguration?.accountCurrency ?? null;
  const lines = chartLines(r);
  const equity = equityChartSvg(lines, currency, { labels: true });
  const drawdown = drawdownChartSvg(lines, { labels: true });
  const trades = r.totalPerformance?.closedTrades ?? [];

  const body = [
    header(source),
    errorSection(r),
    cardsSection(r.statistics),
    equity
      ? section(
          'Equity',
          figure(equity, [
            ['equity', 'Equity'],
            ...(lines.benchmark.length > 0 ? ([['benchmark', 'Benchmark (scaled to start with equity)']] as const) : []),
          ]),
        )
      : '',
    drawdown ? section('Drawdown', figure(drawdown, [['drawdown', 'Drawdown (%)']])) : '',
    statisticsSection(r),
    parametersSection(r),
    trades.length > 0
      ? section(`Closed trades (${trades.length.toLocaleString('en-US')})`, htmlTable(tradeColumns(currency), trades, HTML_MAX_ROWS))
      : '',
    r.orders.length > 0
      ? section(`Orders (${r.orders.length.toLocaleString('en-US')})`, htmlTable(orderColumns(currency), r.orders, HTML_MAX_ROWS))
      : '',
    logSection(r.logs),
    warningsSection(source.warnings),
    `<footer>Made by lean-author from ${escapeHtml(sourceName(source))}. Times are UTC.</footer>`,
  ];

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(`${source.title} – backtest report`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(source: ReportSource): string {
  const r = source.results;
  const period = backtestPeriod(r);
  const meta: string[] = [];
  if (r.algorithmId) meta.push(`Algorithm ${escapeHtml(r.algorithmId)}`);
  if (source.project) meta.push(`run ${escapeHtml(source.run)}`);
  if (period.start !== null || period.end !== null) meta.push(`${formatDate(period.start)} → ${formatDate(period.end)}`);
  const failed = runtimeErrors(r).length > 0;
  const status = r.state?.status ?? (failed ? 'RuntimeError' : null);
  if (status)
    meta.push(`<span class="status ${failed ? 'status-failed' : status === 'Completed' ? 'status-ok' : ''}">${escapeHtml(status)}</span>`);
  return `<header>\n<h1>${escapeHtml(source.title)}</h1>\n<p class="meta">${meta.join(' · ')}</p>\n</header>`;
}

function errorSection(r: BacktestResults): string {
  const errors = runtimeErrors(r);
  if (errors.length === 0) return '';
  const stack = r.state?.stackTrace?.trim();
  return [
    '<section class="error">',
    '<h2>Runtime error</h2>',
    ...errors.map((e) => `<pre>${escapeHtml(e)}</pre>`),
    stack && !errors.includes(stack) ? `<pre>${escapeHtml(stack)}</pre>` : '',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

function cardsSection(statistics: Record<string, string>): string {
  const cards = statisticCards(statistics);
  if (cards.length === 0) return '';
  const items = cards.map((c) => {
    const { text, title } = statisticCell(c.label, c.value);
    const tooltip = title === undefined ? '' : ` title="${escapeHtml(title)}"`;
    return `<div class="card"><div class="label">${escapeHtml(c.label)}</div><div class="value${c.tone === 'neutral' ? '' : ` ${c.tone}`}"${tooltip}>${escapeHtml(text)}</div></div>`;
  });
  return `<section class="cards">\n${items.join('\n')}\n</section>`;
}

/** A statistic as formatStatistic shows it ("$3.4M"), with LEAN's own text as the tooltip where they differ. */
function statisticCell(name: string, lean: string): { text: string; title: string | undefined } {
  const text = formatStatistic(name, lean);
  return { text, title: text === lean ? undefined : lean };
}

function figure(svg: string, legend: readonly (readonly [string, string])[]): string {
  const caption = legend.map(([id, label]) => `<span class="legend-swatch legend-${id}"></span>${escapeHtml(label)}`).join('');
  return `<figure>\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

function statisticsSection(r: BacktestResults): string {
  const tables: string[] = [];
  for (const [title, stats] of [
    ['Statistics', r.statistics],
    ['Runtime statistics', r.runtimeStatistics],
  ] as const) {
    const rows = Object.entries(stats);
    if (rows.length === 0) continue;
    const columns: Column<[string, string]>[] = [
      { header: title, cell: ([name]) => name },
      { header: 'Value', numeric: true, cell: ([name, value]) => statisticCell(name, value) },
    ];
    tables.push(`<div>${htmlTable(columns, rows)}</div>`);
  }
  return tables.length > 0 ? section('All statistics', `<div class="stats">\n${tables.join('\n')}\n</div>`) : '';
}

function parametersSection(r: BacktestResults): string {
  const rows = Object.entries(r.algorithmConfiguration?.parameters ?? {});
  if (rows.length === 0) return '';
  const columns: Column<[string, string]>[] = [
    { header: 'Parameter', cell: ([name]) => name },
    { header: 'Value', cell: ([, value]) => value },
  ];
  return section('Parameters', htmlTable(columns, rows));
}

function tradeColumns(currency: string | null): Column<ClosedTrade>[] {
  return [
    { header: '#', numeric: true, cell: (_, i) => String(i + 1) },
    { header: 'Symbol', cell: (t) => t.symbol },
    { header: 'Direction', cell: (t) => t.direction },
    { header: 'Entry', cell: (t) => formatDateTime(t.entryTime) },
    { header: 'Entry price', numeric: true, cell: (t) => formatNumber(t.entryPrice) },
    { header: 'Exit', cell: (t) => formatDateTime(t.exitTime) },
    { header: 'Exit price', numeric: true, cell: (t) => formatNumber(t.exitPrice) },
    { header: 'Quantity', numeric: true, cell: (t) => formatNumber(t.quantity, 8) },
    { header: 'P&L', numeric: true, cell: (t) => ({ text: formatMoney(t.profitLoss, currency), tone: signTone(t.profitLoss) }) },
    { header: 'Fees', numeric: true, cell: (t) => formatMoney(t.totalFees, currency) },
    { header: 'MAE', numeric: true, cell: (t) => formatMoney(t.mae, currency) },
    { header: 'MFE', numeric: true, cell: (t) => formatMoney(t.mfe, currency) },
    { header: 'Duration', numeric: true, cell: (t) => formatDuration(t.durationSeconds) },
  ];
}

function orderColumns(currency: string | null): Column<Order>[] {
  return [
    { header: 'Id', numeric: true, cell: (o) => String(o.id) },
    { header: 'Time', cell: (o) => formatDateTime(o.time) },
    { header: 'Symbol', cell: (o) => o.symbol },
    { header: 'Type', cell: (o) => o.type },
    { header: 'Direction', cell: (o) => o.direction },
    { header: 'Quantity', numeric: true, cell: (o) => formatNumber(o.quantity, 8) },
    { header: 'Price', numeric: true, cell: (o) => formatNumber(o.price) },
    { header: 'Value', numeric: true, cell: (o) => formatMoney(o.value, o.priceCurrency ?? currency) },
    { header: 'Status', cell: (o) => o.status },
    { header: 'Tag', cell: (o) => o.tag },
  ];
}

function logSection(logs: readonly string[]): string {
  if (logs.length === 0) return '';
  const shown = logs.slice(0, HTML_MAX_LOG_LINES);
  const note =
    logs.length > shown.length
      ? `\n<p class="note">The first ${shown.length.toLocaleString('en-US')} of ${logs.length.toLocaleString('en-US')} lines.</p>`
      : '';
  return section(
    `Algorithm log (${logs.length.toLocaleString('en-US')} lines)`,
    `<pre class="log">${escapeHtml(shown.join('\n'))}</pre>${note}`,
  );
}

function warningsSection(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  return section('Warnings while reading the results', `<ul>\n${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n')}\n</ul>`);
}

function section(title: string, content: string): string {
  return `<section>\n<h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}
