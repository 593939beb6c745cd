// `npm test`: every test tier in order, then one closing count line ("N passed, N failed").
// Static checks (types, lint) gate the run; test tiers all run even when one fails, so one report
// shows everything. Expects dependencies installed: `bash scripts/test.sh` does that first.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'], gate: true },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'], gate: true },
  // The training subproject's style (ruff in training/.venv); a missing ruff fails, it is never skipped.
  {
    name: 'ruff',
    cmd: [
      'bash',
      '-c',
      'ruff=training/.venv/bin/ruff; [[ -x $ruff ]] || { echo "$ruff is missing: run bash scripts/setup-training.sh" >&2; exit 1; }; $ruff check training && $ruff format --check training',
    ],
    gate: true,
  },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'], gate: true },
  { name: 'unit', cmd: ['npx', 'vitest', 'run', '--config', 'test/vitest.unit.config.mts'], report: `${results}/unit.json` },
  {
    name: 'integration',
    cmd: ['npx', 'vitest', 'run', '--config', 'test/vitest.integration.config.mts'],
    report: `${results}/integration.json`,
  },
  // The training subproject's pytest suite, in the environment scripts/setup-training.sh makes.
  {
    name: 'python',
    cmd: ['training/.venv/bin/python', '-m', 'pytest', 'training/tests', '-p', 'no:cacheprovider', `--junitxml=${results}/python.xml`],
    report: `${results}/python.xml`,
  },
  { name: 'e2e', cmd: ['node', 'out/test/e2e/runInCodeServer.js'], report: `${results}/e2e-results.json` },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];
const started = Date.now();
for (const step of steps) {
  if (only.length > 0 && !step.gate && !only.includes(step.name)) continue;
  if (step.report) rmSync(step.report, { force: true });
  console.log(`\n=== ${step.name} ===`);
  const t0 = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (step.gate) {
    if (run.status !== 0) {
      console.error(`\n${step.name} failed (${seconds} s); fix it before the tests can run.`);
      console.log(`0 passed, 1 failed`);
      process.exit(1);
    }
    console.log(`${step.name}: ok (${seconds} s)`);
    continue;
  }
  const counts = readCounts(step.report);
  passed += counts.passed;
  failed += counts.failed;
  // A tier that crashed or ran nothing is a failure, never a silent zero.
  if (run.status !== 0 || counts.passed + counts.failed === 0) {
    failures.push(step.name);
    if (counts.failed === 0) failed += 1;
  }
  console.log(`${step.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
}
console.log(
  `\nAll tiers in ${((Date.now() - started) / 1000).toFixed(0)} s${failures.length ? `; failing tiers: ${failures.join(', ')}` : ''}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function readCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  if (file.endsWith('.xml')) {
    // pytest's JUnit XML: the totals are attributes of <testsuite>; skipped tests count as neither.
    const suite = /<testsuite\b[^>]*>/.exec(readFileSync(file, 'utf8'))?.[0] ?? '';
    const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
    const failed = attr('failures') + attr('errors');
    return { passed: attr('tests') - failed - attr('skipped'), failed };
  }
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (Array.isArray(data.passed)) return { passed: data.passed.length, failed: data.failed.length };
  return { passed: data.numPassedTests ?? 0, failed: (data.numFailedTests ?? 0) + (data.numRuntimeErrorTestSuites ?? 0) };
}
