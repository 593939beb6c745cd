// Validator speed, measured and printed (never asserted):
//   - validating a 500-line algorithm from scratch (parse + every rule), median after warm-up;
//   - re-validating it after a one-line edit, with incremental re-parsing;
//   - whole-corpus throughput of the `lean-author validate` command against `pyflakes` on the same files,
//     on one thread and on a pool of worker threads (pyflakes is one single-threaded process).
// The in-process figures are taken interleaved (a round of each in turn), so a machine that gets busier
// during the run slows all of them alike; the machine's load average is printed with them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createValidator, textChange } from '../../extension/core/validation/index';
import { loadPythonParser } from '../../extension/core/validation/pythonParser';
import { makeTempDir } from '../e2e/codeServer';
import { repositoryRoot } from '../repositoryRoot';
import { pythonFiles } from '../unit/corpus';

const root = repositoryRoot();

const require = createRequire(__filename);
const assets = {
  runtimeWasm: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  pythonWasm: path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
};

export async function runValidatorBench(): Promise<void> {
  const corpus = corpusFiles();
  const algorithm = fiveHundredLines(corpus.map((f) => readFileSync(f, 'utf8')));
  const lines = algorithm.split('\n').length;
  if (process.env['LEAN_AUTHOR_BENCH_DUMP']) writeFileSync(process.env['LEAN_AUTHOR_BENCH_DUMP'], algorithm);
  const validator = await createValidator(assets);
  const parser = await loadPythonParser(assets);

  // A one-line edit in the middle of the file, undone and redone alternately (as typing would).
  const session = validator.session();
  session.validate(algorithm, { fileName: 'main.py' });
  const at = algorithm.indexOf('14', Math.floor(algorithm.length / 2));
  const row = algorithm.slice(0, at).split('\n').length - 1;
  const column = at - algorithm.lastIndexOf('\n', at - 1) - 1;
  const variants = [algorithm.slice(0, at) + '15' + algorithm.slice(at + 2), algorithm];
  let turn = 0;
  const load = loadavg()[0]!;
  const [[parseMs, parseCpu], [scratchMs, scratchCpu], [incrementalMs, incrementalCpu]] = interleavedMedians([
    () => parser.parse(algorithm).delete(),
    () => validator.validate(algorithm, { fileName: 'main.py' }),
    () => {
      const next = variants[turn++ % 2]!;
      session.edit(textChange(at, 2, { row, column }, { row, column: column + 2 }, next.slice(at, at + 2)));
      session.validate(next, { fileName: 'main.py' });
    },
  ]) as [[number, number], [number, number], [number, number]];
  session.dispose();

  console.log(
    `\nValidator on a ${lines}-line algorithm (median of ${ROUNDS * PER_ROUND} runs each after ${WARM_UP} warm-up runs, interleaved; load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  // CPU time (this process, all its threads) beside: on a busy machine it moves far less than wall time.
  const cpu = (ms: number) => `(CPU ${ms.toFixed(2)} ms)`;
  console.log(`  tree-sitter parse alone             ${parseMs.toFixed(2)} ms   ${cpu(parseCpu)}`);
  console.log(
    // The issue sets 8 ms where the parse alone takes about 4 ms, so the ratio to the parse is printed too:
    // this machine's parse varies between runs from about 5 to 9.5 ms.
    `  validate from scratch (all rules)   ${scratchMs.toFixed(2)} ms   ${cpu(scratchCpu)}   goal ≤ 8 ms at a 4 ms parse (≤ 2x the parse): ${(scratchMs / parseMs).toFixed(2)}x the parse`,
  );
  console.log(
    `  re-validate after a one-line edit   ${incrementalMs.toFixed(2)} ms   ${cpu(incrementalCpu)}   goal ≤ 3 ms (incremental parse)`,
  );

  // Two sizes: well over 100 files, where start-up still weighs, and about the size of a real LEAN
  // repository's algorithm folder (LEAN's own Algorithm.Python holds several hundred files).
  await throughput(corpus, Math.round(200 / corpus.length));
  await throughput(corpus, Math.round(800 / corpus.length));
}

/** Runs both commands over `copies` copies of the corpus (classes renamed per copy). */
async function throughput(corpus: string[], copies: number): Promise<void> {
  const dir = makeTempDir('bench-corpus');
  const files: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const file of corpus) {
      const target = path.join(dir, `c${copy}_${path.basename(path.dirname(file))}_${path.basename(file)}`);
      writeFileSync(target, renameClasses(readFileSync(file, 'utf8'), `V${copy}`));
      files.push(target);
    }
  }
  const pyflakes = ensurePyflakes();
  const cli = path.join(root, 'dist', 'cli.js');
  const pool = Math.max(2, availableParallelism());
  // LEAN_AUTHOR_VALIDATE_THREADS fixes the thread count (by default the CLI uses only idle cores).
  const ours = (threads: number, args: string[]) => () =>
    spawnSync(process.execPath, [cli, 'validate', ...args], {
      stdio: 'ignore',
      env: { ...process.env, LEAN_AUTHOR_VALIDATE_THREADS: String(threads) },
    });
  const theirs = (args: string[]) => () =>
    spawnSync('python3', ['-m', 'pyflakes', ...args], { stdio: 'ignore', env: { ...process.env, PYTHONPATH: pyflakes } });
  const first = theirs(files)();
  if (first.error || (first.status !== 0 && first.status !== 1)) throw new Error(`pyflakes did not run (status ${first.status})`);
  const oneFile = [files[0]!];
  // Warm-up: the first run writes the V8 code cache that every later run of `validate` loads (server/codeCache.ts).
  ours(1, oneFile)();
  const commands = {
    single: ours(1, files),
    pool: ours(pool, files),
    pyflakes: theirs(files),
    singleOne: ours(1, oneFile),
    pyflakesOne: theirs(oneFile),
  };
  type Name = keyof typeof commands;
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, [] as number[]])) as Record<Name, number[]>;
  const cpuSamples = Object.fromEntries(Object.keys(commands).map((k) => [k, [] as number[]])) as Record<Name, number[]>;
  const load = loadavg()[0]!;
  for (let i = 0; i < THROUGHPUT_RUNS; i++) {
    // Alternating order, so neither side always runs right after the other.
    const order = Object.keys(commands) as Name[];
    for (const name of i % 2 === 0 ? order : order.reverse()) {
      const cpu0 = childrenCpuMs();
      samples[name].push(timed(commands[name]));
      const cpu1 = childrenCpuMs();
      if (cpu0 !== undefined && cpu1 !== undefined) cpuSamples[name].push(cpu1 - cpu0);
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<Name, number>;
  const c = Object.fromEntries(Object.entries(cpuSamples).map(([k, v]) => [k, v.length ? median(v) : NaN])) as Record<Name, number>;
  const rate = (ms: number) => ((files.length / ms) * 1000).toFixed(0);
  const perFile = (total: number, start: number) => (total - start) / (files.length - 1);
  console.log(
    `\nWhole-corpus throughput, ${files.length} files, whole commands including start-up (median of ${THROUGHPUT_RUNS}, alternating; load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(
    `  lean-author validate, 1 thread     ${m.single.toFixed(0)} ms   ${rate(m.single)} files/s   (one file: ${m.singleOne.toFixed(0)} ms; each further file ${perFile(m.single, m.singleOne).toFixed(2)} ms)`,
  );
  console.log(
    `  lean-author validate, ${pool} threads    ${m.pool.toFixed(0)} ms   ${rate(m.pool)} files/s   (worker threads on dist/validation.js)`,
  );
  console.log(
    `  pyflakes (one process, 1 thread)   ${m.pyflakes.toFixed(0)} ms   ${rate(m.pyflakes)} files/s   (one file: ${m.pyflakesOne.toFixed(0)} ms; each further file ${perFile(m.pyflakes, m.pyflakesOne).toFixed(2)} ms)`,
  );
  console.log(
    `  ratio (ours / pyflakes throughput): ${(m.pyflakes / m.single).toFixed(2)}x on 1 thread, ${(m.pyflakes / m.pool).toFixed(2)}x on ${pool} threads   goal ≥ 1.5x`,
  );
  console.log(
    `  ratio per further file, start-up excluded, 1 thread: ${(perFile(m.pyflakes, m.pyflakesOne) / perFile(m.single, m.singleOne)).toFixed(2)}x`,
  );
  if (!Number.isNaN(c.single)) {
    // The commands' own CPU time, which a busy machine inflates far less than their wall time.
    console.log(
      `  CPU time (median): ours ${c.single.toFixed(0)} ms on 1 thread (one file ${c.singleOne.toFixed(0)} ms), ${c.pool.toFixed(0)} ms on ${pool} threads; pyflakes ${c.pyflakes.toFixed(0)} ms (one file ${c.pyflakesOne.toFixed(0)} ms); ratio ${(c.pyflakes / c.single).toFixed(2)}x on 1 thread`,
    );
  }
}

/** pyflakes from PyPI into a git-ignored cache, installed on first use. */
function ensurePyflakes(): string {
  const target = path.join(root, '.cache', 'bench', 'pyflakes');
  if (!existsSync(path.join(target, 'pyflakes'))) {
    mkdirSync(target, { recursive: true });
    execFileSync(
      'python3',
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--root-user-action=ignore', '--target', target, 'pyflakes'],
      {
        stdio: 'inherit',
      },
    );
  }
  return target;
}

function corpusFiles(): string[] {
  return pythonFiles(path.join(root, 'test', 'fixtures', 'corpus'));
}

/**
 * A clean 500-line algorithm file: the PEP8-style corpus algorithms, imports hoisted, repeated with
 * their classes renamed until the file has 500 lines (cut at a class boundary, so it stays valid).
 */
function fiveHundredLines(sources: string[]): string {
  const header = ['from AlgorithmImports import *', 'from collections import deque', 'import json', 'import numpy as np', ''];
  const bodies = sources
    .filter((s) => !/def Initialize\(/.test(s))
    .map((s) =>
      s
        .split('\n')
        .filter((l) => !/^(from|import) /.test(l))
        .join('\n'),
    );
  const out = [...header];
  for (let copy = 0; out.length < 500; copy++) {
    // All bodies of one copy renamed together, so a class used in another body (a shared base) follows.
    const renamed = renameClasses(bodies.join('\n'), `C${copy}`).split('\n');
    for (const line of renamed) {
      if (out.length === 500) break;
      out.push(line);
    }
  }
  // Cut at the last top-level statement that fits, so the file stays valid Python.
  const lastTop = out.findLastIndex((l, i) => i > header.length && /^\S/.test(l));
  return [...out.slice(0, lastTop), ...Array<string>(500 - lastTop).fill('')].join('\n');
}

/** Every class defined in `source`, and every use of it, renamed with `suffix`, so copies stay valid. */
function renameClasses(source: string, suffix: string): string {
  let renamed = source;
  for (const [, name] of source.matchAll(/^class (\w+)/gm)) renamed = renamed.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}${suffix}`);
  return renamed;
}

const WARM_UP = 50;
const ROUNDS = 30;
const PER_ROUND = 10;
const THROUGHPUT_RUNS = 9;

/** Median wall and CPU time of each function, in ms: warm-up, then rounds of PER_ROUND runs of each in turn. */
function interleavedMedians(fns: (() => void)[]): [number, number][] {
  for (const fn of fns) for (let i = 0; i < WARM_UP; i++) fn();
  const wall = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    fns.forEach((fn, f) => {
      for (let i = 0; i < PER_ROUND; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn();
        wall[f]!.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[f]!.push((c.user + c.system) / 1000);
      }
    });
  }
  return fns.map((_, f) => [median(wall[f]!), median(cpu[f]!)]);
}

/** CPU time of this process's finished children (Linux: /proc/self/stat cutime + cstime, in clock ticks of 10 ms), or undefined. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
