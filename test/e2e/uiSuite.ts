// Phase 2 of the e2e tier: the packaged .vsix installed into code-server's VS Code, driven through the
// workbench UI in headless Chromium the way a user would, with screenshots under test-results/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SuiteResults } from '../suite/index';
import { launchBrowser } from './browser';
import { installVsix, makeTempDir, startServer } from './codeServer';
import { repoRoot, type E2eTools } from './tools';
import { copyFixtureWorkspace } from './workspaceCopy';

const screenshots = path.join(repoRoot, 'test-results');

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
    name: 'running Generate LEAN Strategy says plainly that it is not built yet',
    async run(page) {
      // Continues from the palette left open by the previous case.
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'not built yet' });
      await toast.first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(800); // let the toast finish fading in before the screenshot
      await page.screenshot({ path: path.join(screenshots, 'e2e-generate-not-built.png') });
    },
  },
];

export async function runUiSuite(tools: E2eTools, vsix: string): Promise<SuiteResults> {
  mkdirSync(screenshots, { recursive: true });
  const extensionsDir = makeTempDir('installed');
  installVsix(tools, vsix, extensionsDir);
  const server = await startServer(tools, { workspace: copyFixtureWorkspace(), extensionsDir });
  const browser = await launchBrowser(tools.chromium);
  const results: SuiteResults = { passed: [], failed: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'BrokenStrategy' }).first().waitFor({ timeout: 60_000 });
    for (const test of cases) {
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
