// Checking and completing a strategy spec before rendering: unknown families, impossible ticker
// counts, bad dates or out-of-range fractions are errors with a message that says what to change;
// parameters are filled with defaults and clamped into range.
import { SpecError } from './errors';
import { FAMILIES, findFamily } from './registry';
import { pascalCase } from './python';
import { RESOLUTIONS, type DateTriple, type FamilyTemplate, type RiskSpec, type StrategySpec } from './types';

const TICKER = /^[A-Z][A-Z0-9]{0,9}(?:\.[A-Z0-9]{1,3})?$/;

/** Names the generated module uses or Python reserves; a class with one of them would shadow it. */
const RESERVED_CLASS_NAMES = new Set([
  'QCAlgorithm',
  'Resolution',
  'Slice',
  'Symbol',
  'MovingAverageType',
  'SimpleMovingAverage',
  'StandardDeviation',
  'None',
  'True',
  'False',
]);

/** The canonical form of a ticker: upper case, without a leading `$`. */
export function normalizeTicker(ticker: string): string {
  return ticker.trim().replace(/^\$/, '').toUpperCase();
}

/** A valid Python class name from free text, PascalCase. */
export function toClassName(text: string): string {
  let name = pascalCase(text);
  if (!name) throw new SpecError(`"${text}" has no letters or digits to make a class name from.`);
  if (/^[0-9]/.test(name)) name = `Strategy${name}`;
  if (RESERVED_CLASS_NAMES.has(name)) name = `${name}Algorithm`;
  return name;
}

function checkDate(date: DateTriple, field: string): DateTriple {
  if (!Array.isArray(date) || date.length !== 3 || !date.every((n) => Number.isInteger(n))) {
    throw new SpecError(`${field} must be [year, month, day] with whole numbers, got ${JSON.stringify(date)}.`);
  }
  const [y, m, d] = date;
  const valid = y >= 1998 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!valid) throw new SpecError(`${field} ${JSON.stringify(date)} is not a calendar date between 1998 and 2100.`);
  return [y, m, d];
}

function dateValue([y, m, d]: DateTriple): number {
  return y * 10000 + m * 100 + d;
}

function checkFraction(value: number | undefined, field: keyof RiskSpec, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    const hint = typeof value === 'number' && value > max && value <= 100 ? ` (${value / 100} for ${value}%)` : '';
    throw new SpecError(`risk.${field} must be a fraction above 0 and at most ${max}${hint}, got ${String(value)}.`);
  }
  return Number(value.toFixed(4));
}

function checkTickers(family: FamilyTemplate, tickers: readonly string[]): string[] {
  if (!Array.isArray(tickers)) throw new SpecError('tickers must be a list of ticker symbols.');
  const clean: string[] = [];
  for (const raw of tickers) {
    const ticker = normalizeTicker(String(raw));
    if (!TICKER.test(ticker)) throw new SpecError(`"${String(raw)}" is not a ticker symbol (letters and digits, like SPY or BRK.B).`);
    if (!clean.includes(ticker)) clean.push(ticker);
  }
  const { minTickers: min, maxTickers: max } = family;
  if (clean.length < min || clean.length > max) {
    const wanted = min === max ? `exactly ${min}` : clean.length < min ? `at least ${min}` : `at most ${max}`;
    const got = clean.length ? `${clean.length} (${clean.join(', ')})` : 'none';
    const count = min === max || clean.length < min ? min : max;
    throw new SpecError(`${family.title} needs ${wanted} ticker${count === 1 ? '' : 's'}, got ${got}.`);
  }
  return clean;
}

function checkParams(family: FamilyTemplate, params: Readonly<Record<string, number>>): Record<string, number> {
  const known = new Set(family.params.map((p) => p.name));
  for (const name of Object.keys(params ?? {})) {
    if (!known.has(name)) {
      throw new SpecError(`${family.title} has no parameter "${name}"; its parameters are ${[...known].join(', ')}.`);
    }
  }
  const out: Record<string, number> = {};
  for (const def of family.params) {
    const raw = params?.[def.name] ?? def.default;
    if (typeof raw !== 'number' || !Number.isFinite(raw))
      throw new SpecError(`Parameter "${def.name}" must be a number, got ${String(raw)}.`);
    const clamped = Math.min(def.max, Math.max(def.min, raw));
    out[def.name] = def.integer ? Math.round(clamped) : Number(clamped.toFixed(4));
  }
  return out;
}

/**
 * The spec checked and completed: known family, clean tickers in range, valid dates in order, positive
 * cash, every parameter present and clamped, fractions in range, a class name. Throws SpecError with a
 * message naming the field for anything that cannot be fixed by clamping.
 */
export function normalizeSpec(spec: StrategySpec): StrategySpec {
  if (!spec || typeof spec !== 'object') throw new SpecError('A strategy spec must be an object.');
  const family = findFamily(spec.family);
  if (!family) {
    throw new SpecError(`Unknown strategy family "${String(spec.family)}". Known families: ${FAMILIES.map((f) => f.id).join(', ')}.`);
  }
  const tickers = checkTickers(family, spec.tickers);
  if (!RESOLUTIONS.includes(spec.resolution)) {
    throw new SpecError(`resolution must be one of ${RESOLUTIONS.join(', ')}, got ${String(spec.resolution)}.`);
  }
  const startDate = checkDate(spec.startDate, 'startDate');
  const endDate = checkDate(spec.endDate, 'endDate');
  if (dateValue(startDate) >= dateValue(endDate)) {
    throw new SpecError(`startDate ${JSON.stringify(startDate)} must be before endDate ${JSON.stringify(endDate)}.`);
  }
  if (typeof spec.cash !== 'number' || !Number.isFinite(spec.cash) || spec.cash <= 0) {
    throw new SpecError(`cash must be a positive amount, got ${String(spec.cash)}.`);
  }
  const params = checkParams(family, spec.params);
  const conflicts = family.conflicts(params, tickers);
  if (conflicts.length) throw new SpecError(`${family.title}: ${conflicts.join(' ')}`);

  const risk: RiskSpec = {};
  const stopLossPct = checkFraction(spec.risk?.stopLossPct, 'stopLossPct', 0.99);
  const trailingStopPct = checkFraction(spec.risk?.trailingStopPct, 'trailingStopPct', 0.99);
  const positionSize = checkFraction(spec.risk?.positionSize, 'positionSize', 1);
  const maxDrawdownPct = checkFraction(spec.risk?.maxDrawdownPct, 'maxDrawdownPct', 0.99);
  if (stopLossPct !== undefined) risk.stopLossPct = stopLossPct;
  if (trailingStopPct !== undefined) risk.trailingStopPct = trailingStopPct;
  if (positionSize !== undefined) risk.positionSize = positionSize;
  if (maxDrawdownPct !== undefined) risk.maxDrawdownPct = maxDrawdownPct;

  return {
    family: family.id,
    tickers,
    resolution: spec.resolution,
    startDate,
    endDate,
    cash: Number(spec.cash.toFixed(2)),
    params,
    risk,
    className: spec.className === undefined ? family.className : toClassName(spec.className),
  };
}
