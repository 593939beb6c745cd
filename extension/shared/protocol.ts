// The one message protocol between the extension host and the backtest panel webview. Both sides import
// this module, and every message is checked on arrival with the parse functions below, never trusted as
// typed: the webview checks what the host posts (parseHostToWebview), the host checks what the webview
// posts (parseWebviewToHost) and what it saved as state (parseSavedState). Parsing builds new objects,
// so unknown fields are dropped, not passed on. The view model itself is in panelView.ts.
import { isFiniteNumber, isRecord, str } from './check';
import type { CompareView, HistoryEntryView, RunView } from './panelView';
import { parseCompareView, parseHistory, parseRunView } from './parseView';

export type * from './panelView';
export { DISPLAY_MAX_POINTS, PANEL_MAX_LOG_LINES, PANEL_MAX_ROWS } from './panelView';

/** Extension host → webview. */
export type HostToWebview =
  /** Show one run, with the project's run history (newest first). */
  | { type: 'panel/show'; run: RunView; history: HistoryEntryView[] }
  /** Show two runs side by side: statistics with differences, equity curves overlaid. */
  | { type: 'panel/compare'; compare: CompareView; history: HistoryEntryView[] }
  /** Nothing to show; `reason` tells the user how to get results. */
  | { type: 'panel/empty'; reason: string }
  /** A run could not be read; `message` says what happened and what to do. The panel keeps what it shows. */
  | { type: 'panel/error'; message: string };

/** Webview → extension host. */
export type WebviewToHost =
  /** The webview script loaded and can receive messages: the host (re)sends what to show. */
  | { type: 'webview/ready' }
  /** Open a file of the shown run's project at a 1-based line (a runtime error's location). */
  | { type: 'openLocation'; file: string; line: number }
  /** Show another run of the history (a folder the host listed in `history`). */
  | { type: 'selectRun'; folder: string }
  /** Compare two runs of the history. */
  | { type: 'compareRuns'; a: string; b: string }
  /** Write the HTML and Markdown reports of a run into its folder (the shown run when `folder` is absent). */
  | { type: 'exportReport'; folder?: string };

/**
 * What the webview keeps with `setState` (and VS Code gives back after a reload, to the webview through
 * `getState` and to the host's panel serializer): the last message shown, which runs it was about, and
 * the panel's own UI state (tab, table sorting and filters).
 */
export interface SavedState {
  version: 1;
  /** What the host should show again after a reload. */
  source: { kind: 'run'; folder: string } | { kind: 'compare'; a: string; b: string } | { kind: 'none' };
  message: HostToWebview | null;
  ui: UiState;
}

export interface TableState {
  sortColumn: string | null;
  descending: boolean;
  filter: string;
}

export interface UiState {
  tab: string;
  orders: TableState;
  trades: TableState;
  logFilter: string;
}

export function parseHostToWebview(value: unknown): HostToWebview | undefined {
  if (!isRecord(value)) return undefined;
  switch (value['type']) {
    case 'panel/show': {
      const run = parseRunView(value['run']);
      return run ? { type: 'panel/show', run, history: parseHistory(value['history']) } : undefined;
    }
    case 'panel/compare': {
      const compare = parseCompareView(value['compare']);
      return compare ? { type: 'panel/compare', compare, history: parseHistory(value['history']) } : undefined;
    }
    case 'panel/empty':
      return typeof value['reason'] === 'string' ? { type: 'panel/empty', reason: value['reason'] } : undefined;
    case 'panel/error':
      return typeof value['message'] === 'string' ? { type: 'panel/error', message: value['message'] } : undefined;
    default:
      return undefined;
  }
}

export function parseWebviewToHost(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value['type']) {
    case 'webview/ready':
      return { type: 'webview/ready' };
    case 'openLocation': {
      const { file, line } = value;
      if (typeof file !== 'string' || file === '' || !isFiniteNumber(line) || line < 1) return undefined;
      return { type: 'openLocation', file, line: Math.floor(line) };
    }
    case 'selectRun':
      return typeof value['folder'] === 'string' && value['folder'] !== '' ? { type: 'selectRun', folder: value['folder'] } : undefined;
    case 'compareRuns': {
      const { a, b } = value;
      return typeof a === 'string' && typeof b === 'string' && a !== '' && b !== '' ? { type: 'compareRuns', a, b } : undefined;
    }
    case 'exportReport':
      return typeof value['folder'] === 'string' && value['folder'] !== ''
        ? { type: 'exportReport', folder: value['folder'] }
        : { type: 'exportReport' };
    default:
      return undefined;
  }
}

const EMPTY_TABLE: TableState = { sortColumn: null, descending: false, filter: '' };

export function defaultUiState(): UiState {
  return { tab: 'orders', orders: { ...EMPTY_TABLE }, trades: { ...EMPTY_TABLE }, logFilter: '' };
}

/** Saved state from VS Code (written by an older or broken webview, perhaps): checked field by field. */
export function parseSavedState(value: unknown): SavedState | undefined {
  if (!isRecord(value) || value['version'] !== 1) return undefined;
  const ui = isRecord(value['ui']) ? value['ui'] : {};
  const table = (raw: unknown): TableState =>
    isRecord(raw)
      ? {
          sortColumn: typeof raw['sortColumn'] === 'string' ? raw['sortColumn'] : null,
          descending: raw['descending'] === true,
          filter: str(raw['filter']),
        }
      : { ...EMPTY_TABLE };
  return {
    version: 1,
    source: parseSource(value['source']),
    message: value['message'] === null ? null : (parseHostToWebview(value['message']) ?? null),
    ui: { tab: str(ui['tab'], 'orders'), orders: table(ui['orders']), trades: table(ui['trades']), logFilter: str(ui['logFilter']) },
  };
}

/**
 * Only which runs the saved state was about: what the host's panel serializer needs after a reload
 * (it reads them again from disk), without checking the whole saved view.
 */
export function savedSource(state: unknown): SavedState['source'] {
  return isRecord(state) && state['version'] === 1 ? parseSource(state['source']) : { kind: 'none' };
}

function parseSource(value: unknown): SavedState['source'] {
  if (isRecord(value)) {
    if (value['kind'] === 'run' && typeof value['folder'] === 'string') return { kind: 'run', folder: value['folder'] };
    if (value['kind'] === 'compare' && typeof value['a'] === 'string' && typeof value['b'] === 'string') {
      return { kind: 'compare', a: value['a'], b: value['b'] };
    }
  }
  return { kind: 'none' };
}
