// LEAN writes statistics as display text: "2.200%", "$3.44", "-0.5", "$98,118.51", "-$357.22",
// "$-1,728.37" and "-1.88 %" (runtime statistics), "$3400000.00". Statistic cards and the compare view
// need numbers: these helpers read the number and its unit and leave text that is not a number
// ("SPY R735QTJ8XC9X", "") as null.

export interface StatisticNumber {
  value: number;
  /** '%' for percentages, the currency symbol for money ('$', '€', ...), '' for plain numbers. */
  unit: string;
}

const SCALE: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

// sign, currency symbol, sign, digits (thousands separated by commas or not), exponent, K/M/B/T, %.
const PATTERN = /^([-+])?\s*(\p{Sc})?\s*([-+])?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*([kKMBT])?\s*(%)?$/u;

/** The number in a statistic's text, or null when the text is not a number. Numbers pass through. */
export function parseStatisticValue(text: string | number | null | undefined): StatisticNumber | null {
  if (typeof text === 'number') return Number.isFinite(text) ? { value: text, unit: '' } : null;
  if (typeof text !== 'string') return null;
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign1, currency, sign2, digits = '', exponent = '', scale, percent] = match;
  const negative = (sign1 === '-') !== (sign2 === '-');
  const magnitude = Number(digits.replaceAll(',', '') + exponent) * (scale ? (SCALE[scale] ?? 1) : 1);
  if (!Number.isFinite(magnitude)) return null;
  const value = negative ? -magnitude : magnitude;
  return { value: value === 0 ? 0 : value, unit: percent ? '%' : (currency ?? '') };
}

/** The statistics that are numbers, by name (e.g. for the compare view); the others are left out. */
export function numericStatistics(statistics: Record<string, string | number>): Record<string, StatisticNumber> {
  const out: Record<string, StatisticNumber> = {};
  for (const [name, text] of Object.entries(statistics)) {
    const parsed = parseStatisticValue(text);
    if (parsed) out[name] = parsed;
  }
  return out;
}
