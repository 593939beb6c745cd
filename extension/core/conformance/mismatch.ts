// The result of checking code against its request: one mismatch per thing the prompt asked that the code
// does not do, each quoting the prompt's words and, where there is one, pointing at the code.
import type { SourceRange } from '../diagnostic';
import type { RequestField, Span, StrategyRequest } from '../request/types';

/** The request fields a mismatch is about (`rules`, the signals' logic, is not checked statically). */
export type MismatchField = Exclude<RequestField, 'rules'>;

export interface RequestMismatch {
  field: MismatchField;
  /** One sentence: what the prompt asks, in its own words, and what the code does instead. */
  message: string;
  /** The words of the prompt the mismatch is about. */
  promptSpan?: Span;
  /** Where in the code, when there is a place (the call that adds the wrong type, the wrong set_cash). */
  range?: SourceRange;
}

const MAX_QUOTE = 80;

/** The prompt's words at `span`, in double quotes, on one line and shortened when long. */
export function quote(request: StrategyRequest, span: Span): string {
  let words = request.prompt.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  if (words.length > MAX_QUOTE) words = `${words.slice(0, MAX_QUOTE - 1)}…`;
  return `"${words.replace(/"/g, "'")}"`;
}

/** `The prompt asks for "…" (meaning); ` + what the code does. */
export function mismatch(
  field: MismatchField,
  request: StrategyRequest,
  span: Span | undefined,
  meaning: string,
  codeDoes: string,
  range?: SourceRange,
): RequestMismatch {
  const quoted = span ? quote(request, span) : undefined;
  // The meaning is left out where it only repeats the words ("flat by 15:55" (flat by 15:55)).
  const repeats = quoted !== undefined && quoted.slice(1, -1).toLowerCase() === meaning.toLowerCase();
  const asked = quoted ? `The prompt asks for ${quoted}${meaning && !repeats ? ` (${meaning})` : ''}` : `The prompt asks for ${meaning}`;
  return {
    field,
    message: `${asked}; ${codeDoes}`,
    ...(span ? { promptSpan: span } : {}),
    ...(range ? { range } : {}),
  };
}

/** A percent for messages: 0.05 → "5%". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(4))}%`;
}

/** The smallest span covering both, for quoting "BTCUSD on Coinbase" when both parts are close together. */
export function joinSpans(a: Span, b: Span, maxGap = 16): Span | undefined {
  const gap = Math.max(a.start, b.start) - Math.min(a.end, b.end);
  return gap <= maxGap ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : undefined;
}
