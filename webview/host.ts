// The webview's side of the host connection: `acquireVsCodeApi` (callable once per page) wrapped so
// that only protocol messages go out and saved state goes through parseSavedState when it comes back.
import { defaultUiState, parseSavedState, type SavedState, type WebviewToHost } from '../extension/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: WebviewToHost): void;
  /** The state saved before a reload (checked), or a fresh one. */
  readonly restored: SavedState;
  /** Saves the state now, or `soon` (within 250 ms, coalescing: a filter box fires on every key). */
  save(state: SavedState, soon?: boolean): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: SavedState | undefined;
  const flush = () => {
    timer = undefined;
    if (pending) api.setState(pending);
    pending = undefined;
  };
  return {
    post: (message) => api.postMessage(message),
    restored: parseSavedState(api.getState()) ?? { version: 1, source: { kind: 'none' }, message: null, ui: defaultUiState() },
    save(state, soon = false) {
      pending = state;
      if (!soon) {
        if (timer !== undefined) clearTimeout(timer);
        flush();
      } else timer ??= setTimeout(flush, 250);
    },
  };
}
