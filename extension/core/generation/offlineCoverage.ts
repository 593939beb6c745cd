// What the template library's code does not do of a request, in plain sentences, and when it cannot
// write the strategy at all. The templates (used for what the composer does not write yet: alpha
// formulas, universes, prompts naming no instrument) trade US equities and ETFs only (every family calls
// add_equity), so any other instrument is named here rather than replaced by a stock.
import type { BarSize, Direction, Instrument, RequestProblem, StrategyRequest } from '../request/types';
import { NEEDS_MODEL, type Gap } from './specFromRequest';
import type { Resolution } from './templates';

/** What the rendered template does: the instruments it trades, its bars and its direction. */
export interface WrittenStrategy {
  /** The US equities it trades. */
  tickers: readonly string[];
  resolution: Resolution;
  direction: Direction;
}

const RESOLUTION_BARS: Readonly<Record<Resolution, BarSize>> = {
  MINUTE: { size: 1, unit: 'minute' },
  HOUR: { size: 1, unit: 'hour' },
  DAILY: { size: 1, unit: 'day' },
};

function barText(bar: BarSize): string {
  return bar.size === 1
    ? `${bar.unit === 'day' ? 'daily' : bar.unit === 'hour' ? 'hourly' : `${bar.unit}`} bars`
    : `${bar.size}-${bar.unit} bars`;
}

const DIRECTION_TEXT: Readonly<Record<Direction, string>> = { long: 'long only', short: 'short only', both: 'long and short' };

export interface OfflineCoverage {
  /** One sentence for each part of the request the written code does not do. */
  unfulfilled: string[];
  /** The same sentences with the request field each is about. */
  gaps: Gap[];
  /** Set when the offline generator cannot write the core of the strategy: no project is written. */
  decline?: string;
}

const TYPE_NAMES: Readonly<Record<Instrument['securityType'], string>> = {
  equity: 'US equity',
  etf: 'ETF',
  crypto: 'crypto pair',
  cryptofuture: 'crypto future',
  forex: 'currency pair',
  future: 'future',
  option: 'option',
  index: 'index',
  cfd: 'CFD',
};

function describe(instrument: Instrument): string {
  if (instrument.securityType === 'option') return `options on ${instrument.option?.underlying ?? instrument.symbol}`;
  const where = instrument.market === 'usa' ? '' : ` on ${instrument.market}`;
  return `the ${TYPE_NAMES[instrument.securityType]} ${instrument.symbol}${where}`;
}

/** One gap for each problem the reader raised (an unknown ticker, a contradiction): nothing is guessed. */
export function problemGaps(request: StrategyRequest): Gap[] {
  return request.problems.map((problem) => ({ field: problemField(problem), sentence: `${problem.message} It was left out.` }));
}

export function offlineCoverage(request: StrategyRequest, written: WrittenStrategy): OfflineCoverage {
  const { tickers } = written;
  const gaps: Gap[] = problemGaps(request);
  const say = (field: Gap['field'], sentence: string) => gaps.push({ field, sentence });
  const tradable = request.instruments.filter((i) => i.securityType === 'equity' || i.securityType === 'etf');
  const others = request.instruments.filter((i) => !tradable.includes(i));
  for (const instrument of others)
    say(
      'types',
      `${capitalise(describe(instrument))} is not traded: the offline generator writes this kind of strategy for US equities and ETFs only.`,
    );
  // An options strategy written without its options would be a different strategy: declined even when the underlying is named.
  const options = others.filter((i) => i.securityType === 'option');
  if ((others.length > 0 && tradable.length === 0) || options.length > 0) {
    return {
      ...fromGaps(gaps),
      decline: `The offline generator cannot write this strategy: it writes this kind of strategy for US equities and ETFs only, and the prompt asks for ${list((options.length ? options : others).map(describe))}. ${NEEDS_MODEL}`,
    };
  }
  if (tradable.length === 0 && request.problems.some((p) => p.kind === 'unknown-ticker'))
    for (const ticker of tickers) say('instruments', `The code trades ${ticker} in its place.`);
  if (tradable.length > 0) {
    const asked = new Set(tradable.map((i) => i.symbol));
    for (const instrument of tradable)
      if (!tickers.includes(instrument.symbol)) say('instruments', `${instrument.symbol} was asked for but the code does not trade it.`);
    for (const ticker of tickers)
      if (!asked.has(ticker)) say('instruments', `The code trades ${ticker}, which the prompt did not ask for.`);
  }
  const bar = request.bar?.value;
  const uses = RESOLUTION_BARS[written.resolution];
  if (bar && (bar.size !== uses.size || bar.unit !== uses.unit))
    say('bar', `The prompt asks for ${barText(bar)}; the code uses ${barText(uses)}.`);
  const direction = request.direction?.value;
  if (direction && direction !== written.direction)
    say('direction', `The prompt asks to trade ${DIRECTION_TEXT[direction]}; the code trades ${DIRECTION_TEXT[written.direction]}.`);
  return fromGaps(gaps);
}

function fromGaps(gaps: Gap[]): { unfulfilled: string[]; gaps: Gap[] } {
  return { unfulfilled: gaps.map((g) => g.sentence), gaps };
}

/** The field a reading problem is about: a ticker, or else what the problem names. */
function problemField(problem: RequestProblem): Gap['field'] {
  if (problem.field) return problem.field;
  return problem.kind === 'contradiction' ? 'rules' : 'instruments';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The code with the unfulfilled sentences added to its first docstring (the algorithm class's, in the
 * templates), so that the file itself says what it does not do; a comment block at the top when the
 * code has no docstring. Unchanged when there is nothing to say.
 */
export function withUnfulfilled(code: string, unfulfilled: readonly string[]): string {
  if (unfulfilled.length === 0) return code;
  const open = code.indexOf('"""');
  const close = open < 0 ? -1 : code.indexOf('"""', open + 3);
  if (close < 0) return `${unfulfilled.map((s) => `# Not done: ${s}`).join('\n')}\n${code}`;
  const lineStart = code.lastIndexOf('\n', open) + 1;
  const indent = /^[ \t]*/.exec(code.slice(lineStart))?.[0] ?? '';
  const safe = (s: string) => s.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  const lines = [
    `${indent}Not done (generation.json lists these under "unfulfilled"):`,
    ...unfulfilled.map((s) => `${indent}- ${safe(s)}`),
  ];
  const body = code.slice(0, close);
  // A multi-line docstring closes on a line of its own; a one-line one gets its closing quotes moved down.
  const head = body.includes('\n', open) ? body.replace(/[ \t]*$/, '') : `${body}\n`;
  return `${head}\n${lines.join('\n')}\n${indent}${code.slice(close)}`;
}
