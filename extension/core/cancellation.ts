// One way to say "the user cancelled", for every core, the VS Code adapter and the CLI. Cancel arrives
// as an AbortSignal; an operation that stops because of it throws CancelledError (or, for a backtest,
// returns its run with status 'cancelled'), and callers ask isCancelled() rather than matching classes
// or messages.
//
// Why by name and not instanceof: the extension loads each core as its own bundle (dist/generation.js,
// dist/backtest.js, ...) and the CLI is one bundle per command, so each bundle has its own copy of this
// class and an error thrown in one fails `instanceof` in another. The name survives every bundle.

const NAME = 'CancelledError';

/** The user cancelled: the operation stopped, and nothing is reported as a failure. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = NAME;
  }
}

/**
 * True when `error` means the user cancelled: a CancelledError from any bundle (recognised by its
 * name), or, once `signal` has aborted, the signal's own reason or an AbortError (what fetch, openai,
 * dockerode and node-llama-cpp throw when their signal aborts). A timeout (TimeoutError, the reason of
 * AbortSignal.timeout) is not a cancel.
 */
export function isCancelled(error: unknown, signal?: AbortSignal): boolean {
  const name = errorName(error);
  if (name === NAME) return true;
  if (!signal?.aborted || name === 'TimeoutError') return false;
  return error === signal.reason || name === 'AbortError';
}

/** Throws CancelledError when `signal` has aborted; the check between steps of a long operation. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}
