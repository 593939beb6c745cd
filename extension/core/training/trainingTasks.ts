// The training stages as command lines, for the `lean-training` task type. Editor-agnostic: the VS Code
// adapter turns these into tasks. Each stage is `python -m lean_training.<stage>` with the bundled
// training subproject on PYTHONPATH, a YAML config, and paths under the workspace's output folder, so a
// user's LEAN workspace keeps its own `data/` folder untouched.
import path from 'node:path';

export const TRAINING_TASK_TYPE = 'lean-training';

export const TRAINING_STAGES = ['build-dataset', 'train', 'export-gguf', 'evaluate'] as const;
export type TrainingStage = (typeof TRAINING_STAGES)[number];

/** Presets: config files in training/configs/ (what to train, on which device). */
export const TRAINING_PRESETS = ['smollm2-135m-cpu', 'qwen2.5-coder-7b-qlora'] as const;
export type TrainingPreset = (typeof TRAINING_PRESETS)[number];

/** What a tasks.json entry of type `lean-training` may say; everything but `stage` is optional. */
export interface TrainingTaskDefinition {
  type: typeof TRAINING_TASK_TYPE;
  stage: TrainingStage;
  /** A YAML config replacing the stage's default (relative paths are relative to the workspace folder). */
  config?: string;
  /** Extra flags, appended last so they override the config. */
  args?: string[];
}

export interface TrainingLayout {
  /** The bundled training subproject (holds lean_training/ and configs/). */
  trainingDir: string;
  /** The workspace folder the tasks run in. */
  workspaceDir: string;
  /** Where datasets and runs go, relative to the workspace folder. */
  outputFolder: string;
  preset: TrainingPreset;
  python: string;
  /** How the Python stages run the product's CLI (`lean-author`): a command line and its environment. */
  leanAuthor: { command: string[]; env: Record<string, string> };
}

export interface StageCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export const STAGE_LABELS: Record<TrainingStage, string> = {
  'build-dataset': 'Build dataset',
  train: 'Train adapter',
  'export-gguf': 'Export adapter to GGUF',
  evaluate: 'Evaluate base vs adapter',
};

const MODULES: Record<TrainingStage, string> = {
  'build-dataset': 'lean_training.build_dataset',
  train: 'lean_training.train',
  'export-gguf': 'lean_training.export_gguf',
  evaluate: 'lean_training.evaluate',
};

/** Checks a task definition read from tasks.json; undefined when it is not one of ours. */
export function parseTaskDefinition(value: unknown): TrainingTaskDefinition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record['type'] !== TRAINING_TASK_TYPE) return undefined;
  const stage = record['stage'];
  if (typeof stage !== 'string' || !(TRAINING_STAGES as readonly string[]).includes(stage)) return undefined;
  const config = typeof record['config'] === 'string' ? record['config'] : undefined;
  const args = Array.isArray(record['args']) ? record['args'].filter((a): a is string => typeof a === 'string') : undefined;
  return { type: TRAINING_TASK_TYPE, stage: stage as TrainingStage, ...(config ? { config } : {}), ...(args ? { args } : {}) };
}

export function runDirOf(layout: TrainingLayout): string {
  return path.join(layout.workspaceDir, layout.outputFolder, 'runs', layout.preset);
}

export function datasetDirOf(layout: TrainingLayout): string {
  return path.join(layout.workspaceDir, layout.outputFolder, 'data');
}

/** The stage's command line: defaults first, then the definition's config and args, which win. */
export function stageCommand(definition: TrainingTaskDefinition, layout: TrainingLayout): StageCommand {
  const configs = path.join(layout.trainingDir, 'configs');
  const data = datasetDirOf(layout);
  const run = runDirOf(layout);
  const leanAuthor = shellJoin(layout.leanAuthor.command);
  const defaults: Record<TrainingStage, string[]> = {
    'build-dataset': ['--config', path.join(configs, 'dataset.yaml'), '--output_dir', data, '--lean_author', leanAuthor],
    train: ['--config', path.join(configs, `${layout.preset}.yaml`), '--dataset_dir', data, '--output_dir', run],
    'export-gguf': ['--run_dir', run],
    evaluate: ['--config', path.join(configs, 'evaluate.yaml'), '--dataset_dir', data, '--run_dir', run, '--lean_author', leanAuthor],
  };
  let args = defaults[definition.stage];
  if (definition.config) {
    // A user's config replaces ours; the paths we add stay, and the user's args can still change them.
    const config = path.resolve(layout.workspaceDir, definition.config);
    args = args.includes('--config') ? args.map((a, i) => (args[i - 1] === '--config' ? config : a)) : ['--config', config, ...args];
  }
  return {
    command: layout.python,
    args: ['-m', MODULES[definition.stage], ...args, ...(definition.args ?? [])],
    cwd: layout.workspaceDir,
    env: {
      ...layout.leanAuthor.env,
      PYTHONPATH: layout.trainingDir,
      // Progress bars and prints reach the terminal as they happen.
      PYTHONUNBUFFERED: '1',
    },
  };
}

/** POSIX-shell quoting of a command line, as Python's shlex.split reads it back. */
export function shellJoin(parts: readonly string[]): string {
  return parts.map((p) => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'"'"'`)}'`)).join(' ');
}
