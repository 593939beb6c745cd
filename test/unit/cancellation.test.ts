// The one cancellation of the cores, the adapter and the CLI: CancelledError, isCancelled and
// throwIfCancelled, including errors from another bundle's copy of the class (the extension loads each
// core as its own bundle, the CLI is one bundle per command) and what fetch throws on an aborted signal.
import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CancelledError, isCancelled, throwIfCancelled } from '../../extension/core/cancellation';
import { repositoryRoot } from '../repositoryRoot';

type CancellationModule = typeof import('../../extension/core/cancellation');

/** A second copy of the module, bundled on its own as esbuild bundles each core: its class is another class. */
function otherBundle(): CancellationModule {
  const [output] = buildSync({
    entryPoints: [path.join(repositoryRoot(), 'extension/core/cancellation.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
  }).outputFiles;
  const module = { exports: {} as CancellationModule };
  vm.runInThisContext(`(function (module, exports) {${output!.text}\n})`)(module, module.exports);
  return module.exports;
}

function aborted(reason?: unknown): AbortSignal {
  const abort = new AbortController();
  abort.abort(reason);
  return abort.signal;
}

describe('CancelledError', () => {
  it('is an Error named CancelledError with a short message', () => {
    const error = new CancelledError();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CancelledError');
    expect(error.message).toBe('cancelled');
    expect(String(error)).toBe('CancelledError: cancelled');
  });
});

describe('isCancelled', () => {
  it('recognises a CancelledError, with or without a signal', () => {
    expect(isCancelled(new CancelledError())).toBe(true);
    expect(isCancelled(new CancelledError(), new AbortController().signal)).toBe(true);
    expect(isCancelled(new CancelledError(), aborted())).toBe(true);
  });

  it('recognises a CancelledError thrown by another bundle, which fails instanceof', () => {
    const other = otherBundle();
    const foreign = new other.CancelledError();
    expect(foreign).not.toBeInstanceOf(CancelledError);
    expect(isCancelled(foreign)).toBe(true);
    expect(other.isCancelled(new CancelledError())).toBe(true);
    expect(() => other.throwIfCancelled(aborted())).toThrow(expect.objectContaining({ name: 'CancelledError' }));
  });

  it('recognises a plain Error named CancelledError (what crosses a bundle or a structured clone)', () => {
    const error = Object.assign(new Error('cancelled'), { name: 'CancelledError' });
    expect(isCancelled(error)).toBe(true);
    expect(isCancelled({ name: 'CancelledError', message: 'cancelled' })).toBe(true);
  });

  it('takes an AbortError as a cancel only once the signal has aborted', async () => {
    const signal = aborted();
    const fromFetch = await fetch('http://127.0.0.1:9/', { signal }).catch((e: unknown) => e);
    expect((fromFetch as Error).name).toBe('AbortError');
    expect(isCancelled(fromFetch, signal)).toBe(true);
    const abortError = new DOMException('This operation was aborted', 'AbortError');
    expect(isCancelled(abortError, aborted())).toBe(true);
    expect(isCancelled(Object.assign(new Error('aborted'), { name: 'AbortError' }), aborted())).toBe(true);
    // Without the user's signal, or before it aborted, an AbortError is someone else's (a timeout, a closed stream).
    expect(isCancelled(abortError)).toBe(false);
    expect(isCancelled(abortError, new AbortController().signal)).toBe(false);
  });

  it("takes the aborted signal's own reason as a cancel (what node-llama-cpp throws)", () => {
    const reason = new Error('stop');
    expect(isCancelled(reason, aborted(reason))).toBe(true);
    expect(isCancelled(reason, new AbortController().signal)).toBe(false);
  });

  it('does not take other errors, timeouts or non-errors as a cancel', async () => {
    const signal = aborted();
    expect(isCancelled(new Error('connection refused'), signal)).toBe(false);
    expect(isCancelled(new Error('cancelled'))).toBe(false);
    const timeout = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(timeout.aborted).toBe(true);
    expect(isCancelled(timeout.reason, timeout)).toBe(false);
    for (const value of [undefined, null, 'cancelled', 130, { name: 1 }]) expect(isCancelled(value, signal)).toBe(false);
  });
});

describe('throwIfCancelled', () => {
  it('does nothing without a signal or before it aborts', () => {
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    expect(() => throwIfCancelled(new AbortController().signal)).not.toThrow();
  });

  it('throws CancelledError once the signal has aborted, whatever its reason', () => {
    expect(() => throwIfCancelled(aborted())).toThrow(CancelledError);
    expect(() => throwIfCancelled(aborted(new Error('stop')))).toThrow(CancelledError);
    try {
      throwIfCancelled(aborted());
    } catch (error) {
      expect(isCancelled(error)).toBe(true);
    }
  });
});
