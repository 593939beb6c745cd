// Loaded by VS Code as --extensionTestsPath inside the real extension host (see runBench.ts). Measures,
// for each extension id in $LEAN_AUTHOR_BENCH_IDS, the time `activate()` takes on its first call: loading
// its code plus running its activate function, what VS Code reports as activation time. Then, for ours,
// the time from opening a LEAN file with a syntax error to its first diagnostic (the lazy validator load).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const SETTLE_MS = 4000;

export interface ProbeResult {
  activationMs: Record<string, number>;
  firstDiagnosticMs: number;
}

export async function run(): Promise<void> {
  const ids = (process.env['LEAN_AUTHOR_BENCH_IDS'] ?? '').split(',').filter(Boolean);
  const out = process.env['LEAN_AUTHOR_BENCH_RESULTS'];
  if (!out || ids.length === 0) throw new Error('LEAN_AUTHOR_BENCH_IDS and LEAN_AUTHOR_BENCH_RESULTS must be set');
  // Let the extension host finish starting the built-in extensions that activate at startup, so the
  // measurement is of our activation and not of waiting for theirs.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const activationMs: Record<string, number> = {};
  for (const id of ids) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error(`${id} is not loaded`);
    if (extension.isActive) throw new Error(`${id} was already active; the bench workspace must not trigger it`);
    const t0 = performance.now();
    await extension.activate();
    activationMs[id] = performance.now() - t0;
  }
  const doc = await vscode.workspace.openTextDocument({
    language: 'python',
    content: 'from AlgorithmImports import *\n\nclass A(QCAlgorithm):\n    def initialize(self)\n        pass\n',
  });
  const t0 = performance.now();
  await vscode.window.showTextDocument(doc);
  while (vscode.languages.getDiagnostics(doc.uri).length === 0) {
    if (performance.now() - t0 > 30_000) throw new Error('no diagnostic within 30 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  const result: ProbeResult = { activationMs, firstDiagnosticMs: performance.now() - t0 };
  writeFileSync(out, JSON.stringify(result));
}
