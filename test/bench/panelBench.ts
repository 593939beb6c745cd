/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// DOM types for the callbacks this file runs in Chromium (page.evaluate); the Node side has none otherwise.
// Backtest panel speed (`npm run bench -- panel`): in headless Chromium, the time from posting a result
// whose equity, benchmark and drawdown have 100,000 points each to the first complete paint (charts
// drawn: the panel's `lean-panel-rendered` event, two animation frames after the charts got their
// data), median of several runs after warm-up; and the page's memory after it. Two messages: as the
// host sends it (series already thinned to 10,000 points by the view model, whose time is measured
// too) and unthinned (the webview thins it itself). Printed, never asserted. Goal: ≤ 300 ms.
// (`performance` is the global one here: the timed functions run in the page as well as in Node.)
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../../extension/core/seededRandom';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CandleSeries, ValueSeries } from '../../extension/core/backtest/results/index';
import { buildRunView } from '../../extension/core/panel/index';
import { readReportSource, type ReportSource } from '../../extension/core/report/index';
import type { HostToWebview } from '../../extension/shared/protocol';
import { launchBrowser } from '../e2e/browser';
import { CHROMIUM, openPanel, startPanelServer, WEBVIEW_DIST, type PanelPage } from '../integration/panelHarness';
import { repositoryRoot } from '../repositoryRoot';
import { LEAN_RESULTS } from '../sharedFixtures';

const root = repositoryRoot();

const POINTS = 100_000;
const RUNS = Number(process.env['LEAN_AUTHOR_BENCH_RUNS'] ?? 9);
const WARM_UP = 3;

/** The rsi-minutely run with 100,000-point equity (candles), benchmark and drawdown series, minute by minute (a seeded random walk). */
async function bigRun(): Promise<ReportSource> {
  const source = await readReportSource(path.join(LEAN_RESULTS, 'rsi-minutely'));
  // A seeded generator, so every run draws the same series; values in [-0.5, 0.5).
  const draw = seededRandom(42);
  const random = () => draw() - 0.5;
  const start = 1_672_531_200;
  let value = 100_000;
  let price = 380;
  let peak = value;
  const candles = [];
  const benchmark = [];
  const drawdown = [];
  for (let i = 0; i < POINTS; i++) {
    const time = start + i * 60;
    const open = value;
    price *= 1 + random() * 0.002 + 0.000_01;
    value *= 1 + random() * 0.002 + 0.000_005;
    candles.push({
      time,
      open,
      high: Math.max(open, value) * (1 + Math.abs(random()) * 0.0005),
      low: Math.min(open, value) * (1 - Math.abs(random()) * 0.0005),
      close: value,
    });
    benchmark.push({ time, value: price });
    peak = Math.max(peak, value);
    drawdown.push({ time, value: ((value - peak) / peak) * 100 });
  }
  const r = source.results;
  return {
    ...source,
    results: {
      ...r,
      equity: { ...(r.equity as CandleSeries), points: candles },
      benchmark: { ...(r.benchmark as ValueSeries), points: benchmark },
      drawdown: { ...(r.drawdown as ValueSeries), points: drawdown },
    },
  };
}

/** Posts the message kept in the page and resolves with the milliseconds to the panel's rendered event. */
async function timeOnce(panel: PanelPage): Promise<number> {
  return panel.page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __benchMessage: unknown };
        const started = performance.now();
        window.addEventListener('lean-panel-rendered', () => resolve(performance.now() - started), { once: true });
        window.postMessage(w.__benchMessage, '*');
      }),
  );
}

async function measure(panel: PanelPage, message: HostToWebview): Promise<number[]> {
  await panel.page.evaluate((m) => ((window as unknown as { __benchMessage: unknown }).__benchMessage = m), message as unknown);
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const ms = await timeOnce(panel);
    if (i >= WARM_UP) times.push(ms);
  }
  return times;
}

async function memory(panel: PanelPage): Promise<Record<string, number>> {
  const cdp = await panel.page.context().newCDPSession(panel.page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export async function runPanelBench(): Promise<void> {
  const source = await bigRun();
  const hostTimes: number[] = [];
  let thinned = buildRunView(source);
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const started = performance.now();
    thinned = buildRunView(source);
    if (i >= WARM_UP) hostTimes.push(performance.now() - started);
  }
  const shown: HostToWebview = { type: 'panel/show', run: thinned, history: [] };
  const raw: HostToWebview = { type: 'panel/show', run: buildRunView(source, { maxPoints: Number.POSITIVE_INFINITY }), history: [] };

  const server = await startPanelServer();
  const browser = await launchBrowser(CHROMIUM);
  try {
    const panel = await openPanel(browser, server, { theme: 'dark', width: 1400, height: 1000 });
    const before = await memory(panel);
    const fromHost = await measure(panel, shown);
    const afterHost = await memory(panel);
    const unthinned = await measure(panel, raw);
    const afterRaw = await memory(panel);
    if (panel.problems.length > 0) throw new Error(`the panel reported problems: ${panel.problems.join('; ')}`);

    const m = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const range = (xs: number[]) => `min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}`;
    const mib = (bytes: number | undefined) => `${((bytes ?? 0) / 2 ** 20).toFixed(1)} MiB`;
    const bytes = (file: string) => statSync(path.join(WEBVIEW_DIST, file)).size;
    const gz = (file: string) => gzipSync(readFileSync(path.join(WEBVIEW_DIST, file))).length;
    const version = browser.version();
    console.log(
      `\nBacktest panel in headless Chromium ${version}: a result with ${POINTS.toLocaleString('en-US')}-point equity (candles), benchmark and drawdown`,
    );
    console.log(
      `  view model in the host (thin to 10,000 points each)   median ${m(hostTimes).toFixed(1)} ms (${range(hostTimes)}) over ${RUNS} runs`,
    );
    console.log(
      `  message as the host sends it → first complete paint   median ${m(fromHost).toFixed(0)} ms (${range(fromHost)}); goal ≤ 300 ms`,
    );
    console.log(`  unthinned message (webview thins) → first paint       median ${m(unthinned).toFixed(0)} ms (${range(unthinned)})`);
    console.log(
      `  page JS heap after GC: empty ${mib(before['JSHeapUsedSize'])}, showing the run ${mib(afterHost['JSHeapUsedSize'])}, after the unthinned runs ${mib(afterRaw['JSHeapUsedSize'])}; DOM nodes ${afterHost['Nodes']}`,
    );
    console.log(
      `  bundle: dist/webview/panel.js ${(bytes('panel.js') / 1024).toFixed(1)} KiB (${(gz('panel.js') / 1024).toFixed(1)} KiB gzip), panel.css ${(bytes('panel.css') / 1024).toFixed(1)} KiB`,
    );
    await panel.page.screenshot({ path: path.join(root, 'test-results', 'bench-panel-100k.png') });
    await panel.close();
  } finally {
    await browser.close();
    await server.close();
  }
}
