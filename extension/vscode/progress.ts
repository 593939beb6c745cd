// Long commands run under a cancellable progress notification, and every cancelled command reads the
// same: a short note in the status bar, no error toast, and the outcome { status: 'cancelled' }.
import * as vscode from 'vscode';
import { CancelledError, isCancelled } from '../core/cancellation';
import type { CommandOutcome } from '../core/commandCatalog';
import type { Log } from './log';

export type ProgressReporter = vscode.Progress<{ message?: string; increment?: number }>;

/**
 * Runs `work` under a cancellable progress notification titled `title`. The notification's Cancel aborts
 * `signal`; the token's listener is disposed when the work ends. Anything the work throws because of
 * that cancel (an AbortError, the signal's reason) comes out as CancelledError, so callers need only
 * `isCancelled(error)`.
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>,
): Promise<T> {
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = () => abort.abort(new CancelledError());
      const listener = token.onCancellationRequested(cancel);
      if (token.isCancellationRequested) cancel();
      try {
        return await work(abort.signal, progress);
      } catch (error) {
        if (isCancelled(error, abort.signal) && !isCancelled(error)) throw new CancelledError();
        throw error;
      } finally {
        listener.dispose();
      }
    },
  );
}

/**
 * What every command says when the user cancelled it: "LEAN: <command> cancelled." in the status bar
 * for a few seconds and a line in the log, never an error toast.
 */
export function reportCancelled(command: string, log: Log): CommandOutcome {
  log.info(`${command} cancelled`);
  vscode.window.setStatusBarMessage(`$(circle-slash) LEAN: ${command} cancelled.`, 5_000);
  return { status: 'cancelled' };
}
