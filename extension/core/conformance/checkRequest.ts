// Checks an algorithm against the request its prompt was read into: does the code trade what was asked,
// on the bars, schedule, direction, numbers, sizing, risk, universe, filters, regimes, period and cash asked for?
// Statically, from the parse tree; each check is lenient where code can be written many ways, since a
// false mismatch costs a repair round and shows the user an error. Editor-agnostic.
import type { Tree } from 'web-tree-sitter';
import type { LeanDiagnostic } from '../diagnostic';
import type { StrategyRequest } from '../request/types';
import { loadPythonParser, type ParserAssets, type PythonParser } from '../validation/pythonParser';
import { checkCash, checkPeriod } from './accountChecks';
import { checkCalendar } from './calendarChecks';
import { collectCodeFacts, type CodeFacts } from './codeFacts';
import { toDiagnostics } from './diagnostics';
import { checkDirection } from './directionChecks';
import { checkInstruments, checkUniverse } from './instrumentChecks';
import type { RequestMismatch } from './mismatch';
import { checkFilters, checkRisk, checkSignalNumbers, checkSizing } from './numberChecks';
import { checkRegimes } from './regimeChecks';
import { checkBar, checkSchedule } from './timingChecks';

const CHECKS: readonly ((facts: CodeFacts, request: StrategyRequest) => RequestMismatch[])[] = [
  checkInstruments,
  checkUniverse,
  checkBar,
  checkDirection,
  checkSchedule,
  checkCalendar,
  checkSignalNumbers,
  checkRisk,
  checkSizing,
  checkFilters,
  checkRegimes,
  checkPeriod,
  checkCash,
];

/**
 * The mismatches between the code parsed as `tree` (from `source`) and `request`. Nothing for a file
 * with syntax errors (tree-sitter folds unparsed code into ERROR nodes, so whatever looks missing may
 * just be unparsed; the syntax errors come first) or without a class (the validator reports that).
 */
export function checkRequest(tree: Tree, source: string, request: StrategyRequest): RequestMismatch[] {
  if (tree.rootNode.hasError) return [];
  const facts = collectCodeFacts(tree, source);
  if (!facts.algorithmClass) return [];
  return checkFacts(facts, request);
}

/** The checks over facts already collected. */
export function checkFacts(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  return CHECKS.flatMap((check) => check(facts, request));
}

/** Parses `source` with `parser` and checks it; the tree is freed before returning. */
export function checkRequestSource(parser: PythonParser, source: string, request: StrategyRequest): RequestMismatch[] {
  const tree = parser.parse(source);
  try {
    return checkRequest(tree, source, request);
  } finally {
    tree.delete();
  }
}

/** A checker with its own parser, for callers without the validator's tree (the CLI, evaluation). */
export interface RequestChecker {
  check(source: string, request: StrategyRequest): RequestMismatch[];
  /** The mismatches as `request-mismatch` error diagnostics. */
  diagnose(source: string, request: StrategyRequest): LeanDiagnostic[];
  dispose(): void;
}

export async function createRequestChecker(assets: ParserAssets): Promise<RequestChecker> {
  const parser = await loadPythonParser(assets);
  const check = (source: string, request: StrategyRequest) => checkRequestSource(parser, source, request);
  return {
    check,
    diagnose: (source, request) => toDiagnostics(check(source, request), source),
    dispose: () => parser.dispose(),
  };
}
