// Where the project's shared, read-only test data lives: `../shared` beside the checkout. A fresh clone
// made elsewhere (CI clones into a temporary folder) finds it beside the repository it was cloned from,
// or through LEAN_AUTHOR_SHARED. The data is read in place and never copied into the repository.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './repositoryRoot';

function sharedDir(): string {
  const root = repositoryRoot();
  const candidates = [process.env['LEAN_AUTHOR_SHARED'], path.resolve(root, '..', 'shared')];
  try {
    // A clone of a local checkout: its origin is a path, and the shared folder sits beside that.
    const origin = execFileSync('git', ['-C', root, 'remote', 'get-url', 'origin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (origin && !/^[a-z]+:\/\/|^[^/]+@/.test(origin)) candidates.push(path.resolve(root, origin, '..', 'shared'));
  } catch {
    // not a git checkout, or no origin
  }
  const found = candidates.find((dir) => dir && existsSync(path.join(dir, 'fixtures', 'lean-results')));
  if (!found)
    throw new Error(
      `the shared LEAN fixtures are missing: looked in ${candidates.filter(Boolean).join(', ')}. Set LEAN_AUTHOR_SHARED to the shared folder.`,
    );
  return found;
}

/** Real LEAN backtest output in both result formats. */
export const LEAN_RESULTS = path.join(sharedDir(), 'fixtures', 'lean-results');

/**
 * The real LEAN runs in LEAN_RESULTS, by name, each as `readReportSource` and the panel take it: the two
 * Lean CLI output folders (camelCase results, LEAN since 2024) and LEAN's own PascalCase report test
 * data, a single result file.
 */
export const LEAN_RUNS = {
  'sma-crossover': path.join(LEAN_RESULTS, 'sma-crossover'),
  'rsi-minutely': path.join(LEAN_RESULTS, 'rsi-minutely'),
  'legacy-report-data': path.join(LEAN_RESULTS, 'legacy-report-data', 'result.json'),
} as const;
