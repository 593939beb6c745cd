// `--format md`: statistics, trade log and order summary as Markdown, the charts as PNG files beside it.
import { LEAN_RUNS } from '../sharedFixtures';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeMarkdown, readReportSource, renderMarkdownReport, svgToPng, writeReport } from '../../extension/core/report/index';
import { formatStatistic } from '../../extension/shared/format';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-report-md-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, after checking the signature and the chunk's place. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.readUInt32BE(8)).toBe(13);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each(Object.entries(LEAN_RUNS))('Markdown report of %s', (name, run) => {
  it('writes the Markdown and the two chart PNGs it references', async () => {
    const out = path.join(scratch, name, path.sep);
    const written = await writeReport(run, { format: 'md', out });
    expect(written.report).toBe(path.join(out, 'report.md'));
    expect(written.images).toEqual([path.join(out, 'report-equity.png'), path.join(out, 'report-drawdown.png')]);

    const markdown = readFileSync(written.report, 'utf8');
    expect(markdown).toContain(`![${name === 'legacy-report-data' ? 'Equity with the benchmark' : 'Equity'}](report-equity.png)`);
    expect(markdown).toContain('![Drawdown](report-drawdown.png)');
    for (const image of written.images) {
      expect(pngSize(readFileSync(image))).toEqual({ width: 1440, height: 480 });
    }

    const source = await readReportSource(run);
    expect(markdown).toContain('| Statistic | Value |');
    for (const [statistic, value] of Object.entries(source.results.statistics)) {
      expect(markdown).toContain(`| ${escapeMarkdown(statistic)} | ${escapeMarkdown(formatStatistic(statistic, value))} |`);
    }
    expect(markdown).toContain(`## Orders (${source.results.orders.length})`);
  });
});

describe('Markdown report contents', () => {
  it('has the whole trade log and an order summary of sma-crossover', async () => {
    const source = await readReportSource(LEAN_RUNS['sma-crossover']);
    const markdown = renderMarkdownReport(source, { equity: 'report-equity.png', drawdown: 'report-drawdown.png' });
    expect(
      markdown.startsWith('# sma-crossover – backtest report\n\nAlgorithm 1186467672 · 2023-01-01 → 2023-01-31 · **Completed**\n'),
    ).toBe(true);
    expect(markdown).toContain('## Closed trades (150)');
    expect(markdown).toContain(
      '| 1 | SPY | Long | 2023-01-03 15:43:00 | 381.25 | 2023-01-03 16:11:00 | 380.66 | 248 | -\\$146.32 | \\$2.48 | 00:28:00 |',
    );
    expect(markdown.match(/^\| \d+ \| SPY \| Long \|/gm)).toHaveLength(150);
    expect(markdown).toContain('| SPY | 301 | 151 | 150 | 301 | 0 |');
    expect(markdown).toContain('By status: Filled 301.');
    expect(markdown).toContain('Deepest drawdown -2.48% on 2023-01-20; -2.03% at the end.');
  });

  it('leaves out a chart that was not drawn and escapes markup in the data', async () => {
    const source = await readReportSource(LEAN_RUNS['rsi-minutely']);
    const order = source.results.orders[0];
    if (!order) throw new Error('fixture has orders');
    const tagged = { ...source, results: { ...source.results, orders: [{ ...order, symbol: '<b>|x*' }] } };
    const markdown = renderMarkdownReport(tagged, { equity: null, drawdown: 'my report (2)-drawdown.png' });
    expect(markdown).not.toContain('## Equity');
    expect(markdown).toContain('![Drawdown](my%20report%20%282%29-drawdown.png)');
    expect(markdown).toContain('| \\<b\\>\\|x\\* | 1 |');
    expect(markdown).not.toContain('<b>');
  });

  it('puts a runtime error in a code fence longer than any backtick run in it', async () => {
    const source = await readReportSource(LEAN_RUNS['rsi-minutely']);
    const state = source.results.state;
    if (!state) throw new Error('fixture has a state');
    const failed = {
      ...source,
      results: { ...source.results, state: { ...state, status: 'RuntimeError', runtimeError: 'Bad ```code``` <b>' } },
    };
    const markdown = renderMarkdownReport(failed, { equity: null, drawdown: null });
    expect(markdown).toContain('· **RuntimeError**');
    expect(markdown).toContain('## Runtime error\n\n````text\nBad ```code``` <b>\n````\n');
  });

  it('renders an SVG to a PNG of the asked width', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><path d="M0 0L100 50" stroke="red"/></svg>';
    expect(pngSize(Buffer.from(await svgToPng(svg, { width: 300 })))).toEqual({ width: 300, height: 150 });
  });
});
