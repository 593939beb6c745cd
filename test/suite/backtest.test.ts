import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { backtestPanelTabs, waitFor, workspaceFile } from './helpers';
import { buyAndHoldAlgorithm } from '../integration/leanAlgorithms';

// The runner passes podman's socket and the TEST STAND-IN LEAN image (test/integration/leanStandIn),
// since the real quantconnect/lean image cannot be pulled on these machines.
const SOCKET = process.env['LEAN_AUTHOR_TEST_DOCKER_SOCKET'] ?? '';
const IMAGE = process.env['LEAN_AUTHOR_TEST_LEAN_IMAGE'] ?? '';

const algorithm = buyAndHoldAlgorithm({
  className: 'Failing',
  extra: '\n    def helper(self):\n        self.undefined_thing()  # stand-in: runtime-error\n',
});

type Outcome = { status: string; detail?: string; message?: string };

describe('Run Backtest', () => {
  const config = () => vscode.workspace.getConfiguration('leanAuthor');
  before(async () => {
    assert.ok(SOCKET && IMAGE, 'the e2e runner must pass the podman socket and the stand-in image');
    await config().update('backtest.dockerSocket', SOCKET, vscode.ConfigurationTarget.Global);
    await config().update('backtest.image', IMAGE, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await config().update('backtest.dockerSocket', undefined, vscode.ConfigurationTarget.Global);
    await config().update('backtest.image', undefined, vscode.ConfigurationTarget.Global);
  });

  it("runs the active file's project and writes results where the Lean CLI puts them", async function () {
    this.timeout(120_000);
    const main = workspaceFile('SmaCrossover/main.py');
    await vscode.window.showTextDocument(main);
    const outcome = (await vscode.commands.executeCommand('leanAuthor.runBacktest')) as Outcome;
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    assert.match(outcome.detail!, /SmaCrossover[\\/]backtests[\\/]\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$/);
    assert.ok(readdirSync(outcome.detail!).some((f) => /^\d{10}\.json$/.test(f)));
    assert.ok(existsSync(path.join(outcome.detail!, 'code', 'main.py')));

    // The backtest panel opens with the run (beside the editor, which keeps the focus).
    await waitFor(
      () => backtestPanelTabs().map((t) => t.label),
      (labels) => labels.includes('LEAN Backtest: SmaCrossover'),
      'the backtest panel to open after the run',
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, main.fsPath, 'the editor keeps the focus');
    const shown = (await vscode.commands.executeCommand('leanAuthor.showBacktestPanel', {
      projectDir: workspaceFile('SmaCrossover').fsPath,
    })) as Outcome;
    assert.equal(shown.status, 'done');
    assert.equal(shown.detail, `run ${outcome.detail}`, 'Show Backtest Panel shows the latest run');
    assert.equal(backtestPanelTabs().length, 1, 'one panel, reused');

    // Export Report writes HTML and Markdown with PNG charts into the run folder, never over an existing report.
    const exported = (await vscode.commands.executeCommand('leanAuthor.exportReport', {
      folder: outcome.detail,
      overwrite: false,
    })) as Outcome;
    assert.equal(exported.status, 'done', JSON.stringify(exported));
    const files = exported.detail!.split('\n').map((f) => path.basename(f));
    assert.deepEqual(files, ['report.html', 'report.md', 'report-equity.png', 'report-drawdown.png']);
    const again = (await vscode.commands.executeCommand('leanAuthor.exportReport', {
      folder: outcome.detail,
      overwrite: false,
    })) as Outcome;
    assert.deepEqual(
      again
        .detail!.split('\n')
        .map((f) => path.basename(f))
        .slice(0, 2),
      ['report-2.html', 'report-2.md'],
    );
  });

  it('shows a LEAN runtime error as a diagnostic on its line, and clears it on the next run', async function () {
    this.timeout(120_000);
    const dir = workspaceFile('Failing').fsPath;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.py'), algorithm);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ 'algorithm-language': 'Python', parameters: {} }));
    const main = vscode.Uri.file(path.join(dir, 'main.py'));
    const outcome = (await vscode.commands.executeCommand('leanAuthor.runBacktest', { projectDir: dir })) as Outcome;
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message!, /undefined_thing.*main\.py, line 18/);
    const diagnostics = vscode.languages.getDiagnostics(main).filter((d) => d.source === 'LEAN backtest');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.range.start.line, 17);
    assert.match(diagnostics[0]!.message, /Runtime Error: name 'undefined_thing' is not defined/);
    // The panel shows the failed run (LEAN left no result, so the error itself) under the project's name.
    await waitFor(
      () => backtestPanelTabs().map((t) => t.label),
      (labels) => labels.includes('LEAN Backtest: Failing'),
      'the backtest panel to show the failed run',
    );

    // Fixed: the next run replaces the diagnostics.
    const document = await vscode.workspace.openTextDocument(main);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.lineAt(17);
    await editor.edit((edit) => edit.replace(line.range, '        self.debug("fixed")'));
    const fixed = (await vscode.commands.executeCommand('leanAuthor.runBacktest', { projectDir: dir })) as Outcome;
    assert.equal(fixed.status, 'done', JSON.stringify(fixed));
    await waitFor(
      () => vscode.languages.getDiagnostics(main).filter((d) => d.source === 'LEAN backtest').length,
      (n) => n === 0,
      'the backtest diagnostic to clear',
    );
  });

  it('explains a missing image and offers to pull it instead of failing obscurely', async function () {
    this.timeout(60_000);
    await config().update('backtest.image', 'localhost/lean-not-here:1', vscode.ConfigurationTarget.Global);
    try {
      const pending = vscode.commands.executeCommand('leanAuthor.runBacktest', { projectDir: workspaceFile('SmaCrossover').fsPath });
      // The error offers "Pull Image"; dismissing it (no registry is reachable here) leaves a failed outcome.
      await new Promise((r) => setTimeout(r, 1_500));
      await vscode.commands.executeCommand('notifications.clearAll');
      const outcome = (await pending) as Outcome;
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.message!, /localhost\/lean-not-here:1 is not on this machine\. Pull it/);
    } finally {
      await config().update('backtest.image', IMAGE, vscode.ConfigurationTarget.Global);
    }
  });
});
