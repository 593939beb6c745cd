// Reading a backtest output folder as the Lean CLI leaves it (`<project>/backtests/<run>/`):
//   <id>.json                the full result (required unless the summary is there)
//   <id>-summary.json        state, statistics, sampled equity (fills gaps in the full result)
//   <id>-order-events.json   every order event
//   <id>-log.txt             the algorithm's own log lines
//   log.txt                  the engine log (only its path is reported: it is large and rarely needed)
//   config                   JSON written by the CLI: {"id": <algorithm id>, "container": ...}
// The main file must parse; a broken secondary file costs only its part, with a warning.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BacktestResultsError } from './errors';
import { getField, isObject } from './fields';
import { parseJsonText } from './jsonText';
import { parseOrderEventsText } from './parseOrderEvents';
import { keySeries, parseBacktestResultText } from './parseResult';
import type { BacktestResults, ParsedBacktest } from './types';

export interface BacktestFiles {
  dir: string;
  /** Absolute paths of the files that were found (and read, except the engine log); null when absent. */
  result: string | null;
  summary: string | null;
  orderEvents: string | null;
  log: string | null;
  engineLog: string | null;
  config: string | null;
}

export interface BacktestFolder {
  results: BacktestResults;
  files: BacktestFiles;
  warnings: string[];
}

/** Reads one result file (e.g. an old `result.json`); messages name it as "<folder>/<file>". */
export async function readBacktestResultFile(filePath: string): Promise<ParsedBacktest> {
  const file = displayName(filePath);
  return parseBacktestResultText(await readText(filePath, file), { file });
}

/**
 * Reads a backtest output folder into one model. Throws BacktestResultsError when the folder cannot be
 * listed, holds no result file, or its main result file is unreadable, cut off or not JSON.
 */
export async function readBacktestFolder(dir: string): Promise<BacktestFolder> {
  const absolute = path.resolve(dir);
  const folder = path.basename(absolute);
  const entries = await listNames(absolute, folder);
  const warnings: string[] = [];
  const located = await locateResult(absolute, entries, warnings);
  if (!located) {
    throw new BacktestResultsError(folder, 'holds no LEAN result file (<algorithm id>.json or <algorithm id>-summary.json)');
  }
  const { id } = located;
  const at = (name: string): string | null => (entries.has(name) ? path.join(absolute, name) : null);
  const files: BacktestFiles = {
    dir: absolute,
    result: at(`${id}.json`),
    summary: at(`${id}-summary.json`),
    orderEvents: at(`${id}-order-events.json`),
    log: at(`${id}-log.txt`),
    engineLog: at('log.txt'),
    config: at('config'),
  };
  const name = (file: string): string => `${folder}/${path.basename(file)}`;

  let main: ParsedBacktest | null = null;
  if (files.result) {
    main = parseBacktestResultText(await readText(files.result, name(files.result)), { file: name(files.result), algorithmId: id });
  }

  let summary: ParsedBacktest | null = null;
  if (files.summary) {
    try {
      summary = parseBacktestResultText(await readText(files.summary, name(files.summary)), { file: name(files.summary), algorithmId: id });
    } catch (error) {
      if (!main || !(error instanceof BacktestResultsError)) throw error;
      warnings.push(`${error.message}; its contents were not used`);
    }
  }

  let results: BacktestResults;
  if (main) {
    warnings.push(...main.warnings);
    results = summary ? fillFromSummary(main.results, summary.results) : main.results;
  } else if (summary) {
    warnings.push(...summary.warnings);
    warnings.push(`${folder}: ${id}.json is missing, so only the summary was read (sampled equity, no orders)`);
    results = summary.results;
  } else {
    throw new BacktestResultsError(folder, `holds no LEAN result file (${id}.json)`);
  }

  if (files.orderEvents) {
    try {
      const parsed = parseOrderEventsText(await readText(files.orderEvents, name(files.orderEvents)), name(files.orderEvents));
      results.orderEvents = parsed.orderEvents;
      warnings.push(...parsed.warnings);
    } catch (error) {
      if (!(error instanceof BacktestResultsError)) throw error;
      warnings.push(`${error.message}; order events were not read`);
    }
  }

  if (files.log) {
    try {
      results.logs = splitLines(await readText(files.log, name(files.log)));
    } catch (error) {
      if (!(error instanceof BacktestResultsError)) throw error;
      warnings.push(`${error.message}; log lines were not read`);
    }
  }
  return { results, files, warnings };
}

/**
 * The algorithm id whose `<id>.json` (or, failing that, `<id>-summary.json`) this folder holds: the
 * id in the CLI's `config` file when that file exists, else the single `<digits>.json`. With several
 * candidates the most recently written wins, with a warning.
 */
export async function locateResult(dir: string, entries: Set<string>, warnings: string[]): Promise<{ id: string } | null> {
  const folder = path.basename(dir);
  const configId = entries.has('config') ? await readConfigId(path.join(dir, 'config'), `${folder}/config`, warnings) : null;
  if (configId !== null && (entries.has(`${configId}.json`) || entries.has(`${configId}-summary.json`))) return { id: configId };
  for (const [pattern, suffix] of [
    [/^(\d+)\.json$/, '.json'],
    [/^(\d+)-summary\.json$/, '-summary.json'],
  ] as const) {
    const ids = [...entries].flatMap((name) => pattern.exec(name)?.[1] ?? []).sort();
    if (ids.length === 0) continue;
    if (configId !== null) warnings.push(`${folder}/config names algorithm ${configId}, but ${configId}.json is not in the folder`);
    if (ids.length === 1) return { id: ids[0] as string };
    const newest = await newestId(dir, ids, suffix);
    warnings.push(`${folder} holds results of ${ids.length} algorithms (${ids.join(', ')}); read the newest, ${newest}`);
    return { id: newest };
  }
  return null;
}

async function readConfigId(file: string, name: string, warnings: string[]): Promise<string | null> {
  try {
    const config = parseJsonText(await readFile(file, 'utf8'), name);
    const id = isObject(config) ? (getField(config, 'id') ?? getField(config, 'algorithm-id')) : undefined;
    if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return String(id);
    warnings.push(`${name} holds no algorithm id`);
  } catch (error) {
    warnings.push(error instanceof BacktestResultsError ? error.message : `${name} could not be read (${errorCode(error)})`);
  }
  return null;
}

async function newestId(dir: string, ids: string[], suffix: string): Promise<string> {
  const times = await Promise.all(ids.map(async (id) => (await stat(path.join(dir, `${id}${suffix}`)).catch(() => null))?.mtimeMs ?? 0));
  let best = 0;
  times.forEach((t, i) => {
    if (t > (times[best] ?? 0)) best = i;
  });
  return ids[best] as string;
}

/** Fills what the full result lacks from the summary (the full result wins wherever it has data). */
function fillFromSummary(main: BacktestResults, summary: BacktestResults): BacktestResults {
  const charts = { ...main.charts };
  for (const [key, chart] of Object.entries(summary.charts)) charts[key] ??= chart;
  return {
    ...main,
    state: main.state ?? summary.state,
    statistics: Object.keys(main.statistics).length > 0 ? main.statistics : summary.statistics,
    runtimeStatistics: Object.keys(main.runtimeStatistics).length > 0 ? main.runtimeStatistics : summary.runtimeStatistics,
    charts,
    ...keySeries(charts),
    totalPerformance: main.totalPerformance ?? summary.totalPerformance,
    algorithmConfiguration: main.algorithmConfiguration ?? summary.algorithmConfiguration,
  };
}

export async function listNames(dir: string, name: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(dir));
  } catch (error) {
    throw new BacktestResultsError(name, `could not be listed (${errorCode(error)})`);
  }
}

async function readText(file: string, name: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new BacktestResultsError(name, `could not be read (${errorCode(error)})`);
  }
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function displayName(filePath: string): string {
  const absolute = path.resolve(filePath);
  return `${path.basename(path.dirname(absolute))}/${path.basename(absolute)}`;
}

function errorCode(error: unknown): string {
  if (isObject(error) && typeof error['code'] === 'string') return error['code'];
  return error instanceof Error ? error.message : String(error);
}
