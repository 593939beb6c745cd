// Registers every command of the product; commands that run code or reach a model first ask for
// Workspace Trust.
import * as vscode from 'vscode';
import { COMMANDS, type CommandInfo, type CommandName, type CommandOutcome } from '../core/commandCatalog';
import type { Log } from './log';

/**
 * One handler for every command of the catalog (the type makes a missing one a compile error). Handlers
 * take the arguments of `executeCommand` (e.g. a model URI), so scripts and tests can skip the prompts.
 */
export type CommandHandlers = Record<CommandName, (...args: unknown[]) => Promise<CommandOutcome>>;

export function registerCommands(log: Log, handlers: CommandHandlers): vscode.Disposable[] {
  return (Object.entries(COMMANDS) as [CommandName, CommandInfo][]).map(([name, info]) =>
    vscode.commands.registerCommand(info.id, async (...args: unknown[]): Promise<CommandOutcome> => {
      log.info(`Command "${info.title}" invoked`);
      if (info.needsTrust && !vscode.workspace.isTrusted) return needsTrust(info);
      return handlers[name](...args);
    }),
  );
}

function needsTrust(info: CommandInfo): CommandOutcome {
  const message = `LEAN: "${info.title}" runs programs or sends code to a model, so it needs a trusted workspace. Trust this folder to use it; validation keeps working in Restricted Mode.`;
  void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return { status: 'needs-trust', message };
}
