import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { smolLm2Targets, writeTestLoraAdapter } from '../integration/testLoraAdapter';
import { waitFor } from './helpers';

const MODEL = process.env['LEAN_AUTHOR_TEST_MODEL'] ?? '';

/** Runs a task and resolves with its process's exit code. */
async function runTask(task: vscode.Task, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`task "${task.name}" did not end within ${timeoutMs / 1000} s`)), timeoutMs);
    const done = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name !== task.name || event.execution.task.source !== task.source) return;
      clearTimeout(timer);
      done.dispose();
      resolve(event.exitCode);
    });
    vscode.tasks.executeTask(task).then(undefined, reject);
  });
}

/** One of our provided tasks with extra flags, resolved by our provider as a tasks.json entry would be. */
async function withArgs(stage: string, args: string[]): Promise<vscode.Task> {
  const [provided] = (await vscode.tasks.fetchTasks({ type: 'lean-training' })).filter((t) => t.definition['stage'] === stage);
  assert.ok(provided, `no provided task for ${stage}`);
  const execution = provided.execution as vscode.ProcessExecution;
  return new vscode.Task(
    { type: 'lean-training', stage, args },
    provided.scope ?? vscode.TaskScope.Workspace,
    `${provided.name} (suite)`,
    'lean-training',
    new vscode.ProcessExecution(execution.process, [...execution.args, ...args], execution.options ?? {}),
    '$lean-training-python',
  );
}

describe('training tasks and Use Adapter', () => {
  const config = () => vscode.workspace.getConfiguration('leanAuthor');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-suite-training-'));
  after(async () => {
    await vscode.commands.executeCommand('leanAuthor.stopModelServer');
    await config().update('localServer.modelPath', undefined, vscode.ConfigurationTarget.Global);
    await config().update('localServer.loraAdapters', undefined, vscode.ConfigurationTarget.Global);
    rmSync(dir, { recursive: true, force: true });
  });

  it('provides a lean-training task for each stage, running the bundled subproject with its problem matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'lean-training' });
    assert.deepEqual(
      tasks.map((t) => t.name),
      ['Build dataset', 'Train adapter', 'Export adapter to GGUF', 'Evaluate base vs adapter'],
    );
    for (const task of tasks) {
      const execution = task.execution as vscode.ProcessExecution;
      assert.ok(execution instanceof vscode.ProcessExecution);
      assert.equal(execution.args[0], '-m');
      assert.match(execution.args[1] ?? '', /^lean_training\.(build_dataset|train|export_gguf|evaluate)$/);
      assert.match(execution.options?.env?.['PYTHONPATH'] ?? '', /training$/);
      assert.deepEqual(task.problemMatchers, ['$lean-training-python']);
    }
  });

  it('builds a dataset slice with the Build dataset task', async function () {
    this.timeout(240_000);
    const out = path.join(dir, 'dataset');
    const task = await withArgs('build-dataset', ['--output_dir', out, '--composed', '20']);
    assert.equal(await runTask(task, 220_000), 0);
    const lines = readFileSync(path.join(out, 'train.jsonl'), 'utf8').trim().split('\n');
    assert.ok(lines.length > 0);
    const example = JSON.parse(lines[0]!) as { prompt: { role: string }[]; completion: { content: string }[] };
    assert.deepEqual(
      example.prompt.map((m) => m.role),
      ['system', 'user'],
    );
    assert.match(example.completion[0]!.content, /class \w+\(QCAlgorithm\)/);
    assert.ok(existsSync(path.join(out, 'dataset_card.md')));
  });

  it("turns a stage's error into a problem the user can open", async function () {
    this.timeout(120_000);
    const task = await withArgs('train', ['--dataset_dir', path.join(dir, 'no-dataset')]);
    assert.equal(await runTask(task, 100_000), 2);
    const problems = await waitFor(
      () => vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.map((d) => ({ uri, d }))),
      (all) => all.some(({ d }) => d.source === 'lean-training' && /No train\.jsonl/.test(d.message)),
      'the problem matcher to report the missing dataset',
      20_000,
    );
    const problem = problems.find(({ d }) => /No train\.jsonl/.test(d.message))!;
    assert.match(problem.uri.fsPath, /lean_training[/\\]train\.py$/);
    assert.match(problem.d.message, /build_dataset/);
  });

  it('Use Adapter checks the adapter, stores it in the settings and restarts the running server with it', async function () {
    this.timeout(180_000);
    assert.ok(MODEL, 'LEAN_AUTHOR_TEST_MODEL must name the test model');
    await config().update('localServer.modelPath', MODEL, vscode.ConfigurationTarget.Global);
    await config().update('localServer.loraAdapters', undefined, vscode.ConfigurationTarget.Global);

    const wrong = path.join(dir, 'qwen-adapter.gguf');
    writeTestLoraAdapter(wrong, { architecture: 'qwen2', targets: smolLm2Targets(), rank: 2, seed: 1, amplitude: 0.01 });
    const refused = (await vscode.commands.executeCommand('leanAuthor.useAdapter', { path: wrong })) as { status: string; message: string };
    assert.equal(refused.status, 'failed');
    assert.match(refused.message, /trained for a qwen2 model.*llama/);
    assert.deepEqual(config().get('localServer.loraAdapters'), []);

    const started = (await vscode.commands.executeCommand('leanAuthor.startModelServer')) as { status: string; detail: string };
    assert.equal(started.status, 'done', JSON.stringify(started));
    const adapter = path.join(dir, 'lean-adapter.gguf');
    writeTestLoraAdapter(adapter, { architecture: 'llama', targets: smolLm2Targets(), rank: 2, seed: 2, amplitude: 0.05 });
    const used = (await vscode.commands.executeCommand('leanAuthor.useAdapter', { path: adapter, mode: 'replace' })) as {
      status: string;
      detail: string;
    };
    assert.equal(used.status, 'done', JSON.stringify(used));
    assert.deepEqual(config().get('localServer.loraAdapters'), [{ path: adapter, scale: 1 }]);
    const health = (await (await fetch(`${used.detail}/health`)).json()) as { adapters: { path: string; scale: number }[] };
    assert.deepEqual(health.adapters, [{ id: 0, path: adapter, scale: 1 }]);
    await vscode.commands.executeCommand('leanAuthor.stopModelServer');
  });
});
