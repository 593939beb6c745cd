// How a `lean-author` command is cancelled and how it says so: Ctrl-C (SIGINT) or SIGTERM aborts the
// command's signal, the core stops with CancelledError (extension/core/cancellation.ts; a backtest
// returns its run with status 'cancelled'), and the command prints one short line on stderr and exits
// 130, as shells report a command stopped by Ctrl-C. With --json, stdout still carries only JSON.
import { CancelledError } from '../extension/core/cancellation';

export const CANCELLED_EXIT_CODE = 130;

export interface Interrupt {
  /** Aborts (with a CancelledError as its reason) on the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Removes the signal handlers. */
  dispose(): void;
}

/**
 * Turns SIGINT and SIGTERM into an aborted signal until dispose(). The handlers stay for the whole run
 * (not `once`): node-llama-cpp's signal-exit would otherwise re-raise the signal and skip the clean-up.
 */
export function cancelOnInterrupt(onCancel?: () => void): Interrupt {
  const abort = new AbortController();
  const cancel = () => {
    if (abort.signal.aborted) return;
    onCancel?.();
    abort.abort(new CancelledError());
  };
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  return {
    signal: abort.signal,
    dispose: () => {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    },
  };
}

/** The one line every cancelled command prints, `Cancelled <detail>.`, on stderr; returns the exit code, 130. */
export function reportCancelled(detail: string): number {
  process.stderr.write(`Cancelled ${detail}.\n`);
  return CANCELLED_EXIT_CODE;
}
