// Helpers that turn values into Python source and assemble the module every template shares: the
// imports region, the class with its docstring, and the methods. Output is deterministic and uses
// 4-space indentation throughout.
import type { DateTriple, Resolution, StrategySpec } from './types';

const INDENT = '    ';
/** Lines are wrapped before this column where the template has a choice (lists, docstrings). */
export const MAX_LINE = 100;

/** A Python number literal: integers as such, other values with at most 6 decimals. */
export function num(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(6)));
}

/** A Python float literal (`2.0`, `0.5`), for parameters that are decimals in LEAN. */
export function float(value: number): string {
  const text = num(value);
  return text.includes('.') ? text : `${text}.0`;
}

/** A double-quoted Python string literal. */
export function str(value: string): string {
  return JSON.stringify(value);
}

export function resolution(value: Resolution): string {
  return `Resolution.${value}`;
}

/** `value` rounded for prose: 0.05 → "5%". */
export function percent(fraction: number): string {
  return `${num(Number((fraction * 100).toFixed(4)))}%`;
}

export function isoDate([y, m, d]: DateTriple): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function money(cash: number): string {
  return `$${cash.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

/** Tickers for a docstring summary: named up to four, counted beyond. */
export function tickerWords(tickers: readonly string[]): string {
  return tickers.length <= 4 ? listWords(tickers) : `${tickers.length} tickers`;
}

/** "AAPL", "AAPL and MSFT", "AAPL, MSFT and NVDA". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Indents each non-empty line by `levels` steps. */
export function indent(lines: readonly string[], levels = 1): string[] {
  const pad = INDENT.repeat(levels);
  return lines.map((line) => (line ? pad + line : line));
}

/** `if cond:` followed by its indented body. */
export function block(head: string, body: readonly string[]): string[] {
  return [head, ...indent(body)];
}

/**
 * `prefix[...]suffix` on one line when it fits at `level`, otherwise with the items packed on
 * continuation lines one step deeper, as black does for long literals.
 */
export function wrapList(prefix: string, items: readonly string[], suffix: string, level: number): string[] {
  const oneLine = `${prefix}[${items.join(', ')}]${suffix}`;
  if (INDENT.length * level + oneLine.length <= MAX_LINE) return [oneLine];
  const width = MAX_LINE - INDENT.length * (level + 1);
  const rows: string[] = [];
  let row = '';
  for (const item of items) {
    const next = row ? `${row} ${item},` : `${item},`;
    if (row && next.length > width) {
      rows.push(row);
      row = `${item},`;
    } else row = next;
  }
  if (row) rows.push(row);
  return [`${prefix}[`, ...indent(rows), `]${suffix}`];
}

/** Greedy word wrap of prose to `width` columns. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Text safe inside a triple-quoted docstring: backslashes and triple quotes escaped. */
function escapeDoc(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}

/**
 * A class docstring: the summary line, then paragraphs wrapped to fit inside the class body.
 * Triple quotes and backslashes in the text are escaped so the docstring always parses.
 */
export function docstring(summary: string, paragraphs: readonly string[]): string[] {
  const clean = escapeDoc;
  const width = MAX_LINE - INDENT.length;
  if (paragraphs.length === 0) return [`"""${clean(summary)}"""`];
  const lines = [`"""${clean(summary)}`];
  for (const paragraph of paragraphs) lines.push('', ...wrapText(clean(paragraph), width));
  lines.push('"""');
  return lines;
}

/**
 * A method docstring (inside a class method): the summary on one line, and when there is more to say,
 * a blank line and the detail wrapped below it, as PEP 257 lays them out.
 */
export function methodDoc(summary: string, detail?: string): string[] {
  if (detail === undefined) return [`"""${escapeDoc(summary)}"""`];
  return [`"""${escapeDoc(summary)}`, '', ...wrapText(escapeDoc(detail), MAX_LINE - INDENT.length * 2), '"""'];
}

/** The calls every algorithm makes first in initialize. */
export function setupLines(spec: StrategySpec): string[] {
  const [sy, sm, sd] = spec.startDate;
  const [ey, em, ed] = spec.endDate;
  return [`self.set_start_date(${sy}, ${sm}, ${sd})`, `self.set_end_date(${ey}, ${em}, ${ed})`, `self.set_cash(${num(spec.cash)})`];
}

/** The sentence on data, period and cash that closes every docstring's description. */
export function backtestSentence(spec: StrategySpec): string {
  const bars = { MINUTE: 'Minute', HOUR: 'Hourly', DAILY: 'Daily' }[spec.resolution];
  return `${bars} bars from ${isoDate(spec.startDate)} to ${isoDate(spec.endDate)}, starting with ${money(spec.cash)}.`;
}

export interface Method {
  /** The `def` line without indentation, e.g. `def on_data(self, data: Slice):`. */
  signature: string;
  body: string[];
}

/** The whole module: imports region, class, docstring, methods separated by blank lines. */
export function renderModule(className: string, doc: readonly string[], methods: readonly Method[]): string {
  const lines = ['# region imports', 'from AlgorithmImports import *', '# endregion', '', '', `class ${className}(QCAlgorithm):`];
  lines.push(...indent(doc));
  for (const method of methods) {
    lines.push('', ...indent([method.signature, ...indent(method.body)]));
  }
  return `${lines.join('\n')}\n`;
}

/** "sma-crossover" or "my strategy" → "SmaCrossover" / "MyStrategy". */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
