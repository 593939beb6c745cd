// Numbers as prompts write them, shared by the request's readers: plain and grouped digits, number
// words, amounts with a scale ("$25k", "1.5 million"), and percents or basis points as fractions.

/** A number in digits, with optional thousands groups and decimals ("25", "1,000,000", "0.5", ".5"). */
export const DIGITS = '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)';

const WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
};

/** A number in digits or as a word ("two", "ten"). */
export const NUMBER = `(?:${DIGITS}|${Object.keys(WORDS).join('|')})`;

/** The value of a NUMBER match; undefined for anything else. */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const word = WORDS[text.toLowerCase()];
  if (word !== undefined) return word;
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

const SCALES: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/** A scale word after an amount ("k", "million"). */
export const SCALE = `(?:${Object.keys(SCALES).join('|')})`;

/** `amount` times its scale word ("25" and "k" → 25,000). */
export function scaled(amount: string, scale: string | undefined): number | undefined {
  const value = toNumber(amount);
  if (value === undefined) return undefined;
  return scale ? value * (SCALES[scale.toLowerCase()] ?? 1) : value;
}

/** "5" with unit "%" → 0.05; with "bps" → 0.0005; anything else undefined. */
export function fractionOf(amount: string, unit: string): number | undefined {
  const value = toNumber(amount);
  if (value === undefined) return undefined;
  const u = unit.trim().toLowerCase();
  if (u === '%' || u === 'percent' || u === 'pct' || u === 'per cent') return round(value / 100);
  if (u === 'bps' || u === 'bp' || u === 'basis points' || u === 'basis point') return round(value / 10_000);
  return undefined;
}

/** Rounded to 10 significant decimals, so 7 / 100 is 0.07 and not 0.07000000000000001. */
export function round(value: number): number {
  return Number(value.toPrecision(10));
}
