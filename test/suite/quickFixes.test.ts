import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { leanDiagnostics, waitFor, workspaceFile } from './helpers';

// QuickFixes/main.py: line 10 (0-based 9) has `Resolution.MINUTES`, line 13 (0-based 12) `print("tick")`.
const FILE = 'QuickFixes/main.py';

/** The quick fixes VS Code offers at a diagnostic's range, as the light bulb would. */
async function fixesAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a) => a.edit !== undefined);
}

describe('LEAN quick fixes', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows LEAN API diagnostics with their codes', async () => {
    const uri = workspaceFile(FILE);
    await vscode.window.showTextDocument(uri);
    const found = await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length >= 2,
      'LEAN diagnostics',
    );
    const byCode = new Map(found.map((d) => [String(d.code), d]));
    assert.equal(byCode.get('unknown-enum-member')?.range.start.line, 9);
    assert.equal(byCode.get('unknown-enum-member')?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(byCode.get('print-discarded')?.range.start.line, 12);
    assert.equal(byCode.get('print-discarded')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('replaces print with self.debug as an undoable edit', async () => {
    const uri = workspaceFile(FILE);
    const editor = await vscode.window.showTextDocument(uri);
    const found = await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.some((x) => x.code === 'print-discarded'),
      'the print diagnostic',
    );
    const printDiagnostic = found.find((d) => d.code === 'print-discarded')!;
    const fixes = await fixesAt(uri, printDiagnostic);
    const fix = fixes.find((a) => a.title === 'Replace with self.debug');
    assert.ok(fix?.edit, `a "Replace with self.debug" fix among ${JSON.stringify(fixes.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(12).text.trim(), 'self.debug("tick")');
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => !d.some((x) => x.code === 'print-discarded'),
      'the print diagnostic to clear',
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(12).text.trim(), 'print("tick")');
  });

  it('applies "did you mean" to a misspelled enum member', async () => {
    const uri = workspaceFile(FILE);
    const editor = await vscode.window.showTextDocument(uri);
    const found = await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.some((x) => x.code === 'unknown-enum-member'),
      'the enum diagnostic',
    );
    const fixes = await fixesAt(
      uri,
      found.find((d) => d.code === 'unknown-enum-member')!,
    );
    const fix = fixes.find((a) => a.title === 'Change to Resolution.MINUTE');
    assert.ok(fix?.edit, `a "Change to Resolution.MINUTE" fix among ${JSON.stringify(fixes.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.lineAt(9).text, /Resolution\.MINUTE\)/);
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => !d.some((x) => x.code === 'unknown-enum-member'),
      'the enum diagnostic to clear',
    );
  });
});
