// Mismatches as the validator's diagnostics: errors with code `request-mismatch`, placed at the code the
// mismatch is about or else on the algorithm class's line, so the repair loop and the editor show them
// like any other validation error (the VS Code adapter gives them DIAGNOSTIC_SOURCE, as all diagnostics).
import { REQUEST_MISMATCH, type LeanDiagnostic, type SourceRange } from '../diagnostic';
import type { RequestMismatch } from './mismatch';

export function toDiagnostics(mismatches: readonly RequestMismatch[], source: string): LeanDiagnostic[] {
  let fallback: SourceRange | undefined;
  return mismatches.map((m) => ({
    code: REQUEST_MISMATCH,
    severity: 'error',
    message: m.message,
    range: m.range ?? (fallback ??= classLine(source)),
  }));
}

/** The algorithm class's line (the QCAlgorithm subclass, else the first class), else the file's first line, from its first non-blank character to its end. */
export function classLine(source: string): SourceRange {
  const lines = source.split('\n');
  let index = lines.findIndex((l) => /^\s*class\s+\w+\s*\([^)]*\bQCAlgorithm\b/.test(l));
  if (index < 0) index = lines.findIndex((l) => /^\s*class\s+\w+/.test(l));
  if (index < 0) index = 0;
  const text = (lines[index] ?? '').replace(/\r$/, '');
  const start = text.length - text.trimStart().length;
  return { startLine: index, startColumn: start, endLine: index, endColumn: Math.max(start, text.trimEnd().length) };
}
