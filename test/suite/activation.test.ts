import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { backtestPanelTabs, EXTENSION_ID, waitFor, workspaceFile } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
  category: string;
}

describe('activation and commands', () => {
  it('activates and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    const contributed = (extension.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.length >= 8, 'the product surface has at least eight commands');
    for (const id of contributed) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('opens the backtest panel for a project with no runs yet, saying how to get results', async () => {
    const outcome = (await vscode.commands.executeCommand('leanAuthor.showBacktestPanel', {
      projectDir: workspaceFile('SmaCrossover').fsPath,
    })) as { status: string; detail?: string };
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    assert.match(outcome.detail ?? '', /^empty: SmaCrossover has no backtests yet\. Run one with "LEAN: Run Backtest"/);
    await waitFor(
      () => backtestPanelTabs().map((t) => t.label),
      (labels) => labels.includes('LEAN Backtest: SmaCrossover'),
      'the backtest panel tab',
    );
  });
});
