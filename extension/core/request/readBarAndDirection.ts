// The bar size and the trading direction of a request. A bar size is read only where the prompt says
// bars ("4h bars", "15-minute candles", "hourly bars", "on the 4h"), so a "200 day" average is not one;
// the direction from "short only", "long/short", "long only". Both keep the span they came from.
import type { Prompt } from './promptText';
import type { BarSize, BarUnit, Direction, Read, RequestProblem } from './types';

const UNITS: readonly [RegExp, BarUnit][] = [
  [/^(?:s|secs?|seconds?)$/, 'second'],
  [/^(?:m|mins?|minutes?)$/, 'minute'],
  [/^(?:h|hrs?|hours?|hourly)$/, 'hour'],
  [/^(?:d|days?|daily)$/, 'day'],
  [/^(?:w|wks?|weeks?|weekly)$/, 'week'],
];

function unitOf(word: string): BarUnit | undefined {
  return UNITS.find(([pattern]) => pattern.test(word))?.[1];
}

export function readBar(prompt: Prompt): Read<BarSize> | undefined {
  // "4h bars", "15-minute candles", "1 hour timeframe", "4h" standing alone.
  const sized = prompt.first(
    /(?<![a-z0-9.])(\d{1,3})\s?-?\s?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)(?:\s?-?\s?(?:bars?|candles?|candlesticks?|timeframe|charts?|resolution|data))(?![a-z])|(?<![a-z0-9.$])(\d{1,3})(h|m)(?![a-z0-9])/,
  );
  if (sized) {
    const size = Number(sized.groups[0] ?? sized.groups[2]);
    const unit = unitOf(sized.groups[1] ?? sized.groups[3] ?? '');
    if (unit && size > 0) return { value: { size, unit }, span: { start: sized.index, end: sized.end } };
  }
  // "hourly bars", "daily candles", "minute data", "weekly bars".
  const named = prompt.first(/\b(second|minute|hourly|hour|daily|weekly)\s?-?\s?(?:bars?|candles?|data|resolution|timeframe|charts?)\b/);
  const unit = named ? unitOf(named.groups[0]!) : undefined;
  return named && unit ? { value: { size: 1, unit }, span: { start: named.index, end: named.end } } : undefined;
}

/** Shorting named without "short only": "short it whenever", "go short", "sell short". Read only to find contradictions. */
const SHORTING =
  /\b(?:short (?:it|them|\w+) (?:when|whenever|if|on)|short (?:when|whenever|if)|go(?:es|ing)? short|sells? short|short entr(?:y|ies))\b/;

/**
 * The direction the prompt states. Contradictory statements ("long only … short it whenever …") give no
 * direction and a problem naming both: the reader asks rather than picks one.
 */
export function readDirection(prompt: Prompt, problems: RequestProblem[]): Read<Direction> | undefined {
  const found: Read<Direction>[] = [];
  const patterns: readonly [RegExp, Direction][] = [
    [/\b(?:long\s?\/\s?short|long[- ]short|long and short|both (?:long and short|directions|sides))\b/, 'both'],
    [/\b(?:shorts? only|short[- ]only|only shorts?|only short(?:ing)?)\b/, 'short'],
    [/\b(?:longs? only|long[- ]only|only longs?|no shorts?|no shorting|never short)\b/, 'long'],
  ];
  for (const [pattern, value] of patterns) {
    for (const m of prompt.find(pattern)) found.push({ value, span: { start: m.index, end: m.end } });
  }
  found.sort((a, b) => a.span.start - b.span.start);
  const first = found[0];
  if (!first) return undefined;
  let other: { span: Read<Direction>['span'] } | undefined = found.find((f) => f.value !== first.value);
  if (!other && first.value === 'long') {
    const shorting = prompt.find(SHORTING, { take: false })[0];
    if (shorting) other = { span: { start: shorting.index, end: shorting.end } };
  }
  if (!other) return first;
  const words = (span: Read<Direction>['span']) => prompt.original.slice(span.start, span.end);
  problems.push({
    kind: 'contradiction',
    field: 'direction',
    message: `The prompt asks for both "${words(first.span)}" and "${words(other.span)}"; say which direction the strategy trades.`,
    span: other.span,
  });
  return undefined;
}
