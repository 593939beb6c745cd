// Tolerant field reading shared by the section parsers.
//
// Why zod, and only for leaves: every field is checked with a small zod schema (number, string, date,
// enum value...) so type checks and their messages come from one well-tested place instead of
// hand-written typeof chains. Objects are walked field by field rather than parsed with one z.object,
// because one bad field must cost only that field (a warning) and never the order, series or file
// around it. Chart points are the exception: there can be hundreds of thousands of them, so
// parseCharts.ts checks them by hand.
//
// Keys are looked up case-insensitively (exact match first): LEAN's camelCase files still write the
// `state` dictionary in PascalCase, and files from before May 2024 are PascalCase throughout.
import { z } from 'zod';
import type { LeanEnum, UnknownName } from './leanEnums';
import { unixSeconds } from './time';

/** Collects warnings as "<file>: <path>: <problem>". */
export class Warnings {
  readonly list: string[] = [];

  constructor(readonly file: string) {}

  add(path: string, problem: string): void {
    this.list.push(path === '' ? `${this.file}: ${problem}` : `${this.file}: ${path}: ${problem}`);
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]`, else the first key equal to `key` ignoring case. */
export function getField(obj: Json, key: string): unknown {
  if (Object.hasOwn(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** `path` plus a key, quoting dictionary keys that are not plain identifiers. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Describes a JSON value's kind for messages: "a string", "an array", "null"... */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `a ${typeof value} (${String(value)})`;
}

// Leaf schemas. Unions list the common case first: zod builds an error object for every branch that
// fails, which is most of the cost of reading a large file.
export const num = z.number();
export const int = z.number().int();
export const str = z.string();
export const bool = z.boolean();
/** A LEAN enum as the result file writes it (a number), tolerating a member name. */
export const enumNumber = z.union([z.number().int(), z.string()]);
/** A LEAN enum as the order-events file writes it (a camelCase name), tolerating a number. */
export const enumText = z.union([z.string(), z.number().int()]);
/** An ISO date-time (result files) or unix seconds (the order-events file), as unix seconds. */
export const time = z.preprocess(
  (value) => (typeof value === 'string' ? (unixSeconds(value) ?? value) : value),
  z.number({ invalid_type_error: 'expected a date and time (ISO text or unix seconds)' }),
);
/** A symbol: an object (`{value, id, permtick}`) in result files, an identifier string in the order-events file. */
export const symbol = z.union([z.record(z.unknown()), z.string()]);
export const symbolText = z.union([z.string(), z.record(z.unknown())]);
export const numberList = z.array(z.number());
export const stringList = z.array(z.string());

type Shape = Record<string, z.ZodTypeAny>;
export type Fields<S extends Shape> = { [K in keyof S]?: z.output<S[K]> };

/**
 * Reads the fields of `shape` from `obj`. Absent and null fields are left out silently (LEAN omits
 * or nulls many); a field of the wrong type is left out with a warning naming its path.
 */
export function readFields<S extends Shape>(obj: Json, shape: S, path: string, warnings: Warnings): Fields<S> {
  const out: Fields<S> = {};
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const value = getField(obj, key);
    if (value === undefined || value === null) continue;
    const parsed = (shape[key] as z.ZodTypeAny).safeParse(value);
    if (parsed.success) out[key] = parsed.data as z.output<S[typeof key]>;
    else warnings.add(childPath(path, key), `${describeIssue(parsed.error, value)}; ignored`);
  }
  return out;
}

/** One zod failure in words: what was expected (or the schema's own message) and what was found. */
function describeIssue(error: z.ZodError, value: unknown): string {
  const refinement = [error, ...error.issues.flatMap((i) => (i.code === 'invalid_union' ? i.unionErrors : []))]
    .flatMap((e) => e.issues)
    .find((i) => i.code === 'custom');
  if (refinement) return refinement.message;
  const issue = error.issues[0];
  if (issue?.code === 'invalid_type') {
    const expected = issue.message.startsWith('Expected ') ? `expected ${issue.expected}` : issue.message;
    return `${expected}, found ${kindOf(value)}`;
  }
  if (issue?.code === 'invalid_union') return `expected ${unionExpectation(issue.unionErrors)}, found ${kindOf(value)}`;
  return `${issue?.message ?? 'invalid value'} (found ${kindOf(value)})`;
}

function unionExpectation(errors: z.ZodError[]): string {
  const expected = errors.flatMap((e) => e.issues.flatMap((i) => (i.code === 'invalid_type' ? [String(i.expected)] : [])));
  return [...new Set(expected)].join(' or ') || 'another kind of value';
}

/** Optional string where LEAN writes "" for "none". */
export function text(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/**
 * A dictionary of strings as written (statistics, parameters): numbers and booleans are turned into
 * text, anything else is skipped with a warning. Keys are never recased.
 */
export function stringDictionary(value: unknown, path: string, warnings: Warnings): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined || value === null) return out;
  if (!isObject(value)) {
    warnings.add(path, `expected an object of name → value, found ${kindOf(value)}; ignored`);
    return out;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
    else if (entry !== null) warnings.add(childPath(path, key), `expected a string, found ${kindOf(entry)}; ignored`);
  }
  return out;
}

/**
 * The ticker and identifier of a symbol field: `{value, id, permtick}` in result files, a plain
 * identifier string (with `symbolValue` beside it) in the order-events file.
 */
export function symbolOf(raw: string | Json | undefined): { symbol: string | null; symbolId: string | null } {
  if (raw === undefined) return { symbol: null, symbolId: null };
  if (typeof raw === 'string') return { symbol: raw, symbolId: null };
  const value = getField(raw, 'value');
  const permtick = getField(raw, 'permtick');
  const id = getField(raw, 'id');
  const symbol = typeof value === 'string' ? value : typeof permtick === 'string' ? permtick : null;
  return { symbol, symbolId: typeof id === 'string' ? id : null };
}

/** A LEAN enum field's member name, warning when the file wrote a name LEAN does not have. */
export function enumField<N extends string>(
  lean: LeanEnum<N>,
  raw: number | string | undefined,
  path: string,
  warnings: Warnings,
): N | UnknownName {
  const { name, known } = lean.name(raw);
  if (!known && typeof raw === 'string') warnings.add(path, `${JSON.stringify(raw)} is not a LEAN ${lean.typeName}; shown as ${name}`);
  return name;
}
