import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

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

  it('says plainly that Show Backtest Panel is not built yet instead of pretending', async () => {
    const outcome = (await vscode.commands.executeCommand('leanAuthor.showBacktestPanel')) as { status: string; message: string };
    assert.equal(outcome.status, 'not-built');
    assert.match(outcome.message, /Show Backtest Panel.*not built yet/);
  });
});
