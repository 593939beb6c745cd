// One pass over a parse tree that records what the LEAN rules need: bindings and uses of names,
// classes with their members, `self.x` accesses, calls with their argument shapes, attribute reads on
// enum-like names, and assignments. A TreeCursor walk keeps the WASM round-trips few, which is what
// makes validation fast enough to run on every keystroke.
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { SourceRange } from '../diagnostic';

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

const EMPTY_RANGE: SourceRange = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
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
const PARAMETER_TYPES = new Set(['parameters', 'lambda_parameters', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);
const STORE_ROOTS: Record<string, string> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
  named_expression: 'name',
  as_pattern: 'alias',
};

interface Frame {
  type: string;
  field: string | null;
  store: boolean;
  range: SourceRange;
  /** Identifier children by field, and their ranges. */
  idents?: Record<string, { text: string; range: SourceRange }>;
  /** For attribute frames: the attribute built from the children. */
  attr?: {
    object: string | undefined;
    name: string;
    nameRange: SourceRange;
    objectRange: SourceRange;
    inner?: { object: string | undefined; name: string };
  };
  /** For call frames: callee attribute/identifier and argument shape. */
  calleeName?: string;
  calleeRange?: SourceRange;
  calleeSelfAccess?: SelfAccess;
  args?: ArgumentShape;
  /** For assignment frames: `self.x` on the left, and the `self.helper` call on the right. */
  leftSelf?: { name: string; range: SourceRange };
  rightSelfCall?: string;
  /** For attribute frames whose object is an attribute: that attribute (for `self.x.member`). */
  innerAttr?: { object: string | undefined; name: string; start: SourceRange };
}

/** Per-language lookup tables, so the walk reads numbers from the cursor instead of strings. */
interface LanguageTables {
  types: string[];
  named: boolean[];
  fields: (string | null)[];
}
const tablesByLanguage = new WeakMap<Language, LanguageTables>();

function tablesFor(language: Language): LanguageTables {
  let tables = tablesByLanguage.get(language);
  if (!tables) {
    const count = language.nodeTypeCount;
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < count; id++) {
      types.push(language.nodeTypeForId(id) ?? '');
      named.push(language.nodeTypeIsNamed(id));
    }
    tables = { types, named, fields: [...language.fields] };
    tablesByLanguage.set(language, tables);
  }
  return tables;
}

/** Turns UTF-16 offsets into line/column ranges without asking tree-sitter. */
function lineIndex(source: string): (start: number, end: number) => SourceRange {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  const position = (offset: number): [number, number] => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - starts[lo]!];
  };
  return (start, end) => {
    const [startLine, startColumn] = position(start);
    const [endLine, endColumn] = position(end);
    return { startLine, startColumn, endLine, endColumn };
  };
}

export function collectFacts(tree: Tree, source: string): FileFacts {
  const tables = tablesFor(tree.language);
  const rangeOf = lineIndex(source);
  const mayHaveMissing = tree.rootNode.hasError;
  const facts: FileFacts = {
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
  const stack: Frame[] = [];
  const classStack: number[] = [];
  /** How many functions enclosed each open class when it started: bindings at that depth are class attributes. */
  const classFunctionDepth: number[] = [];
  const functionStack: { name: string; selfName: string | undefined; classIndex: number | undefined }[] = [];
  const cursor = tree.walk();

  const enter = (): boolean => {
    const typeId = cursor.nodeTypeId;
    // Punctuation and keywords carry nothing the rules need.
    if (!tables.named[typeId]) return false;
    const type = tables.types[typeId] || 'ERROR';
    if (type === 'ERROR' || type === 'comment' || type === 'string_content' || type === 'escape_sequence') return false;
    if (mayHaveMissing && cursor.nodeIsMissing) return false;
    if (type === 'import_statement' || type === 'import_from_statement' || type === 'future_import_statement') {
      recordImport(cursor.currentNode, facts);
      return false;
    }
    const field = tables.fields[cursor.currentFieldId] ?? null;
    const parent = stack[stack.length - 1];
    const storeRoot = parent !== undefined && STORE_ROOTS[parent.type] === field;
    // Inside an assignment target, names stay targets through tuple/list patterns but not into
    // `a.b` or `a[i]`, whose object and index are read.
    const store = storeRoot || (parent?.store === true && PATTERN_TYPES.has(parent.type));
    if (type === 'identifier') {
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      identifier({ type, field, store, range: rangeOf(start, end) }, parent, source.slice(start, end));
      return false;
    }
    const frame: Frame = { type, field, store, range: EMPTY_RANGE };
    if (type === 'class_definition') {
      const node = cursor.currentNode;
      const nameNode = node.childForFieldName('name');
      const bases = (node.childForFieldName('superclasses')?.namedChildren ?? [])
        .filter((b): b is Node => b !== null && b.type !== 'keyword_argument' && b.type !== 'comment')
        .map((b) => b.text);
      facts.classes.push({
        name: nameNode?.text ?? '',
        nameRange: nodeRange(nameNode ?? node),
        bases,
        methods: new Map(),
        attributes: new Set(),
        dynamic: false,
      });
      classStack.push(facts.classes.length - 1);
      classFunctionDepth.push(functionStack.length);
    } else if (type === 'function_definition') {
      const node = cursor.currentNode;
      const name = node.childForFieldName('name')?.text ?? '';
      const parameters = parameterNames(node.childForFieldName('parameters'));
      const classIndex = classStack[classStack.length - 1];
      // A method: defined directly in a class body (the class frame is two levels up: class > block > def).
      const owner = stack[stack.length - 2];
      const isMethod =
        owner?.type === 'class_definition' ||
        (owner?.type === 'decorated_definition' && stack[stack.length - 3]?.type === 'class_definition');
      if (isMethod && classIndex !== undefined) {
        facts.classes[classIndex]!.methods.set(name, { name, range: nodeRange(node.childForFieldName('name') ?? node), parameters });
        if (name === '__getattr__' || name === '__getattribute__') facts.classes[classIndex]!.dynamic = true;
      }
      const first = parameters[0]?.replace(/^[?*]+/, '');
      functionStack.push({ name, selfName: isMethod ? first : undefined, classIndex: isMethod ? classIndex : undefined });
    }
    stack.push(frame);
    return true;
  };

  const identifier = (frame: Frame, parent: Frame | undefined, text: string) => {
    const range = frame.range;
    if (parent) {
      parent.idents ??= {};
      parent.idents[frame.field ?? `#${Object.keys(parent.idents).length}`] = { text, range };
    }
    const parentType = parent?.type;
    const field = frame.field;
    // Identifiers never get a frame of their own, so count them as positional arguments here.
    if (parent && parentType === 'argument_list' && field === null) {
      parent.args ??= { positional: 0, keywords: [], splat: false };
      parent.args.positional++;
    }
    if (parentType === 'attribute' && field === 'attribute') return;
    if (parentType === 'keyword_argument' && field === 'name') return;
    if (parentType === 'dotted_name' || parentType === 'keyword_pattern') return;
    if ((parentType === 'class_definition' || parentType === 'function_definition') && field === 'name') {
      facts.bindings.add(text);
      addClassAttribute(text, parent);
      return;
    }
    if (parentType !== undefined && PARAMETER_TYPES.has(parentType) && field !== 'type' && field !== 'value') {
      facts.bindings.add(text);
      return;
    }
    if (
      parentType === 'list_splat_pattern' ||
      parentType === 'dictionary_splat_pattern' ||
      parentType === 'global_statement' ||
      parentType === 'nonlocal_statement'
    ) {
      facts.bindings.add(text);
      return;
    }
    if (frame.store || (parentType?.endsWith('_pattern') && parentType !== 'as_pattern')) {
      facts.bindings.add(text);
      addClassAttribute(text, parent);
      if (parent?.type !== 'augmented_assignment') return;
    }
    facts.loads.push({ name: text, range });
  };

  /** A name bound directly in a class body (not inside one of its methods) is a class attribute. */
  const addClassAttribute = (text: string, parent: Frame | undefined) => {
    const classIndex = classStack[classStack.length - 1];
    if (classIndex === undefined || parent?.type === 'function_definition') return;
    if (functionStack.length === classFunctionDepth[classFunctionDepth.length - 1]) facts.classes[classIndex]!.attributes.add(text);
  };

  /** The innermost enclosing method and the name of its first parameter (usually `self`). */
  const currentMethod = () => {
    for (let i = functionStack.length - 1; i >= 0; i--) if (functionStack[i]!.selfName !== undefined) return functionStack[i];
    return undefined;
  };

  const leave = (frame: Frame) => {
    const parent = stack[stack.length - 1];
    switch (frame.type) {
      case 'attribute': {
        const object = frame.idents?.['object'];
        const attribute = frame.idents?.['attribute'];
        if (!attribute) break;
        frame.attr = { object: object?.text, name: attribute.text, nameRange: attribute.range, objectRange: object?.range ?? frame.range };
        const fn = currentMethod();
        const classIndex = fn?.classIndex;
        const isSelf = object !== undefined && classIndex !== undefined && object.text === fn?.selfName;
        if (isSelf) {
          const isCallee = parent?.type === 'call' && frame.field === 'function';
          const access: SelfAccess = {
            name: attribute.text,
            range: attribute.range,
            classIndex,
            method: fnName(functionStack),
            store: frame.store,
          };
          facts.selfAccesses.push(access);
          if (frame.store) facts.classes[classIndex]!.attributes.add(attribute.text);
          if (attribute.text === '__dict__') facts.classes[classIndex]!.dynamic = true;
          if (isCallee && parent) parent.calleeSelfAccess = access;
          if (parent?.type === 'assignment' && frame.field === 'left') parent.leftSelf = { name: attribute.text, range: attribute.range };
        } else if (object !== undefined) {
          facts.attributeReads.push({ object: object.text, name: attribute.text, range: attribute.range, objectRange: object.range });
        }
        // `self.x.member`: the object is itself an attribute on self.
        const innerAttr = frame.innerAttr;
        if (innerAttr && classIndex !== undefined && innerAttr.object === fn?.selfName) {
          const range = { ...innerAttr.start, endLine: attribute.range.endLine, endColumn: attribute.range.endColumn };
          facts.selfMembers.push({ attribute: innerAttr.name, member: attribute.text, range, classIndex });
        }
        if (parent) {
          if (frame.field === 'object')
            parent.innerAttr = { object: object?.text, name: attribute.text, start: object?.range ?? attribute.range };
          if (parent.type === 'call' && frame.field === 'function') {
            parent.calleeName = attribute.text;
            parent.calleeRange = attribute.range;
          }
        }
        break;
      }
      case 'argument_list': {
        if (parent?.type === 'call') parent.args = frame.args ?? { positional: 0, keywords: [], splat: false };
        break;
      }
      case 'call': {
        const callee = frame.idents?.['function'];
        if (callee?.text === 'print') {
          facts.prints.push({ calleeRange: callee.range, inMethod: currentMethod()?.selfName === 'self' });
        }
        if (callee?.text === 'setattr' || callee?.text === 'delattr') {
          const classIndex = classStack[classStack.length - 1];
          if (classIndex !== undefined) facts.classes[classIndex]!.dynamic = true;
        }
        if (frame.calleeSelfAccess) frame.calleeSelfAccess.call = frame.args ?? { positional: 0, keywords: [], splat: false };
        if (parent?.type === 'assignment' && frame.field === 'right' && frame.calleeSelfAccess)
          parent.rightSelfCall = frame.calleeSelfAccess.name;
        break;
      }
      case 'assignment': {
        const classIndex = currentMethod()?.classIndex;
        if (frame.leftSelf && classIndex !== undefined) {
          facts.selfAssignments.push({
            target: frame.leftSelf.name,
            targetRange: frame.leftSelf.range,
            helper: frame.rightSelfCall,
            classIndex,
          });
        }
        break;
      }
      case 'class_definition':
        classStack.pop();
        classFunctionDepth.pop();
        break;
      case 'function_definition':
        functionStack.pop();
        break;
      default:
        break;
    }
    // Argument shapes are counted as each argument ends.
    if (parent?.type === 'argument_list' && frame.type !== 'comment') {
      parent.args ??= { positional: 0, keywords: [], splat: false };
      if (frame.type === 'keyword_argument') parent.args.keywords.push(frame.idents?.['name']?.text ?? '');
      else if (frame.type === 'list_splat' || frame.type === 'dictionary_splat') parent.args.splat = true;
      else if (isExpressionType(frame.type)) parent.args.positional++;
    }
  };

  let descended = true;
  for (;;) {
    if (descended) {
      const pushed = enter();
      if (pushed && cursor.gotoFirstChild()) continue;
      if (pushed) leave(stack.pop()!);
    }
    if (cursor.gotoNextSibling()) {
      descended = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    const frame = stack.pop();
    if (frame) leave(frame);
    descended = false;
  }
  cursor.delete();
  facts.importInsertLine = importInsertLine(tree);
  return facts;
}

function fnName(stack: { name: string }[]): string | undefined {
  return stack[0]?.name;
}

function isExpressionType(type: string): boolean {
  return type !== 'keyword_argument' && type !== 'comment';
}

function recordImport(node: Node, facts: FileFacts): void {
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name')?.text ?? '';
    if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) {
      if (module === 'AlgorithmImports') facts.importsAlgorithmImports = true;
      else facts.otherStarImport = true;
      return;
    }
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      facts.bindings.add(
        name.type === 'aliased_import' ? (name.childForFieldName('alias')?.text ?? '') : (name.text.split('.').pop() ?? ''),
      );
    }
    return;
  }
  for (const name of node.childrenForFieldName('name')) {
    if (!name) continue;
    if (name.type === 'aliased_import') facts.bindings.add(name.childForFieldName('alias')?.text ?? '');
    else facts.bindings.add(name.text.split('.')[0] ?? '');
    if (name.text === 'AlgorithmImports') facts.importsAlgorithmImports = true;
  }
}

function parameterNames(parameters: Node | null): string[] {
  const names: string[] = [];
  for (const p of parameters?.namedChildren ?? []) {
    if (!p) continue;
    const inner = p.type === 'typed_parameter' ? p.namedChildren[0] : p;
    if (!inner) continue;
    if (inner.type === 'identifier') names.push(inner.text);
    else if (inner.type === 'list_splat_pattern') names.push(`*${inner.namedChildren[0]?.text ?? ''}`);
    else if (inner.type === 'dictionary_splat_pattern') names.push(`**${inner.namedChildren[0]?.text ?? ''}`);
    else if (inner.type === 'default_parameter' || inner.type === 'typed_default_parameter')
      names.push(`?${inner.childForFieldName('name')?.text ?? ''}`);
    else if (inner.type === 'keyword_separator') names.push('*');
  }
  return names;
}

function importInsertLine(tree: Tree): number {
  let line = 0;
  for (const child of tree.rootNode.children) {
    if (!child) continue;
    if (child.type === 'comment') {
      line = child.endPosition.row + 1;
      continue;
    }
    if (child.type === 'expression_statement' && child.namedChildren[0]?.type === 'string' && line === child.startPosition.row) {
      line = child.endPosition.row + 1;
      continue;
    }
    break;
  }
  return line;
}

function nodeRange(node: Node): SourceRange {
  return {
    startLine: node.startPosition.row,
    startColumn: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}
