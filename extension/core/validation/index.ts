// Entry point of the validation core, bundled as dist/validation.js. The extension requires it lazily
// on the first LEAN file (keeping tree-sitter out of activation); the CLI and tests import it directly.
import type { LeanDiagnostic } from '../diagnostic';
import type { LeanApiIndex } from './api/apiIndex';
import apiIndex from './api/leanApiIndex.json';
import { collectFacts } from './facts';
import { leanDiagnostics, type RuleContext } from './leanRules';
import { loadPythonParser, type ParserAssets } from './pythonParser';
import { syntaxDiagnostics } from './syntaxRules';

export type { LeanDiagnostic, Severity, SourceRange } from '../diagnostic';
export { DIAGNOSTIC_SOURCE } from '../diagnostic';
export type { ParserAssets } from './pythonParser';
export { isLeanPythonSource } from './leanFile';
export { SYNTAX_CODES } from './syntaxRules';
export { LEAN_CODES, type RuleContext } from './leanRules';
export type { LeanApiIndex } from './api/apiIndex';

/** The LEAN API index bundled with this build (see scripts/buildApiIndex.ts). */
export const LEAN_API_INDEX = apiIndex as LeanApiIndex;

export interface Validator {
  /** Diagnostics for one Python source text, syntax first. Never throws on any input. */
  validate(text: string, context?: RuleContext): LeanDiagnostic[];
  dispose(): void;
}

function byPosition(a: LeanDiagnostic, b: LeanDiagnostic): number {
  return a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn;
}

export async function createValidator(assets: ParserAssets): Promise<Validator> {
  const parser = await loadPythonParser(assets);
  return {
    validate(text, context) {
      const tree = parser.parse(text);
      try {
        const syntax = syntaxDiagnostics(tree);
        const lean = leanDiagnostics(collectFacts(tree, text), LEAN_API_INDEX, context, { syntaxErrors: syntax.length > 0 });
        return [...syntax, ...lean.sort(byPosition)];
      } finally {
        tree.delete();
      }
    },
    dispose: () => parser.dispose(),
  };
}
