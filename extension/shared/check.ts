// Small checkers for values that arrive from the other side of the webview boundary (and from saved
// webview state). Each returns the checked value or `undefined`/a fallback, never throws, and builds new
// objects, so fields nobody asked for are dropped instead of passed on.
// Why not zod (a dependency already, used for the results model in Node): in the webview bundle zod 3
// adds about 58 KiB minified (the charts are about 170 KiB), and the panel's messages are mostly long
// arrays of chart points, which a per-point object schema checks several times slower than these loops.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A string, else `fallback`. */
export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** A string, or null for anything else (null, missing, a number...). */
export function strOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A finite number, or null for anything else. */
export function numOrNull(value: unknown): number | null {
  return isFiniteNumber(value) ? value : null;
}

export function boolOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** A record of string values; non-string values are dropped. Undefined when not a record at all. */
export function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}

/**
 * The items of an array that `item` accepts, and how many it dropped. Undefined when not an array
 * at all (the caller decides whether that costs the section).
 */
export function arrayOf<T>(value: unknown, item: (raw: unknown) => T | undefined): { items: T[]; dropped: number } | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  let dropped = 0;
  for (const raw of value) {
    const checked = item(raw);
    if (checked === undefined) dropped++;
    else items.push(checked);
  }
  return { items, dropped };
}

/** Strings of an array; other items are dropped. Undefined when not an array. */
export function stringArray(value: unknown): string[] | undefined {
  return arrayOf(value, (v) => (typeof v === 'string' ? v : undefined))?.items;
}
