// The tree reader (syntaxTree.ts) reads the parse tree through the runtime's raw cursor functions. It
// must read exactly what web-tree-sitter's public Node API gives, and the validator must give the same
// diagnostics whichever way the tree is read.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, validateFile, validateShare, type FileReport, type Validator } from '../../extension/core/validation/index';
import { loadPythonParser, type PythonParser } from '../../extension/core/validation/pythonParser';
import { rawCursorAvailable, readTopLevel, setForcePublicCursor, type SyntaxNode } from '../../extension/core/validation/syntaxTree';
import { cleanCorpus } from './corpus';
import { parserAssets } from './parserAssets';

let validator: Validator;
let parser: PythonParser;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
  parser = await loadPythonParser(parserAssets);
});
afterAll(() => {
  setForcePublicCursor(false);
  validator.dispose();
  parser.dispose();
});

const corpus = cleanCorpus();

/** Sources that stress positions and recovery: CRLF, tabs, non-ASCII, astral and lone surrogates, broken code. */
function mangled(): string[] {
  let seed = 5;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = (n: number) => Math.floor(random() * n);
  const inserts = [
    '\r\n',
    '\r',
    '\t',
    'é',
    '😀',
    '\ud800',
    'ｘ = 1\n',
    '(',
    ')',
    ':',
    '"',
    "f'{a}'",
    'import a.b as c\n',
    'def f(a, *b, c=1, **d): pass\n',
  ];
  const out: string[] = [];
  for (let i = 0; i < 300; i++) {
    const { source } = corpus[i % corpus.length]!;
    let text = i % 3 === 0 ? source.replace(/\n/g, '\r\n') : source;
    for (let k = 0; k < 1 + (i % 4); k++) {
      const at = pick(text.length);
      text = text.slice(0, at) + inserts[pick(inserts.length)]! + text.slice(at + (i % 2));
    }
    out.push(i % 7 === 0 ? text.slice(0, pick(text.length)) : text);
  }
  return out;
}

/** What the public Node API says about every named node, in the reader's shape (all children, ends, no fields). */
function fromPublicApi(node: Node): unknown {
  return {
    type: node.type,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
    row: node.startPosition.row,
    column: node.startPosition.column,
    children: node.namedChildren.map((c) => fromPublicApi(c!)),
  };
}

function fromReader(node: SyntaxNode): unknown {
  return {
    type: node.type,
    startIndex: node.startIndex,
    endIndex: node.endIndex,
    row: node.row,
    column: node.column,
    children: node.children.map(fromReader),
  };
}

function readAll(tree: Tree, source: string): unknown[] {
  // Every child's end: every type (and ERROR, which is not in the language's list) is a text parent.
  const options = { leaves: new Set<string>(), fieldParents: new Set<string>(), textParents: new Set([...tree.language.types, 'ERROR']) };
  return readTopLevel(tree, source, options, () => true)
    .filter((n) => n.named)
    .map(fromReader);
}

describe('tree reader', () => {
  it('reads through the raw cursor in this runtime', () => {
    // If a web-tree-sitter upgrade renames the functions, validation still works but slowly: this says so.
    expect(rawCursorAvailable()).toBe(true);
  });

  it('reads what the public Node API gives: types, offsets, positions and named children', () => {
    const sources = [...corpus.map((c) => c.source), ...mangled()];
    for (const source of sources) {
      const tree = parser.parse(source);
      try {
        const expected = tree.rootNode.namedChildren.map((c) => fromPublicApi(c!));
        expect(readAll(tree, source)).toEqual(expected);
        setForcePublicCursor(true);
        expect(readAll(tree, source)).toEqual(expected);
      } finally {
        setForcePublicCursor(false);
        tree.delete();
      }
    }
  });

  it('gives the same diagnostics through the public cursor', () => {
    for (const source of [...corpus.map((c) => c.source), ...mangled()]) {
      const raw = validator.validate(source, { fileName: 'main.py' });
      setForcePublicCursor(true);
      try {
        expect(validator.validate(source, { fileName: 'main.py' })).toEqual(raw);
      } finally {
        setForcePublicCursor(false);
      }
    }
  });
});

describe('file batches', () => {
  it('validates every file once from a shared counter, and reports unreadable files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-batch-'));
    const files = corpus.slice(0, 5).map((c, i) => {
      const file = path.join(dir, `${i}_${c.name}`);
      writeFileSync(file, c.source);
      return file;
    });
    files.push(path.join(dir, 'missing.py'));
    const next = new Int32Array(new SharedArrayBuffer(4));
    const reports: FileReport[] = [];
    validateShare(validator, files, next, (index, report) => (reports[index] = report));
    expect(reports.map((r) => r.file)).toEqual(files);
    expect(reports.at(-1)!.error).toMatch(/^cannot read .*missing\.py: ENOENT$/);
    expect(reports[0]).toEqual(validateFile(validator, files[0]!));
    // The counter has passed the end: another thread taking from it gets nothing.
    validateShare(validator, files, next, () => expect.unreachable());
  });
});
