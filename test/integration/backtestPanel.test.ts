/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// DOM types for the callbacks this file runs in Chromium (page.evaluate); the Node side has none otherwise.
// The built panel bundle (dist/webview/panel.js, `npm run build`) in headless Chromium, fed messages
// built from the real LEAN results in the shared fixtures (both result formats) by the same code the
// extension uses. Screenshots go to test-results/panel-*.png: look at them after changing the panel.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatisticValue } from '../../extension/core/backtest/results/index';
import { buildRunView, compareMessage, compareRow, latestRunMessage, runMessage } from '../../extension/core/panel/index';
import { readReportSource, type ReportSource } from '../../extension/core/report/index';
import { formatStatistic } from '../../extension/shared/format';
import type { HostToWebview } from '../../extension/shared/protocol';
import { launchBrowser } from '../e2e/browser';
import { repositoryRoot } from '../repositoryRoot';
import { LEAN_RUNS } from '../sharedFixtures';
import { cardStatistic, type CardStatistic } from '../statisticCardOracle';
import { CHROMIUM, openPanel, startPanelServer, type PanelPage, type PanelServer } from './panelHarness';
import { THEMES, type ThemeName } from './panelThemes';

const SHOTS = path.join(repositoryRoot(), 'test-results');

let server: PanelServer;
let browser: Browser;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lean-panel-ui-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startPanelServer();
  browser = await launchBrowser(CHROMIUM);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Pixels of every canvas under `selector`: how many are drawn, how many distinct colours, and how many
 * are close to each of `colors` (the series colours of the theme).
 */
async function canvasPixels(panel: PanelPage, selector: string, colors: [number, number, number][]) {
  return panel.page.evaluate(
    ({ selector, colors }) => {
      const counts = colors.map(() => 0);
      const distinct = new Set<number>();
      let drawn = 0;
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`${selector} canvas`)) {
        if (canvas.width === 0 || canvas.height === 0) continue;
        const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < data.length; i += 4) {
          if ((data[i + 3] as number) === 0) continue;
          drawn++;
          const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
          distinct.add((r << 16) | (g << 8) | b);
          colors.forEach(([cr, cg, cb], k) => {
            if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 40) counts[k] = (counts[k] as number) + 1;
          });
        }
      }
      return { counts, distinct: distinct.size, drawn };
    },
    { selector, colors },
  );
}

async function text(panel: PanelPage, selector: string): Promise<string[]> {
  return panel.page.locator(selector).allInnerTexts();
}

async function expectClean(panel: PanelPage): Promise<void> {
  expect(await panel.cspViolations(), 'no Content-Security-Policy violation').toEqual([]);
  expect(panel.problems, 'no console or page errors').toEqual([]);
}

describe.each(Object.entries(LEAN_RUNS))('the panel with %s', (fixture, run) => {
  let source: ReportSource;
  beforeAll(async () => {
    source = await readReportSource(run);
  });

  it.each(['light', 'dark'] as ThemeName[])('shows the parsed statistics and draws the charts (%s theme)', async (theme) => {
    const panel = await openPanel(browser, server, { theme });
    try {
      await panel.post(await runMessage(run));
      const statistics = source.results.statistics;

      // Cards: each shows the parsed value through the reports' formatter ("$3.4M"), LEAN's text on hover.
      const cards = await panel.page.locator('.card').evaluateAll((els) =>
        els.map((el) => {
          const value = el.querySelector('.card-value');
          return {
            label: (el as HTMLElement).dataset['statistic'],
            value: value?.textContent,
            title: value?.getAttribute('title') ?? null,
          };
        }),
      );
      expect(cards.length).toBeGreaterThanOrEqual(8);
      for (const card of cards) {
        const { statistic, lean } = cardStatistic(card.label as string, statistics) as CardStatistic;
        expect(card.value, card.label).toBe(formatStatistic(statistic, lean));
        expect(card.title, card.label).toBe(card.value === lean ? null : lean);
      }
      expect(cards.map((c) => c.label)).toEqual(expect.arrayContaining(['Net Profit', 'Sharpe Ratio', 'Drawdown', 'Fees']));

      // Orders: the count on the tab, and one row per order.
      expect((await text(panel, 'vscode-tab-header[data-tab="orders"] vscode-badge'))[0]).toBe(String(source.results.orders.length));
      expect(await panel.page.locator('vscode-tab-panel[data-tab="orders"] tbody tr').count()).toBe(source.results.orders.length);

      // The charts are drawn: the theme's background and the series' colours are on the canvases.
      const vars = THEMES[theme].variables;
      const equityColors =
        source.results.equity?.kind === 'candles' && source.results.equity.points.some((p) => p.high !== p.low)
          ? [vars['--vscode-charts-green'], vars['--vscode-charts-red']]
          : [vars['--vscode-charts-blue']];
      const colors = [vars['--vscode-editor-background'], ...equityColors, vars['--vscode-charts-red']].map((c) => rgb(c as string));
      const pixels = await canvasPixels(panel, '.run-chart', colors);
      expect(pixels.distinct, 'the chart is not one flat colour').toBeGreaterThan(20);
      expect(pixels.counts[0], 'mostly the theme background').toBeGreaterThan(pixels.drawn * 0.4);
      for (let k = 1; k < colors.length; k++) expect(pixels.counts[k], `series colour ${k} is drawn`).toBeGreaterThan(30);
      if (source.results.benchmark && fixture === 'legacy-report-data') {
        const benchmark = await canvasPixels(panel, '.run-chart', [rgb(vars['--vscode-charts-orange'] as string)]);
        expect(benchmark.counts[0], 'the benchmark line is drawn').toBeGreaterThan(30);
      }
      expect(await panel.page.locator('.chart-legend .legend-item').first().innerText()).toMatch(/^Equity \S+/);

      await panel.page.screenshot({ path: path.join(SHOTS, `panel-${fixture}-${theme}.png`), fullPage: true });
      // The Statistics tab (built when first shown; reached here by keyboard) lists every statistic with LEAN's text.
      await panel.page.locator('vscode-tab-header[data-tab="orders"]').focus();
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter']) await panel.page.keyboard.press(key);
      const rows = await panel.page
        .locator('.statistics table[aria-label="Statistics"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset['statistic'], tr.querySelector('td')?.textContent]));
      expect(Object.fromEntries(rows)).toEqual(
        Object.fromEntries(Object.entries(statistics).map(([name, value]) => [name, formatStatistic(name, value)])),
      );

      // Back to Trades: one row per closed trade, or a note when the result lists none.
      for (const key of ['ArrowLeft', 'ArrowLeft', 'Enter']) await panel.page.keyboard.press(key);
      const trades = source.results.totalPerformance?.closedTrades ?? [];
      if (trades.length > 0) expect(await panel.page.locator('vscode-tab-panel[data-tab="trades"] tbody tr').count()).toBe(trades.length);
      else expect(await panel.page.locator('vscode-tab-panel[data-tab="trades"]').innerText()).toMatch(/lists no closed trades/);

      await expectClean(panel);
    } finally {
      await panel.close();
    }
  });
});

describe('the panel', () => {
  it('re-colours the charts when VS Code switches theme, high contrast included', async () => {
    const panel = await openPanel(browser, server, { theme: 'light' });
    try {
      await panel.post(await runMessage(LEAN_RUNS['sma-crossover']));
      const background = (theme: ThemeName) => rgb(THEMES[theme].variables['--vscode-editor-background'] as string);
      expect((await canvasPixels(panel, '.run-chart', [background('light')])).counts[0]).toBeGreaterThan(1000);
      await panel.setTheme('dark');
      expect(await panel.page.evaluate(() => document.body.dataset['theme'])).toBe('dark');
      const dark = await canvasPixels(panel, '.run-chart', [background('light'), background('dark'), rgb('#89d185')]);
      expect(dark.counts[0], 'no light background left').toBeLessThan(dark.drawn * 0.01);
      expect(dark.counts[1]).toBeGreaterThan(dark.drawn * 0.4);
      expect(dark.counts[2], "dark theme's green candles").toBeGreaterThan(30);
      await panel.setTheme('high-contrast');
      expect(await panel.page.evaluate(() => document.body.dataset['theme'])).toBe('high-contrast');
      await panel.page.screenshot({ path: path.join(SHOTS, 'panel-sma-crossover-high-contrast.png'), fullPage: true });
      await expectClean(panel);
    } finally {
      await panel.close();
    }
  });

  it.each(['light', 'dark'] as ThemeName[])(
    'compares the two full runs: statistics side by side with differences, both equity curves (%s)',
    async (theme) => {
      const panel = await openPanel(browser, server, { theme });
      try {
        await panel.post(await compareMessage(LEAN_RUNS['sma-crossover'], LEAN_RUNS['rsi-minutely']));
        const [a, b] = await Promise.all([readReportSource(LEAN_RUNS['sma-crossover']), readReportSource(LEAN_RUNS['rsi-minutely'])]);
        const rows = await panel.page
          .locator('.compare-table tbody tr')
          .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
        const [sa, sb] = [a.results.statistics, b.results.statistics];
        expect(rows.map((r) => r[0])).toEqual(Object.keys(sa));
        const shown = (name: string, lean: string | undefined) => (lean === undefined ? '–' : formatStatistic(name, lean));
        for (const [name, va, vb, difference] of rows) {
          expect(va).toBe(shown(name as string, sa[name as string]));
          expect(vb).toBe(shown(name as string, sb[name as string]));
          expect(difference).toBe(compareRow(name as string, sa[name as string] ?? null, sb[name as string] ?? null).difference ?? '–');
        }
        // The differences on screen are the parsed values' differences: exact below a million, the short
        // form ("+$26.6M") within its rounding; LEAN's own text is the tooltip of a shortened value.
        const parsed = (text: string | null | undefined) => parseStatisticValue(text)?.value as number;
        for (const name of ['Net Profit', 'Total Fees', 'Estimated Strategy Capacity']) {
          const row = rows.find((r) => r[0] === name) as (string | null)[];
          const exact = parsed(sb[name]) - parsed(sa[name]);
          expect(exact, name).not.toBe(0);
          if (Math.abs(exact) < 1e6) expect(parsed(row[3]), name).toBeCloseTo(exact, 9);
          else expect(Math.abs(parsed(row[3]) - exact) / Math.abs(exact), name).toBeLessThan(0.005);
        }
        const capacity = panel.page.locator('.compare-table tr[data-statistic="Estimated Strategy Capacity"] td');
        expect(await capacity.evaluateAll((tds) => tds.slice(0, 2).map((td) => td.getAttribute('title')))).toEqual([
          sa['Estimated Strategy Capacity'],
          sb['Estimated Strategy Capacity'],
        ]);
        const vars = THEMES[theme].variables;
        const pixels = await canvasPixels(panel, '.compare-chart', [
          rgb(vars['--vscode-charts-blue'] as string),
          rgb(vars['--vscode-charts-orange'] as string),
        ]);
        expect(pixels.counts[0], 'run A equity').toBeGreaterThan(100);
        expect(pixels.counts[1], 'run B equity').toBeGreaterThan(100);
        await panel.page.screenshot({ path: path.join(SHOTS, `panel-compare-${theme}.png`), fullPage: true });
        await expectClean(panel);
      } finally {
        await panel.close();
      }
    },
  );

  it('answers a malformed message with a clear note, never a blank panel, and keeps what it showed', async () => {
    const panel = await openPanel(browser, server, { theme: 'light' });
    try {
      await panel.post({ type: 'panel/show', run: 42 });
      expect(await panel.page.locator('.notice-error').innerText()).toMatch(/could not read its data[\s\S]*Show Backtest Panel/);
      await panel.post('not even an object');
      expect(await panel.page.locator('.notice-error').count()).toBe(1);

      await panel.post(await runMessage(LEAN_RUNS['rsi-minutely']));
      expect(await panel.page.locator('.notice-error').count()).toBe(0);
      await panel.post({ type: 'panel/compare', compare: { a: null } });
      expect(await panel.page.locator('.banner').innerText()).toMatch(/could not read, so it shows what it showed before/);
      expect(await panel.page.locator('.card').count()).toBeGreaterThanOrEqual(8);
      await panel.post({ type: 'panel/error', message: 'The run x could not be read: x/1.json is cut off. Pick another run.' });
      expect(await panel.page.locator('.banner').innerText()).toMatch(/cut off/);
      expect(await panel.page.locator('.card').count()).toBeGreaterThanOrEqual(8);
      await panel.page.screenshot({ path: path.join(SHOTS, 'panel-malformed-light.png'), fullPage: true });
      expect(panel.problems.filter((p) => !/malformed message/.test(p))).toEqual([]);
      expect(await panel.cspViolations()).toEqual([]);
    } finally {
      await panel.close();
    }
  });

  it('shows a result missing whole sections (no orders, no benchmark, broken charts) as a partial view with notes', async () => {
    const source = await readReportSource(LEAN_RUNS['rsi-minutely']);
    const partial = buildRunView({
      ...source,
      results: { ...source.results, orders: [], benchmark: null, totalPerformance: null, logs: [] },
    });
    const panel = await openPanel(browser, server, { theme: 'light' });
    try {
      await panel.post({ type: 'panel/show', run: partial, history: [] });
      const notes = await panel.page.locator('.notes').innerText();
      expect(notes).toMatch(/This run placed no orders/);
      expect(notes).toMatch(/no benchmark/);
      expect(await panel.page.locator('vscode-tab-panel[data-tab="orders"]').innerText()).toMatch(/lists no orders/);
      expect(await panel.page.locator('.card').count()).toBeGreaterThanOrEqual(8);
      expect((await canvasPixels(panel, '.run-chart', [])).distinct).toBeGreaterThan(20);
      await panel.page.screenshot({ path: path.join(SHOTS, 'panel-partial-light.png'), fullPage: true });

      // The charts section arrives broken: everything else still shows, with a note naming it.
      await panel.post({ type: 'panel/show', run: { ...partial, charts: 'broken' }, history: [] });
      expect(await panel.page.locator('.notes').innerText()).toMatch(/could not be read by the panel \(charts\)/);
      expect(await panel.page.locator('.chart-slot').innerText()).toMatch(/no chart series/);
      expect(await panel.page.locator('.card').count()).toBeGreaterThanOrEqual(8);

      await panel.post({ type: 'panel/empty', reason: 'Sma has no backtests yet. Run one with "LEAN: Run Backtest".' });
      expect(await panel.page.locator('.notice-empty').innerText()).toMatch(/No backtest to show[\s\S]*Run Backtest/);
      await expectClean(panel);
    } finally {
      await panel.close();
    }
  });

  it('sorts, filters and moves through the orders table by keyboard, and restores it all after a reload', async () => {
    const panel = await openPanel(browser, server, { theme: 'dark' });
    const { page } = panel;
    try {
      await panel.post(await runMessage(LEAN_RUNS['sma-crossover']));
      const orders = 'vscode-tab-panel[data-tab="orders"]';
      const column = async (n: number) => page.locator(`${orders} tbody tr td:nth-child(${n})`).allInnerTexts();
      const quantities = async () => (await column(6)).map((q) => Number(q.replaceAll(',', '')));

      // Sort by Quantity: focus its header button, Enter sorts ascending, Space reverses.
      await page.locator(`${orders} button.sort[data-column="quantity"]`).focus();
      await page.keyboard.press('Enter');
      expect(await page.locator(`${orders} th:has(button[data-column="quantity"])`).getAttribute('aria-sort')).toBe('ascending');
      const ascending = await quantities();
      expect(ascending).toEqual([...ascending].sort((x, y) => x - y));
      await page.keyboard.press('Space');
      expect(await page.locator(`${orders} th:has(button[data-column="quantity"])`).getAttribute('aria-sort')).toBe('descending');
      const descending = await quantities();
      expect(descending).toEqual([...descending].sort((x, y) => y - x));
      expect(descending[0]).toBeGreaterThan(0);

      // Filter by typing: Tab backwards from the headers reaches the filter box.
      await page.locator(`${orders} button.sort[data-column="id"]`).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('liquidated');
      const liquidated = (await readReportSource(LEAN_RUNS['sma-crossover'])).results.orders.filter((o) =>
        /liquidated/i.test(o.tag),
      ).length;
      expect(liquidated).toBeGreaterThan(0);
      await expect.poll(() => page.locator(`${orders} tbody tr`).count()).toBe(liquidated);
      expect(await page.locator(`${orders} .table-status`).innerText()).toBe(`${liquidated} of 301 orders match`);
      expect(new Set(await column(10))).toEqual(new Set(['Liquidated']));

      // Rows: one tab stop, arrows move between them.
      await page.locator(`${orders} tbody tr`).first().focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(
        await page.evaluate(() => [...(document.activeElement?.parentElement?.children ?? [])].indexOf(document.activeElement as Element)),
      ).toBe(2);
      await page.keyboard.press('End');
      expect(await page.evaluate(() => document.activeElement?.nextElementSibling)).toBeNull();
      expect(await page.locator(`${orders} tbody tr[tabindex="0"]`).count()).toBe(1);

      // The state VS Code keeps (setState) holds the sorting and the filter; a reloaded page restores
      // the whole view from it before the host sends anything.
      await page.waitForTimeout(400); // UI state is saved at most every 250 ms
      const saved = (await panel.savedState()) as { ui: { orders: unknown }; source: unknown };
      expect(saved.ui.orders).toEqual({ sortColumn: 'quantity', descending: true, filter: 'liquidated' });
      expect(saved.source).toEqual({ kind: 'run', folder: LEAN_RUNS['sma-crossover'] });
      const reloaded = await openPanel(browser, server, { theme: 'dark', state: saved });
      try {
        await reloaded.page.locator('.card').first().waitFor({ timeout: 10_000 });
        expect(await reloaded.page.locator(`${orders} .table-status`).innerText()).toBe(`${liquidated} of 301 orders match`);
        expect(await reloaded.page.locator(`${orders} th:has(button[data-column="quantity"])`).getAttribute('aria-sort')).toBe(
          'descending',
        );
        expect(await reloaded.posted()).toEqual([{ type: 'webview/ready' }]);
        await expectClean(reloaded);
      } finally {
        await reloaded.close();
      }
      await expectClean(panel);
    } finally {
      await panel.close();
    }
  });

  it('asks the host through protocol messages: open the error line, show or compare runs, export the report', async () => {
    const project = path.join(scratch, 'Sma');
    const runs = ['2025-11-04_15-51-31', '2025-11-05_09-00-00'].map((name) => path.join(project, 'backtests', name));
    cpSync(LEAN_RUNS['sma-crossover'], runs[0] as string, { recursive: true });
    cpSync(LEAN_RUNS['rsi-minutely'], runs[1] as string, { recursive: true });
    const latest = (await latestRunMessage(project)) as Extract<HostToWebview, { type: 'panel/show' }>;
    const failed = {
      ...latest,
      run: {
        ...latest.run,
        status: 'RuntimeError',
        failed: true,
        errors: [{ message: "Runtime Error: name 'x' is not defined", file: 'main.py', line: 23 }],
        stackTrace: '  at on_data\n    self.x()\n in main.py: line 23',
      },
    };
    const panel = await openPanel(browser, server, { theme: 'light' });
    const { page } = panel;
    try {
      await panel.post(failed);
      expect(await page.locator('.run-errors').innerText()).toMatch(
        /The algorithm failed[\s\S]*name 'x' is not defined[\s\S]*main\.py, line 23/,
      );
      expect(await page.locator('vscode-badge.status').innerText()).toBe('RuntimeError');
      await page.screenshot({ path: path.join(SHOTS, 'panel-runtime-error-light.png'), fullPage: true });
      await page.locator('button.location').click();
      await page.locator('vscode-button.export').click();
      await page.locator('vscode-tab-header[data-tab="runs"]').click();
      const older = page.locator(`tr[data-folder="${runs[0]}"]`);
      await older.locator('vscode-button', { hasText: 'Compare' }).click();
      await older.locator('vscode-button', { hasText: 'Show' }).click();
      expect((await panel.posted()).slice(1)).toEqual([
        { type: 'openLocation', file: 'main.py', line: 23 },
        { type: 'exportReport', folder: runs[1] },
        { type: 'compareRuns', a: runs[1], b: runs[0] },
        { type: 'selectRun', folder: runs[0] },
      ]);
      await expectClean(panel);
    } finally {
      await panel.close();
    }
  });
});
