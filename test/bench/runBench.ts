// `npm run bench`: the validator's speed (validatorBench.ts), the model server, backtests, the backtest
// panel's first paint (panelBench.ts), then activation cost of the extension inside the real VS Code
// (code-server 1.139 in headless Chromium), side by side with an empty extension as the peer (the floor any extension pays),
// and the sizes of the shipped bundles and .vsix. Prints measured figures; asserts nothing.
// Ours is the packaged .vsix installed as a user installs it; the peer is loaded as a development
// extension (the web workbench takes one development folder, and the probe needs to be it or beside it).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProbeResult } from './activationProbe';
import { launchBrowser } from '../e2e/browser';
import { installVsix, makeTempDir, startServer } from '../e2e/codeServer';
import { packageVsix } from '../e2e/packageVsix';
import { locateTools, type E2eTools } from '../e2e/tools';
import { repositoryRoot } from '../repositoryRoot';
import { runBacktestBench } from './backtestBench';
import { runPanelBench } from './panelBench';
import { runServerBench } from './serverBench';
import { runValidatorBench } from './validatorBench';

const root = repositoryRoot();

const OURS = 'lean-strategy-author.lean-strategy-author';
const PEER = 'lean-author-bench.empty-extension';
const RUNS = Number(process.env['LEAN_AUTHOR_BENCH_RUNS'] ?? 7);

async function main(): Promise<void> {
  // `npm run bench -- validator`, `-- server`, `-- backtest`, `-- panel` or `-- activation` runs one section; no argument runs all.
  const only = process.argv[2];
  if (!only || only === 'validator') await runValidatorBench();
  if (!only || only === 'server') await runServerBench();
  if (!only || only === 'backtest') await runBacktestBench();
  if (!only || only === 'panel') await runPanelBench();
  if (!only || only === 'activation') await runActivationBench();
}

async function runActivationBench(): Promise<void> {
  const tools = locateTools();
  const vsix = packageVsix();
  const peer = writeEmptyExtension();
  const samples: ProbeResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which extension activates first, so neither always pays for a cold extension host.
    const ids = i % 2 === 0 ? [OURS, PEER] : [PEER, OURS];
    const extensionsDir = makeTempDir('bench-installed');
    installVsix(tools, vsix, extensionsDir);
    samples.push(await probeOnce(tools, peer, extensionsDir, ids));
    process.stdout.write(
      `run ${i + 1}/${RUNS}: ours ${fmt(samples[i]!.activationMs[OURS]!)} ms, empty ${fmt(samples[i]!.activationMs[PEER]!)} ms\n`,
    );
  }
  const ours = median(samples.map((s) => s.activationMs[OURS]!));
  const empty = median(samples.map((s) => s.activationMs[PEER]!));
  const firstDiagnostic = median(samples.map((s) => s.firstDiagnosticMs));

  console.log('\nActivation in code-server VS Code 1.139 (extension host, first activate() call)');
  console.log(
    `  ${'LEAN Strategy Author'.padEnd(28)} median ${fmt(ours)} ms (min ${fmt(min(samples, OURS))}, max ${fmt(max(samples, OURS))}) over ${RUNS} runs; goal < 50 ms`,
  );
  console.log(
    `  ${'empty extension (peer)'.padEnd(28)} median ${fmt(empty)} ms (min ${fmt(min(samples, PEER))}, max ${fmt(max(samples, PEER))})`,
  );
  console.log(`  ratio ours / empty: ${(ours / empty).toFixed(2)}x, difference ${fmt(ours - empty)} ms`);
  console.log(`  first syntax diagnostic after opening a LEAN file (loads tree-sitter lazily): median ${fmt(firstDiagnostic)} ms`);

  console.log('\nShipped files (production build)');
  const files = JSON.parse(readFileSync(path.join(root, 'scripts', 'shipped-bundles.json'), 'utf8')) as string[];
  for (const f of files) console.log(`  ${f.padEnd(36)} ${kib(statSync(path.join(root, f)).size)}`);
  console.log(`  ${path.basename(vsix).padEnd(36)} ${kib(statSync(vsix).size)}`);
  console.log('  loaded at activation: dist/extension.js only; dist/validation.js and the wasm files load on the first LEAN file');
}

async function probeOnce(tools: E2eTools, peer: string, extensionsDir: string, ids: string[]): Promise<ProbeResult> {
  const resultsFile = path.join(makeTempDir('bench'), 'probe.json');
  // An empty workspace: nothing in it triggers either extension, so the probe's activate() is the first.
  const server = await startServer(tools, {
    workspace: makeTempDir('bench-workspace'),
    extensionsDir,
    extensionDevelopmentPath: peer,
    extensionTestsPath: path.join(root, 'out', 'test', 'bench', 'activationProbe.js'),
    env: { LEAN_AUTHOR_BENCH_IDS: ids.join(','), LEAN_AUTHOR_BENCH_RESULTS: resultsFile },
  });
  const browser = await launchBrowser(tools.chromium);
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', resolve));
    await page.goto(server.url);
    const code = await Promise.race([exit, new Promise<number>((r) => setTimeout(() => r(-1), 120_000).unref())]);
    if (code !== 0) throw new Error(`the activation probe failed (exit ${code}).\n${server.output()}`);
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as ProbeResult;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** The smallest extension VS Code will activate: the floor of activation cost on this machine. */
function writeEmptyExtension(): string {
  const dir = path.join(makeTempDir('peer'), 'empty-extension');
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'empty-extension',
    publisher: 'lean-author-bench',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: [],
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function () {};\nexports.deactivate = function () {};\n');
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (s: ProbeResult[], id: string) => Math.min(...s.map((x) => x.activationMs[id]!));
const max = (s: ProbeResult[], id: string) => Math.max(...s.map((x) => x.activationMs[id]!));
const fmt = (ms: number) => ms.toFixed(1);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
