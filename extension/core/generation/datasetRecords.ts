// The template library as training data: one record per spec of the deterministic grid, with the
// spec, its parameters explained, a canonical description and the rendered code; and, for prompts
// written elsewhere (the Python dataset builder), what the product makes of them at inference time.
// Editor-agnostic; `lean-author dataset` prints these as JSON lines.
import type { LeanApiIndex } from '../validation/api/apiIndex';
import type { ChatMessage } from './modelChain';
import { buildMessages } from './prompting';
import { readPrompt } from './promptReader';
import {
  DEFAULT_CASH,
  DEFAULT_END,
  DEFAULT_START,
  enumerateSpecs,
  FAMILIES,
  familyById,
  findFamily,
  renderStrategy,
  SpecError,
  type DateTriple,
  type FamilyId,
  type RiskSpec,
  type StrategySpec,
} from './templates';
import { isoDate, listWords, money, percent } from './templates/python';

/** The spec as data, without the class name (every record uses its family's). */
export interface DatasetSpec {
  tickers: string[];
  resolution: StrategySpec['resolution'];
  startDate: DateTriple;
  endDate: DateTriple;
  cash: number;
  params: Record<string, number>;
  risk: RiskSpec;
}

export interface DatasetParam {
  name: string;
  description: string;
  value: number;
  default: number;
  /** For choice parameters, what the value means (`weekly`). */
  label?: string;
}

export interface DatasetRecord {
  /** `<family>-<index>`: the index is the spec's place in its family's grid walk, so ids do not depend on the other options. */
  id: string;
  family: FamilyId;
  familyTitle: string;
  spec: DatasetSpec;
  paramDefs: DatasetParam[];
  /** A canonical plain-language description of the spec that states every value. */
  description: string;
  /** `renderStrategy(spec)`: the algorithm, ending in a newline. */
  code: string;
}

export interface DatasetOptions {
  /** Families to emit, in FAMILIES order; all when absent. */
  families?: readonly string[] | undefined;
  /** At most this many specs per family, spread over the family's grid (see `enumerateSpecs`). */
  maxPerFamily?: number | undefined;
  /** Picks each spec's backtest window and starting cash; the same seed gives the same records. */
  seed?: number | undefined;
}

/**
 * Backtest windows a spec may get, each stated naturally as whole years or months. The default
 * window takes half the slots, as many requests never name a period.
 */
const WINDOWS: readonly [DateTriple, DateTriple][] = [
  ...Array.from({ length: 6 }, (): [DateTriple, DateTriple] => [DEFAULT_START, DEFAULT_END]),
  [
    [2015, 1, 1],
    [2019, 12, 31],
  ],
  [
    [2018, 1, 1],
    [2022, 12, 31],
  ],
  [
    [2010, 1, 1],
    [2020, 12, 31],
  ],
  [
    [2021, 1, 1],
    [2024, 6, 30],
  ],
  [
    [2016, 6, 1],
    [2021, 5, 31],
  ],
  [
    [2012, 1, 1],
    [2016, 12, 31],
  ],
];

/** Starting cash a spec may get; the default half the time, as with the windows. */
const CASH: readonly number[] = [
  DEFAULT_CASH,
  DEFAULT_CASH,
  DEFAULT_CASH,
  DEFAULT_CASH,
  DEFAULT_CASH,
  10000,
  25000,
  50000,
  250000,
  1000000,
];

/** FNV-1a, 32 bits: a small stable hash so a spec's variant depends only on the seed and its id. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The families named in `ids`, checked; throws SpecError naming the known ids for an unknown one. */
export function datasetFamilies(ids: readonly string[] | undefined): FamilyId[] {
  if (ids === undefined) return FAMILIES.map((f) => f.id);
  const unknown = ids.filter((id) => !findFamily(id));
  if (unknown.length) {
    throw new SpecError(
      `Unknown strategy famil${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')}. Known families: ${FAMILIES.map((f) => f.id).join(', ')}.`,
    );
  }
  if (ids.length === 0) throw new SpecError(`No families chosen. Known families: ${FAMILIES.map((f) => f.id).join(', ')}.`);
  return FAMILIES.filter((f) => ids.includes(f.id)).map((f) => f.id);
}

/** One record per spec of the grid, family by family; deterministic for the same options. */
export function* datasetRecords(options: DatasetOptions = {}): Generator<DatasetRecord> {
  const seed = options.seed ?? 0;
  for (const familyId of datasetFamilies(options.families)) {
    const family = familyById(familyId);
    let index = 0;
    const walk = enumerateSpecs({
      families: [familyId],
      ...(options.maxPerFamily === undefined ? {} : { maxPerFamily: options.maxPerFamily }),
    });
    for (const grid of walk) {
      const id = `${familyId}-${String(index).padStart(4, '0')}`;
      index++;
      const h = hash(`${seed}:${id}`);
      const [startDate, endDate] = WINDOWS[h % WINDOWS.length]!;
      const cash = CASH[Math.floor(h / WINDOWS.length) % CASH.length]!;
      const spec: StrategySpec = { ...grid, startDate: [...startDate], endDate: [...endDate], cash };
      const paramDefs = family.params.map((def): DatasetParam => {
        const value = spec.params[def.name]!;
        const label = def.choices?.[value];
        return { name: def.name, description: def.description, value, default: def.default, ...(label === undefined ? {} : { label }) };
      });
      yield {
        id,
        family: familyId,
        familyTitle: family.title,
        spec: {
          tickers: spec.tickers,
          resolution: spec.resolution,
          startDate: spec.startDate,
          endDate: spec.endDate,
          cash: spec.cash,
          params: spec.params,
          risk: spec.risk,
        },
        paramDefs,
        description: describeSpec(spec),
        code: renderStrategy(spec),
      };
    }
  }
}

/**
 * "RSI mean reversion on AAPL and MSFT with daily bars from 2020-01-01 to 2024-12-31, starting with
 * $100,000. Parameters: period 14, oversold 30, overbought 70. Risk: a 5% stop loss." Every value of
 * the spec is stated, choice parameters by their meaning.
 */
export function describeSpec(spec: StrategySpec): string {
  const family = familyById(spec.family);
  const bars = { MINUTE: 'minute', HOUR: 'hourly', DAILY: 'daily' }[spec.resolution];
  const params = family.params.map((def) => {
    const value = spec.params[def.name] ?? def.default;
    return `${def.name} ${def.choices?.[value] ?? String(value)}`;
  });
  // "an 8% stop", "an 11% stop", "a 5% stop": the article as the number is read aloud.
  const a = (fraction: number) => {
    const text = percent(fraction);
    return `${/^(8|11%|11\.|18%|18\.)/.test(text) ? 'an' : 'a'} ${text}`;
  };
  const risk: string[] = [];
  if (spec.risk.stopLossPct !== undefined) risk.push(`${a(spec.risk.stopLossPct)} stop loss`);
  if (spec.risk.trailingStopPct !== undefined) risk.push(`${a(spec.risk.trailingStopPct)} trailing stop`);
  if (spec.risk.positionSize !== undefined) risk.push(`${percent(spec.risk.positionSize)} of the portfolio per position`);
  if (spec.risk.maxDrawdownPct !== undefined) risk.push(`no trading after ${a(spec.risk.maxDrawdownPct)} drawdown`);
  return (
    `${family.title} on ${listWords(spec.tickers)} with ${bars} bars from ${isoDate(spec.startDate)} to ${isoDate(spec.endDate)}, ` +
    `starting with ${money(spec.cash)}. Parameters: ${params.join(', ')}.${risk.length ? ` Risk: ${listWords(risk)}.` : ''}`
  );
}

export interface PromptReadingRecord {
  id: string;
  /** The family and spec the offline reader makes of the prompt (what the product assumes). */
  family: FamilyId;
  spec: DatasetSpec;
  notes: string[];
  /**
   * The chat messages the product sends a model for this prompt with no worked examples: the system
   * prompt (with the indicator signatures the request may need) and the user turn.
   */
  messages: ChatMessage[];
}

/** What the product does with `prompt` at inference: the reader's spec and the zero-example messages. */
export function readPromptRecord(id: string, prompt: string, index: LeanApiIndex): PromptReadingRecord {
  const { spec, notes } = readPrompt(prompt);
  const { messages } = buildMessages(prompt, { index, examples: 0 });
  return {
    id,
    family: spec.family,
    spec: {
      tickers: spec.tickers,
      resolution: spec.resolution,
      startDate: spec.startDate,
      endDate: spec.endDate,
      cash: spec.cash,
      params: spec.params,
      risk: spec.risk,
    },
    notes,
    messages,
  };
}
