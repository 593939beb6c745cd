// The extension's one logger, on a LogOutputChannel (the user picks its level in the Output view).
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('LEAN Strategy Author', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  /** Logs and, when the user should look now, reveals the channel without taking focus. */
  error(message: string, error?: unknown, reveal = false): void {
    this.channel.error(error === undefined ? message : `${message}: ${describe(error)}`);
    if (reveal) this.channel.show(true);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
