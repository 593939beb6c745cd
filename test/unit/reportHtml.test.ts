// `--format html`: one self-contained page per run, with inline SVG charts and every data string escaped.
import { LEAN_RUNS } from '../sharedFixtures';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ValueSeries } from '../../extension/core/backtest/results/index';
import { chartLines, escapeHtml, readReportSource, renderHtmlReport, type ReportSource } from '../../extension/core/report/index';
import { formatStatistic } from '../../extension/shared/format';

const SMA = LEAN_RUNS['sma-crossover'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-report-html-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Points in the `d` attribute of the chart path with this class. */
function pathPoints(html: string, className: string): number {
  const match = new RegExp(`<path class="${className}"[^>]* d="([^"]+)"`).exec(html);
  return match ? (match[1] as string).split(/[ML]/).filter(Boolean).length : 0;
}

describe.each(Object.entries(LEAN_RUNS))('HTML report of %s', (_, run) => {
  it('shows the statistics, an equity chart and the tables, and loads nothing from outside', async () => {
    const source = await readReportSource(run);
    const html = renderHtmlReport(source);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const name of ['Net Profit', 'Sharpe Ratio', 'Drawdown', 'Total Fees']) {
      const value = source.results.statistics[name] as string;
      expect(value).toBeDefined();
      expect(html).toContain(escapeHtml(value));
    }
    expect(html).toMatch(/<svg [^>]*class="chart"/);
    expect(pathPoints(html, 'line line-equity')).toBe(source.results.equity?.points.length);
    expect(html).toContain('class="line line-drawdown"');
    expect(html).toContain(`<h2>Orders (${source.results.orders.length})</h2>`);
    // Self-contained: no script, no external stylesheet or image, no remote URL in src/href.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('@media print');
  });
});

describe('HTML report contents', () => {
  it('puts the statistic cards, trades, orders and log of sma-crossover in the page', async () => {
    const source = await readReportSource(SMA);
    const html = renderHtmlReport(source);
    expect(html).toContain('<h1>sma-crossover</h1>');
    expect(html).toContain('2023-01-01 → 2023-01-31');
    expect(html).toContain('<span class="status status-ok">Completed</span>');
    expect(html).toContain('<div class="label">Net Profit</div><div class="value negative">-1.881%</div>');
    // Money reads as money; LEAN's exact text is the tooltip (and the parsed value in the JSON report).
    const capacity = source.results.statistics['Estimated Strategy Capacity'] as string;
    expect(capacity).toBe('$3400000.00');
    const shown = formatStatistic('Estimated Strategy Capacity', capacity);
    expect(shown).not.toBe(capacity);
    expect(html).toContain(`<div class="label">Capacity</div><div class="value" title="${capacity}">${shown}</div>`);
    expect(html).toContain(`<td>Estimated Strategy Capacity</td><td class="num" title="${capacity}">${shown}</td>`);
    expect(html).toContain('<h2>Closed trades (150)</h2>');
    expect(html).toContain('<h2>Algorithm log (331 lines)</h2>');
    expect(html).toContain(escapeHtml(source.results.logs[2] as string));
    // The benchmark of this run is all zeros (never priced), so it is not drawn.
    expect(html).not.toContain('class="line line-benchmark"');
  });

  it('overlays the benchmark, scaled to start with equity, in the legacy file', async () => {
    const source = await readReportSource(LEAN_RUNS['legacy-report-data']);
    const html = renderHtmlReport(source);
    expect(pathPoints(html, 'line line-benchmark')).toBe(3);
    const lines = chartLines(source.results);
    expect(lines.benchmark[0]?.value).toBeCloseTo(1_000_000, 6);
    expect(lines.benchmark[1]?.value).toBeCloseTo((1_000_000 * 361.2511) / 366.2371, 6);
  });

  it('escapes markup in order tags, the runtime error and log lines', async () => {
    const dir = path.join(scratch, 'injected');
    mkdirSync(dir);
    for (const file of readdirSync(SMA)) copyFileSync(path.join(SMA, file), path.join(dir, file));
    const resultFile = path.join(dir, '1186467672.json');
    const json = JSON.parse(readFileSync(resultFile, 'utf8'));
    json.orders['1'].tag = '<script>alert("tag")</script>';
    json.state.Status = 'RuntimeError';
    json.state.RuntimeError = 'Boom <img src=x onerror="alert(1)"> & more';
    writeFileSync(resultFile, JSON.stringify(json));
    writeFileSync(path.join(dir, '1186467672-log.txt'), '</pre><script>alert("log")</script>\n');

    const html = renderHtmlReport(await readReportSource(dir));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;tag&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(&quot;log&quot;)&lt;/script&gt;');
    expect(html).toContain('<h2>Runtime error</h2>');
    expect(html).toContain('<pre>Boom &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more</pre>');
    expect(html).toContain('<span class="status status-failed">RuntimeError</span>');
  });

  it('thins a long equity series to about 2,000 points, keeping its extremes', async () => {
    const source = await readReportSource(SMA);
    const points = Array.from({ length: 20_000 }, (_, i) => ({ time: 1_672_531_200 + i * 60, value: 100_000 + Math.sin(i / 50) * 500 }));
    (points[12_345] as { value: number }).value = 50_000;
    (points[6_789] as { value: number }).value = 150_000;
    const equity: ValueSeries = {
      name: 'Equity',
      unit: '$',
      seriesType: 'Line',
      index: 0,
      indexName: null,
      color: null,
      kind: 'values',
      points,
    };
    const long: ReportSource = { ...source, results: { ...source.results, equity } };

    const line = chartLines(long.results).equity;
    expect(line.length).toBeLessThanOrEqual(2000);
    expect(line.length).toBeGreaterThan(1000);
    expect(Math.min(...line.map((p) => p.value))).toBe(50_000);
    expect(Math.max(...line.map((p) => p.value))).toBe(150_000);
    expect(line[0]).toEqual(points[0]);
    expect(line.at(-1)).toEqual(points.at(-1));
    expect(pathPoints(renderHtmlReport(long), 'line line-equity')).toBe(line.length);
  });
});
