/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// DOM types for the callbacks this file runs in Chromium (page.evaluate); the Node side has none otherwise.
// The exported reports as a reader opens them. For each full LEAN result in the shared fixtures (a run
// with statistics, an equity series, orders and closed trades), `lean-author report` (the built CLI, as
// a real process) writes the HTML report and the Markdown report with its PNG charts into a temporary
// folder. The HTML opens in headless Chromium with the network refused: every request except the file
// itself is aborted, and the test asserts that none was even attempted. On screen: the charts drawn (not
// blank), the statistics equal to the parsed ones, no console error or CSP violation. The Markdown: every
// image link resolves to a valid, non-blank PNG beside it, and the trade log is there.
// Screenshots: test-results/report-<fixture>.png (light) and report-<fixture>-dark.png.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatisticValue } from '../../extension/core/backtest/results/index';
import { escapeMarkdown, MARKDOWN_MAX_ROWS, readReportSource, type ReportSource } from '../../extension/core/report/index';
import { formatStatistic } from '../../extension/shared/format';
import { launchBrowser } from '../e2e/browser';
import { repositoryRoot } from '../repositoryRoot';
import { LEAN_RESULTS } from '../sharedFixtures';
import { cardStatistic, expectedCardLabels, type CardStatistic } from '../statisticCardOracle';
import { CHROMIUM } from './panelHarness';
import { cli } from './serveProcess';

const SHOTS = path.join(repositoryRoot(), 'test-results');
const PNG_SIGNATURE = '89504e470d0a1a0a';

/** Each fixture (a Lean CLI output folder, or a folder holding one result file) read as the CLI reads it. */
async function readFixtures(): Promise<{ name: string; dir: string; source: ReportSource | null }[]> {
  return Promise.all(
    readdirSync(LEAN_RESULTS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map(async ({ name }) => {
        const dir = path.join(LEAN_RESULTS, name);
        return { name, dir, source: await readReportSource(dir).catch(() => null) };
      }),
  );
}

function isFull(source: ReportSource | null): source is ReportSource {
  const r = source?.results;
  return (
    r !== undefined &&
    Object.keys(r.statistics).length > 0 &&
    (r.equity?.points.length ?? 0) > 1 &&
    r.orders.length > 0 &&
    (r.totalPerformance?.closedTrades.length ?? 0) > 0
  );
}

const FIXTURES = await readFixtures();
const FULL = FIXTURES.filter((f): f is { name: string; dir: string; source: ReportSource } => isFull(f.source));

function report(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'report', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** What a page opened offline did: every request it made, the ones refused, errors and CSP violations. */
interface OfflinePage {
  page: Page;
  requests: string[];
  refused: string[];
  problems: string[];
  cspViolations(): Promise<string[]>;
}

/**
 * A context in which only `allowed` (a file:// URL) may load: every other request, http(s) or file, is
 * aborted before it leaves the browser, and the context is offline as well.
 */
async function offlineContext(browser: Browser, allowed: string, colorScheme: 'light' | 'dark'): Promise<BrowserContext> {
  const context = await browser.newContext({ offline: true, colorScheme, viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => (route.request().url() === allowed ? route.continue() : route.abort('blockedbyclient')));
  return context;
}

async function openOffline(context: BrowserContext, url: string): Promise<OfflinePage> {
  const page = await context.newPage();
  const requests: string[] = [];
  const refused: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => refused.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Runs before the page's own content (through the DevTools protocol, so the report's CSP, which
  // forbids scripts, does not stop it) and records what that CSP blocked.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    requests,
    refused,
    problems,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
  };
}

interface Pixels {
  width: number;
  height: number;
  /** Distinct colours. */
  distinct: number;
  /** Standard deviation of the luminance (0–255). */
  spread: number;
  /** Share of pixels that differ from the most common colour (the background). */
  drawn: number;
  /** Pixels close to each of the given colours. */
  near: number[];
}

/** Decodes a PNG in a page of its own (no network there either) and measures how much is drawn on it. */
async function pixelsOf(decoder: Page, png: Buffer, colors: string[] = []): Promise<Pixels> {
  return decoder.evaluate(
    async ({ base64, colors }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const targets = colors.map((hex) => {
        const n = parseInt(hex.trim().slice(1, 7), 16);
        return [(n >> 16) & 255, (n >> 8) & 255, n & 255] as const;
      });
      const near = targets.map(() => 0);
      const counts = new Map<number, number>();
      let sum = 0;
      let squares = 0;
      const total = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
        const key = (r << 16) | (g << 8) | b;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        sum += y;
        squares += y * y;
        targets.forEach(([tr, tg, tb], k) => {
          if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) < 40) near[k] = (near[k] as number) + 1;
        });
      }
      const background = Math.max(...counts.values());
      const mean = sum / total;
      return {
        width: canvas.width,
        height: canvas.height,
        distinct: counts.size,
        spread: Math.sqrt(Math.max(0, squares / total - mean * mean)),
        drawn: (total - background) / total,
        near,
      };
    },
    { base64: png.toString('base64'), colors },
  );
}

/** Markdown's backslash escapes undone ("-\\$146.32" → "-$146.32"). */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>&~|$#])/g, '$1');
}

/** The cells of a Markdown table row. */
function cells(line: string): string[] {
  return line
    .replace(/^\|\s?|\s?\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => unescapeMarkdown(cell.trim()));
}

let browser: Browser;
let decoderContext: BrowserContext;
let decoder: Page;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-report-browser-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser(CHROMIUM);
  // The decoder page loads nothing either: PNGs reach it as data: URLs.
  decoderContext = await browser.newContext({ offline: true });
  await decoderContext.route('**/*', (route) => route.abort('blockedbyclient'));
  decoder = await decoderContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('finds the full LEAN results in the shared fixtures (both result formats of the current LEAN)', () => {
  expect(FULL.map((f) => f.name)).toEqual(expect.arrayContaining(['sma-crossover', 'rsi-minutely']));
});

it('the offline guard sees and refuses a remote request (so its silence below means something)', async () => {
  const file = path.join(scratch, 'remote.html');
  writeFileSync(
    file,
    '<!doctype html><title>remote</title><link rel="stylesheet" href="https://example.invalid/x.css"><img src="http://127.0.0.1:9/x.png">',
  );
  const url = pathToFileURL(file).href;
  const context = await offlineContext(browser, url, 'light');
  try {
    const opened = await openOffline(context, url);
    await expect.poll(() => opened.requests.length).toBe(3);
    expect(opened.requests).toEqual(expect.arrayContaining(['https://example.invalid/x.css', 'http://127.0.0.1:9/x.png']));
    await expect.poll(() => [...opened.refused].sort()).toEqual(['http://127.0.0.1:9/x.png', 'https://example.invalid/x.css']);
  } finally {
    await context.close();
  }
});

describe.each(FULL)('the exported reports of $name', ({ name, dir, source }) => {
  const out = path.join(scratch, name);
  const statistics = source.results.statistics;
  const trades = source.results.totalPerformance?.closedTrades ?? [];

  it('HTML opens with no network, draws its charts and shows the parsed statistics', async () => {
    const file = path.join(out, `report-${name}.html`);
    const written = await report([dir, '--format', 'html', '--out', file]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout.trim()).toBe(file);
    const url = pathToFileURL(file).href;

    for (const scheme of ['light', 'dark'] as const) {
      const context = await offlineContext(browser, url, scheme);
      try {
        const opened = await openOffline(context, url);
        const { page } = opened;
        expect(await page.title()).toBe(`${source.title} – backtest report`);

        // Charts: inline SVG (the report has no canvas; an <img> would have to be a data: URL), each
        // laid out with a real size and, as rendered, far from blank: many colours, the line colour of
        // its series, and a fair share of pixels off the background.
        const charts = page.locator('figure svg.chart');
        expect(await charts.count()).toBe(2);
        expect(await page.locator('img:not([src^="data:"]), canvas, iframe, object, embed, script').count()).toBe(0);
        const colors = await page.evaluate(() => {
          const style = getComputedStyle(document.documentElement);
          return { equity: style.getPropertyValue('--equity'), drawdown: style.getPropertyValue('--drawdown') };
        });
        for (const [k, series] of (['equity', 'drawdown'] as const).entries()) {
          const chart = charts.nth(k);
          expect(await chart.getAttribute('aria-label')).toBe(series === 'equity' ? 'Equity' : 'Drawdown');
          const box = await chart.boundingBox();
          expect(box?.width, `${series} chart width`).toBeGreaterThan(600);
          expect(box?.height, `${series} chart height`).toBeGreaterThan(150);
          const pixels = await pixelsOf(decoder, await chart.screenshot(), [colors[series]]);
          expect(pixels.distinct, `${series}: not one flat colour`).toBeGreaterThan(20);
          expect(pixels.spread, `${series}: luminance varies`).toBeGreaterThan(5);
          expect(pixels.drawn, `${series}: something drawn on the background`).toBeGreaterThan(0.01);
          expect(pixels.drawn, `${series}: mostly background`).toBeLessThan(0.9);
          expect(pixels.near[0], `${series}: its line colour ${colors[series]} is drawn`).toBeGreaterThan(200);
        }

        // Statistic cards: each is the parsed statistic through formatStatistic ("$3400000.00" reads
        // "$3.4M"), with LEAN's exact text as the tooltip where the two differ; shown, not only present.
        const cards = await page.locator('.cards .card').evaluateAll((els) =>
          els.map((el) => {
            const value = el.querySelector('.value') as HTMLElement;
            return {
              label: (el.querySelector('.label') as HTMLElement).innerText,
              value: value.innerText,
              title: value.getAttribute('title'),
            };
          }),
        );
        expect(cards.map((c) => c.label)).toEqual(expectedCardLabels(statistics));
        for (const card of cards) {
          const { statistic, lean } = cardStatistic(card.label, statistics) as CardStatistic;
          expect(card.value, card.label).toBe(formatStatistic(statistic, lean));
          expect(card.title, card.label).toBe(card.value === lean ? null : lean);
          // The number on screen is the parsed one: exact below a million, within the short form's rounding above.
          const exact = parseStatisticValue(lean);
          if (exact) {
            const shown = parseStatisticValue(card.value)?.value as number;
            if (Math.abs(exact.value) < 1e6) expect(shown, card.label).toBe(exact.value);
            else expect(Math.abs(shown - exact.value) / Math.abs(exact.value), card.label).toBeLessThan(0.005);
          }
        }
        for (const card of await page.locator('.cards .card').all()) expect(await card.isVisible()).toBe(true);

        // All statistics: both tables, every row the parsed statistic through the same formatter.
        const tables = await page.locator('.stats table').evaluateAll((els) =>
          els.map((table) => ({
            title: (table.querySelector('thead th') as HTMLElement).innerText,
            rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText)),
          })),
        );
        const expected = [
          ['Statistics', statistics],
          ['Runtime statistics', source.results.runtimeStatistics],
        ] as const;
        expect(tables.map((t) => t.title)).toEqual(expected.filter(([, s]) => Object.keys(s).length > 0).map(([title]) => title));
        for (const table of tables) {
          const values = (expected.find(([title]) => title === table.title) as (typeof expected)[number])[1];
          expect(table.rows).toEqual(Object.entries(values).map(([n, v]) => [n, formatStatistic(n, v)]));
        }
        expect(await page.locator('h2', { hasText: `Closed trades (${trades.length.toLocaleString('en-US')})` }).count()).toBe(1);

        // Nothing was fetched but the file, nothing refused, no error, no CSP violation.
        expect(opened.requests, 'requests made').toEqual([url]);
        expect(
          opened.requests.filter((r) => /^https?:/i.test(r)),
          'http(s) requests attempted',
        ).toEqual([]);
        expect(opened.refused, 'requests refused').toEqual([]);
        expect(opened.problems, 'console and page errors').toEqual([]);
        expect(await opened.cspViolations(), 'CSP violations').toEqual([]);

        // The screenshot: header, cards and both charts.
        const bottom = await page.evaluate(() => {
          const figures = document.querySelectorAll('figure');
          return Math.ceil((figures[figures.length - 1] as HTMLElement).getBoundingClientRect().bottom + window.scrollY) + 24;
        });
        await page.screenshot({
          path: path.join(SHOTS, `report-${name}${scheme === 'dark' ? '-dark' : ''}.png`),
          fullPage: true,
          clip: { x: 0, y: 0, width: 1280, height: bottom },
        });
      } finally {
        await context.close();
      }
    }
  });

  it('Markdown links only PNGs that exist beside it, valid and drawn, and carries the trade log', async () => {
    const file = path.join(out, 'md', `report-${name}.md`);
    const written = await report([dir, '--format', 'md', '--out', file]);
    expect(written.code, written.stderr).toBe(0);
    const [reportFile, ...images] = written.stdout.trim().split('\n');
    expect(reportFile).toBe(file);
    expect(images.length).toBe(2);
    const markdown = readFileSync(file, 'utf8');

    // Every image link (Markdown or HTML syntax) is a relative file that exists: exactly the PNGs written.
    const links = [
      ...[...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string),
      ...[...markdown.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1] as string),
    ];
    expect(links.length).toBe(2);
    const linked = links.map((href) => {
      expect(href, 'a relative link, never a URL').not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/\//i);
      const target = path.resolve(path.dirname(file), decodeURIComponent(href));
      expect(existsSync(target), `${href} exists`).toBe(true);
      return target;
    });
    expect(linked.sort()).toEqual([...images].sort());

    // Each is a valid PNG of a real size (signature, IHDR, the IEND trailer), decodes, and is drawn on.
    for (const image of images) {
      const bytes = readFileSync(image);
      expect(bytes.subarray(0, 8).toString('hex'), `${image} signature`).toBe(PNG_SIGNATURE);
      expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect(bytes.subarray(-8, -4).toString('latin1')).toBe('IEND');
      expect(statSync(image).size, `${image} size`).toBeGreaterThan(8 * 1024);
      const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      expect(width).toBeGreaterThanOrEqual(960);
      expect(height).toBeGreaterThanOrEqual(240);
      const pixels = await pixelsOf(decoder, bytes);
      expect({ width: pixels.width, height: pixels.height }).toEqual({ width, height });
      expect(pixels.distinct, `${image}: not one flat colour`).toBeGreaterThan(20);
      expect(pixels.drawn, `${image}: something drawn`).toBeGreaterThan(0.01);
      expect(pixels.drawn, `${image}: mostly background`).toBeLessThan(0.9);
    }

    // The trade log: its heading, the table header and one row per closed trade, in order.
    const lines = markdown.split('\n');
    const heading = lines.indexOf(`## Closed trades (${trades.length.toLocaleString('en-US')})`);
    expect(heading, 'the trade log heading').toBeGreaterThan(0);
    const start = lines.findIndex((line, i) => i > heading && line.startsWith('| '));
    const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
    const table = lines.slice(start, end === -1 ? undefined : end);
    expect(cells(table[0] as string)).toEqual([
      '#',
      'Symbol',
      'Direction',
      'Entry',
      'Entry price',
      'Exit',
      'Exit price',
      'Quantity',
      'P&L',
      'Fees',
      'Duration',
    ]);
    expect(table[1]).toMatch(/^\|(\s*:?-+:?\s*\|)+$/);
    const rows = table.slice(2).map(cells);
    expect(rows.length).toBe(Math.min(trades.length, MARKDOWN_MAX_ROWS));
    rows.forEach((row, i) => {
      const trade = trades[i] as (typeof trades)[number];
      expect(row[0]).toBe(String(i + 1));
      expect(row[1]).toBe(trade.symbol);
      expect(parseStatisticValue(row[8])?.value, `trade ${i + 1} P&L`).toBeCloseTo(trade.profitLoss ?? 0, 2);
    });

    // The statistics table reads as the HTML does.
    for (const [statistic, value] of Object.entries(statistics)) {
      expect(lines).toContain(`| ${escapeMarkdown(statistic)} | ${escapeMarkdown(formatStatistic(statistic, value))} |`);
    }
  });
});
