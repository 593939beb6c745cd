import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

// The runner passes the SmolLM2 GGUF fetched by scripts/fetch-model.sh.
const MODEL = process.env['LEAN_AUTHOR_TEST_MODEL'] ?? '';

describe('local model server', () => {
  const config = () => vscode.workspace.getConfiguration('leanAuthor');
  after(async () => {
    await vscode.commands.executeCommand('leanAuthor.stopModelServer');
    await config().update('localServer.modelPath', undefined, vscode.ConfigurationTarget.Global);
  });

  it('says how to fix a missing model instead of starting', async () => {
    await config().update('localServer.modelPath', '/nonexistent/model.gguf', vscode.ConfigurationTarget.Global);
    const outcome = (await vscode.commands.executeCommand('leanAuthor.startModelServer')) as { status: string; message: string };
    assert.equal(outcome.status, 'needs-setup');
    assert.match(outcome.message, /does not exist.*Select Model/);
  });

  it('starts the server as a child process, serves /health, and stops it', async function () {
    this.timeout(120_000);
    assert.ok(MODEL, 'LEAN_AUTHOR_TEST_MODEL must name the test model');
    await config().update('localServer.modelPath', MODEL, vscode.ConfigurationTarget.Global);
    const started = (await vscode.commands.executeCommand('leanAuthor.startModelServer')) as { status: string; detail: string };
    assert.equal(started.status, 'done', JSON.stringify(started));
    const health = await fetch(`${started.detail}/health`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { model: string }).model, 'SmolLM2-135M-Instruct.Q4_1');
    const stopped = (await vscode.commands.executeCommand('leanAuthor.stopModelServer')) as { status: string; detail: string };
    assert.deepEqual(stopped, { status: 'done', detail: 'stopped' });
    await assert.rejects(fetch(`${started.detail}/health`), 'the server no longer listens');
  });
});
