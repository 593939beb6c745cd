// Validator speed, measured and printed (never asserted):
//   - validating a 500-line algorithm from scratch (parse + every rule), median after warm-up;
//   - re-validating it after a one-line edit, with incremental re-parsing;
//   - whole-corpus throughput of the `lean-author validate` command against `pyflakes` on the same files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createValidator, textChange } from '../../extension/core/validation/index';
import { loadPythonParser } from '../../extension/core/validation/pythonParser';
import { makeTempDir } from '../e2e/codeServer';
import { pythonFiles } from '../unit/corpus';
import { repoRoot } from '../e2e/tools';

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

  const parseMs = medianOf(() => parser.parse(algorithm).delete());
  const scratchMs = medianOf(() => validator.validate(algorithm, { fileName: 'main.py' }));

  // A one-line edit in the middle of the file, undone and redone alternately (as typing would).
  const session = validator.session();
  session.validate(algorithm, { fileName: 'main.py' });
  const at = algorithm.indexOf('14', Math.floor(algorithm.length / 2));
  const row = algorithm.slice(0, at).split('\n').length - 1;
  const column = at - algorithm.lastIndexOf('\n', at - 1) - 1;
  const variants = [algorithm.slice(0, at) + '15' + algorithm.slice(at + 2), algorithm];
  let turn = 0;
  const incrementalMs = medianOf(() => {
    const next = variants[turn++ % 2]!;
    session.edit(textChange(at, 2, { row, column }, { row, column: column + 2 }, next.slice(at, at + 2)));
    session.validate(next, { fileName: 'main.py' });
  });
  session.dispose();

  console.log(`\nValidator on a ${lines}-line algorithm (median of 300 runs after 50 warm-up runs)`);
  console.log(`  tree-sitter parse alone             ${parseMs.toFixed(2)} ms`);
  console.log(`  validate from scratch (all rules)   ${scratchMs.toFixed(2)} ms   goal ≤ 8 ms`);
  console.log(`  re-validate after a one-line edit   ${incrementalMs.toFixed(2)} ms   goal ≤ 3 ms (incremental parse)`);

  await throughput(corpus);
}

async function throughput(corpus: string[]): Promise<void> {
  const dir = makeTempDir('bench-corpus');
  const files: string[] = [];
  // Sixteen copies of the corpus with renamed classes: well over 100 real-looking files.
  for (let copy = 0; copy < 16; copy++) {
    for (const file of corpus) {
      const target = path.join(dir, `c${copy}_${path.basename(path.dirname(file))}_${path.basename(file)}`);
      writeFileSync(target, renameClasses(readFileSync(file, 'utf8'), `V${copy}`));
      files.push(target);
    }
  }
  const pyflakes = ensurePyflakes();
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const ours = () => spawnSync(process.execPath, [cli, 'validate', ...files], { stdio: 'ignore' });
  const theirs = () =>
    spawnSync('python3', ['-m', 'pyflakes', ...files], { stdio: 'ignore', env: { ...process.env, PYTHONPATH: pyflakes } });
  const first = theirs();
  if (first.error || (first.status !== 0 && first.status !== 1)) throw new Error(`pyflakes did not run (status ${first.status})`);
  const oneFile = [files[0]!];
  const oursOne = () => spawnSync(process.execPath, [cli, 'validate', ...oneFile], { stdio: 'ignore' });
  const theirsOne = () =>
    spawnSync('python3', ['-m', 'pyflakes', ...oneFile], { stdio: 'ignore', env: { ...process.env, PYTHONPATH: pyflakes } });
  const samples = { ours: [] as number[], theirs: [] as number[], oursOne: [] as number[], theirsOne: [] as number[] };
  for (let i = 0; i < 7; i++) {
    samples.ours.push(timed(ours));
    samples.theirs.push(timed(theirs));
    samples.oursOne.push(timed(oursOne));
    samples.theirsOne.push(timed(theirsOne));
  }
  const [oursMs, theirsMs, oursStart, theirsStart] = [samples.ours, samples.theirs, samples.oursOne, samples.theirsOne].map(median) as [
    number,
    number,
    number,
    number,
  ];
  const rate = (ms: number) => ((files.length / ms) * 1000).toFixed(0);
  const perFile = (total: number, start: number) => (total - start) / (files.length - 1);
  console.log(`\nWhole-corpus throughput, ${files.length} files, whole commands including start-up (median of 7, alternating)`);
  console.log(
    `  lean-author validate   ${oursMs.toFixed(0)} ms   ${rate(oursMs)} files/s   (one file: ${oursStart.toFixed(0)} ms; each further file ${perFile(oursMs, oursStart).toFixed(2)} ms)`,
  );
  console.log(
    `  pyflakes               ${theirsMs.toFixed(0)} ms   ${rate(theirsMs)} files/s   (one file: ${theirsStart.toFixed(0)} ms; each further file ${perFile(theirsMs, theirsStart).toFixed(2)} ms)`,
  );
  console.log(`  ratio (ours / pyflakes throughput): ${(theirsMs / oursMs).toFixed(2)}x   goal ≥ 1.5x`);
  console.log(`  ratio per further file, start-up excluded: ${(perFile(theirsMs, theirsStart) / perFile(oursMs, oursStart)).toFixed(2)}x`);
}

/** pyflakes from PyPI into a git-ignored cache, installed on first use. */
function ensurePyflakes(): string {
  const target = path.join(repoRoot, '.cache', 'bench', 'pyflakes');
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
  return pythonFiles(path.join(repoRoot, 'test', 'fixtures', 'corpus'));
}

/**
 * A clean 500-line algorithm file: the PEP8-style corpus algorithms, imports hoisted, repeated with
 * their classes renamed until the file has 500 lines (cut at a class boundary, so it stays valid).
 */
function fiveHundredLines(sources: string[]): string {
  const header = ['from AlgorithmImports import *', 'from collections import deque', 'import numpy as np', ''];
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

function medianOf(fn: () => void): number {
  for (let i = 0; i < 50; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
