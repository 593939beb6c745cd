// The built `lean-author` bundle run as a real process, as users and CI scripts run it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();
const cli = path.join(root, 'dist', 'cli.js');
const fixtures = path.join(root, 'test', 'fixtures', 'workspace');

// The runs here keep their V8 code caches in a folder of their own, not the user's ~/.cache.
const codeCache = mkdtempSync(path.join(os.tmpdir(), 'lean-cli-code-cache-'));

async function runWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, LEAN_AUTHOR_CODE_CACHE: codeCache, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const run = (...args: string[]) => runWith({}, ...args);

describe('lean-author validate', () => {
  it('exits 0 and prints nothing on a clean algorithm', async () => {
    const result = await run('validate', path.join(fixtures, 'SmaCrossover', 'main.py'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/1 file\(s\) checked, 0 error\(s\)/);
  });

  it('exits 1 and prints file:line:column with the rule code on a syntax error', async () => {
    const file = path.join(fixtures, 'BrokenStrategy', 'main.py');
    const result = await run('validate', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}:12:34: error [syntax-missing-colon]`);
  });

  it('prints 1-based JSON rows with --json', async () => {
    const file = path.join(fixtures, 'BrokenStrategy', 'main.py');
    const result = await run('validate', '--json', file);
    expect(result.code).toBe(1);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      expect.objectContaining({ file, code: 'syntax-missing-colon', severity: 'error', line: 12, column: 34, endLine: 12, endColumn: 35 }),
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
  });

  it('says which file it cannot read and exits 2', async () => {
    const missing = path.join(mkdtempSync(path.join(os.tmpdir(), 'lean-cli-')), 'nope.py');
    const result = await run('validate', missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot read ${missing}: ENOENT`);
  });

  it('checks several files in one run and counts errors across them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-cli-'));
    const a = path.join(dir, 'a.py');
    const b = path.join(dir, 'b.py');
    writeFileSync(a, 'x = (1,\n');
    writeFileSync(b, 'if x\n    pass\n');
    const result = await run('validate', a, b);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2 file\(s\) checked, 2 error\(s\)/);
  });
});

describe('lean-author --version', () => {
  it('prints its version from package.json', async () => {
    const result = await run('--version');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('lean-author validate on a large batch (worker threads)', () => {
  const batch = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-cli-batch-'));
    const clean = readFileSync(path.join(fixtures, 'SmaCrossover', 'main.py'), 'utf8');
    return Array.from({ length: 120 }, (_, i) => {
      const file = path.join(dir, `algo_${String(i).padStart(3, '0')}.py`);
      // Every tenth file gets a misspelled enum member on line 13.
      writeFileSync(file, i % 10 === 0 ? clean.replace('Resolution.MINUTE).symbol', 'Resolution.MINUTES).symbol') : clean);
      return file;
    });
  };
  /** The CLI with LEAN_AUTHOR_VALIDATE_THREADS set (1: no worker; more: workers on dist/validation.js). */
  const runThreads = (threads: number, ...args: string[]) => runWith({ LEAN_AUTHOR_VALIDATE_THREADS: String(threads) }, ...args);

  it('checks 120 files in the order given and counts every error', async () => {
    const files = batch();
    const result = await run('validate', '--json', ...files);
    expect(result.code).toBe(1);
    const rows = JSON.parse(result.stdout) as { file: string; code: string; line: number }[];
    expect(rows.map((r) => r.file)).toEqual(files.filter((_, i) => i % 10 === 0));
    expect(rows.every((r) => r.code === 'unknown-enum-member' && r.line === 13)).toBe(true);
  });

  it('prints the same, in the same order, with the same exit code on one thread and on three', async () => {
    const files = [...batch(), path.join(os.tmpdir(), 'lean-cli-no-such-file.py')];
    const single = await runThreads(1, 'validate', ...files);
    const pool = await runThreads(3, 'validate', ...files);
    expect(single.code).toBe(2); // the unreadable file
    expect(pool).toEqual(single);
    expect(single.stderr).toMatch(/121 file\(s\) checked, 12 error\(s\)/);
  });
});

describe("lean-author validate's V8 code cache", () => {
  const file = path.join(fixtures, 'BrokenStrategy', 'main.py');
  const cachesIn = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('cli-validate-'));

  it('is written by the first run, used unchanged by the next, and gives the same output', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-cli-cache-'));
    const first = await runWith({ LEAN_AUTHOR_CODE_CACHE: dir }, 'validate', file);
    const caches = cachesIn(dir);
    expect(caches).toHaveLength(1);
    const cache = path.join(dir, caches[0]!);
    expect(statSync(cache).size).toBeGreaterThan(10_000);
    const written = statSync(cache).ino;
    const second = await runWith({ LEAN_AUTHOR_CODE_CACHE: dir }, 'validate', file);
    expect(second).toEqual(first);
    expect(first.code).toBe(1);
    // Accepted by V8, so not written again (a write renames a new file into place).
    expect(statSync(cache).ino).toBe(written);
  });

  it('replaces a cache V8 rejects, and removes the caches of older builds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-cli-cache-'));
    const clean = await runWith({ LEAN_AUTHOR_CODE_CACHE: dir }, 'validate', file);
    const [name] = cachesIn(dir);
    const garbage = Buffer.from('not a code cache'.repeat(100));
    writeFileSync(path.join(dir, name!), garbage);
    const older = path.join(dir, 'cli-validate-1-1-v0.0.0-x64.v8cache');
    writeFileSync(older, garbage);
    const after = await runWith({ LEAN_AUTHOR_CODE_CACHE: dir }, 'validate', file);
    expect(after).toEqual(clean);
    expect(cachesIn(dir)).toEqual([name]);
    expect(readFileSync(path.join(dir, name!)).equals(garbage)).toBe(false);
    expect(existsSync(older)).toBe(false);
  });

  it('is off when LEAN_AUTHOR_CODE_CACHE is empty: nothing is written under the cache home', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'lean-cli-xdg-'));
    const result = await runWith({ LEAN_AUTHOR_CODE_CACHE: '', XDG_CACHE_HOME: home }, 'validate', file);
    expect(result.code).toBe(1);
    expect(readdirSync(home)).toEqual([]);
    const cached = await runWith({ LEAN_AUTHOR_CODE_CACHE: undefined, XDG_CACHE_HOME: home }, 'validate', file);
    expect(cached).toEqual(result);
    expect(cachesIn(path.join(home, 'lean-author', 'code-cache'))).toHaveLength(1);
  });
});

describe('lean-author serve arguments', () => {
  it('asks for --model when it is missing', async () => {
    const result = await run('serve');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--model <path>' not specified");
  });

  it('rejects a port that is not a whole number', async () => {
    const result = await run('serve', '--model', 'x.gguf', '--port', 'eighty');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be a whole number, not "eighty"');
  });
});
