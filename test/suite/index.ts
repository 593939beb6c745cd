// In-editor test runner: loaded by VS Code as `--extensionTestsPath`, inside the real extension host,
// under code-server's VS Code here (test/e2e/runInCodeServer.ts) or under @vscode/test-electron
// (test/e2e/runInElectron.ts) where VS Code can be downloaded. Runs every out/test/suite/*.test.js
// with mocha, and writes a JSON summary to $LEAN_AUTHOR_SUITE_RESULTS when that is set.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: string[];
  failed: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const only = process.env['LEAN_AUTHOR_SUITE_GREP'];
  if (only) mocha.grep(only);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const results: SuiteResults = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env['LEAN_AUTHOR_SUITE_RESULTS'];
      if (out) writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passed.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => results.failed.push({ title: test.fullTitle(), error: error.stack ?? String(error) }));
  });
}
