// Extension entry point. Activation only wires things up; the validator (tree-sitter) loads on the first
// LEAN file, and every later heavy module (model client, dockerode, charts) on first use.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { BacktestController } from './backtestController';
import { BacktestPanelController } from './backtestPanelController';
import { DiagnosticsController } from './diagnosticsController';
import { GenerateController } from './generateController';
import { loadValidator } from './chunks';
import { ModelServerController } from './modelServerController';
import { describe, Log } from './log';
import { QuickFixProvider } from './quickFixes';
import { runTrainingTask, TrainingTaskProvider } from './trainingTaskProvider';
import { useAdapter, type UseAdapterArgs } from './useAdapter';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Log();
  context.subscriptions.push(log);
  try {
    const diagnostics = new DiagnosticsController(loadValidator, log);
    const modelServer = new ModelServerController(context.extensionPath, context.globalStorageUri.fsPath, log);
    const generate = new GenerateController(context.secrets, modelServer, log);
    const panels = new BacktestPanelController(context.extensionUri, log);
    const backtest = new BacktestController(log, panels.runFinished);
    context.subscriptions.push(
      modelServer,
      generate,
      backtest,
      panels,
      panels.registerSerializer(),
      ...registerCommands(log, {
        startModelServer: () => modelServer.start(),
        stopModelServer: () => modelServer.stop(),
        selectModel: (choice) => modelServer.selectModel(choice),
        downloadModel: (uri) => modelServer.download(uri),
        generateStrategy: (args) => generate.generate(args),
        refineStrategy: (args) => generate.refine(args),
        setApiKey: (name, key) => generate.setApiKey(name, key),
        runBacktest: (args) => backtest.run(args),
        showBacktestPanel: (args) => panels.show(args),
        exportReport: (args) => panels.exportReport(args),
        runTrainingTask: (args) => runTrainingTask(args as { stage?: string } | undefined),
        useAdapter: (args) => useAdapter(args as UseAdapterArgs | undefined, modelServer, log),
      }),
      vscode.tasks.registerTaskProvider('lean-training', new TrainingTaskProvider(context.extensionPath)),
      diagnostics,
      vscode.languages.registerCodeActionsProvider(
        { language: 'python' },
        new QuickFixProvider((document) => diagnostics.current(document)),
        QuickFixProvider.metadata,
      ),
    );
    if (vscode.workspace.isTrusted) backtest.sweepOrphansLater();
    log.info(`LEAN Strategy Author ${String(context.extension.packageJSON.version)} activated`);
  } catch (error) {
    // VS Code does not tell the user when an extension fails to activate, so we do.
    log.error('Activation failed', error, true);
    void vscode.window.showErrorMessage(`LEAN Strategy Author could not start: ${describe(error)}. See its output channel for details.`);
    throw error;
  }
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it.
}
