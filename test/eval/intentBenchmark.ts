// `npm run eval:intent`: the intent benchmark. For every prompt of intentSet.ts (our own, each with the
// request a careful reader takes from it) it reads the prompt into a request and scores each field
// against the expectation, then runs the offline generator and sorts the outcome into one of four:
//   fully right       the code does everything the prompt asks, and says nothing is missing;
//   declined          nothing was written, with a reason (bad input, or a strategy the templates lack);
//   partly disclosed  everything the code does not do of the request is named in `unfulfilled`;
//   silently wrong    some difference from the expected request is named nowhere: a misread field, or
//                     a request-conformance mismatch of the code against the EXPECTED request, that no
//                     unfulfilled sentence of the same field covers.
// It runs two sets: the development set, which the readers were built and tuned against, and a held-out
// set written blind afterwards, the fair measure of prompts the readers have not seen. It also times
// reading (median and p99 over each set). Measures; asserts nothing. Per-prompt rows go to
// test-results/intent.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkRequest } from '../../extension/core/conformance/index';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import { readRequest } from '../../extension/core/request/readRequest';
import type { RequestField, StrategyRequest } from '../../extension/core/request/types';
import { loadPythonParser } from '../../extension/core/validation/pythonParser';
import { repositoryRoot } from '../repositoryRoot';
import { expectedAsRequest } from './intentRequest';
import { INTENT_HOLDOUT } from './intentHoldout';
import { INTENT_SET, type ExpectedRequest, type IntentCase } from './intentSet';
import { asExpected, DISCLOSED_BY, SCORED_FIELDS, scoreFields, type FieldResult, type Outcome, type ScoredField } from './intentScore';

const root = repositoryRoot();
/** Timed reads of each prompt, after one untimed warm-up read. */
const READS = 10;

interface Row {
  id: string;
  /** The asset class of the instruments the prompt asks for (see assetClass). */
  assetClass: string;
  /** Whether the expectation raises a problem (bad input, an unknown ticker, a contradiction): then asking, not writing, is right. */
  asks: boolean;
  prompt: string;
  outcome: Outcome;
  fields: FieldResult;
  /** What was said: the decline, or the unfulfilled sentences. */
  said: string[];
  /** The differences named nowhere. */
  silent: string[];
  readMs: number;
  /** The request as read, in the expectation's shape, next to the expectation (for the misread fields). */
  read?: ExpectedRequest;
  expect?: ExpectedRequest;
}

/** The two sets: the one the readers were developed against, and prompts written blind after that. */
const SETS: readonly { name: string; file: string; cases: readonly IntentCase[] }[] = [
  { name: 'development set', file: 'test/eval/intentSet.ts', cases: INTENT_SET },
  { name: 'held-out set', file: 'test/eval/intentHoldout.ts', cases: INTENT_HOLDOUT },
];

async function main(): Promise<void> {
  const parser = await loadPythonParser({
    runtimeWasm: path.join(root, 'dist', 'wasm', 'web-tree-sitter.wasm'),
    pythonWasm: path.join(root, 'dist', 'wasm', 'tree-sitter-python.wasm'),
  });
  const results: Record<string, { rows: Row[]; readTimesMs: { median: number; p99: number } }> = {};
  for (const set of SETS) {
    const times: number[] = [];
    const rows: Row[] = [];
    for (const item of set.cases) {
      readRequest(item.prompt);
      let read: StrategyRequest | undefined;
      const own: number[] = [];
      for (let i = 0; i < READS; i++) {
        const started = performance.now();
        read = readRequest(item.prompt);
        own.push(performance.now() - started);
      }
      times.push(...own);
      const fields = scoreFields(item.expect, asExpected(read!));
      const misread = SCORED_FIELDS.some((f) => fields[f] === false);
      rows.push({
        ...judge(item, fields, (code, request) => mismatchFields(parser, code, request)),
        assetClass: assetClass(item.expect),
        asks: (item.expect.problems ?? []).length > 0,
        readMs: median(own),
        ...(misread ? { read: asExpected(read!), expect: item.expect } : {}),
      });
    }
    console.log(report(`${set.name}, ${rows.length} prompts (${set.file})`, rows, times));
    results[set.name] = { rows, readTimesMs: { median: median(times), p99: quantile(times, 0.99) } };
  }
  parser.dispose();
  const out = path.join(root, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'intent.json'), `${JSON.stringify(results, null, 2)}\n`);
}

function mismatchFields(
  parser: Awaited<ReturnType<typeof loadPythonParser>>,
  code: string,
  request: StrategyRequest,
): { field: RequestField; message: string }[] {
  const tree = parser.parse(code);
  try {
    return checkRequest(tree, code, request);
  } finally {
    tree.delete();
  }
}

function judge(
  item: IntentCase,
  fields: FieldResult,
  check: (code: string, request: StrategyRequest) => { field: RequestField; message: string }[],
): Omit<Row, 'readMs' | 'assetClass' | 'asks'> {
  const base = { id: item.id, prompt: item.prompt, fields };
  let generated;
  try {
    generated = generateOffline(item.prompt);
  } catch (error) {
    if (!isOfflineDeclined(error)) throw error;
    return { ...base, outcome: 'declined', said: [error.message], silent: [] };
  }
  const disclosed = new Set<RequestField>(generated.gaps.flatMap((g) => [g.field, ...(g.also ?? [])]));
  const silent: string[] = [];
  for (const field of SCORED_FIELDS) {
    if (fields[field] === false && !DISCLOSED_BY[field].some((f) => disclosed.has(f))) silent.push(`misread ${field}`);
  }
  for (const m of check(generated.code, expectedAsRequest(item))) {
    const field = m.field as ScoredField;
    if (!(DISCLOSED_BY[field] ?? [m.field]).some((f) => disclosed.has(f))) silent.push(`code (${m.field}): ${m.message}`);
  }
  const outcome: Outcome = silent.length > 0 ? 'silently wrong' : generated.unfulfilled.length > 0 ? 'partly disclosed' : 'fully right';
  return { ...base, outcome, said: generated.unfulfilled, silent };
}

/** The asset class of a prompt: options when any option is traded, else the one security type (equities and ETFs together), mixed, or none. */
function assetClass(expect: ExpectedRequest): string {
  const types = new Set(expect.instruments.map((i) => (i.type === 'etf' || i.type === 'equity' ? 'equity/ETF' : i.type)));
  if (types.has('option')) return 'option';
  if (types.size === 0) return expect.universe ? 'equity/ETF' : 'none';
  return types.size === 1 ? [...types][0]! : 'mixed';
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Outcomes by asset class. "Right" is fully right for a prompt that can be written, and declined or
 * disclosed (asked) for one whose expectation raises a problem: there the reader must ask, not write.
 */
function classTable(rows: Row[]): string[] {
  const classes = [...new Set(rows.map((r) => r.assetClass))].sort();
  const right = (r: Row) => (r.asks ? r.outcome === 'declined' || r.outcome === 'partly disclosed' : r.outcome === 'fully right');
  const lines = [
    '| Asset class | Prompts | Fully right | Declined | Partly disclosed | Silently wrong | Right |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (name: string, group: Row[]) => {
    const n = (o: Outcome) => group.filter((r) => r.outcome === o).length;
    const ok = group.filter(right).length;
    lines.push(
      `| ${name} | ${group.length} | ${n('fully right')} | ${n('declined')} | ${n('partly disclosed')} | ${n('silently wrong')} | ${ok} (${pct(ok, group.length)}) |`,
    );
  };
  for (const name of classes)
    row(
      name,
      rows.filter((r) => r.assetClass === name),
    );
  row('all', rows);
  const writable = rows.filter((r) => !r.asks);
  const full = writable.filter((r) => r.outcome === 'fully right').length;
  lines.push('', `Fully right among the ${writable.length} prompts that raise no problem: ${full} (${pct(full, writable.length)}).`);
  return lines;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}

function report(title: string, rows: Row[], times: number[]): string {
  const lines: string[] = [];
  lines.push(`Intent benchmark, ${title}`, '');
  lines.push('| Field | Scored | Right | Accuracy |', '| --- | ---: | ---: | ---: |');
  for (const field of SCORED_FIELDS) {
    const scored = rows.filter((r) => r.fields[field] !== undefined);
    const right = scored.filter((r) => r.fields[field] === true).length;
    lines.push(`| ${field} | ${scored.length} | ${right} | ${pct(right, scored.length)} |`);
  }
  const all = rows.filter((r) => SCORED_FIELDS.every((f) => r.fields[f] !== false)).length;
  lines.push(`| every field of the prompt | ${rows.length} | ${all} | ${pct(all, rows.length)} |`, '');
  lines.push('| Outcome (offline generator) | Prompts | Share |', '| --- | ---: | ---: |');
  for (const outcome of ['fully right', 'declined', 'partly disclosed', 'silently wrong'] as const) {
    const n = rows.filter((r) => r.outcome === outcome).length;
    lines.push(`| ${outcome} | ${n} | ${pct(n, rows.length)} |`);
  }
  lines.push('', ...classTable(rows));
  lines.push(
    '',
    `Reading a prompt: median ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms over ${times.length} reads (goal: median ≤ 5 ms, p99 ≤ 20 ms).`,
  );
  const silent = rows.filter((r) => r.outcome === 'silently wrong');
  if (silent.length) {
    lines.push('', 'Silently wrong:');
    for (const row of silent) lines.push(`- ${row.id}: ${row.silent.join('; ')}`);
  }
  if (process.env['LEAN_AUTHOR_INTENT_VERBOSE'])
    for (const field of SCORED_FIELDS) {
      const misread = rows.filter((r) => r.fields[field] === false).map((r) => r.id);
      if (misread.length) lines.push(`misread ${field}: ${misread.join(', ')}`);
    }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
