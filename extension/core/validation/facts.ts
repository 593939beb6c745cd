// One pass over a parse tree that records what the LEAN rules need: bindings and uses of names,
// classes with their members, `self.x` accesses, calls with their argument shapes, attribute reads on
// enum-like names, and assignments.
import type { Tree } from 'web-tree-sitter';
import type { SourceRange } from '../diagnostic';
import { readTopLevel, type ReadOptions, type SyntaxNode, type TopLevelNode } from './syntaxTree';

export interface NameUse {
  name: string;
  range: SourceRange;
}

export interface ArgumentShape {
  positional: number;
  keywords: string[];
  /** `*args` or `**kwargs` in the call: the count cannot be checked. */
  splat: boolean;
}

export interface SelfAccess {
  name: string;
  range: SourceRange;
  classIndex: number;
  /** The function the access is in (`initialize`, `on_data`, ...), if any. */
  method: string | undefined;
  store: boolean;
  /** Set when the access is the callee: `self.name(...)`. */
  call?: ArgumentShape;
  /** Set when the access is called and its call is the right side of `self.<assignedTo> = self.name(...)`. */
  member?: string;
}

export interface AttributeRead {
  object: string;
  name: string;
  range: SourceRange;
  objectRange: SourceRange;
}

/** `self.<attribute>.<member>`, e.g. `self._rsi.current` or `self._rsi.is_ready`. */
export interface SelfMemberAccess {
  attribute: string;
  member: string;
  range: SourceRange;
  classIndex: number;
}

export interface PrintCall {
  /** The callee `print` alone, for a quick fix that swaps it. */
  calleeRange: SourceRange;
  /** Inside a method whose first parameter is `self`. */
  inMethod: boolean;
}

export interface SelfAssignment {
  /** `self.<target> = self.<helper>(...)` */
  target: string;
  targetRange: SourceRange;
  helper: string | undefined;
  classIndex: number;
}

export interface FunctionInfo {
  name: string;
  range: SourceRange;
  /** Parameter names with markers as in the API index: `?x` default, `*x`, `**x`. */
  parameters: string[];
}

export interface ClassInfo {
  name: string;
  nameRange: SourceRange;
  bases: string[];
  methods: Map<string, FunctionInfo>;
  /** Names assigned in the class body or on `self` anywhere in it. */
  attributes: Set<string>;
  /** `setattr(self, ...)`, `__getattr__` or `self.__dict__`: members cannot be known statically. */
  dynamic: boolean;
}

export interface FileFacts {
  classes: ClassInfo[];
  /** Every name bound anywhere in the file (any scope): flow-insensitive on purpose, to avoid false errors. */
  bindings: Set<string>;
  loads: NameUse[];
  importsAlgorithmImports: boolean;
  /** `from x import *` of anything but AlgorithmImports: unknown names cannot be judged. */
  otherStarImport: boolean;
  selfAccesses: SelfAccess[];
  selfMembers: SelfMemberAccess[];
  attributeReads: AttributeRead[];
  prints: PrintCall[];
  selfAssignments: SelfAssignment[];
  /** First line of the file after its leading comments and docstring, for inserting an import. */
  importInsertLine: number;
}

/** Nodes through which an assignment target stays a target (`a, (b, c) = ...`). */
const PATTERN_TYPES = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'parenthesized_expression',
  'expression_list',
  'list_splat_pattern',
  'as_pattern_target',
]);

interface AttributeInfo {
  kind: 'attribute';
  object: string | undefined;
  objectRange: SourceRange;
  name: string;
  nameRange: SourceRange;
  selfAccess: SelfAccess | undefined;
}

interface CallInfo {
  kind: 'call';
  selfAccess: SelfAccess | undefined;
}

type Visited = AttributeInfo | CallInfo | undefined;

interface FunctionScope {
  name: string;
  /** The first parameter's name when the function is a method (usually `self`). */
  selfName: string | undefined;
  classIndex: number | undefined;
}

type Node = SyntaxNode;

/** Nodes whose children are read by field name (imports, and parameters with defaults). */
const FIELD_PARENTS = [
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'aliased_import',
  'default_parameter',
  'typed_default_parameter',
];

/**
 * What the walk reads of the tree (see syntaxTree.ts): the children of these types are never looked
 * at, so they are not read; of strings only f-strings are entered; fields and ends only where imports,
 * parameters and base classes need them.
 */
const READ_OPTIONS: ReadOptions = {
  leaves: new Set([
    'identifier',
    'ERROR',
    'comment',
    'dotted_name',
    'integer',
    'float',
    'true',
    'false',
    'none',
    'ellipsis',
    'pass_statement',
    'break_statement',
    'continue_statement',
    'keyword_separator',
    'positional_separator',
  ]),
  fieldParents: new Set(FIELD_PARENTS),
  // Every node whose text is taken (textOf) is a child of one of these.
  textParents: new Set([
    ...FIELD_PARENTS,
    'parameters',
    'typed_parameter',
    'list_splat_pattern',
    'dictionary_splat_pattern',
    'argument_list',
  ]),
  conditional: { types: new Set(['string']), read: (node, source) => isFString(source, node.startIndex) },
};

/**
 * Facts of the top-level statements of the previous version of a document, by their text. A
 * top-level statement's facts depend on its text alone, so after an edit every statement the edit
 * did not touch is reused, shifted to where it now starts. (Node ids do not serve as keys:
 * incremental parsing re-creates most top-level nodes even when their text is unchanged.)
 */
export class FactsCache {
  previous = new Map<string, CachedStatement>();
}

interface CachedStatement {
  facts: FileFacts;
  startRow: number;
  classOffset: number;
}

function emptyFacts(): FileFacts {
  return {
    classes: [],
    bindings: new Set(),
    loads: [],
    importsAlgorithmImports: false,
    otherStarImport: false,
    selfAccesses: [],
    selfMembers: [],
    attributeReads: [],
    prints: [],
    selfAssignments: [],
    importInsertLine: 0,
  };
}

export function collectFacts(tree: Tree, source: string, cache?: FactsCache): FileFacts {
  const total = emptyFacts();
  const next = new Map<string, CachedStatement>();
  // Only statements that start a line are cached: their inner columns do not depend on what precedes them.
  const keys = new Map<TopLevelNode, string>();
  const hits = new Map<TopLevelNode, CachedStatement>();
  const top = readTopLevel(tree, source, READ_OPTIONS, (statement) => {
    if (cache === undefined || statement.column !== 0 || statement.type === 'ERROR') return true;
    const key = source.slice(statement.startIndex, statement.endIndex);
    keys.set(statement, key);
    const hit = cache.previous.get(key);
    if (hit) hits.set(statement, hit);
    return hit === undefined; // a cached statement's subtree is not read at all
  });
  for (const statement of top) {
    if (!statement.named) continue;
    const row = statement.row;
    const classOffset = total.classes.length;
    const key = keys.get(statement);
    const hit = hits.get(statement);
    // Cached facts are where the statement was last time: move them to where it is now.
    const facts = hit
      ? rebase(hit.facts, row - hit.startRow, classOffset - hit.classOffset)
      : statementFacts(statement, source, classOffset);
    append(total, facts);
    if (key !== undefined) next.set(key, { facts, startRow: row, classOffset });
  }
  if (cache) cache.previous = next;
  total.importInsertLine = importInsertLine(top);
  return total;
}

/** The same facts moved down `rows` lines and with class indexes moved by `classes` (the same object when both are 0). */
function rebase(part: FileFacts, rows: number, classes: number): FileFacts {
  if (rows === 0 && classes === 0) return part;
  const r = rows === 0 ? (range: SourceRange) => range : (range: SourceRange) => shift(range, rows);
  return {
    ...part,
    classes:
      rows === 0
        ? part.classes
        : part.classes.map((cls) => ({
            ...cls,
            nameRange: r(cls.nameRange),
            methods: new Map([...cls.methods].map(([k, m]) => [k, { ...m, range: r(m.range) }])),
          })),
    loads: rows === 0 ? part.loads : part.loads.map((x) => ({ ...x, range: r(x.range) })),
    selfAccesses: part.selfAccesses.map((x) => ({ ...x, range: r(x.range), classIndex: x.classIndex + classes })),
    selfMembers: part.selfMembers.map((x) => ({ ...x, range: r(x.range), classIndex: x.classIndex + classes })),
    attributeReads:
      rows === 0 ? part.attributeReads : part.attributeReads.map((x) => ({ ...x, range: r(x.range), objectRange: r(x.objectRange) })),
    prints: rows === 0 ? part.prints : part.prints.map((x) => ({ ...x, calleeRange: r(x.calleeRange) })),
    selfAssignments: part.selfAssignments.map((x) => ({ ...x, targetRange: r(x.targetRange), classIndex: x.classIndex + classes })),
  };
}

function append(total: FileFacts, part: FileFacts): void {
  total.classes.push(...part.classes);
  for (const name of part.bindings) total.bindings.add(name);
  total.importsAlgorithmImports ||= part.importsAlgorithmImports;
  total.otherStarImport ||= part.otherStarImport;
  total.loads.push(...part.loads);
  total.selfAccesses.push(...part.selfAccesses);
  total.selfMembers.push(...part.selfMembers);
  total.attributeReads.push(...part.attributeReads);
  total.prints.push(...part.prints);
  total.selfAssignments.push(...part.selfAssignments);
}

function shift(range: SourceRange, rows: number): SourceRange {
  return { startLine: range.startLine + rows, startColumn: range.startColumn, endLine: range.endLine + rows, endColumn: range.endColumn };
}

/** The facts of one top-level statement; the classes it defines are numbered from `classOffset` in the file. */
function statementFacts(statement: Node, source: string, classOffset: number): FileFacts {
  const facts = emptyFacts();
  const classStack: number[] = [];
  /** How many functions enclosed each open class when it started: bindings at that depth are class attributes. */
  const classDepth: number[] = [];
  const functions: FunctionScope[] = [];

  const currentMethod = (): FunctionScope | undefined => {
    for (let i = functions.length - 1; i >= 0; i--) if (functions[i]!.selfName !== undefined) return functions[i];
    return undefined;
  };

  const bind = (name: string) => {
    facts.bindings.add(name);
    const classIndex = classStack[classStack.length - 1];
    if (classIndex !== undefined && functions.length === classDepth[classDepth.length - 1]) facts.classes[classIndex]!.attributes.add(name);
  };

  const visitChildren = (node: Node, store = false) => {
    for (const child of node.children) visit(child, store);
  };

  const visit = (node: Node, store = false): Visited => {
    const type = node.type;
    switch (type) {
      case 'identifier': {
        const name = identifierText(source, node);
        if (store) bind(name);
        else facts.loads.push({ name, range: identifierRange(node, name) });
        return undefined;
      }
      case 'ERROR':
      case 'comment':
      case 'dotted_name':
        return undefined;
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'keyword_separator':
      case 'positional_separator':
        return undefined; // leaves: asking for their children would cost a runtime call for nothing
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        recordImport(node, source, facts);
        return undefined;
      case 'string':
        // Only f-string interpolations hold code; a string without an f prefix has none to look for.
        if (!isFString(source, node.startIndex)) return undefined;
        for (const child of node.children) if (child.type === 'interpolation') visitChildren(child);
        return undefined;
      case 'attribute':
        return attribute(node, store);
      case 'call':
        return call(node);
      case 'assignment':
      case 'augmented_assignment':
        assignment(node);
        return undefined;
      case 'for_statement':
      case 'for_in_clause':
      case 'named_expression': {
        const [target, ...rest] = node.children;
        if (target) visit(target, true);
        for (const child of rest) visit(child);
        return undefined;
      }
      case 'as_pattern':
        for (const child of node.children) visit(child, child.type === 'as_pattern_target');
        return undefined;
      case 'keyword_argument':
        // The name is the callee's parameter, not a use of a variable.
        for (const child of node.children.slice(1)) visit(child);
        return undefined;
      case 'parameters':
      case 'lambda_parameters':
        parameters(node);
        return undefined;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const child of node.children) if (child.type === 'identifier') bind(identifierText(source, child));
        return undefined;
      case 'class_definition':
        classDefinition(node);
        return undefined;
      case 'function_definition':
        functionDefinition(node);
        return undefined;
      default:
        if (store && PATTERN_TYPES.has(type)) visitChildren(node, true);
        // Names in match-case patterns (`case Point(x=px)`) are bound by the match.
        else if (type.endsWith('_pattern') && type !== 'as_pattern') visitChildren(node, true);
        else visitChildren(node);
        return undefined;
    }
  };

  const attribute = (node: Node, store: boolean): AttributeInfo | undefined => {
    const [objectNode, nameNode] = node.children;
    if (!objectNode || !nameNode) return undefined;
    const isName = objectNode.type === 'identifier';
    const inner = isName ? undefined : visit(objectNode);
    const object = isName ? identifierText(source, objectNode) : undefined;
    const objectRange = object !== undefined ? identifierRange(objectNode, object) : startRange(objectNode);
    if (object !== undefined) facts.loads.push({ name: object, range: objectRange });
    const name = identifierText(source, nameNode);
    const info: AttributeInfo = {
      kind: 'attribute',
      object,
      objectRange,
      name,
      nameRange: identifierRange(nameNode, name),
      selfAccess: undefined,
    };
    const method = currentMethod();
    const classIndex = method?.classIndex;
    if (object !== undefined && classIndex !== undefined && object === method?.selfName) {
      const access: SelfAccess = {
        name: info.name,
        range: info.nameRange,
        classIndex: classIndex + classOffset,
        method: functions[0]?.name,
        store,
      };
      facts.selfAccesses.push(access);
      info.selfAccess = access;
      if (store) facts.classes[classIndex]!.attributes.add(info.name);
      if (info.name === '__dict__') facts.classes[classIndex]!.dynamic = true;
    } else if (object !== undefined) {
      facts.attributeReads.push({ object, name: info.name, range: info.nameRange, objectRange: info.objectRange });
    }
    // `self.x.member`, e.g. `self._rsi.current` or `self._rsi.is_ready`.
    if (inner?.kind === 'attribute' && inner.selfAccess && classIndex !== undefined) {
      const range = { ...inner.objectRange, endLine: info.nameRange.endLine, endColumn: info.nameRange.endColumn };
      facts.selfMembers.push({ attribute: inner.name, member: info.name, range, classIndex: classIndex + classOffset });
    }
    return info;
  };

  const call = (node: Node): CallInfo => {
    const [callee, args] = node.children;
    const info: CallInfo = { kind: 'call', selfAccess: undefined };
    if (!callee) return info;
    const visited = visit(callee);
    if (callee.type === 'identifier') {
      const name = identifierText(source, callee);
      if (name === 'print')
        facts.prints.push({ calleeRange: identifierRange(callee, name), inMethod: currentMethod()?.selfName === 'self' });
      if (name === 'setattr' || name === 'delattr') {
        const classIndex = classStack[classStack.length - 1];
        if (classIndex !== undefined) facts.classes[classIndex]!.dynamic = true;
      }
    }
    const shape: ArgumentShape = { positional: 0, keywords: [], splat: false };
    if (args?.type === 'argument_list') {
      for (const arg of args.children) {
        if (arg.type === 'comment') continue;
        if (arg.type === 'keyword_argument') {
          const keyword = arg.children[0];
          shape.keywords.push(keyword ? identifierText(source, keyword) : '');
        } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') shape.splat = true;
        else shape.positional++;
        visit(arg);
      }
    } else if (args) {
      shape.positional = 1; // a bare generator expression: f(x for x in y)
      visit(args);
    }
    if (visited?.kind === 'attribute' && visited.selfAccess) {
      visited.selfAccess.call = shape;
      info.selfAccess = visited.selfAccess;
    }
    return info;
  };

  const assignment = (node: Node) => {
    const named = node.children.filter((c) => c.type !== 'comment');
    const left = named[0];
    if (!left) return;
    // `x: T = v` has [left, type, right]; `x = v` has [left, right]; `x: T` has [left, type], told
    // apart from `x = v` by the operator written before the second child.
    const second = named[1];
    const typed =
      node.type === 'assignment' && (named.length >= 3 || (second !== undefined && operatorBefore(source, second.startIndex) === ':'));
    const typeNode = typed ? second : undefined;
    const right = typed ? named[2] : second;
    const target = visit(left, true);
    if (node.type === 'augmented_assignment' && left.type === 'identifier') {
      const name = identifierText(source, left);
      facts.loads.push({ name, range: identifierRange(left, name) });
    }
    if (typeNode) visit(typeNode);
    const value = right ? visit(right) : undefined;
    const classIndex = currentMethod()?.classIndex;
    if (node.type === 'assignment' && target?.kind === 'attribute' && target.selfAccess && classIndex !== undefined) {
      const helper = value?.kind === 'call' ? value.selfAccess?.name : undefined;
      facts.selfAssignments.push({ target: target.name, targetRange: target.nameRange, helper, classIndex: classIndex + classOffset });
    }
  };

  const parameters = (node: Node) => {
    for (const p of node.children) {
      switch (p.type) {
        case 'identifier':
          facts.bindings.add(identifierText(source, p));
          break;
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
          for (const c of p.children) if (c.type === 'identifier') facts.bindings.add(identifierText(source, c));
          break;
        case 'typed_parameter':
        case 'default_parameter':
        case 'typed_default_parameter': {
          const [first, ...rest] = p.children;
          if (first?.type === 'identifier') facts.bindings.add(identifierText(source, first));
          else if (first) for (const c of first.children) if (c.type === 'identifier') facts.bindings.add(identifierText(source, c));
          for (const c of rest) if (c) visit(c);
          break;
        }
        default:
          break;
      }
    }
  };

  const classDefinition = (node: Node) => {
    let nameNode: Node | undefined;
    let bases: string[] = [];
    let body: Node | undefined;
    for (const child of node.children) {
      if (child.type === 'identifier' && !nameNode) nameNode = child;
      else if (child.type === 'argument_list') {
        bases = child.children.filter((b) => b.type !== 'keyword_argument' && b.type !== 'comment').map((b) => textOf(source, b));
        visitChildren(child);
      } else if (child.type === 'block') body = child;
      else visit(child);
    }
    const name = nameNode ? identifierText(source, nameNode) : '';
    if (nameNode) bind(name);
    facts.classes.push({
      name,
      nameRange: nameNode ? identifierRange(nameNode, name) : startRange(node),
      bases,
      methods: new Map(),
      attributes: new Set(),
      dynamic: false,
    });
    classStack.push(facts.classes.length - 1);
    classDepth.push(functions.length);
    if (body) visitChildren(body);
    classStack.pop();
    classDepth.pop();
  };

  const functionDefinition = (node: Node) => {
    let nameNode: Node | undefined;
    let params: Node | undefined;
    let body: Node | undefined;
    const others: Node[] = [];
    for (const child of node.children) {
      if (child.type === 'identifier' && !nameNode) nameNode = child;
      else if (child.type === 'parameters' && !params) params = child;
      else if (child.type === 'block') body = child;
      else others.push(child);
    }
    const name = nameNode ? identifierText(source, nameNode) : '';
    if (nameNode) bind(name);
    for (const other of others) visit(other); // return annotation, type parameters
    const classIndex = classStack[classStack.length - 1];
    // A method is defined directly in a class body, not inside another function.
    const isMethod = classIndex !== undefined && functions.length === classDepth[classDepth.length - 1];
    const parameterList = parameterNames(params, source);
    if (isMethod) {
      facts.classes[classIndex]!.methods.set(name, {
        name,
        range: nameNode ? identifierRange(nameNode, name) : startRange(node),
        parameters: parameterList,
      });
      if (name === '__getattr__' || name === '__getattribute__') facts.classes[classIndex]!.dynamic = true;
    }
    functions.push({
      name,
      selfName: isMethod ? parameterList[0]?.replace(/^[?*]+/, '') : undefined,
      classIndex: isMethod ? classIndex : undefined,
    });
    if (params) parameters(params);
    if (body) visitChildren(body);
    functions.pop();
  };

  visit(statement);
  return facts;
}

function recordImport(node: Node, source: string, facts: FileFacts): void {
  if (node.type === 'import_from_statement') {
    const moduleName = fieldChild(node, 'module_name');
    const module = moduleName ? textOf(source, moduleName) : '';
    if (node.children.some((c) => c.type === 'wildcard_import')) {
      if (module === 'AlgorithmImports') facts.importsAlgorithmImports = true;
      else facts.otherStarImport = true;
      return;
    }
    for (const name of node.children) {
      if (name.field !== 'name') continue;
      facts.bindings.add(name.type === 'aliased_import' ? aliasOf(name, source) : (textOf(source, name).split('.').pop() ?? ''));
    }
    return;
  }
  for (const name of node.children) {
    if (name.field !== 'name') continue;
    const text = textOf(source, name);
    if (name.type === 'aliased_import') facts.bindings.add(aliasOf(name, source));
    else facts.bindings.add(text.split('.')[0] ?? '');
    if (text === 'AlgorithmImports') facts.importsAlgorithmImports = true;
  }
}

function aliasOf(aliasedImport: Node, source: string): string {
  const alias = fieldChild(aliasedImport, 'alias');
  return alias ? textOf(source, alias) : '';
}

/** The first child filling `field` (fields are read for the types in READ_OPTIONS.fieldParents). */
function fieldChild(node: Node, field: string): Node | undefined {
  return node.children.find((c) => c.field === field);
}

function textOf(source: string, node: Node): string {
  if (node.endIndex < 0) throw new Error(`the end of a ${node.type} node was not read: add its parent's type to READ_OPTIONS.textParents`);
  return source.slice(node.startIndex, node.endIndex);
}

function parameterNames(parameters: Node | undefined, source: string): string[] {
  const names: string[] = [];
  for (const p of parameters?.children ?? []) {
    const inner = p.type === 'typed_parameter' ? p.children[0] : p;
    if (!inner) continue;
    const first = inner.children[0];
    if (inner.type === 'identifier') names.push(textOf(source, inner));
    else if (inner.type === 'list_splat_pattern') names.push(`*${first ? textOf(source, first) : ''}`);
    else if (inner.type === 'dictionary_splat_pattern') names.push(`**${first ? textOf(source, first) : ''}`);
    else if (inner.type === 'default_parameter' || inner.type === 'typed_default_parameter') {
      const name = fieldChild(inner, 'name');
      names.push(`?${name ? textOf(source, name) : ''}`);
    } else if (inner.type === 'keyword_separator') names.push('*');
  }
  return names;
}

/** The line after the file's leading comments and docstring. */
function importInsertLine(top: TopLevelNode[]): number {
  let line = 0;
  for (const child of top) {
    if (child.type === 'comment') {
      line = child.endRow + 1;
      continue;
    }
    if (child.type === 'expression_statement' && child.firstNamedChildType === 'string' && line === child.row) {
      line = child.endRow + 1;
      continue;
    }
    break;
  }
  return line;
}

// Identifier text comes from the source and the node's start: reading stops at the identifier's end.
const IDENTIFIER_CHAR = /[\p{L}\p{N}_\p{Mn}\p{Mc}\p{Pc}]/u;

function identifierText(source: string, node: Node): string {
  const start = node.startIndex;
  let end = start + 1;
  for (; end < source.length; end++) {
    const c = source.charCodeAt(end);
    // ASCII letters, digits and '_' without a regex; anything else non-ASCII asks the Unicode classes.
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) continue;
    if (c < 128 || !IDENTIFIER_CHAR.test(source[end]!)) break;
  }
  return source.slice(start, end);
}

function identifierRange(node: Node, name: string): SourceRange {
  const { row, column } = node;
  return { startLine: row, startColumn: column, endLine: row, endColumn: column + name.length };
}

function startRange(node: Node): SourceRange {
  const { row, column } = node;
  return { startLine: row, startColumn: column, endLine: row, endColumn: column + 1 };
}

/** Whether the string literal starting at `index` has an f (or t) prefix, as in `f"..."` or `rf'...'`. */
function isFString(source: string, index: number): boolean {
  for (let i = index; i < index + 3 && i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'") return false;
    if (c === 'f' || c === 'F' || c === 't' || c === 'T') return true;
  }
  return false;
}

/** The last non-blank character before `index`, skipping line continuations. */
function operatorBefore(source: string, index: number): string {
  let i = index - 1;
  while (i >= 0 && /[\s\\]/.test(source[i]!)) i--;
  return source[i] ?? '';
}
