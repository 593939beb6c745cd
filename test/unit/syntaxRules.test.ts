import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type LeanDiagnostic, type Validator } from '../../extension/core/validation/index';
import { repositoryRoot } from '../repositoryRoot';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

const HEADER = 'from AlgorithmImports import *\n\nclass Algo(QCAlgorithm):\n';

/** Each broken algorithm, the rule that must fire, and the 1-based line it must point at. */
const broken: { name: string; source: string; code: string; line: number; column?: number }[] = [
  {
    name: 'def without colon',
    source: `${HEADER}    def initialize(self)\n        self.set_cash(1)\n`,
    code: 'syntax-missing-colon',
    line: 4,
    column: 24,
  },
  {
    name: 'if without colon',
    source: `${HEADER}    def initialize(self):\n        if self.is_warming_up\n            return\n`,
    code: 'syntax-missing-colon',
    line: 5,
  },
  {
    name: 'for without colon',
    source: `${HEADER}    def on_data(self, data):\n        for s in data.keys()\n            pass\n`,
    code: 'syntax-missing-colon',
    line: 5,
  },
  {
    name: 'unclosed call',
    source: `${HEADER}    def initialize(self):\n        self.set_cash(100000\n\n    def on_data(self, data):\n        pass\n`,
    code: 'syntax-unclosed-bracket',
    line: 5,
    column: 22,
  },
  {
    name: 'extra closing paren',
    source: `${HEADER}    def initialize(self):\n        self.set_holdings("SPY", 1))\n`,
    code: 'syntax-unmatched-bracket',
    line: 5,
  },
  {
    name: 'mismatched bracket kinds',
    source: `${HEADER}    def initialize(self):\n        x = [1, 2)\n`,
    code: 'syntax-unmatched-bracket',
    line: 5,
  },
  {
    name: 'unterminated string',
    source: `${HEADER}    def initialize(self):\n        self.debug("hello)\n        self.set_cash(1)\n`,
    code: 'syntax-unterminated-string',
    line: 5,
  },
  { name: 'dangling operator', source: `${HEADER}    def initialize(self):\n        x = 1 +\n`, code: 'syntax-error', line: 5 },
  {
    name: 'assignment in condition',
    source: `${HEADER}    def initialize(self):\n        if self.x = 3:\n            pass\n`,
    code: 'syntax-error',
    line: 5,
  },
];

describe('syntax diagnostics', () => {
  it.each(broken)('reports $name as $code on line $line', ({ source, code, line, column }) => {
    const diagnostics = syntaxOnly(validator.validate(source));
    expect(diagnostics.length).toBeGreaterThan(0);
    const first = diagnostics[0]!;
    expect(first.code).toBe(code);
    expect(first.severity).toBe('error');
    expect(first.range.startLine + 1).toBe(line);
    if (column !== undefined) expect(first.range.startColumn + 1).toBe(column);
    expect(first.message).toMatch(/^Syntax error: /);
    expect(first.range.endLine > first.range.startLine || first.range.endColumn > first.range.startColumn).toBe(true);
  });

  it('accepts a backslash continuation and brackets inside strings and f-strings', () => {
    const source = `${HEADER}    def initialize(self):\n        if self.a and \\\n                self.b:\n            self.debug(f"{self.a} (" + "[")\n`;
    expect(syntaxOnly(validator.validate(source))).toEqual([]);
  });

  it('counts columns in UTF-16 code units, as editors do', () => {
    const source = `${HEADER}    def initialize(self):\n        self.debug("é€😀") )\n`;
    const [d] = syntaxOnly(validator.validate(source));
    expect(d?.code).toBe('syntax-unmatched-bracket');
    const lineText = source.split('\n')[4]!;
    expect(d?.range.startColumn).toBe(lineText.lastIndexOf(')'));
  });

  it('finds no syntax errors in the clean algorithms of the fixture workspace', () => {
    const root = path.join(repositoryRoot(), 'test', 'fixtures', 'workspace');
    const clean = ['SmaCrossover/main.py'].map((f) => path.join(root, f));
    for (const file of clean) expect(validator.validate(readFileSync(file, 'utf8')), file).toEqual([]);
  });

  it('never throws on truncated and byte-flipped algorithms, and stays within 50 reports', () => {
    const sources = pythonFiles(path.join(repositoryRoot(), 'test', 'fixtures')).map((f) => readFileSync(f, 'utf8'));
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let checked = 0;
    for (const source of sources) {
      for (let i = 0; i < 200; i++) {
        const cut = source.slice(0, Math.floor(next() * source.length));
        const at = Math.floor(next() * cut.length);
        const flipped = cut.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + cut.slice(at + 1);
        const diagnostics = validator.validate(flipped);
        expect(diagnostics.length).toBeLessThanOrEqual(50);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(600);
  }, 60_000); // thousands of validations: a correctness check, not a timing one, so it may take its time under load
});

/** This file tests the syntax rules; the LEAN API rules have their own tests. */
function syntaxOnly(diagnostics: LeanDiagnostic[]): LeanDiagnostic[] {
  return diagnostics.filter((d) => d.code.startsWith('syntax-'));
}

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? pythonFiles(full) : full.endsWith('.py') ? [full] : [];
  });
}
