// Helpers shared by the composer's unit tests (test/unit/compose*.test.ts): hand-built requests with empty
// spans, as enumerateRequests builds them; planning and rendering one, or generating from a prompt; the
// lines of one method of the generated code; and the validator and parser, loaded once per test file.
import { afterAll, beforeAll, expect } from 'vitest';
import type { PerSymbolKind } from '../../extension/core/generation/compose/composeTypes';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { renderComposed } from '../../extension/core/generation/compose/renderComposed';
import { generateOffline, type OfflineGeneration } from '../../extension/core/generation/offlineGenerator';
import type {
  BarSize,
  Direction,
  Filter,
  Instrument,
  Read,
  RiskRequest,
  Schedule,
  Signal,
  Sizing,
  StrategyRequest,
} from '../../extension/core/request/types';
import { createValidator, type Validator } from '../../extension/core/validation/index';
import { loadPythonParser, type PythonParser } from '../../extension/core/validation/pythonParser';
import { parserAssets } from './parserAssets';

// ---- Requests ----------------------------------------------------------------------------------

export const NOWHERE = { start: 0, end: 0 };
export const read = <T>(value: T): Read<T> => ({ value, span: NOWHERE });

export function instrument(
  symbol: string,
  securityType: Instrument['securityType'],
  market: string,
  extra: Partial<Instrument> = {},
): Instrument {
  return { symbol, securityType, market, marketStated: true, span: NOWHERE, ...extra };
}

export const AAPL = instrument('AAPL', 'equity', 'usa');
export const BTC = instrument('BTCUSD', 'crypto', 'coinbase');
export const EURUSD = instrument('EURUSD', 'forex', 'oanda');
export const ES = instrument('ES', 'future', 'cme');

export function signal(kind: Signal['kind'], params: Record<string, number> = {}): Signal {
  return { kind, span: NOWHERE, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, read(v)])) };
}

/** Every per-symbol signal block the composer writes. */
export const PER_SYMBOL_KINDS: readonly PerSymbolKind[] = [
  'sma-crossover',
  'ema-crossover',
  'rsi',
  'bollinger',
  'macd',
  'donchian',
  'keltner',
  'zscore',
  'momentum',
  'vwap',
  'gap',
  'calendar',
  'buy-and-hold',
];

/** The parts of a request a test states; the rest is the defaults of `request`. */
export interface Parts {
  instruments?: Instrument[];
  bar?: BarSize;
  signal?: Signal;
  /** The direction; `null` states none. */
  direction?: Direction | null;
  risk?: RiskRequest;
  sizing?: Sizing;
  schedule?: Schedule;
  filters?: Filter[];
}

/**
 * A request as enumerateRequests builds one: no prompt, every read with an empty span. Unless the parts say
 * otherwise: AAPL, daily bars, long only, no signal, 2020 to 2023 with $100,000.
 */
export function request(parts: Parts = {}): StrategyRequest {
  const direction = parts.direction === undefined ? 'long' : parts.direction;
  return {
    prompt: '',
    instruments: parts.instruments ?? [AAPL],
    markets: [],
    bar: read(parts.bar ?? { size: 1, unit: 'day' }),
    ...(direction ? { direction: read(direction) } : {}),
    signals: parts.signal ? [parts.signal] : [],
    ...(parts.sizing ? { sizing: read(parts.sizing) } : {}),
    risk: parts.risk ?? {},
    ...(parts.schedule ? { schedule: read(parts.schedule) } : {}),
    filters: (parts.filters ?? []).map(read),
    period: { start: read('2020-01-01'), end: read('2023-12-31') },
    cash: read(100000),
    problems: [],
    unread: [],
  };
}

// ---- Composing -----------------------------------------------------------------------------------

/** The composer's code, notes and gaps for a request; fails when the request is not planned. */
export function composed(req: StrategyRequest): { code: string; notes: string[]; gaps: { field: string; sentence: string }[] } {
  const outcome = planCompose(req);
  if (outcome?.kind !== 'plan') throw new Error(`not planned: ${JSON.stringify(outcome)}`);
  return { code: renderComposed(outcome.plan), notes: outcome.notes, gaps: outcome.gaps };
}

/** The composer's code for the request of `parts`. */
export function compose(parts: Parts): string {
  return composed(request(parts)).code;
}

/** The offline generation of a prompt, which the composer must have written. */
export function generated(prompt: string): OfflineGeneration {
  const result = generateOffline(prompt);
  expect(result.writer).toMatch(/^composer:/);
  return result;
}

// ---- Reading the code ----------------------------------------------------------------------------

/** The body lines of `def name(` (without the body's indentation), blank lines dropped; its docstring kept. */
export function method(code: string, name: string): string[] {
  const lines = code.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`    def ${name}(`));
  if (start < 0) throw new Error(`no method ${name} in:\n${code}`);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    if (!line.startsWith('        ')) break;
    body.push(line.slice(8));
  }
  return body;
}

/** The body lines of `def name(` as `method` gives them, less a docstring on its first line. */
export function methodWithoutDocstring(code: string, name: string): string[] {
  return method(code, name).filter((l, i) => !(i === 0 && l.startsWith('"""')));
}

export function hasMethod(code: string, name: string): boolean {
  return code.split('\n').some((l) => l.startsWith(`    def ${name}(`));
}

// ---- The validator -------------------------------------------------------------------------------

/**
 * The validator and the Python parser, loaded before the calling test file's tests and disposed after
 * them. Call at the top level of a test file; read the fields inside a test.
 */
export function loadValidation(): { readonly validator: Validator; readonly parser: PythonParser } {
  let validator: Validator | undefined;
  let parser: PythonParser | undefined;
  beforeAll(async () => {
    validator = await createValidator(parserAssets);
    parser = await loadPythonParser(parserAssets);
  });
  afterAll(() => {
    validator?.dispose();
    parser?.dispose();
  });
  return {
    get validator() {
      if (!validator) throw new Error('the validator is loaded in beforeAll');
      return validator;
    },
    get parser() {
      if (!parser) throw new Error('the parser is loaded in beforeAll');
      return parser;
    },
  };
}
