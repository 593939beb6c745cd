import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { leanDiagnostics, waitFor, workspaceFile } from './helpers';

// BrokenStrategy/main.py line 12 (0-based 11) reads `    def on_data(self, data: Slice)` with no ':'.
const BROKEN = 'BrokenStrategy/main.py';
const BROKEN_LINE = 11;
const HEADER = '    def on_data(self, data: Slice)';

describe('syntax diagnostics in LEAN algorithms', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports a missing colon at the right line, with a LEAN code and a fix hint', async () => {
    const uri = workspaceFile(BROKEN);
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length > 0,
      'a LEAN diagnostic',
    );
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [d] = diagnostics;
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.code, 'syntax-missing-colon');
    assert.equal(d.range.start.line, BROKEN_LINE);
    assert.equal(d.range.end.character, HEADER.length);
    assert.match(d.message, /expected ':'/);
  });

  it('clears the diagnostic when the user fixes the line, and brings it back on undo', async () => {
    const uri = workspaceFile(BROKEN);
    const editor = await vscode.window.showTextDocument(uri);
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length === 1,
      'the initial diagnostic',
    );
    const fixed = await editor.edit((b) => b.insert(new vscode.Position(BROKEN_LINE, HEADER.length), ':'));
    assert.ok(fixed);
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length === 0,
      'diagnostics to clear after the fix',
    );
    await vscode.commands.executeCommand('undo');
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length === 1,
      'the diagnostic to return after undo',
    );
  });

  it('reports nothing on a clean LEAN algorithm', async () => {
    const broken = workspaceFile(BROKEN);
    const clean = workspaceFile('SmaCrossover/main.py');
    // Open the clean file first, then a file known to produce a diagnostic: once that one is reported,
    // the clean file has been checked too (both are scheduled on open, in order).
    await vscode.window.showTextDocument(clean);
    await vscode.workspace.openTextDocument(broken);
    await waitFor(
      () => leanDiagnostics(broken),
      (d) => d.length > 0,
      'the broken file to be checked',
    );
    assert.deepEqual(leanDiagnostics(clean), []);
  });

  it('leaves Python files that are not LEAN algorithms alone', async () => {
    const plain = workspaceFile('scripts/not_lean.py');
    const broken = workspaceFile(BROKEN);
    await vscode.window.showTextDocument(plain);
    await vscode.workspace.openTextDocument(broken);
    await waitFor(
      () => leanDiagnostics(broken),
      (d) => d.length > 0,
      'the broken file to be checked',
    );
    assert.deepEqual(leanDiagnostics(plain), []);
  });

  it('turns checking off and on with leanAuthor.validation.enabled', async () => {
    const uri = workspaceFile(BROKEN);
    await vscode.window.showTextDocument(uri);
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length === 1,
      'the initial diagnostic',
    );
    const config = vscode.workspace.getConfiguration('leanAuthor');
    await config.update('validation.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(
        () => leanDiagnostics(uri),
        (d) => d.length === 0,
        'diagnostics to clear when disabled',
      );
    } finally {
      await config.update('validation.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(
      () => leanDiagnostics(uri),
      (d) => d.length === 1,
      'diagnostics to return when enabled',
    );
  });
});
