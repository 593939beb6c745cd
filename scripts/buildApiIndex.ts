// Builds extension/core/validation/api/leanApiIndex.json from the pinned quantconnect-stubs release.
//
//   npm run api-index            install the pinned stubs into a throwaway folder and write the index
//   npm run api-index -- --check regenerate and fail if the committed index differs (used by a test)
//
// The stubs (Apache-2.0) are QuantConnect's own rendering of the LEAN API for Python: snake_case names,
// one `__init__.pyi` per .NET namespace, `@overload` for each C# overload. We parse them with the same
// tree-sitter grammar the validator uses and keep only what the rules need.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { LeanApiIndex } from '../extension/core/validation/api/apiIndex';
import { loadPythonParser, type PythonParser } from '../extension/core/validation/pythonParser';

const repoRoot = path.resolve(__dirname, '..', '..');
const apiDir = path.join(repoRoot, 'extension', 'core', 'validation', 'api');
const indexFile = path.join(apiDir, 'leanApiIndex.json');
const pin = JSON.parse(readFileSync(path.join(apiDir, 'stubsPin.json'), 'utf8')) as { package: string; version: string };
const python = process.env['PYTHON'] ?? 'python3';

interface ClassInfo {
  name: string;
  bases: string[];
  methods: Map<string, string[]>;
  properties: Set<string>;
  /** Class-level constants: enum members. */
  constants: string[];
  /** Method name → return annotation text of its first overload. */
  returns: Map<string, string>;
}

interface ModuleInfo {
  names: Set<string>;
  classes: Map<string, ClassInfo>;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stubs = installStubs();
  try {
    const require = createRequire(__filename);
    const parser = await loadPythonParser({
      runtimeWasm: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
      pythonWasm: path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
    });
    const index = buildIndex(parser, stubs);
    const json = `${JSON.stringify(index, null, 1)}\n`;
    if (check) {
      const committed = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : '';
      if (committed !== json) {
        console.error(
          `${path.relative(repoRoot, indexFile)} is not what ${pin.package} ${pin.version} gives. Run \`npm run api-index\` and commit it.`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(`api-index: current with ${pin.package} ${pin.version}`);
      return;
    }
    writeFileSync(indexFile, json);
    const methods = Object.keys(index.qcAlgorithm.methods).length;
    console.log(
      `api-index: ${pin.package} ${pin.version}: ${methods} QCAlgorithm methods, ${index.qcAlgorithm.properties.length} properties, ` +
        `${Object.keys(index.enums).length} enums, ${Object.keys(index.indicatorHelpers).length} indicator helpers, ` +
        `${index.algorithmImports.length} imported names -> ${path.relative(repoRoot, indexFile)} (${(json.length / 1024).toFixed(0)} KiB)`,
    );
  } finally {
    rmSync(stubs, { recursive: true, force: true });
  }
}

/** pip-installs the pinned stubs, without dependencies, into a throwaway folder. */
function installStubs(): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'lean-stubs-'));
  execFileSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--root-user-action=ignore',
      '--no-deps',
      '--target',
      target,
      `${pin.package}==${pin.version}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return target;
}

function buildIndex(parser: PythonParser, stubs: string): LeanApiIndex {
  const modules = new Map<string, ModuleInfo>();
  const moduleOf = (dotted: string): ModuleInfo | undefined => {
    if (!modules.has(dotted)) {
      const file = path.join(stubs, ...dotted.split('.'), '__init__.pyi');
      modules.set(dotted, existsSync(file) ? readModule(parser, readFileSync(file, 'utf8')) : { names: new Set(), classes: new Map() });
    }
    return modules.get(dotted);
  };

  // What `from AlgorithmImports import *` brings: its own names plus those of every star-imported namespace.
  const algorithmImportsSource = readFileSync(path.join(stubs, 'AlgorithmImports', '__init__.pyi'), 'utf8');
  const { starModules, names: ownNames } = readImportsModule(parser, algorithmImportsSource);
  const imported = new Set(ownNames);
  for (const dotted of starModules) {
    if (dotted === 'typing') pythonList('import typing; print("\\n".join(typing.__all__))').forEach((n) => imported.add(n));
    else for (const n of moduleOf(dotted)?.names ?? []) imported.add(n);
  }

  // Enums among the imported namespaces.
  const enums: Record<string, string[]> = {};
  for (const dotted of starModules) {
    for (const cls of moduleOf(dotted)?.classes.values() ?? []) {
      if (cls.bases.some((b) => /(^|\.)(IntEnum|Enum|IntFlag|Flag)$/.test(b)) && cls.constants.length > 0)
        enums[cls.name] ??= cls.constants;
    }
  }

  // QCAlgorithm and everything it inherits.
  const resolveClass = (qualified: string): ClassInfo | undefined => {
    const bare = qualified.replace(/\[.*$/, '');
    const dot = bare.lastIndexOf('.');
    return dot < 0 ? undefined : moduleOf(bare.slice(0, dot))?.classes.get(bare.slice(dot + 1));
  };
  const qc = moduleOf('QuantConnect.Algorithm')?.classes.get('QCAlgorithm');
  if (!qc) throw new Error('class QCAlgorithm not found in QuantConnect/Algorithm/__init__.pyi');
  const methods = new Map<string, string[]>();
  const properties = new Set<string>();
  const seen = new Set<ClassInfo>();
  const visit = (cls: ClassInfo | undefined) => {
    if (!cls || seen.has(cls)) return;
    seen.add(cls);
    for (const [name, overloads] of cls.methods) if (!methods.has(name)) methods.set(name, overloads);
    for (const p of cls.properties) properties.add(p);
    for (const base of cls.bases) visit(resolveClass(base));
  };
  visit(qc);
  // Generic methods (`self.history[TradeBar](...)`, `self.history(...)`) are rendered as properties whose
  // type is a helper class with `__call__` overloads: index them as the methods they are to users.
  for (const [name, annotation] of qc.returns) {
    const call = properties.has(name) ? resolveClass(annotation)?.methods.get('__call__') : undefined;
    if (!call) continue;
    methods.set(name, call);
    properties.delete(name);
  }

  // Indicator helpers: QCAlgorithm methods that return a class of QuantConnect.Indicators.
  const indicatorModule = moduleOf('QuantConnect.Indicators');
  const indicatorClasses = [...(indicatorModule?.classes.keys() ?? [])].filter((n) => !n.startsWith('I') || !/^I[A-Z]/.test(n)).sort();
  const indicatorHelpers: Record<string, string> = {};
  for (const [name, annotation] of qc.returns) {
    const match = /^QuantConnect\.Indicators\.(\w+)$/.exec(annotation);
    if (match && indicatorModule?.classes.has(match[1]!)) indicatorHelpers[name] = match[1]!;
  }

  return {
    format: 1,
    stubs: { package: pin.package, version: pin.version },
    qcAlgorithm: { methods: sortRecord(Object.fromEntries(methods)), properties: [...properties].sort() },
    enums: sortRecord(enums),
    indicatorHelpers: sortRecord(indicatorHelpers),
    indicatorClasses,
    algorithmImports: [...imported].filter((n) => !n.startsWith('_')).sort(),
    builtins: pythonList('import builtins; print("\\n".join(sorted(dir(builtins))))'),
  };
}

/** AlgorithmImports itself: its `from X import *` modules and the names it binds directly. */
function readImportsModule(parser: PythonParser, source: string): { starModules: string[]; names: Set<string> } {
  const tree = parser.parse(source);
  const starModules: string[] = [];
  const names = new Set<string>();
  for (const node of tree.rootNode.namedChildren) {
    if (!node) continue;
    for (const statement of node.type === 'try_statement' ? (node.namedChildren[0]?.namedChildren ?? []) : [node]) {
      if (!statement) continue;
      if (statement.type === 'import_from_statement') {
        const module = statement.childForFieldName('module_name')?.text ?? '';
        if (statement.namedChildren.some((c) => c?.type === 'wildcard_import')) starModules.push(module);
        else for (const n of statement.childrenForFieldName('name')) if (n) names.add(boundName(n));
      } else if (statement.type === 'import_statement') {
        for (const n of statement.childrenForFieldName('name')) if (n) names.add(boundName(n).split('.')[0]!);
      } else if (statement.type === 'expression_statement') {
        const left = statement.namedChildren[0]?.childForFieldName('left');
        if (left?.type === 'identifier') names.add(left.text);
      } else if (statement.type === 'for_statement') {
        const left = statement.childForFieldName('left');
        if (left?.type === 'identifier') names.add(left.text);
      }
    }
  }
  tree.delete();
  return { starModules, names };
}

function boundName(node: Node): string {
  return node.type === 'aliased_import' ? (node.childForFieldName('alias')?.text ?? '') : node.text;
}

/** A namespace stub: its public top-level names and its classes. */
function readModule(parser: PythonParser, source: string): ModuleInfo {
  const tree = parser.parse(source);
  const names = new Set<string>();
  const classes = new Map<string, ClassInfo>();
  for (const child of tree.rootNode.namedChildren) {
    const node = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (!node) continue;
    if (node.type === 'class_definition') {
      const cls = readClass(node);
      names.add(cls.name);
      classes.set(cls.name, cls);
    } else if (node.type === 'function_definition') {
      names.add(node.childForFieldName('name')?.text ?? '');
    } else if (node.type === 'expression_statement') {
      const left = node.namedChildren[0]?.childForFieldName('left');
      if (left?.type === 'identifier') names.add(left.text);
    }
  }
  tree.delete();
  names.delete('');
  return { names, classes };
}

function readClass(node: Node): ClassInfo {
  const cls: ClassInfo = {
    name: node.childForFieldName('name')?.text ?? '',
    bases: (node.childForFieldName('superclasses')?.namedChildren ?? [])
      .filter((b) => b && b.type !== 'keyword_argument')
      .map((b) => b!.text),
    methods: new Map(),
    properties: new Set(),
    constants: [],
    returns: new Map(),
  };
  for (const child of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!child) continue;
    const decorators =
      child.type === 'decorated_definition' ? child.namedChildren.filter((c) => c?.type === 'decorator').map((d) => d!.text) : [];
    const member = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (!member) continue;
    if (member.type === 'function_definition') {
      const name = member.childForFieldName('name')?.text ?? '';
      if (name.startsWith('__') && name !== '__init__' && name !== '__call__') continue;
      const returns = member.childForFieldName('return_type')?.text;
      if (returns && !cls.returns.has(name)) cls.returns.set(name, returns);
      if (decorators.some((d) => d === '@property')) {
        cls.properties.add(name);
        continue;
      }
      if (decorators.some((d) => d.endsWith('.setter'))) continue;
      const isStatic = decorators.includes('@staticmethod');
      const spec = parameterSpec(member.childForFieldName('parameters'), !isStatic);
      const overloads = cls.methods.get(name) ?? [];
      if (!overloads.includes(spec)) overloads.push(spec);
      cls.methods.set(name, overloads);
    } else if (member.type === 'expression_statement') {
      const assignment = member.namedChildren[0];
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      if (left?.type !== 'identifier' || left.text.startsWith('_')) continue;
      // `NAME = 0` in an enum body is a member; `name: Type` in a class body is an attribute.
      if (assignment?.childForFieldName('right')) cls.constants.push(left.text);
      cls.properties.add(left.text);
    }
  }
  return cls;
}

function parameterSpec(parameters: Node | null, dropFirst: boolean): string {
  const parts: string[] = [];
  const list = (parameters?.namedChildren ?? []).filter((p): p is Node => p !== null);
  for (const [i, p] of list.entries()) {
    if (i === 0 && dropFirst && (p.type === 'identifier' || p.type === 'typed_parameter')) continue;
    const name =
      (p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier')))?.text ?? '';
    switch (p.type) {
      case 'identifier':
      case 'typed_parameter':
        if (p.namedChildren[0]?.type === 'list_splat_pattern') parts.push(`*${p.namedChildren[0].namedChildren[0]?.text ?? ''}`);
        else if (p.namedChildren[0]?.type === 'dictionary_splat_pattern')
          parts.push(`**${p.namedChildren[0].namedChildren[0]?.text ?? ''}`);
        else parts.push(name);
        break;
      case 'default_parameter':
      case 'typed_default_parameter':
        parts.push(`?${name}`);
        break;
      case 'list_splat_pattern':
        parts.push(`*${p.namedChildren[0]?.text ?? ''}`);
        break;
      case 'dictionary_splat_pattern':
        parts.push(`**${p.namedChildren[0]?.text ?? ''}`);
        break;
      case 'keyword_separator':
        parts.push('*');
        break;
      default:
        break; // positional_separator `/`: every parameter before it is positional anyway
    }
  }
  return parts.join(' ');
}

function pythonList(code: string): string[] {
  return execFileSync(python, ['-c', code], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(`api-index: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
