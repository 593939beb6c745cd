import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseTaskDefinition,
  shellJoin,
  stageCommand,
  TRAINING_STAGES,
  type TrainingLayout,
} from '../../extension/core/training/trainingTasks';

const layout: TrainingLayout = {
  trainingDir: '/ext/training',
  workspaceDir: '/work/my lean',
  outputFolder: '.lean-training',
  preset: 'smollm2-135m-cpu',
  python: '/venv/bin/python',
  leanAuthor: { command: ['/opt/VS Code/code', '/ext/dist/cli.js'], env: { ELECTRON_RUN_AS_NODE: '1' } },
};

describe('training task command lines', () => {
  it('runs each stage as a module of the bundled subproject, in the workspace, with outputs under the output folder', () => {
    for (const stage of TRAINING_STAGES) {
      const command = stageCommand({ type: 'lean-training', stage }, layout);
      expect(command.command).toBe('/venv/bin/python');
      expect(command.args[0]).toBe('-m');
      expect(command.args[1]).toBe(`lean_training.${stage.replace('-', '_')}`);
      expect(command.cwd).toBe('/work/my lean');
      expect(command.env).toMatchObject({ PYTHONPATH: '/ext/training', PYTHONUNBUFFERED: '1', ELECTRON_RUN_AS_NODE: '1' });
    }
    const build = stageCommand({ type: 'lean-training', stage: 'build-dataset' }, layout).args;
    expect(build).toEqual([
      '-m',
      'lean_training.build_dataset',
      '--config',
      path.join('/ext/training/configs', 'dataset.yaml'),
      '--output_dir',
      path.join('/work/my lean', '.lean-training', 'data'),
      '--lean_author',
      "'/opt/VS Code/code' /ext/dist/cli.js",
    ]);
    const train = stageCommand({ type: 'lean-training', stage: 'train' }, layout).args;
    expect(train).toContain(path.join('/ext/training/configs', 'smollm2-135m-cpu.yaml'));
    expect(train.slice(-2)).toEqual(['--output_dir', path.join('/work/my lean', '.lean-training', 'runs', 'smollm2-135m-cpu')]);
    const qlora = stageCommand({ type: 'lean-training', stage: 'train' }, { ...layout, preset: 'qwen2.5-coder-7b-qlora' }).args;
    expect(qlora).toContain(path.join('/ext/training/configs', 'qwen2.5-coder-7b-qlora.yaml'));
    expect(stageCommand({ type: 'lean-training', stage: 'export-gguf' }, layout).args.slice(2)).toEqual([
      '--run_dir',
      path.join('/work/my lean', '.lean-training', 'runs', 'smollm2-135m-cpu'),
    ]);
  });

  it("puts a task's own config in place of the default and its args last, so they win", () => {
    const command = stageCommand({ type: 'lean-training', stage: 'train', config: 'cfg/mine.yaml', args: ['--max_steps', '5'] }, layout);
    expect(command.args[3]).toBe(path.resolve('/work/my lean', 'cfg/mine.yaml'));
    expect(command.args.filter((a) => a === '--config')).toHaveLength(1);
    expect(command.args.slice(-2)).toEqual(['--max_steps', '5']);
    const exported = stageCommand({ type: 'lean-training', stage: 'export-gguf', config: '/abs/export.yaml' }, layout);
    expect(exported.args.slice(2, 4)).toEqual(['--config', '/abs/export.yaml']);
  });

  it('accepts only well-formed lean-training definitions', () => {
    expect(parseTaskDefinition({ type: 'lean-training', stage: 'train', args: ['--x', 3, '1'] })).toEqual({
      type: 'lean-training',
      stage: 'train',
      args: ['--x', '1'],
    });
    expect(parseTaskDefinition({ type: 'lean-training', stage: 'deploy' })).toBeUndefined();
    expect(parseTaskDefinition({ type: 'shell', stage: 'train' })).toBeUndefined();
    expect(parseTaskDefinition(null)).toBeUndefined();
  });

  it("quotes the CLI command so Python's shlex reads back the same words", () => {
    const parts = ['/opt/VS Code/code', "it's here", 'plain', '/a/b.js', '$HOME', ''];
    const read = execFileSync('python3', ['-c', 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))', shellJoin(parts)], {
      encoding: 'utf8',
    });
    expect(JSON.parse(read)).toEqual(parts);
  });
});
