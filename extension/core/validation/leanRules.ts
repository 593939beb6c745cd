// LEAN API rules over the facts of one file. Each rule has a stable code, a severity and a message that
// says how to fix the problem; mechanical fixes travel with the diagnostic as text edits.
import type { StrategyRequest } from '../request/types';
import type { LeanDiagnostic, Severity, SourceRange } from '../diagnostic';
import type { LeanApiIndex } from './api/apiIndex';
import type { ArgumentShape, ClassInfo, FileFacts, SelfAccess, SelfAssignment, SelfMemberAccess } from './facts';
import { didYouMean, isPascalCase, NameIndex, toSnakeCase, toUpperSnakeCase } from './names';

export const LEAN_CODES = {
  noAlgorithmClass: 'no-algorithm-class',
  missingInitialize: 'missing-initialize',
  unknownMember: 'unknown-member',
  wrongArguments: 'wrong-arguments',
  unknownEnumMember: 'unknown-enum-member',
  undefinedName: 'undefined-name',
  missingAlgorithmImports: 'missing-algorithm-imports',
  shadowedApiMethod: 'shadowed-api-method',
  printDiscarded: 'print-discarded',
  onDataSignature: 'on-data-signature',
  indicatorNotReady: 'indicator-not-ready',
  pascalCaseApi: 'pascal-case-api',
  mixedApiStyle: 'mixed-api-style',
  missingStartDate: 'missing-start-date',
  missingCash: 'missing-cash',
} as const;

export interface RuleContext {
  /** The file's base name: only `main.py` must hold the algorithm class. */
  fileName?: string | undefined;
  /** The request the code was written for: when given, the code is also checked against it (`request-mismatch`). */
  request?: StrategyRequest | undefined;
}

export interface RuleOptions {
  /**
   * The file has syntax errors. tree-sitter then folds whole classes into ERROR regions, so whatever a
   * rule finds missing (a class, a method, a binding) may just be unparsed: only rules about things
   * present and wrong still run. Python runs nothing until the syntax is fixed anyway.
   */
  syntaxErrors?: boolean;
}

const ALGORITHM_BASES = new Set(['QCAlgorithm', 'QCAlgorithmFramework', 'QCAlgorithmFrameworkBridge']);
/** Bases that make a class plainly not an algorithm. */
const PLAIN_BASES = new Set([
  'object',
  'Exception',
  'PythonData',
  'AlphaModel',
  'RiskManagementModel',
  'ExecutionModel',
  'PortfolioConstructionModel',
  'Enum',
  'IntEnum',
]);
const IMPORTED_BASE = /\./;
/** Attributes every Python object has. */
const OBJECT_MEMBERS = new Set(['__class__', '__dict__', '__doc__', '__module__', '__init__', '__repr__', '__str__', '__eq__', '__hash__']);
/** Module-level names Python defines that `dir(builtins)` does not list. */
const MODULE_GLOBALS = new Set([
  '__file__',
  '__name__',
  '__doc__',
  '__package__',
  '__spec__',
  '__loader__',
  '__builtins__',
  '__path__',
  '__annotations__',
]);
const WARM_UP_CALLS = new Set(['set_warm_up', 'SetWarmUp', 'warm_up_indicator', 'WarmUpIndicator']);
const READY_MEMBERS = new Set(['is_ready', 'IsReady', 'warm_up_period', 'WarmUpPeriod']);
const VALUE_MEMBERS = new Set(['current', 'Current']);

/** Sets built from the index once per index, not per file. */
interface IndexSets {
  methods: Set<string>;
  properties: Set<string>;
  members: Set<string>;
  imports: Set<string>;
  builtins: Set<string>;
  known: Set<string>;
  /** For "did you mean": QCAlgorithm members, and every name a module can use without defining it (built on first use). */
  readonly memberNames: NameIndex;
  readonly knownNames: NameIndex;
}
const indexSets = new WeakMap<LeanApiIndex, IndexSets>();

function setsOf(index: LeanApiIndex): IndexSets {
  let sets = indexSets.get(index);
  if (!sets) {
    const methods = new Set(Object.keys(index.qcAlgorithm.methods));
    const properties = new Set(index.qcAlgorithm.properties);
    const imports = new Set(index.algorithmImports);
    let memberNames: NameIndex | undefined;
    let knownNames: NameIndex | undefined;
    sets = {
      methods,
      properties,
      members: new Set([...methods, ...properties]),
      imports,
      builtins: new Set(index.builtins),
      known: new Set([...imports, ...index.builtins, ...MODULE_GLOBALS]),
      // Most files need no suggestion, so a short CLI run does not pay for these.
      get memberNames() {
        return (memberNames ??= new NameIndex([...methods, ...properties]));
      },
      get knownNames() {
        return (knownNames ??= new NameIndex([...imports, ...index.builtins, ...MODULE_GLOBALS]));
      },
    };
    indexSets.set(index, sets);
  }
  return sets;
}

/** The facts of one class, grouped once so that each rule does not scan the whole file per class. */
interface ClassFacts {
  accesses: SelfAccess[];
  members: SelfMemberAccess[];
  assignments: SelfAssignment[];
}

type GroupedFacts = FileFacts & { byClass: ClassFacts[] };

function groupByClass(all: FileFacts): GroupedFacts {
  const byClass: ClassFacts[] = all.classes.map(() => ({ accesses: [], members: [], assignments: [] }));
  for (const a of all.selfAccesses) byClass[a.classIndex]?.accesses.push(a);
  for (const m of all.selfMembers) byClass[m.classIndex]?.members.push(m);
  for (const s of all.selfAssignments) byClass[s.classIndex]?.assignments.push(s);
  return { ...all, byClass };
}

export function leanDiagnostics(
  fileFacts: FileFacts,
  index: LeanApiIndex,
  context: RuleContext = {},
  options: RuleOptions = {},
): LeanDiagnostic[] {
  const facts = groupByClass(fileFacts);
  const sets = setsOf(index);
  const out: LeanDiagnostic[] = [];
  const algorithmClasses = facts.classes.map((_, i) => algorithmKind(facts, i));
  const style = apiStyle(facts, sets);
  checkEnumMembers(facts, index, out);
  checkPrints(facts, out);
  if (options.syntaxErrors) {
    facts.classes.forEach((_, i) => {
      if (algorithmClasses[i] !== 'none') checkShadowing(facts, i, index, sets, out);
    });
    return out;
  }

  checkAlgorithmClass(facts, algorithmClasses, context, out);
  checkNames(facts, sets, out);

  facts.classes.forEach((cls, i) => {
    const kind = algorithmClasses[i]!;
    if (kind === 'none') return;
    const members = classMembers(facts, i);
    if (kind === 'direct') {
      if (!members.methods.has('initialize') && !members.methods.has('Initialize')) {
        out.push(
          diag(
            LEAN_CODES.missingInitialize,
            'error',
            cls.nameRange,
            `${cls.name} has no initialize method. LEAN calls initialize(self) once to set dates, cash and subscriptions; add it.`,
          ),
        );
      } else if (cls.methods.has('initialize') || cls.methods.has('Initialize')) {
        // An inherited initialize is checked in the class that defines it.
        checkSetup(facts, i, cls, out);
      }
    }
    checkOnData(cls, out);
    checkSelfAccesses(facts, i, kind, members, index, sets, style.mixed, out);
    checkShadowing(facts, i, index, sets, out);
    checkIndicatorReadiness(facts, i, index, out);
  });
  return out;
}

type AlgorithmKind = 'none' | 'direct' | 'unknown-base';

/** 'direct': QCAlgorithm is an ancestor within this file, so all members are known. 'unknown-base': an imported base may be an algorithm. */
function algorithmKind(facts: FileFacts, index: number, seen = new Set<number>()): AlgorithmKind {
  const cls = facts.classes[index]!;
  if (seen.has(index)) return 'none';
  seen.add(index);
  let kind: AlgorithmKind = 'none';
  for (const base of cls.bases) {
    const bare = base.split('.').pop() ?? base;
    if (ALGORITHM_BASES.has(bare)) return 'direct';
    const local = facts.classes.findIndex((c) => c.name === bare);
    if (local >= 0) {
      const inherited = algorithmKind(facts, local, seen);
      if (inherited === 'direct') return 'direct';
      if (inherited === 'unknown-base') kind = 'unknown-base';
    } else if ((facts.bindings.has(bare) || IMPORTED_BASE.test(base)) && !PLAIN_BASES.has(bare)) {
      // Imported from a sibling module (or elsewhere): it may be an algorithm base class.
      kind = 'unknown-base';
    }
  }
  return kind;
}

function checkAlgorithmClass(facts: FileFacts, kinds: AlgorithmKind[], context: RuleContext, out: LeanDiagnostic[]): void {
  if (context.fileName !== 'main.py') return;
  if (kinds.some((k) => k === 'direct')) return;
  // A class whose base comes from another module may well be an algorithm (a shared base class).
  const localNames = new Set(facts.classes.map((c) => c.name));
  if (facts.classes.some((c) => c.bases.some((b) => !localNames.has(b) && b !== 'object'))) return;
  out.push(
    diag(
      LEAN_CODES.noAlgorithmClass,
      'error',
      { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 },
      'No class in main.py inherits from QCAlgorithm, so LEAN has no algorithm to run. Define `class MyAlgorithm(QCAlgorithm):` with an initialize method.',
    ),
  );
}

/** A class's own methods and attributes plus those of its ancestors in this file. */
function classMembers(facts: FileFacts, index: number): { methods: Set<string>; all: Set<string>; dynamic: boolean } {
  const methods = new Set<string>();
  const all = new Set<string>();
  let dynamic = false;
  const visit = (i: number, seen: Set<number>) => {
    if (seen.has(i)) return;
    seen.add(i);
    const cls = facts.classes[i]!;
    dynamic ||= cls.dynamic;
    for (const m of cls.methods.keys()) {
      methods.add(m);
      all.add(m);
    }
    for (const a of cls.attributes) all.add(a);
    for (const base of cls.bases) {
      const local = facts.classes.findIndex((c) => c.name === (base.split('.').pop() ?? base));
      if (local >= 0) visit(local, seen);
    }
  };
  visit(index, new Set());
  return { methods, all, dynamic };
}

function apiStyle(facts: FileFacts, sets: IndexSets): { mixed: boolean } {
  let pascal = false;
  let snake = false;
  for (const access of facts.selfAccesses) {
    if (sets.members.has(access.name) && /[a-z]/.test(access.name[0] ?? '')) snake = true;
    else if (isPascalCase(access.name) && sets.members.has(toSnakeCase(access.name))) pascal = true;
  }
  return { mixed: pascal && snake };
}

function checkSelfAccesses(
  facts: GroupedFacts,
  classIndex: number,
  kind: AlgorithmKind,
  members: { all: Set<string>; dynamic: boolean },
  index: LeanApiIndex,
  sets: IndexSets,
  mixedStyle: boolean,
  out: LeanDiagnostic[],
): void {
  const reported = new Set<string>();
  for (const access of facts.byClass[classIndex]!.accesses) {
    if (access.store) continue;
    const name = access.name;
    if (members.all.has(name) || OBJECT_MEMBERS.has(name)) continue;
    if (sets.members.has(name)) {
      if (access.call) checkArguments(access, index.qcAlgorithm.methods[name], out);
      continue;
    }
    const snake = toSnakeCase(name);
    if (isPascalCase(name) && (sets.members.has(snake) || members.all.has(snake))) {
      const severity: Severity = mixedStyle ? 'warning' : 'hint';
      const why = mixedStyle
        ? 'This file mixes PascalCase and PEP8 LEAN calls; use one style.'
        : 'LEAN still accepts the PascalCase name at run time.';
      out.push(
        diag(
          LEAN_CODES.pascalCaseApi,
          severity,
          access.range,
          `self.${name} is the PascalCase form of self.${snake}. ${why} Rename it to ${snake}.`,
          [{ title: `Rename to ${snake}`, edits: [{ range: access.range, newText: snake }], preferred: true }],
        ),
      );
      if (access.call && sets.methods.has(snake) && !members.all.has(snake)) checkArguments(access, index.qcAlgorithm.methods[snake], out);
      continue;
    }
    // Members of an unknown base class, or added dynamically, cannot be judged.
    if (kind !== 'direct' || members.dynamic) continue;
    const key = `${name}@${access.range.startLine}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const suggestion = sets.memberNames.suggest(name, members.all);
    const hint = suggestion ? ` Did you mean self.${suggestion}?` : ' Check the spelling, or assign it in initialize before use.';
    out.push(
      diag(
        LEAN_CODES.unknownMember,
        'error',
        access.range,
        `self.${name} is not part of the QCAlgorithm API and is not defined in this class.${hint}`,
        suggestion
          ? [{ title: `Change to self.${suggestion}`, edits: [{ range: access.range, newText: suggestion }], preferred: true }]
          : undefined,
      ),
    );
  }
}

function checkArguments(access: SelfAccess, overloads: string[] | undefined, out: LeanDiagnostic[]): void {
  const call = access.call;
  if (!call || call.splat || !overloads || overloads.length === 0) return;
  if (overloads.some((spec) => accepts(spec, call))) return;
  const shown = overloads
    .slice(0, 4)
    .map(
      (spec) =>
        `(${spec
          .split(' ')
          .filter(Boolean)
          .map((p) => (p.startsWith('?') ? `${p.slice(1)}=…` : p))
          .join(', ')})`,
    )
    .join(' or ');
  const more = overloads.length > 4 ? ` or ${overloads.length - 4} more` : '';
  const passed = call.positional + call.keywords.length;
  out.push(
    diag(
      LEAN_CODES.wrongArguments,
      'error',
      access.range,
      `self.${access.name} takes ${shown}${more}; this call passes ${passed} argument${passed === 1 ? '' : 's'}${call.keywords.length ? ` (${call.keywords.join(', ')} by name)` : ''}. Fix the arguments to match one of them.`,
    ),
  );
}

interface ParsedSpec {
  positional: { name: string; required: boolean }[];
  keywordOnly: { name: string; required: boolean }[];
  varArgs: boolean;
  varKeywords: boolean;
}
const parsedSpecs = new Map<string, ParsedSpec>();

function parseSpec(spec: string): ParsedSpec {
  let parsed = parsedSpecs.get(spec);
  if (parsed) return parsed;
  parsed = { positional: [], keywordOnly: [], varArgs: false, varKeywords: false };
  let afterStar = false;
  for (const raw of spec.split(' ')) {
    if (!raw) continue;
    if (raw === '*') afterStar = true;
    else if (raw.startsWith('**')) parsed.varKeywords = true;
    else if (raw.startsWith('*')) {
      parsed.varArgs = true;
      afterStar = true;
    } else {
      const param = { name: raw.replace(/^\?/, ''), required: !raw.startsWith('?') };
      (afterStar ? parsed.keywordOnly : parsed.positional).push(param);
    }
  }
  parsedSpecs.set(spec, parsed);
  return parsed;
}

/** Whether a call with this shape can bind to the overload `spec` (see ParameterSpec). */
export function accepts(spec: string, call: ArgumentShape): boolean {
  const { positional, keywordOnly, varArgs, varKeywords } = parseSpec(spec);
  if (call.positional > positional.length && !varArgs) return false;
  if (call.keywords.length === 0) {
    for (let i = call.positional; i < positional.length; i++) if (positional[i]!.required) return false;
    return keywordOnly.every((p) => !p.required);
  }
  const bound = new Set(positional.slice(0, call.positional).map((p) => p.name));
  for (const keyword of call.keywords) {
    if (bound.has(keyword)) return false;
    if (!positional.some((p) => p.name === keyword) && !keywordOnly.some((p) => p.name === keyword) && !varKeywords) return false;
    bound.add(keyword);
  }
  return positional.every((p) => !p.required || bound.has(p.name)) && keywordOnly.every((p) => !p.required || bound.has(p.name));
}

function checkNames(facts: FileFacts, sets: IndexSets, out: LeanDiagnostic[]): void {
  if (facts.otherStarImport) return;
  const reported = new Set<string>();
  for (const use of facts.loads) {
    const name = use.name;
    if (facts.bindings.has(name) || name === 'self' || name === 'cls') continue;
    if (sets.builtins.has(name) || MODULE_GLOBALS.has(name)) continue;
    if (sets.imports.has(name)) {
      if (facts.importsAlgorithmImports || reported.has('#imports')) continue;
      reported.add('#imports');
      const line = facts.importInsertLine;
      out.push(
        diag(
          LEAN_CODES.missingAlgorithmImports,
          'error',
          use.range,
          `${name} comes from LEAN's AlgorithmImports, which this file does not import. Add \`from AlgorithmImports import *\` at the top.`,
          [
            {
              title: 'Add `from AlgorithmImports import *`',
              edits: [
                { range: { startLine: line, startColumn: 0, endLine: line, endColumn: 0 }, newText: 'from AlgorithmImports import *\n' },
              ],
              preferred: true,
            },
          ],
        ),
      );
      continue;
    }
    if (reported.has(name)) continue;
    reported.add(name);
    const suggestion = sets.knownNames.suggest(name, facts.bindings);
    out.push(
      diag(
        LEAN_CODES.undefinedName,
        'error',
        use.range,
        `${name} is not defined: it is not assigned or imported in this file, and AlgorithmImports does not provide it.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
        suggestion
          ? [{ title: `Change to ${suggestion}`, edits: [{ range: use.range, newText: suggestion }], preferred: true }]
          : undefined,
      ),
    );
  }
}

function checkEnumMembers(facts: FileFacts, index: LeanApiIndex, out: LeanDiagnostic[]): void {
  for (const read of facts.attributeReads) {
    // Own keys only: `constructor.x` or `__proto__.x` must not find Object's members.
    const members = ownKey(index.enums, read.object);
    // A local variable or class with an enum's name is not the enum.
    if (!members || facts.bindings.has(read.object)) continue;
    if (members.includes(read.name)) continue;
    const upper = toUpperSnakeCase(read.name);
    if (members.includes(upper)) {
      out.push(
        diag(
          LEAN_CODES.pascalCaseApi,
          'hint',
          read.range,
          `${read.object}.${read.name} is the PascalCase form of ${read.object}.${upper}, which the PEP8 API uses. Rename it.`,
          [{ title: `Rename to ${upper}`, edits: [{ range: read.range, newText: upper }], preferred: true }],
        ),
      );
      continue;
    }
    // Enums also have ordinary attributes (value, name) and methods; only all-caps names are members.
    if (!/^[A-Z][A-Z0-9_]*$/.test(read.name) && !/^[A-Z][a-z]/.test(read.name)) continue;
    const suggestion = didYouMean(read.name, members) ?? didYouMean(upper, members);
    out.push(
      diag(
        LEAN_CODES.unknownEnumMember,
        'error',
        read.range,
        `${read.object} has no member ${read.name}.${suggestion ? ` Did you mean ${read.object}.${suggestion}?` : ` Its members are ${members.slice(0, 8).join(', ')}${members.length > 8 ? ', …' : ''}.`}`,
        suggestion
          ? [{ title: `Change to ${read.object}.${suggestion}`, edits: [{ range: read.range, newText: suggestion }], preferred: true }]
          : undefined,
      ),
    );
  }
}

function checkPrints(facts: FileFacts, out: LeanDiagnostic[]): void {
  for (const call of facts.prints) {
    out.push(
      diag(
        LEAN_CODES.printDiscarded,
        'warning',
        call.calleeRange,
        'LEAN discards print() output. Use self.debug(...) to see it in the console, or self.log(...) to write it to the log file.',
        call.inMethod
          ? [{ title: 'Replace with self.debug', edits: [{ range: call.calleeRange, newText: 'self.debug' }], preferred: true }]
          : undefined,
      ),
    );
  }
}

function checkSetup(facts: GroupedFacts, classIndex: number, cls: ClassInfo, out: LeanDiagnostic[]): void {
  const called = new Set(facts.byClass[classIndex]!.accesses.filter((a) => a.call).map((a) => a.name));
  const at = cls.methods.get('initialize')?.range ?? cls.methods.get('Initialize')?.range ?? cls.nameRange;
  if (!called.has('set_start_date') && !called.has('SetStartDate')) {
    out.push(
      diag(
        LEAN_CODES.missingStartDate,
        'warning',
        at,
        "initialize never calls self.set_start_date(...), so the backtest period is LEAN's default. Set the start (and end) date explicitly.",
      ),
    );
  }
  if (!called.has('set_cash') && !called.has('SetCash')) {
    out.push(
      diag(
        LEAN_CODES.missingCash,
        'warning',
        at,
        "initialize never calls self.set_cash(...), so the algorithm starts with LEAN's default $100,000. Set the starting cash explicitly.",
      ),
    );
  }
}

function checkOnData(cls: ClassInfo, out: LeanDiagnostic[]): void {
  for (const name of ['on_data', 'OnData']) {
    const fn = cls.methods.get(name);
    if (!fn) continue;
    const required = fn.parameters.filter((p) => !p.startsWith('?') && !p.startsWith('*'));
    const star = fn.parameters.some((p) => p.startsWith('*') && p !== '*');
    if (required.length === 2 || (required.length < 2 && star)) continue;
    out.push(
      diag(
        LEAN_CODES.onDataSignature,
        'error',
        fn.range,
        `LEAN calls ${name}(self, data) with one argument, the Slice of new data; this ${name} takes ${Math.max(0, required.length - 1)}. Define it as \`def ${name}(self, data: Slice):\`.`,
      ),
    );
  }
}

function checkShadowing(facts: GroupedFacts, classIndex: number, index: LeanApiIndex, sets: IndexSets, out: LeanDiagnostic[]): void {
  for (const assignment of facts.byClass[classIndex]!.assignments) {
    if (!sets.methods.has(assignment.target)) continue;
    const helper = assignment.helper === assignment.target;
    const fixed = `_${assignment.target}`;
    const what = index.indicatorHelpers[assignment.target]
      ? `the ${assignment.target} indicator helper`
      : `the QCAlgorithm method ${assignment.target}`;
    out.push(
      diag(
        LEAN_CODES.shadowedApiMethod,
        helper ? 'error' : 'warning',
        assignment.targetRange,
        `Assigning to self.${assignment.target} replaces ${what}, so a later self.${assignment.target}(...) call fails. Store the value as self.${fixed} instead.`,
        [
          {
            title: `Rename the attribute to self.${fixed}`,
            edits: renameSelfAttribute(facts, classIndex, assignment.target, fixed),
            preferred: true,
          },
        ],
      ),
    );
  }
}

/** Every read and write of `self.<from>` in the class, except calls (those still mean the helper). */
function renameSelfAttribute(facts: GroupedFacts, classIndex: number, from: string, to: string): { range: SourceRange; newText: string }[] {
  return facts.byClass[classIndex]!.accesses.filter((a) => a.name === from && !a.call).map((a) => ({ range: a.range, newText: to }));
}

function checkIndicatorReadiness(facts: GroupedFacts, classIndex: number, index: LeanApiIndex, out: LeanDiagnostic[]): void {
  const own = facts.byClass[classIndex]!;
  const calls = own.accesses.filter((a) => a.call);
  if (calls.some((a) => WARM_UP_CALLS.has(a.name))) return;
  const automaticWarmUp = own.members.some((m) => m.member === 'automatic_indicator_warm_up' || m.member === 'AutomaticIndicatorWarmUp');
  if (automaticWarmUp) return;
  const indicators = new Set(
    own.assignments
      .filter((a) => a.helper && (ownKey(index.indicatorHelpers, a.helper) || ownKey(index.indicatorHelpers, toSnakeCase(a.helper))))
      .map((a) => a.target),
  );
  for (const attribute of indicators) {
    const accesses = own.members.filter((m) => m.attribute === attribute);
    if (accesses.some((m) => READY_MEMBERS.has(m.member))) continue;
    const read = accesses.find((m) => VALUE_MEMBERS.has(m.member));
    if (!read) continue;
    out.push(
      diag(
        LEAN_CODES.indicatorNotReady,
        'warning',
        read.range,
        `self.${attribute} is read with no is_ready check and no warm-up, so its first values are not meaningful. Return early while \`not self.${attribute}.is_ready\`, or call self.set_warm_up(...) in initialize.`,
      ),
    );
  }
}

/** `record[key]` when the record itself has `key`: names from user code may be `constructor` or `__proto__`. */
function ownKey<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function diag(code: string, severity: Severity, range: SourceRange, message: string, fixes?: LeanDiagnostic['fixes']): LeanDiagnostic {
  return fixes ? { code, severity, message, range, fixes } : { code, severity, message, range };
}
