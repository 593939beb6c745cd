// The validator's quality bars: no false errors on algorithms that run, injected faults caught with the
// right code at the right line, and no crash on mangled input.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, LEAN_API_INDEX, LEAN_CODES, SYNTAX_CODES, type Validator } from '../../extension/core/validation/index';
import { cleanCorpus } from './corpus';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

const corpus = cleanCorpus();

describe('no false errors', () => {
  it.each(corpus.map((c) => [c.file.split('fixtures/')[1]!, c] as const))('%s has no error-level diagnostic', (_name, { source, name }) => {
    const errors = validator.validate(source, { fileName: name }).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('covers a real spread of layouts', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
    expect(corpus.some((c) => !/class \w+\(QCAlgorithm\)/.test(c.source))).toBe(true); // subclass of a sibling-file base
    expect(corpus.some((c) => c.name !== 'main.py')).toBe(true); // a library module
  });
});

interface Mutation {
  kind: string;
  source: string;
  code: string;
  /** 0-based line the diagnostic must start on. */
  line: number;
}

/** Every single-fault mutation of one clean file, each with the diagnostic it must produce. */
function mutations(source: string): Mutation[] {
  const lines = source.split('\n');
  const out: Mutation[] = [];
  const replaceLine = (i: number, text: string) => lines.map((l, j) => (j === i ? text : l)).join('\n');
  const methods = LEAN_API_INDEX.qcAlgorithm.methods;
  const members = new Set([...Object.keys(methods), ...LEAN_API_INDEX.qcAlgorithm.properties]);
  const defined = new Set([...source.matchAll(/def (\w+)\(/g)].map((m) => m[1]!));
  lines.forEach((line, i) => {
    // A misspelled API method: swap two inner letters of `self.<method>(`.
    for (const m of line.matchAll(/self\.([a-z_]{4,})\(/g)) {
      const name = m[1]!;
      if (!methods[name] || defined.has(name)) continue;
      const at = Math.floor(name.length / 2);
      const typo = name.slice(0, at - 1) + name[at] + name[at - 1] + name.slice(at + 1);
      if (typo === name || members.has(typo)) continue;
      out.push({
        kind: 'misspelled method',
        source: replaceLine(i, line.replace(`self.${name}(`, `self.${typo}(`)),
        code: LEAN_CODES.unknownMember,
        line: i,
      });
    }
    // A misspelled enum member.
    for (const m of line.matchAll(/\b(Resolution|MovingAverageType|OrderStatus|SecurityType|Market)\.([A-Z_]{3,})\b/g)) {
      const members = LEAN_API_INDEX.enums[m[1]!];
      if (!members?.includes(m[2]!)) continue;
      out.push({
        kind: 'misspelled enum member',
        source: replaceLine(i, line.replace(m[0], `${m[0]}S`)),
        code: LEAN_CODES.unknownEnumMember,
        line: i,
      });
    }
    // initialize deleted (renamed away).
    if (/^\s+def initialize\(self/.test(line)) {
      const classLine = lines.slice(0, i).findLastIndex((l) => /^class \w+\(/.test(l));
      out.push({
        kind: 'deleted initialize',
        source: replaceLine(i, line.replace('def initialize(', 'def setup(')),
        code: LEAN_CODES.missingInitialize,
        line: classLine,
      });
    }
    // An indicator stored over its helper: `self._x = self.<helper>(` → `self.<helper> = self.<helper>(`.
    const stored = /self\.(_\w+) = self\.(\w+)\(/.exec(line);
    if (stored && LEAN_API_INDEX.indicatorHelpers[stored[2]!]) {
      out.push({
        kind: 'shadowed indicator',
        source: replaceLine(i, line.replace(`self.${stored[1]} =`, `self.${stored[2]} =`)),
        code: LEAN_CODES.shadowedApiMethod,
        line: i,
      });
    }
    // Broken syntax: the ':' of a def line removed.
    if (/^\s*def .*\):\s*$/.test(line)) {
      out.push({ kind: 'broken syntax', source: replaceLine(i, line.replace(/:\s*$/, '')), code: SYNTAX_CODES.missingColon, line: i });
    }
    // print added as a method's first statement.
    if (/^\s+def \w+\(self.*\):\s*$/.test(line) && !/"""/.test(lines[i + 1] ?? '')) {
      const indent = /^(\s*)/.exec(lines[i + 1] ?? '')?.[1] ?? '        ';
      const withPrint = [...lines.slice(0, i + 1), `${indent}print("checkpoint")`, ...lines.slice(i + 1)].join('\n');
      out.push({ kind: 'print', source: withPrint, code: LEAN_CODES.printDiscarded, line: i + 1 });
    }
  });
  return out;
}

describe('injected faults', () => {
  it('reports at least 95% of single-fault mutations with the right code at the right line', () => {
    const byKind = new Map<string, { total: number; caught: number }>();
    const missed: string[] = [];
    for (const { name, source, file } of corpus) {
      for (const m of mutations(source)) {
        const found = validator.validate(m.source, { fileName: name }).some((d) => d.code === m.code && d.range.startLine === m.line);
        const stats = byKind.get(m.kind) ?? { total: 0, caught: 0 };
        stats.total++;
        if (found) stats.caught++;
        else missed.push(`${file}:${m.line + 1} ${m.kind}`);
        byKind.set(m.kind, stats);
      }
    }
    const total = [...byKind.values()].reduce((n, s) => n + s.total, 0);
    const caught = [...byKind.values()].reduce((n, s) => n + s.caught, 0);
    console.log(`mutation detection: ${caught}/${total} (${((100 * caught) / total).toFixed(1)}%)`, Object.fromEntries(byKind));
    expect(byKind.size).toBe(6);
    expect(total).toBeGreaterThanOrEqual(100);
    if (missed.length) console.log(`missed:\n${missed.join('\n')}`);
    expect(caught / total).toBeGreaterThanOrEqual(0.95);
  });
});

describe('robustness', () => {
  it('returns diagnostics and never throws on 10,000 truncated, byte-flipped and line-shuffled algorithms', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (n: number) => Math.floor(random() * n);
    const variants: ((s: string) => string)[] = [
      (s) => s.slice(0, pick(s.length)),
      (s) => {
        const at = pick(s.length);
        return s.slice(0, at) + String.fromCharCode(pick(0x3000)) + s.slice(at + 1);
      },
      (s) => {
        const lines = s.split('\n');
        const a = pick(lines.length);
        const b = pick(lines.length);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        return lines.join('\n');
      },
      (s) =>
        s
          .split('\n')
          .filter(() => random() > 0.1)
          .join('\n'),
    ];
    let runs = 0;
    let slowest = 0;
    while (runs < 10_000) {
      const { source, name } = corpus[runs % corpus.length]!;
      const mangled = variants[runs % variants.length]!(source);
      const t0 = performance.now();
      const diagnostics = validator.validate(mangled, { fileName: name });
      slowest = Math.max(slowest, performance.now() - t0);
      expect(Array.isArray(diagnostics)).toBe(true);
      runs++;
    }
    console.log(`fuzz: ${runs} inputs, slowest ${slowest.toFixed(1)} ms`);
    expect(slowest).toBeLessThan(1000);
  }, 120_000);
});
