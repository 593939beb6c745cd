// Phase 2 of the e2e tier: the packaged .vsix installed into code-server's VS Code, driven through the
// workbench UI in headless Chromium the way a user would, with screenshots under test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repositoryRoot } from '../repositoryRoot';
import type { SuiteResults } from '../suite/index';
import { launchBrowser } from './browser';
import { installVsix, makeTempDir, startServer } from './codeServer';
import type { E2eTools } from './tools';
import { copyFixtureWorkspace } from './workspaceCopy';

const root = repositoryRoot();

const screenshots = path.join(root, 'test-results');
/** The workspace copy the workbench has open (set by runUiSuite). */
let workspaceDir = '';

interface UiCase {
  name: string;
  run(page: Page): Promise<void>;
}

const cases: UiCase[] = [
  {
    name: 'a syntax error in a LEAN algorithm shows in the editor and the Problems panel',
    async run(page) {
      await quickOpen(page, 'BrokenStrategy/main.py');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+Shift+M');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: "expected ':'" });
      await problem.first().waitFor({ timeout: 30_000 });
      const text = await problem.first().innerText();
      if (!/\[Ln 12, Col \d+\]/.test(text) && !/12:\d+|Ln 12/.test(text)) throw new Error(`the problem is not on line 12: ${text}`);
      await page.screenshot({ path: path.join(screenshots, 'e2e-syntax-diagnostic.png') });
    },
  },
  {
    name: 'wrong LEAN API use shows in the Problems panel with a did-you-mean',
    async run(page) {
      await quickOpen(page, 'QuickFixes/main.py');
      const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'Did you mean Resolution.MINUTE?' });
      await problem.first().waitFor({ timeout: 30_000 });
      const text = await problem.first().innerText();
      if (!/unknown-enum-member/.test(text) || !/Ln 10\b/.test(text)) throw new Error(`unexpected problem row: ${text}`);
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'LEAN discards print()' }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: path.join(screenshots, 'e2e-api-diagnostics.png') });
    },
  },
  {
    name: 'Generate LEAN Strategy is in the command palette under the LEAN category',
    async run(page) {
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>Generate LEAN Strategy');
      const entry = page.locator('.quick-input-list .monaco-list-row', { hasText: 'LEAN: Generate LEAN Strategy' });
      await entry.first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(screenshots, 'e2e-command-palette.png') });
    },
  },
  {
    name: 'Generate LEAN Strategy takes a prompt and a name, writes the project, and opens main.py with no errors',
    async run(page) {
      // Continues from the palette left open by the previous case. No model is set up in this profile,
      // so the offline template generator writes the strategy (the model paths run in phase 1).
      await page.keyboard.press('Enter');
      const input = page.locator('.quick-input-widget input');
      await page.locator('.quick-input-widget', { hasText: 'describe the strategy' }).waitFor({ timeout: 15_000 });
      await input.fill('RSI mean reversion on AAPL and MSFT with a 5% stop');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'project name' }).waitFor({ timeout: 15_000 });
      const suggested = await input.inputValue();
      if (!/^[A-Z][A-Za-z0-9_]+$/.test(suggested)) throw new Error(`unexpected suggested project name "${suggested}"`);
      await input.fill('UiRsiStrategy');
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'generated UiRsiStrategy' });
      await toast.first().waitFor({ timeout: 60_000 });
      const message = await toast.first().innerText();
      if (!/no validator errors/.test(message)) throw new Error(`generation reported problems: ${message}`);
      await page.locator('.tabs-container .tab', { hasText: 'main.py' }).first().waitFor({ timeout: 15_000 });
      await page
        .locator('.monaco-editor .view-lines', { hasText: 'class UiRsiStrategy(QCAlgorithm)' })
        .first()
        .waitFor({ timeout: 15_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'UiRsiStrategy' }).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(1_500); // the validator runs after its debounce
      if ((await page.locator('.monaco-editor .squiggly-error').count()) > 0)
        throw new Error('the generated main.py shows error squiggles');
      await page.screenshot({ path: path.join(screenshots, 'e2e-generate-strategy.png') });
    },
  },
  {
    name: "Run Backtest from the command palette streams LEAN's log to its output channel and sums up the result",
    async run(page) {
      await quickOpen(page, 'SmaCrossover/main.py');
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>LEAN: Run Backtest');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'LEAN: Run Backtest' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'SmaCrossover backtest completed' });
      await toast.first().waitFor({ timeout: 90_000 });
      const message = await toast.first().innerText();
      if (!/Net Profit/.test(message)) throw new Error(`the summary lacks the statistics: ${message}`);
      await page.locator('.output-view .view-lines', { hasText: 'Exiting Algorithm Manager' }).first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(screenshots, 'e2e-run-backtest.png') });
    },
  },
  {
    name: 'the backtest panel opens beside the editor after Run Backtest and shows the statistics and charts',
    async run(page) {
      // Continues from the backtest of the previous case.
      await page.locator('.tabs-container .tab', { hasText: 'LEAN Backtest: SmaCrossover' }).first().waitFor({ timeout: 30_000 });
      const netProfitCard = '.card[data-statistic="Net Profit"] .card-value';
      const panel = await frameShowing(page, netProfitCard, 30_000);
      const netProfit = panel.locator(netProfitCard);
      if ((await netProfit.innerText()) !== '-1.881%')
        throw new Error(`the panel shows Net Profit ${await netProfit.innerText()}, not -1.881%`);
      await panel.locator('.run-chart canvas').first().waitFor({ timeout: 15_000 });
      // For the screenshot: no toasts, no bottom panel, and the backtest panel's editor group maximised.
      await runCommand(page, 'Notifications: Clear All Notifications');
      await page.keyboard.press('Control+J');
      await page.locator('.tabs-container .tab', { hasText: 'LEAN Backtest: SmaCrossover' }).first().click();
      await page.waitForTimeout(500); // let the webview settle its focus before the palette opens
      await runCommand(page, 'View: Toggle Maximize Editor Group');
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: path.join(screenshots, 'e2e-backtest-panel.png') });
    },
  },
  {
    name: 'the training tasks run from the command palette: LEAN: Run Training Task → Build dataset',
    async run(page) {
      // Focus the workbench, not the backtest panel's webview that the previous case left focused.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'lean.json' }).first().click();
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>LEAN: Run Training Task');
      // Right after the workbench loads, the palette may not list the extension's commands yet.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'LEAN: Run Training Task' }).first().waitFor({ timeout: 60_000 });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Build dataset' }).first().waitFor({ timeout: 60_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Train adapter' }).first().waitFor({ timeout: 5_000 });
      await page.screenshot({ path: path.join(screenshots, 'e2e-training-tasks.png') });
      await input.fill('Build dataset');
      await page.keyboard.press('Enter');
      const card = path.join(workspaceDir, '.lean-training', 'data', 'dataset_card.md');
      for (const deadline = Date.now() + 300_000; !existsSync(card); await page.waitForTimeout(1000)) {
        if (Date.now() > deadline) throw new Error(`the Build dataset task wrote no ${card} within 300 s`);
      }
      await page.locator('.terminal-wrapper').first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(screenshots, 'e2e-training-build-dataset.png') });
    },
  },
];

export async function runUiSuite(tools: E2eTools, vsix: string, backtest: { socket: string; image: string }): Promise<SuiteResults> {
  mkdirSync(screenshots, { recursive: true });
  const extensionsDir = makeTempDir('installed');
  installVsix(tools, vsix, extensionsDir);
  workspaceDir = copyFixtureWorkspace();
  const server = await startServer(tools, {
    workspace: workspaceDir,
    extensionsDir,
    settings: {
      'leanAuthor.backtest.dockerSocket': backtest.socket,
      'leanAuthor.backtest.image': backtest.image,
      // The packaged extension has no venv of its own: the tasks use the checkout's (scripts/setup-training.sh).
      'leanAuthor.training.python': path.join(root, 'training', '.venv', 'bin', 'python'),
    },
  });
  const browser = await launchBrowser(tools.chromium);
  const results: SuiteResults = { passed: [], failed: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (process.env['LEAN_AUTHOR_E2E_VERBOSE']) page.on('console', (message) => console.log('[workbench]', message.type(), message.text()));
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'BrokenStrategy' }).first().waitFor({ timeout: 60_000 });
    // LEAN_AUTHOR_E2E_UI_ONLY=<text> runs only the cases whose name contains it (for working on one).
    const only = process.env['LEAN_AUTHOR_E2E_UI_ONLY'];
    for (const test of cases.filter((c) => !only || c.name.includes(only))) {
      try {
        await test.run(page);
        results.passed.push(`ui: ${test.name}`);
        console.log(`  ✔ ui: ${test.name}`);
      } catch (error) {
        const shot = path.join(screenshots, `e2e-failure-${results.failed.length + 1}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        results.failed.push({ title: `ui: ${test.name}`, error: `${String(error)}\n(screenshot: ${shot})` });
        console.log(`  ✘ ui: ${test.name}\n    ${String(error)}`);
      }
    }
    return results;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function quickOpen(page: Page, file: string): Promise<void> {
  const folder = path.dirname(file);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  // Several files share a name (main.py): wait for the row of the right folder before accepting.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: folder }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.breadcrumbs-control', { hasText: folder }).first().waitFor();
}

/**
 * The frame that shows `selector`. A webview is an iframe (VS Code's host page) that holds the
 * extension's page in a second iframe, so the panel's elements are two frames down.
 */
async function frameShowing(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await page.waitForTimeout(250)) {
    for (const frame of page.frames()) {
      const count = await frame
        .locator(selector)
        .count()
        .catch(() => 0);
      if (count > 0) return frame;
    }
  }
  throw new Error(`no frame showed ${selector} within ${timeoutMs / 1000} s`);
}

/**
 * Runs a command by its title from the command palette. A webview that has just been clicked can
 * take focus back while the palette opens, which closes the palette under us (Playwright sees its
 * input turn inert, then hidden): then the palette is dismissed and opened again.
 */
async function runCommand(page: Page, title: string): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    } catch (error) {
      if (attempt === attempts) throw error;
      console.log(`    (the palette closed before "${title}" ran; attempt ${attempt + 1} of ${attempts})`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
      continue;
    }
    // Not retried past this point: a toggle command run twice would undo itself.
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return;
  }
}
