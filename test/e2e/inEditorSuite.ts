// Phase 1 of the e2e tier: the mocha suite in test/suite runs inside the real extension host of
// code-server's VS Code. The workbench reports the extension host's exit code to the page through
// `window.codeAutomationExit`, as in VS Code's own browser integration tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { repositoryRoot } from '../repositoryRoot';
import type { SuiteResults } from '../suite/index';
import { launchBrowser } from './browser';
import { makeTempDir, startServer } from './codeServer';
import type { E2eTools } from './tools';
import { copyFixtureWorkspace } from './workspaceCopy';

const root = repositoryRoot();

export async function runInEditorSuite(tools: E2eTools, backtest: { socket: string; image: string }): Promise<SuiteResults> {
  const resultsFile = path.join(makeTempDir('suite'), 'results.json');
  const server = await startServer(tools, {
    workspace: copyFixtureWorkspace(),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'suite', 'index.js'),
    env: {
      LEAN_AUTHOR_SUITE_RESULTS: resultsFile,
      LEAN_AUTHOR_TEST_MODEL: path.join(root, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf'),
      LEAN_AUTHOR_TEST_DOCKER_SOCKET: backtest.socket,
      LEAN_AUTHOR_TEST_LEAN_IMAGE: backtest.image,
    },
  });
  const browser = await launchBrowser(tools.chromium);
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The workbench forwards its log (mocha's spec output included) here; shown with LEAN_AUTHOR_E2E_VERBOSE=1.
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      if (process.env['LEAN_AUTHOR_E2E_VERBOSE']) console.log('[workbench]', format(...(args as [unknown, ...unknown[]])));
    });
    await page.goto(server.url);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`the in-editor suite did not finish in 6 minutes.\nServer output:\n${server.output()}`)),
        360_000,
      ).unref(),
    );
    const code = await Promise.race([exit, timeout]);
    if (!existsSync(resultsFile)) {
      throw new Error(`the in-editor suite exited with ${code} without writing results.\nServer output:\n${server.output()}`);
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
    if (code !== 0 && results.failed.length === 0) {
      results.failed.push({ title: 'in-editor suite', error: `extension host exited with ${code}\n${server.output()}` });
    }
    return results;
  } finally {
    await browser.close();
    await server.stop();
  }
}
