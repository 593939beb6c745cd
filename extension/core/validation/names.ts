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

/** The closest candidate within a small edit distance, or undefined. Case-insensitive matches win. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Damerau-Levenshtein (adjacent transpositions count 1), giving up once the distance exceeds `cap`. */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return rowMin;
    prev2 = prev;
    prev = current;
  }
  return prev[cols - 1]!;
}
