// Display text for numbers and times, shared by the HTML and Markdown reports and the panel. Fixed to
// en-US and UTC so that a report reads the same on every machine (LEAN's own times are UTC).
import { parseStatisticValue } from './statisticValue';

const MONEY_SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹', AUD: 'A$', CAD: 'C$', HKD: 'HK$' };

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An en-US number format, made once per set of digits: `toLocaleString` builds a new formatter on every
 * call, which the panel's chart axes and legends (thousands of calls) cannot afford. Same output.
 */
function digitsFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits });
    formats.set(key, format);
  }
  return format;
}

/** "2023-01-31" for unix seconds; "–" when unknown. */
export function formatDate(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** "2023-01-31 15:43:00" (UTC) for unix seconds; "–" when unknown. */
export function formatDateTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** "1,234.5678" with at most `maxDigits` decimals; "–" when unknown. */
export function formatNumber(value: number | null | undefined, maxDigits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return digitsFormat(0, maxDigits).format(value);
}

/** "$98,118.51", "-$357.22", "98,118.51 CHF"; "–" when unknown. */
export function formatMoney(value: number | null | undefined, currency: string | null = 'USD'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const digits = digitsFormat(2, 2).format(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  const symbol = MONEY_SYMBOLS[currency ?? 'USD'];
  return symbol ? `${sign}${symbol}${digits}` : `${sign}${digits}${currency ? ` ${currency}` : ''}`;
}

/** Money from a million up in short form; amounts below it keep every digit. */
const SHORT_MONEY = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
] as const;

/**
 * A money amount with a currency symbol, readable at any size: "$357.22", "$98,118.51" (grouped, with
 * `decimals` decimals), and from a million up "$3.4M", "$26.6M", "-$1.25B" (at most two decimals).
 * `plus` writes "+" before positive amounts (differences).
 */
export function formatMoneyAmount(value: number, symbol: string, decimals = 2, plus = false): string {
  const magnitude = Math.abs(value);
  const short = SHORT_MONEY.find(([limit]) => magnitude >= limit);
  const digits = short
    ? `${digitsFormat(0, 2).format(magnitude / short[0])}${short[1]}`
    : digitsFormat(decimals, decimals).format(magnitude);
  const zero = Number(digits.replace(/[^\d.]/g, '')) === 0;
  const sign = zero ? '' : value < 0 ? '-' : plus ? '+' : '';
  return `${sign}${symbol}${digits}`;
}

/** Statistics LEAN writes as plain numbers ("98118.51") that are money in the account currency. */
const MONEY_STATISTICS: ReadonlySet<string> = new Set(['Start Equity', 'End Equity']);

/** Whether a statistic is money: LEAN wrote a currency symbol, or it is one of the plain-number equities. */
export function isMoneyStatistic(name: string, unit: string): boolean {
  return (unit !== '' && unit !== '%') || (unit === '' && MONEY_STATISTICS.has(name));
}

/**
 * A LEAN statistic for display (cards, statistics tables, the compare view, the reports). Money reads
 * as money: "$3400000.00" → "$3.4M", "$-1,728.37" → "-$1,728.37", End Equity "98118.51" → "98,118.51"
 * (no symbol where LEAN wrote none); amounts below a million keep LEAN's decimals, so they stay exact.
 * Everything else (percentages, ratios, counts, "SPY R735QTJ8XC9X") is shown as LEAN wrote it. The
 * results model and the JSON report always keep LEAN's own text.
 */
export function formatStatistic(name: string, text: string): string {
  const parsed = parseStatisticValue(text);
  if (!parsed || !isMoneyStatistic(name, parsed.unit)) return text;
  return formatMoneyAmount(parsed.value, parsed.unit, decimalsIn(text));
}

/** How many decimals a number's text has ("$3400000.00" → 2), at most 6. */
export function decimalsIn(text: string | null | undefined): number {
  const match = /\.(\d+)/.exec(text ?? '');
  return match ? Math.min((match[1] as string).length, 6) : 0;
}

/** Axis labels: "$98.1k", "$1.2M", "-3.1%", short and with a stable number of digits per axis. */
export function formatAxisValue(value: number, unit: string, step: number): string {
  const magnitude = Math.abs(value);
  let scaled = value;
  let suffix = '';
  let stepScaled = step;
  for (const [limit, letter] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (magnitude >= limit && step >= limit / 100) {
      scaled = value / limit;
      stepScaled = step / limit;
      suffix = letter;
      break;
    }
  }
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(stepScaled) + 1e-9)));
  const text = digitsFormat(decimals, decimals).format(Math.abs(scaled));
  const sign = value < 0 && Number(text.replaceAll(',', '')) !== 0 ? '-' : '';
  if (unit === '%') return `${sign}${text}${suffix}%`;
  return `${sign}${unit}${text}${suffix}`;
}

/** "3d 21:31:00", "00:28:00" from seconds; "–" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const total = Math.round(Math.abs(seconds));
  const days = Math.floor(total / 86_400);
  const rest = total % 86_400;
  const clock = [Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return `${seconds < 0 ? '-' : ''}${days > 0 ? `${days}d ` : ''}${clock}`;
}

/** The currency symbol for axis labels ("$"), or "" when the currency has none we know. */
export function currencySymbol(currency: string | null | undefined): string {
  return MONEY_SYMBOLS[currency ?? 'USD'] ?? '';
}
