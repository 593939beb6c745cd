// The one diagnostic shape every editor-agnostic check produces. The VS Code adapter, the CLI and
// the generation repair loop all consume exactly this.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Zero-based, end-exclusive; columns count UTF-16 code units, as VS Code positions do. */
export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** A mechanical fix: applying all its edits to the validated text resolves the diagnostic. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor should offer first (VS Code's "preferred" quick fix). */
  preferred?: boolean;
}

export interface LeanDiagnostic {
  /** Stable identifier of the rule, e.g. `syntax-error`. Safe to match on in scripts and tests. */
  code: string;
  severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  message: string;
  range: SourceRange;
  fixes?: Fix[];
}

export const DIAGNOSTIC_SOURCE = 'LEAN';

/** The code of a request-conformance error: the code does not do what its prompt asked (core/conformance). */
export const REQUEST_MISMATCH = 'request-mismatch';
