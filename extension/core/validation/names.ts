// Name helpers shared by the LEAN rules: PascalCase to LEAN's snake_case, and "did you mean".

/** `SetStartDate` → `set_start_date`, `EMA` → `ema`, `IsWarmingUp` → `is_warming_up`, as LEAN's PEP8 API names them. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `Minute` → `MINUTE`, `MarketOnOpen` → `MARKET_ON_OPEN`: enum members in the PEP8 API. */
export function toUpperSnakeCase(name: string): string {
  return toSnakeCase(name).toUpperCase();
}

export function isPascalCase(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(name) || /^[A-Z]{2,}[0-9]*$/.test(name);
}

/** How far a suggestion may be from what was typed, by the length of what was typed. */
function limitFor(name: string): number {
  return name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
}

/** The closest candidate within a small edit distance, or undefined. Case-insensitive matches win. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const search = new Suggestion(name);
  for (const candidate of candidates) search.consider(candidate, candidate.toLowerCase());
  return search.best();
}

/**
 * A large, fixed set of names (the LEAN API, AlgorithmImports, builtins) indexed by length, so that
 * a suggestion looks only at names of about the right length: a typo stays cheap to explain.
 */
export class NameIndex {
  private readonly byLength = new Map<number, { name: string; lower: string }[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const bucket = this.byLength.get(name.length) ?? [];
      bucket.push({ name, lower: name.toLowerCase() });
      this.byLength.set(name.length, bucket);
    }
  }

  /** The closest name in the index or in `extra` (small sets, such as the file's own names). */
  suggest(name: string, extra: Iterable<string> = []): string | undefined {
    const search = new Suggestion(name);
    const limit = limitFor(name);
    for (let length = name.length - limit; length <= name.length + limit; length++) {
      for (const entry of this.byLength.get(length) ?? []) search.consider(entry.name, entry.lower);
    }
    for (const candidate of extra) search.consider(candidate, candidate.toLowerCase());
    return search.best();
  }
}

class Suggestion {
  private readonly lower: string;
  private readonly limit: number;
  private bestName: string | undefined;
  private bestDistance: number;

  constructor(private readonly name: string) {
    this.lower = name.toLowerCase();
    this.limit = limitFor(name);
    this.bestDistance = this.limit + 1;
  }

  consider(candidate: string, lower: string): void {
    if (candidate === this.name || Math.abs(candidate.length - this.name.length) > this.limit) return;
    const distance = lower === this.lower ? 0 : editDistance(this.lower, lower, this.bestDistance);
    if (distance < this.bestDistance || (distance === this.bestDistance && this.bestName !== undefined && candidate < this.bestName)) {
      this.bestName = candidate;
      this.bestDistance = distance;
    }
  }

  best(): string | undefined {
    return this.bestDistance <= this.limit ? this.bestName : undefined;
  }
}

// Three reused rows: suggestions compare thousands of names, and allocating rows for each was most of the cost.
let rowBuffers = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau-Levenshtein (adjacent transpositions count 1), giving up once the distance exceeds `cap`. */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  const cols = b.length + 1;
  if (rowBuffers[0]!.length < cols) rowBuffers = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  let [prev2, prev, current] = rowBuffers as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, prev2[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > cap) return rowMin;
    [prev2, prev, current] = [prev, current, prev2];
  }
  return prev[cols - 1]!;
}
