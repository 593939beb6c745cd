// One LEAN result file (`<id>.json`, `<id>-summary.json`, or an old PascalCase `result.json`) → the model.
// Required: a JSON object, nothing more; a file that is not one throws BacktestResultsError. Every
// section is optional and read on its own; a section, chart, series, order or field of the wrong type
// is skipped with a warning, so one bad value never costs the whole backtest. Not read (no consumer yet):
// rollingWindow (per-period copies of totalPerformance), serverStatistics, analysis, alphaRuntimeStatistics.
import { z } from 'zod';
import { BacktestResultsError } from './errors';
import { AccountType } from './leanEnums';
import {
  childPath,
  enumField,
  enumNumber,
  getField,
  int,
  isObject,
  kindOf,
  readFields,
  str,
  stringDictionary,
  stringList,
  text,
  time,
  Warnings,
  type Json,
} from './fields';
import { parseJsonText } from './jsonText';
import { parseCharts } from './parseCharts';
import { parseOrderEvents } from './parseOrderEvents';
import { parseOrders } from './parseOrders';
import { parseTotalPerformance } from './parsePerformance';
import { unixSeconds } from './time';
import type {
  AlgorithmConfiguration,
  BacktestResults,
  BacktestState,
  Chart,
  ParsedBacktest,
  ResultFormat,
  Series,
  ValuePoint,
} from './types';

/** Top-level keys of LEAN's Result/BacktestResultPacket (lower case), to recognise a result file and its casing. */
const SECTIONS = new Set([
  'charts',
  'orders',
  'orderevents',
  'profitloss',
  'statistics',
  'runtimestatistics',
  'state',
  'rollingwindow',
  'totalperformance',
  'algorithmconfiguration',
  'alpharuntimestatistics',
  'serverstatistics',
  'analysis',
]);

export interface ParseOptions {
  /** How messages name the file, e.g. "sma-crossover/1186467672.json". */
  file?: string;
  /** Recorded in the model; readBacktestFolder passes the result file's id. */
  algorithmId?: string | null;
}

/** Parses an already-decoded result file. Throws BacktestResultsError only when `json` is not an object. */
export function parseBacktestResult(json: unknown, options: ParseOptions = {}): ParsedBacktest {
  const file = options.file ?? 'backtest result';
  if (!isObject(json)) {
    throw new BacktestResultsError(file, `is not a LEAN backtest result (expected a JSON object at the top level, found ${kindOf(json)})`);
  }
  const warnings = new Warnings(file);
  const known = Object.keys(json).filter((key) => SECTIONS.has(key.toLowerCase()));
  if (known.length === 0) warnings.add('', 'holds none of the sections of a LEAN result (charts, orders, statistics, state, ...)');
  const format: ResultFormat = known.some((key) => /^[A-Z]/.test(key)) ? 'PascalCase' : 'camelCase';

  const charts = parseCharts(getField(json, 'charts'), 'charts', warnings);
  const results: BacktestResults = {
    format,
    algorithmId: options.algorithmId ?? null,
    state: parseState(getField(json, 'state'), 'state', warnings),
    statistics: stringDictionary(getField(json, 'statistics'), 'statistics', warnings),
    runtimeStatistics: stringDictionary(getField(json, 'runtimeStatistics'), 'runtimeStatistics', warnings),
    charts,
    ...keySeries(charts),
    orders: parseOrders(getField(json, 'orders'), 'orders', warnings),
    orderEvents: parseOrderEvents(getField(json, 'orderEvents'), 'orderEvents', warnings),
    profitLoss: parseProfitLoss(getField(json, 'profitLoss'), 'profitLoss', warnings),
    totalPerformance: parseTotalPerformance(getField(json, 'totalPerformance'), 'totalPerformance', warnings),
    algorithmConfiguration: parseAlgorithmConfiguration(getField(json, 'algorithmConfiguration'), 'algorithmConfiguration', warnings),
    logs: [],
  };
  return { results, warnings: warnings.list };
}

/** Parses the text of a result file named `file`; throws BacktestResultsError when it is empty, cut off or not JSON. */
export function parseBacktestResultText(text: string, options: ParseOptions = {}): ParsedBacktest {
  return parseBacktestResult(parseJsonText(text, options.file ?? 'backtest result'), options);
}

/** The series the panel shows first, looked up by LEAN's built-in chart and series names. */
export function keySeries(charts: Record<string, Chart>): Pick<BacktestResults, 'equity' | 'benchmark' | 'drawdown' | 'exposure'> {
  const pick = (chart: string, series: string): Series | null => {
    const all = charts[chart]?.series;
    return all ? (all[series] ?? Object.values(all)[0] ?? null) : null;
  };
  return {
    equity: charts['Strategy Equity']?.series['Equity'] ?? null,
    benchmark: pick('Benchmark', 'Benchmark'),
    drawdown: pick('Drawdown', 'Equity Drawdown'),
    exposure: Object.values(charts['Exposure']?.series ?? {}),
  };
}

// LEAN writes the state dictionary's counts as strings ("332").
const count = z.union([
  z.number().int(),
  z.string().transform((text, ctx) => {
    if (!/^\d+$/.test(text)) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not a whole number` });
    return Number(text);
  }),
]);
const stateFields = {
  status: str,
  runtimeError: str,
  stackTrace: str,
  startTime: time,
  endTime: time,
  name: str,
  hostname: str,
  logCount: count,
  orderCount: count,
  insightCount: count,
};

function parseState(value: unknown, path: string, warnings: Warnings): BacktestState | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    warnings.add(path, `expected an object, found ${kindOf(value)}; ignored`);
    return null;
  }
  // "" means "not set" throughout this dictionary (RuntimeError, StackTrace, and times before the run ends).
  const set: Json = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ''));
  const f = readFields(set, stateFields, path, warnings);
  return {
    status: text(f.status),
    runtimeError: text(f.runtimeError),
    stackTrace: text(f.stackTrace),
    startTime: f.startTime ?? null,
    endTime: f.endTime ?? null,
    name: text(f.name),
    hostname: text(f.hostname),
    logCount: f.logCount ?? null,
    orderCount: f.orderCount ?? null,
    insightCount: f.insightCount ?? null,
  };
}

/** `profitLoss`: ISO closing time → realised profit, as points sorted by time. */
function parseProfitLoss(value: unknown, path: string, warnings: Warnings): ValuePoint[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) {
    warnings.add(path, `expected an object of time → profit, found ${kindOf(value)}; ignored`);
    return [];
  }
  const points: ValuePoint[] = [];
  for (const [key, entry] of Object.entries(value)) {
    const seconds = unixSeconds(key);
    if (seconds === null || typeof entry !== 'number') {
      warnings.add(childPath(path, key), `expected a date → number entry, found ${kindOf(entry)}; ignored`);
      continue;
    }
    points.push({ time: seconds, value: entry });
  }
  return points.sort((a, b) => a.time - b.time);
}

const configurationFields = {
  name: str,
  accountCurrency: str,
  brokerage: int,
  accountType: enumNumber,
  startDate: time,
  endDate: time,
  tradingDaysPerYear: int,
  tags: stringList,
};

function parseAlgorithmConfiguration(value: unknown, path: string, warnings: Warnings): AlgorithmConfiguration | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    warnings.add(path, `expected an object, found ${kindOf(value)}; ignored`);
    return null;
  }
  const f = readFields(value, configurationFields, path, warnings);
  return {
    name: text(f.name),
    accountCurrency: text(f.accountCurrency),
    brokerage: f.brokerage ?? null,
    accountType: f.accountType === undefined ? null : enumField(AccountType, f.accountType, childPath(path, 'accountType'), warnings),
    parameters: stringDictionary(getField(value, 'parameters'), childPath(path, 'parameters'), warnings),
    startDate: f.startDate ?? null,
    endDate: f.endDate ?? null,
    tradingDaysPerYear: f.tradingDaysPerYear ?? null,
    tags: f.tags ?? [],
  };
}
