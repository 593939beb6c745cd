// The one message protocol between the extension host and the backtest panel webview. Both sides import
// this module; every message is checked on arrival with the parse functions below, never trusted as typed.
// The panel itself lands with the backtest-panel feature; this is its skeleton.

/** Extension host → webview. */
export type HostToWebview =
  /** Nothing to show yet; `reason` tells the user how to get results. */
  { type: 'panel/empty'; reason: string };

/** Webview → extension host. */
export type WebviewToHost =
  /** The webview script loaded and can receive messages. */
  { type: 'webview/ready' };

export function parseHostToWebview(value: unknown): HostToWebview | undefined {
  if (!isRecord(value)) return undefined;
  if (value['type'] === 'panel/empty' && typeof value['reason'] === 'string') {
    return { type: 'panel/empty', reason: value['reason'] };
  }
  return undefined;
}

export function parseWebviewToHost(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value)) return undefined;
  if (value['type'] === 'webview/ready') return { type: 'webview/ready' };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
