// Offers the validator's mechanical fixes (PEP8 rename, print → self.debug, the AlgorithmImports import,
// "did you mean", renaming a shadowing attribute) as quick fixes. Applying one is a WorkspaceEdit, so
// it is undoable like any edit.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type LeanDiagnostic, type SourceRange } from '../core/diagnostic';

/** The validator's diagnostics for a document, as of a document version. */
export interface ValidatedDocument {
  version: number;
  diagnostics: LeanDiagnostic[];
}

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly lookup: (document: vscode.TextDocument) => ValidatedDocument | undefined) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const validated = this.lookup(document);
    // Fixes carry positions in the text that was validated, so they must be for this very version.
    if (!validated || validated.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics) {
      if (shown.source !== DIAGNOSTIC_SOURCE) continue;
      const match = validated.diagnostics.find(
        (d) =>
          d.code === codeOf(shown) && d.range.startLine === shown.range.start.line && d.range.startColumn === shown.range.start.character,
      );
      for (const fix of match?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        action.diagnostics = [shown];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn);
}
