// A parse tree read once into plain objects for the request checks: named nodes with their offsets,
// the field each fills, their operators and their parents. The checks run once per generated file, so
// this reads the whole tree with web-tree-sitter's public TreeCursor (the validator's faster reader,
// validation/syntaxTree.ts, reads only what its rules need). Editor-agnostic.
import type { Tree } from 'web-tree-sitter';
import type { SourceRange } from '../diagnostic';

export interface PyNode {
  type: string;
  /** UTF-16 offsets into the source, end exclusive. */
  start: number;
  end: number;
  /** The field this node fills in its parent (`function`, `arguments`, `left` ...). */
  field: string | undefined;
  /** The anonymous operator tokens directly below this node (`-`, `*`, `%`, `<` ...). */
  operators: string[];
  /** Named children in order, comments included. */
  children: PyNode[];
  parent: PyNode | undefined;
}

const OPERATOR_FIELDS = new Set(['operator', 'operators']);

/** Reads the whole tree. Iterative, so deeply nested code cannot overflow the JS stack. */
export function readPythonTree(tree: Tree): PyNode {
  const cursor = tree.walk();
  try {
    const root: PyNode = node(cursor.nodeType, cursor.startIndex, cursor.endIndex, undefined, undefined);
    if (!cursor.gotoFirstChild()) return root;
    const parents: PyNode[] = [root];
    for (;;) {
      const parent = parents[parents.length - 1]!;
      let descended = false;
      if (cursor.nodeIsNamed) {
        const child = node(cursor.nodeType, cursor.startIndex, cursor.endIndex, cursor.currentFieldName ?? undefined, parent);
        parent.children.push(child);
        if (cursor.gotoFirstChild()) {
          parents.push(child);
          descended = true;
        }
      } else {
        const field = cursor.currentFieldName;
        if (field && OPERATOR_FIELDS.has(field)) parent.operators.push(cursor.nodeType);
      }
      if (descended) continue;
      while (!cursor.gotoNextSibling()) {
        if (parents.length === 1 || !cursor.gotoParent()) return root;
        parents.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

function node(type: string, start: number, end: number, field: string | undefined, parent: PyNode | undefined): PyNode {
  return { type, start, end, field, operators: [], children: [], parent };
}

/** The first child filling `field`. */
export function fieldChild(node: PyNode, field: string): PyNode | undefined {
  return node.children.find((c) => c.field === field);
}

/** Every named node below `node` (and `node` itself), depth first, in source order. */
export function* descendants(node: PyNode): Generator<PyNode> {
  const stack: PyNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
}

/** Start offsets of the source's lines, for ranges from offsets (tree-sitter counts only '\n'). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo]! };
  }

  range(start: number, end: number): SourceRange {
    const from = this.position(start);
    const to = this.position(end);
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }
}
