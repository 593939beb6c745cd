// The run history: the folders under `<project>/backtests/`. The Lean CLI names them after the local
// time the run started (`2025-11-04_15-51-31`, from Python's datetime.now()); the Local Platform after
// a unix timestamp. Runs in the same second sort by name, so `…_15-51-31-2` comes before `…_15-51-31`. Folders with any other name are listed only when they hold a result (a run given
// `--output backtests/<name>`), dated by their modification time.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { locateResult } from './readBacktestFolder';

export interface BacktestHistoryEntry {
  /** The folder name. */
  name: string;
  path: string;
  /** When the run started, in unix seconds (from the name; the folder's modification time for other names). */
  time: number;
  /** Who named the folder: the Lean CLI (date and time), the Local Platform (unix timestamp), or someone else. */
  naming: 'lean-cli' | 'local-platform' | 'other';
  /** Whether the folder holds a result file (`<id>.json` or `<id>-summary.json`). */
  hasResult: boolean;
  algorithmId: string | null;
}

// This extension's runner appends -2, -3 ... to keep two runs started in the same second apart.
const CLI_NAME = /^(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})(?:-\d+)?$/;
const TIMESTAMP_NAME = /^\d{9,13}$/;

/** The runs of a project, newest first; an empty list when it has no `backtests` folder. */
export async function listBacktests(projectDir: string): Promise<BacktestHistoryEntry[]> {
  const root = path.join(path.resolve(projectDir), 'backtests');
  let names: string[];
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  const runs = await Promise.all(names.map((name) => describeRun(root, name)));
  return runs
    .filter((run): run is BacktestHistoryEntry => run !== null)
    .sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

async function describeRun(root: string, name: string): Promise<BacktestHistoryEntry | null> {
  const dir = path.join(root, name);
  let entries: Set<string>;
  try {
    entries = new Set(await readdir(dir));
  } catch {
    return null;
  }
  const located = await locateResult(dir, entries, []);
  const fromName = timeFromName(name);
  if (!fromName && !located) return null;
  const time = fromName?.time ?? (await stat(dir)).mtimeMs / 1000;
  return { name, path: dir, time, naming: fromName?.naming ?? 'other', hasResult: located !== null, algorithmId: located?.id ?? null };
}

/** Unix seconds from a folder name in either style, or null for other names. */
export function timeFromName(name: string): { time: number; naming: BacktestHistoryEntry['naming'] } | null {
  const cli = CLI_NAME.exec(name);
  if (cli) {
    const [year, month, day, hour, minute, second] = cli.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const date = new Date(year, month - 1, day, hour, minute, second);
    return Number.isNaN(date.getTime()) ? null : { time: date.getTime() / 1000, naming: 'lean-cli' };
  }
  if (TIMESTAMP_NAME.test(name)) {
    const n = Number(name);
    return { time: name.length >= 12 ? n / 1000 : n, naming: 'local-platform' };
  }
  return null;
}
