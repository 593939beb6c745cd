// A parse tree read into plain JS objects in one pass, for the LEAN rules.
//
// Every call into the tree-sitter runtime costs about as much as reading a node, and web-tree-sitter's
// Node API adds more on top: each node is an object built from the WASM heap, `node.type` and
// `node.namedChildren` marshal the node back in and make another call. Walking a 500-line file that
// way took longer than the rest of validation. So the tree is read with one TreeCursor that stays in
// the runtime's transfer buffer between calls (see `rawCursor`): moving it and asking a node's type,
// start and end are plain calls that return integers, with nothing to marshal. Rows and columns come
// from the start offset and the source's line starts, in JS. Where the runtime does not expose the
// functions this needs, the same reading goes through web-tree-sitter's public TreeCursor.
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

/** A named node. Anonymous nodes (punctuation, keywords) are not read: no rule looks at them. */
export interface SyntaxNode {
  type: string;
  /** UTF-16 offsets in the source, as web-tree-sitter's Node has them. */
  startIndex: number;
  /**
   * Read only for top-level nodes and the children of `ReadOptions.textParents` (one runtime call per
   * node saved elsewhere); -1 where it was not read.
   */
  endIndex: number;
  /** Zero-based start line and UTF-16 column, as `Node.startPosition`. */
  row: number;
  column: number;
  /** Named children in order; empty when the node's children were not asked for. */
  children: SyntaxNode[];
  /** The field this node fills in its parent, read only where the parent's type asks for fields. */
  field: string | undefined;
}

/** A child of the root: a top-level statement, or an anonymous token (only in broken files). */
export interface TopLevelNode extends SyntaxNode {
  named: boolean;
  endRow: number;
  /** The type of the first named child, also when the children were not read. */
  firstNamedChildType: string | undefined;
}

/** What to read below each node. */
export interface ReadOptions {
  /** Types whose children no rule needs (their text is still available from start and end). */
  leaves: ReadonlySet<string>;
  /** Types whose children's field names are read (`module_name`, `alias`, ...). */
  fieldParents: ReadonlySet<string>;
  /** Types whose children's end offsets are read (where a rule needs a child's text). */
  textParents: ReadonlySet<string>;
  /** For a type in `conditional`: whether to read this node's children. */
  conditional?: { types: ReadonlySet<string>; read(node: SyntaxNode, source: string): boolean };
}

/** The operations the reader needs from a tree cursor. */
interface Cursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  typeId(): number;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  delete(): void;
}

const ERROR_SYMBOL = 65535;
/** Shared by every node without children read (most are identifiers); never pushed to. */
const NO_CHILDREN: SyntaxNode[] = [];
const FIELDS = 1;
const ENDS = 2;

/** Per language and options: what to do on meeting each type id. */
interface TypeTable {
  names: string[];
  named: Uint8Array;
  /** 0 read children, 1 leaf, 2 ask `conditional` */
  children: Uint8Array;
  /** Bit 1: read the children's fields; bit 2: read the children's ends. */
  childInfo: Uint8Array;
  /** The same for ERROR nodes, whose symbol (65535) is outside the table. */
  errorChildInfo: number;
  fields: (string | null)[];
}
const tables = new WeakMap<Language, WeakMap<ReadOptions, TypeTable>>();

function tableFor(language: Language, options: ReadOptions): TypeTable {
  let byOptions = tables.get(language);
  if (!byOptions) tables.set(language, (byOptions = new WeakMap()));
  let table = byOptions.get(options);
  if (!table) {
    const count = language.types.length;
    const names = language.types.map((t) => t || 'ERROR');
    table = {
      names,
      named: new Uint8Array(count),
      children: new Uint8Array(count),
      childInfo: new Uint8Array(count),
      errorChildInfo: (options.fieldParents.has('ERROR') ? FIELDS : 0) | (options.textParents.has('ERROR') ? ENDS : 0),
      fields: language.fields,
    };
    for (let id = 0; id < count; id++) {
      const name = names[id]!;
      table.named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
      table.children[id] = options.leaves.has(name) ? 1 : options.conditional?.types.has(name) ? 2 : 0;
      table.childInfo[id] = (options.fieldParents.has(name) ? FIELDS : 0) | (options.textParents.has(name) ? ENDS : 0);
    }
    byOptions.set(options, table);
  }
  return table;
}

/** Start offsets of the source's lines, for rows and columns from offsets (tree-sitter counts only '\n'). */
class LineIndex {
  private readonly starts: number[] = [0];
  private hint = 0;

  constructor(source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The row of `offset`. Offsets mostly arrive in increasing order, so the last answer is the first guess. */
  row(offset: number): number {
    const starts = this.starts;
    let row = this.hint;
    if (starts[row]! > offset) {
      let lo = 0;
      let hi = row;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      row = lo;
    } else {
      while (row + 1 < starts.length && starts[row + 1]! <= offset) row++;
    }
    this.hint = row;
    return row;
  }

  start(row: number): number {
    return this.starts[row]!;
  }
}

/**
 * Reads the root's children and, for those `wantChildren` accepts, their subtrees (as `options`
 * says). Top-level nodes come with whether they are named and their end row; only named ones get
 * children. `wantChildren` and `options.conditional` run in the middle of the walk: they must not call
 * into web-tree-sitter (that would overwrite the raw cursor in the transfer buffer).
 */
export function readTopLevel(
  tree: Tree,
  source: string,
  options: ReadOptions,
  wantChildren: (node: TopLevelNode) => boolean,
): TopLevelNode[] {
  const table = tableFor(tree.language, options);
  const lines = new LineIndex(source);
  const cursor = openCursor(tree);
  const top: TopLevelNode[] = [];
  try {
    if (!cursor.gotoFirstChild()) return top;
    do {
      const id = cursor.typeId();
      const startIndex = cursor.startIndex();
      const endIndex = cursor.endIndex();
      const row = lines.row(startIndex);
      const node: TopLevelNode = {
        type: typeName(table, id),
        startIndex,
        endIndex,
        row,
        column: startIndex - lines.start(row),
        children: [],
        field: undefined,
        named: isNamed(table, id),
        endRow: lines.row(endIndex),
        firstNamedChildType: undefined,
      };
      top.push(node);
      if (!node.named) continue;
      if (wantChildren(node) && readsChildren(table, id, node, source, options)) {
        readChildren(cursor, node, id, table, lines, source, options);
        node.firstNamedChildType = node.children[0]?.type;
      } else {
        node.firstNamedChildType = firstNamedChildType(cursor, table);
      }
    } while (cursor.gotoNextSibling());
    return top;
  } finally {
    cursor.delete();
  }
}

function readsChildren(table: TypeTable, id: number, node: SyntaxNode, source: string, options: ReadOptions): boolean {
  if (id === ERROR_SYMBOL) return !options.leaves.has('ERROR');
  const mode = table.children[id];
  return mode === 0 || (mode === 2 && options.conditional!.read(node, source));
}

function childInfoOf(table: TypeTable, id: number): number {
  return id === ERROR_SYMBOL ? table.errorChildInfo : table.childInfo[id]!;
}

function typeName(table: TypeTable, id: number): string {
  return id === ERROR_SYMBOL ? 'ERROR' : table.names[id]!;
}

function isNamed(table: TypeTable, id: number): boolean {
  return id === ERROR_SYMBOL || table.named[id] === 1;
}

function firstNamedChildType(cursor: Cursor, table: TypeTable): string | undefined {
  if (!cursor.gotoFirstChild()) return undefined;
  let found: string | undefined;
  do {
    const id = cursor.typeId();
    if (isNamed(table, id)) found = typeName(table, id);
  } while (found === undefined && cursor.gotoNextSibling());
  cursor.gotoParent();
  return found;
}

/** The named descendants of the cursor's node (which is `parent`), depth first; leaves the cursor where it was. */
function readChildren(
  cursor: Cursor,
  parent: SyntaxNode,
  parentId: number,
  table: TypeTable,
  lines: LineIndex,
  source: string,
  options: ReadOptions,
): void {
  if (!cursor.gotoFirstChild()) return;
  // An explicit stack, so that deeply nested code cannot overflow the JS stack here.
  const parents: SyntaxNode[] = [parent];
  const childInfo: number[] = [childInfoOf(table, parentId)];
  for (;;) {
    const id = cursor.typeId();
    if (isNamed(table, id)) {
      const startIndex = cursor.startIndex();
      const row = lines.row(startIndex);
      const info = childInfo[childInfo.length - 1]!;
      const node: SyntaxNode = {
        type: typeName(table, id),
        startIndex,
        endIndex: info & ENDS ? cursor.endIndex() : -1,
        row,
        column: startIndex - lines.start(row),
        children: NO_CHILDREN, // replaced below if it has named children to read
        field: info & FIELDS ? (table.fields[cursor.fieldId()] ?? undefined) : undefined,
      };
      parents[parents.length - 1]!.children.push(node);
      if (readsChildren(table, id, node, source, options) && cursor.gotoFirstChild()) {
        node.children = [];
        parents.push(node);
        childInfo.push(childInfoOf(table, id));
        continue;
      }
    }
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      parents.pop();
      childInfo.pop();
      if (parents.length === 0) return;
    }
  }
}

// ---- cursors ----

/** The parts of the Emscripten module (the object given to `Parser.init`) that the raw cursor calls. */
interface RuntimeModule {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
}

const RUNTIME_FUNCTIONS: (keyof RuntimeModule)[] = [
  '_ts_tree_root_node_wasm',
  '_ts_tree_cursor_new_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
];

let runtime: RuntimeModule | undefined;

/**
 * Hands the reader the module object that was given to `Parser.init` (Emscripten fills it with the
 * runtime's exports). Ignored unless it has every function the raw cursor calls.
 */
export function useRuntimeModule(module: object | undefined): void {
  const candidate = module as Partial<Record<keyof RuntimeModule, unknown>> | undefined;
  runtime = candidate && RUNTIME_FUNCTIONS.every((name) => typeof candidate[name] === 'function') ? (module as RuntimeModule) : undefined;
}

/** Whether reads go through the raw cursor (for tests: both paths must read the same tree). */
export function rawCursorAvailable(): boolean {
  return runtime !== undefined;
}

let forcePublicCursor = false;
/** Tests: read through web-tree-sitter's public TreeCursor even when the raw one is available. */
export function setForcePublicCursor(value: boolean): void {
  forcePublicCursor = value;
}

function openCursor(tree: Tree): Cursor {
  const address = (tree as unknown as Record<number, unknown>)[0];
  if (runtime && !forcePublicCursor && typeof address === 'number' && address !== 0) return rawCursor(runtime, address);
  return publicCursor(tree.rootNode.walk());
}

/**
 * A cursor kept in the runtime's transfer buffer. Each `_ts_tree_cursor_*_wasm` function reads the
 * cursor from that buffer and the moving ones write it back, so as long as nothing else calls into
 * the runtime in between (the reader calls nothing else), no marshalling is needed at all.
 */
function rawCursor(m: RuntimeModule, tree: number): Cursor {
  m._ts_tree_root_node_wasm(tree); // the root node into the transfer buffer
  m._ts_tree_cursor_new_wasm(tree); // a cursor on it, into the transfer buffer
  // The functions taken off the module once: it has hundreds of properties, so each lookup is a hash probe.
  const firstChild = m._ts_tree_cursor_goto_first_child_wasm;
  const nextSibling = m._ts_tree_cursor_goto_next_sibling_wasm;
  const parent = m._ts_tree_cursor_goto_parent_wasm;
  const typeId = m._ts_tree_cursor_current_node_type_id_wasm;
  const startIndex = m._ts_tree_cursor_start_index_wasm;
  const endIndex = m._ts_tree_cursor_end_index_wasm;
  const fieldId = m._ts_tree_cursor_current_field_id_wasm;
  const remove = m._ts_tree_cursor_delete_wasm;
  return {
    gotoFirstChild: () => firstChild(tree) === 1,
    gotoNextSibling: () => nextSibling(tree) === 1,
    gotoParent: () => parent(tree) === 1,
    typeId: () => typeId(tree),
    startIndex: () => startIndex(tree),
    endIndex: () => endIndex(tree),
    fieldId: () => fieldId(tree),
    delete: () => remove(tree),
  };
}

function publicCursor(cursor: TreeCursor): Cursor {
  return {
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    fieldId: () => cursor.currentFieldId,
    delete: () => cursor.delete(),
  };
}
