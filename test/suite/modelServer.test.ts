import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { startHuggingFaceStandIn } from '../integration/huggingFaceStandIn';
import { smolLm2Targets, writeTestLoraAdapter } from '../integration/testLoraAdapter';

// The runner passes the SmolLM2 GGUF fetched by scripts/fetch-model.sh.
const MODEL = process.env['LEAN_AUTHOR_TEST_MODEL'] ?? '';

describe('local model server', () => {
  const config = () => vscode.workspace.getConfiguration('leanAuthor');
  after(async () => {
    await vscode.commands.executeCommand('leanAuthor.stopModelServer');
    await config().update('localServer.modelPath', undefined, vscode.ConfigurationTarget.Global);
    await config().update('localServer.loraAdapters', undefined, vscode.ConfigurationTarget.Global);
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

  it('starts with a LoRA adapter from the settings and reports it', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-suite-lora-'));
    try {
      const adapter = path.join(dir, 'suite-adapter.gguf');
      writeTestLoraAdapter(adapter, { architecture: 'llama', targets: smolLm2Targets(), rank: 4, seed: 3, amplitude: 0.5 });
      await config().update('localServer.modelPath', MODEL, vscode.ConfigurationTarget.Global);
      await config().update('localServer.loraAdapters', [{ path: adapter, scale: 0.5 }], vscode.ConfigurationTarget.Global);
      const started = (await vscode.commands.executeCommand('leanAuthor.startModelServer')) as { status: string; detail: string };
      assert.equal(started.status, 'done', JSON.stringify(started));
      const health = (await (await fetch(`${started.detail}/health`)).json()) as { adapters: { path: string; scale: number }[] };
      assert.deepEqual(health.adapters, [{ id: 0, path: adapter, scale: 0.5 }]);
      await vscode.commands.executeCommand('leanAuthor.stopModelServer');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start when a configured adapter file is missing', async () => {
    await config().update('localServer.modelPath', MODEL, vscode.ConfigurationTarget.Global);
    await config().update('localServer.loraAdapters', [{ path: '/nonexistent/adapter.gguf' }], vscode.ConfigurationTarget.Global);
    const outcome = (await vscode.commands.executeCommand('leanAuthor.startModelServer')) as { status: string; message: string };
    assert.equal(outcome.status, 'needs-setup');
    assert.match(outcome.message, /adapter \/nonexistent\/adapter\.gguf does not exist/);
    await config().update('localServer.loraAdapters', undefined, vscode.ConfigurationTarget.Global);
  });

  it('downloads an hf: model into global storage and selects it', async function () {
    this.timeout(120_000);
    // The stand-in plays Hugging Face, which these machines cannot reach; HF_ENDPOINT reaches the CLI child.
    const standIn = await startHuggingFaceStandIn({ repos: { 'suite-user/SmolLM2-GGUF': [MODEL] } });
    const previous = process.env['HF_ENDPOINT'];
    process.env['HF_ENDPOINT'] = standIn.endpoint;
    try {
      const outcome = (await vscode.commands.executeCommand('leanAuthor.downloadModel', 'hf:suite-user/SmolLM2-GGUF:Q4_1')) as {
        status: string;
        detail: string;
      };
      assert.equal(outcome.status, 'done', JSON.stringify(outcome));
      assert.ok(existsSync(outcome.detail));
      assert.match(outcome.detail, /[\\/]models[\\/]/);
      assert.equal(statSync(outcome.detail).size, statSync(MODEL).size);
      assert.ok(readFileSync(outcome.detail).equals(readFileSync(MODEL)));
      assert.equal(config().get('localServer.modelPath'), outcome.detail);
      const failed = (await vscode.commands.executeCommand('leanAuthor.downloadModel', 'hf:suite-user/Missing-GGUF:Q4_1')) as {
        status: string;
        message: string;
      };
      assert.equal(failed.status, 'failed');
      assert.match(failed.message, /downloading hf:suite-user\/Missing-GGUF:Q4_1 failed/);
      rmSync(outcome.detail);
    } finally {
      if (previous === undefined) delete process.env['HF_ENDPOINT'];
      else process.env['HF_ENDPOINT'] = previous;
      await standIn.close();
    }
  });

  it('selects a GGUF file given as an argument and rejects a missing one', async () => {
    const selected = (await vscode.commands.executeCommand('leanAuthor.selectModel', MODEL)) as { status: string; detail: string };
    assert.deepEqual(selected, { status: 'done', detail: MODEL });
    assert.equal(config().get('localServer.modelPath'), MODEL);
    const missing = (await vscode.commands.executeCommand('leanAuthor.selectModel', '/nonexistent/x.gguf')) as { status: string };
    assert.equal(missing.status, 'failed');
  });
});
