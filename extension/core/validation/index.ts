// Entry point of the validation core, bundled as dist/validation.js. The extension requires it lazily
// on the first LEAN file (keeping tree-sitter out of activation); the CLI and tests import it directly.
import { Edit, type Tree } from 'web-tree-sitter';
import { checkRequest, toDiagnostics } from '../conformance/index';
import type { LeanDiagnostic } from '../diagnostic';
import type { LeanApiIndex } from './api/apiIndex';
import apiIndex from './api/leanApiIndex.json';
import { collectFacts, FactsCache } from './facts';
import { runFileWorker } from './fileBatch';
import { leanDiagnostics, type RuleContext } from './leanRules';
import { loadPythonParser, type ParserAssets } from './pythonParser';
import { syntaxDiagnostics } from './syntaxRules';
import type { Validator } from './validator';

export type { LeanDiagnostic, Severity, SourceRange } from '../diagnostic';
export { DIAGNOSTIC_SOURCE } from '../diagnostic';
export type { ParserAssets } from './pythonParser';
export { isLeanPythonSource } from './leanFile';
export { SYNTAX_CODES } from './syntaxRules';
export { LEAN_CODES, type RuleContext } from './leanRules';
export type { LeanApiIndex } from './api/apiIndex';
export { validateFile, validateShare, type FileReport, type FileWorkerData, type FileWorkerMessage } from './fileBatch';

/** The LEAN API index bundled with this build (see scripts/buildApiIndex.ts). */
export const LEAN_API_INDEX = apiIndex as LeanApiIndex;

export type { ValidationSession, Validator } from './validator';
export { requestOfRecord } from '../request/requestRecord';

export type { Position, TextChange } from './textChange';
export { textChange } from './textChange';

function byPosition(a: LeanDiagnostic, b: LeanDiagnostic): number {
  return a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn;
}

export async function createValidator(assets: ParserAssets): Promise<Validator> {
  const parser = await loadPythonParser(assets);
  const diagnose = (tree: Tree, text: string, context: RuleContext | undefined, cache?: FactsCache): LeanDiagnostic[] => {
    const syntax = syntaxDiagnostics(tree);
    const lean = leanDiagnostics(collectFacts(tree, text, cache), LEAN_API_INDEX, context, { syntaxErrors: syntax.length > 0 });
    // Given the request the code was written for, what it does not do of it (nothing on code that does not parse).
    const request = context?.request ? toDiagnostics(checkRequest(tree, text, context.request), text) : [];
    return [...syntax, ...[...lean, ...request].sort(byPosition)];
  };
  return {
    validate(text, context) {
      const tree = parser.parse(text);
      try {
        return diagnose(tree, text, context);
      } finally {
        tree.delete();
      }
    },
    session() {
      let tree: Tree | undefined;
      let edited = false;
      const cache = new FactsCache();
      return {
        edit(change) {
          if (!tree) return;
          tree.edit(new Edit(change));
          edited = true;
        },
        validate(text, context) {
          const next = parser.parse(text, edited ? tree : undefined);
          tree?.delete();
          tree = next;
          edited = false;
          return diagnose(tree, text, context, cache);
        },
        dispose() {
          tree?.delete();
          tree = undefined;
        },
      };
    },
    dispose: () => parser.dispose(),
  };
}

/** The body of a `lean-author validate` worker thread (see fileBatch.ts); the CLI starts it from this bundle. */
export function runValidationWorker(): Promise<void> {
  return runFileWorker(createValidator);
}
