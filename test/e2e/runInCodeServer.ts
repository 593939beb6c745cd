// `npm run test:e2e`: the extension inside a real VS Code (code-server 4.139 = VS Code 1.139) in headless
// Chromium. Phase 1 runs the in-editor mocha suite in the extension host; phase 2 installs the packaged
// .vsix and drives the workbench UI. Writes test-results/e2e-results.json and a closing count line.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../repositoryRoot';
import type { SuiteResults } from '../suite/index';
import { buildStandInImage, startPodman } from '../integration/podmanEngine';
import { runInEditorSuite } from './inEditorSuite';
import { packageVsix } from './packageVsix';
import { locateTools } from './tools';
import { runUiSuite } from './uiSuite';

const root = repositoryRoot();

async function main(): Promise<void> {
  const tools = locateTools();
  // Backtests run on podman's Docker API with the TEST STAND-IN LEAN image (the real one cannot be pulled here).
  const engine = await startPodman();
  try {
    const backtest = { socket: engine.socketPath, image: buildStandInImage(engine.env) };
    await runPhases(tools, backtest);
  } finally {
    await engine.stop();
  }
}

async function runPhases(tools: ReturnType<typeof locateTools>, backtest: { socket: string; image: string }): Promise<void> {
  // LEAN_AUTHOR_E2E_PHASE=1 or 2 runs one phase (for working on it); CI runs both.
  const phase = process.env['LEAN_AUTHOR_E2E_PHASE'];
  console.log('e2e phase 1: in-editor suite in the code-server extension host');
  const inEditor = phase === '2' ? { passed: [], failed: [] } : await runInEditorSuite(tools, backtest);
  for (const t of inEditor.passed) console.log(`  ✔ ${t}`);
  for (const t of inEditor.failed) console.log(`  ✘ ${t.title}\n${indent(t.error)}`);
  console.log('e2e phase 2: packaged extension driven through the workbench UI');
  const ui = phase === '1' ? { passed: [], failed: [] } : await runUiSuite(tools, packageVsix(), backtest);
  for (const t of ui.failed) console.log(`  ✘ ${t.title}\n${indent(t.error)}`);
  const all: SuiteResults = { passed: [...inEditor.passed, ...ui.passed], failed: [...inEditor.failed, ...ui.failed] };
  const out = path.join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'e2e-results.json'), JSON.stringify(all, null, 2));
  console.log(`e2e: ${all.passed.length} passed, ${all.failed.length} failed`);
  if (all.failed.length > 0 || all.passed.length === 0) process.exitCode = 1;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
