// The `lean-training` task type: one task per training stage (build dataset, train, export, evaluate),
// run in the terminal with the Python problem matcher. The command lines come from the core
// (extension/core/training/trainingTasks.ts); this adapter only adds settings and the workspace.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CommandOutcome } from '../core/commandCatalog';
import type { TrainingLayout, TrainingStage, TrainingTaskDefinition } from '../core/training/index';
import { readTrainingSettings } from './config';
import { loadTraining } from './chunks';

const PROBLEM_MATCHER = '$lean-training-python';

export class TrainingTaskProvider implements vscode.TaskProvider {
  constructor(private readonly extensionPath: string) {}

  provideTasks(): vscode.Task[] {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return [];
    const { TRAINING_STAGES, TRAINING_TASK_TYPE } = loadTraining();
    return TRAINING_STAGES.map((stage) => this.task({ type: TRAINING_TASK_TYPE, stage }, folder));
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = loadTraining().parseTaskDefinition(task.definition);
    if (!definition) return undefined;
    const folder = task.scope && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder ? this.task(definition, folder, task.definition) : undefined;
  }

  private task(definition: TrainingTaskDefinition, folder: vscode.WorkspaceFolder, original?: vscode.TaskDefinition): vscode.Task {
    const training = loadTraining();
    const command = training.stageCommand(definition, this.layout(folder));
    const task = new vscode.Task(
      original ?? definition,
      folder,
      training.STAGE_LABELS[definition.stage],
      'lean-training',
      new vscode.ProcessExecution(command.command, command.args, { cwd: command.cwd, env: command.env }),
      [PROBLEM_MATCHER],
    );
    task.detail = detailOf(definition.stage);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    if (definition.stage === 'train') task.group = vscode.TaskGroup.Build;
    return task;
  }

  private layout(folder: vscode.WorkspaceFolder): TrainingLayout {
    const settings = readTrainingSettings();
    const trainingDir = path.join(this.extensionPath, 'training');
    return {
      trainingDir,
      workspaceDir: folder.uri.fsPath,
      outputFolder: settings.outputFolder,
      preset: settings.preset,
      python: settings.python || defaultPython(trainingDir),
      // VS Code's executable is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node for the CLI.
      leanAuthor: { command: [process.execPath, path.join(this.extensionPath, 'dist', 'cli.js')], env: { ELECTRON_RUN_AS_NODE: '1' } },
    };
  }
}

/** The venv that scripts/setup-training.sh makes in a checkout, else the system's python3. */
function defaultPython(trainingDir: string): string {
  const venv = path.join(trainingDir, '.venv', process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
  return existsSync(venv) ? venv : process.platform === 'win32' ? 'python' : 'python3';
}

function detailOf(stage: TrainingStage): string {
  return {
    'build-dataset': 'Chat-format LEAN dataset from the template library (and your algorithms), split and validated',
    train: 'LoRA fine-tuning (QLoRA on a CUDA GPU) with the preset of leanAuthor.training.preset',
    'export-gguf': 'The trained adapter as a GGUF LoRA that the local model server loads',
    evaluate: 'Held-out prompts through the product, base model versus base plus adapter',
  }[stage];
}

/**
 * Run Training Task: picks one of the `lean-training` tasks (ours and those in tasks.json) and runs it,
 * so the stages are one palette command away. `args.stage` skips the pick (for scripts and tests).
 */
export async function runTrainingTask(args: { stage?: string } | undefined): Promise<CommandOutcome> {
  const tasks = await vscode.tasks.fetchTasks({ type: loadTraining().TRAINING_TASK_TYPE });
  if (tasks.length === 0) {
    const message = 'LEAN: open a folder first; the training tasks run in the workspace.';
    void vscode.window.showWarningMessage(message);
    return { status: 'needs-setup', message };
  }
  let task = args?.stage ? tasks.find((t) => t.definition['stage'] === args.stage) : undefined;
  if (!task) {
    const picked = await vscode.window.showQuickPick(
      tasks.map((t) => ({ label: t.name, detail: t.detail ?? '', task: t })),
      {
        title: 'LEAN: run a training stage',
        placeHolder: 'The stage runs in a terminal; errors show in the Problems panel',
        ignoreFocusOut: true,
      },
    );
    if (!picked) return { status: 'cancelled' };
    task = picked.task;
  }
  await vscode.tasks.executeTask(task);
  return { status: 'done', detail: task.name };
}
