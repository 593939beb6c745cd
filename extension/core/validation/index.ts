// Entry point of the validation core, bundled as dist/validation.js. The extension requires it lazily
// on the first LEAN file (keeping tree-sitter out of activation); the CLI and tests import it directly.
import type { LeanDiagnostic } from '../diagnostic';
import { loadPythonParser, type ParserAssets } from './pythonParser';
import { syntaxDiagnostics } from './syntaxRules';

export type { LeanDiagnostic, Severity, SourceRange } from '../diagnostic';
export { DIAGNOSTIC_SOURCE } from '../diagnostic';
export type { ParserAssets } from './pythonParser';
export { isLeanPythonSource } from './leanFile';
export { SYNTAX_CODES } from './syntaxRules';

export interface Validator {
  /** Diagnostics for one Python source text. Never throws on any input. */
  validate(text: string): LeanDiagnostic[];
  dispose(): void;
}

export async function createValidator(assets: ParserAssets): Promise<Validator> {
  const parser = await loadPythonParser(assets);
  return {
    validate(text) {
      const tree = parser.parse(text);
      try {
        return syntaxDiagnostics(tree);
      } finally {
        tree.delete();
      }
    },
    dispose: () => parser.dispose(),
  };
}
