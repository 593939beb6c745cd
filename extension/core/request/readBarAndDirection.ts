// The bar size and the trading direction of a request. A bar size is read only where the prompt says
// bars ("4h bars", "15-minute candles", "hourly bars", "on the 4h"), so a "200 day" average is not one;
// the direction from "short only", "long/short", "long only". Both keep the span they came from.
import type { Prompt } from './promptText';
import { editDistance } from '../validation/names';
import { isEnglishWord } from './englishWords';
import { hits, pattern } from './signalText';
import { BAR_UNIT_NAMES, STRATEGY_WORDS } from './vocabulary';
import type { BarSize, BarUnit, Direction, Read, RequestProblem } from './types';

const UNITS: readonly [RegExp, BarUnit][] = [
  [/^(?:s|secs?|seconds?)$/, 'second'],
  [/^(?:m|min[a-z]*)$/, 'minute'],
  [/^(?:h|hrs?|hours?|hourly)$/, 'hour'],
  [/^(?:d|days?|daily)$/, 'day'],
  [/^(?:w|wks?|weeks?|weekly)$/, 'week'],
];

function unitOf(word: string): BarUnit | undefined {
  return UNITS.find(([pattern]) => pattern.test(word))?.[1];
}

const BAR_WORD = '(?:bars?|candles?|candlesticks?|timeframe|time frame|charts?|resolution|data)';
/** A holding time or a delay, not a bar size: "exit after 2h", "hold for 30min". */
const NOT_DURATION = '(?<!(?:after|for|within|every|each|in|than|max|maximum|hold|holding|held)\\s)';
/** "4h bars", "15-minute candles", "1 hour timeframe", "30 minit bars" (a word starting "min" is minutes); "4h", "30min" standing alone. */
const SIZED = pattern(
  `(?<![a-z0-9.])(?<n>\\d{1,3})\\s?-?\\s?(?<u>s|secs?|seconds?|m|min[a-z]{0,4}|h|hrs?|hours?|d|days?|w|wks?|weeks?)\\s?-?\\s?${BAR_WORD}(?![a-z])|${NOT_DURATION}(?<![a-z0-9.$])(?<n2>\\d{1,3})(?<u2>h|m|hrs?|mins?)(?![a-z0-9])`,
);
/** "hourly bars", "daily candles", "minute data", "weekly bars". */
const NAMED = pattern(`(?<![a-z])(?<u>second|minute|hourly|hour|daily|weekly)\\s?-?\\s?${BAR_WORD}(?![a-z])`);
/** "on the daily", "trade the hourly". */
const ON_THE = pattern(`(?<![a-z])on\\s(?:the\\s)?(?<u>hourly|daily|weekly)(?![a-z])`);
/** "daily", "hourly" or "weekly" alone at the end of a clause: "ema 5/20 daily", "macd daily long only". */
const ALONE = pattern(`(?<![a-z])(?<!(?:%|percent|pct)\\s)(?<u>hourly|daily|weekly)(?=\\s?(?:$|[,.;:)!?]|\\s(?:long|short)(?![a-z])))`);
/**
 * "ema 10/30 daily 2 atr sl": a lone "daily" after a rule's numbers and before a stop or target names the
 * bars, between the rules of a terse prompt (not "3 daily 2% drops").
 */
const BETWEEN_NUMBERS = pattern(
  `(?<=[\\d)%]\\s)(?<u>hourly|daily|weekly)(?=\\s\\d+(?:\\.\\d+)?\\s?(?:%|pct|percent|x|atrs?|pips?)?\\s?(?:x\\s?)?(?:atrs?\\s)?(?:sl|tp|stop|stops|stop[\\s-]?loss|trailing|trail|take[\\s-]?profit|target|profit[\\s-]?target)(?![a-z]))`,
);
/** "dayli bars", "wekly candles": a word right before the bar word, misspelt past what the view corrects. */
const MISSPELT_NAMED = pattern(`(?<![a-z])(?<w>[a-z]{4,8})\\s?-?\\s?${BAR_WORD}(?![a-z])`);
const NAMED_UNITS = Object.values(BAR_UNIT_NAMES);

/**
 * The bar unit a misspelt word right before "bars" or "candles" stands for: within two edits of the
 * unit's name and starting with its letter ("dayli" is daily), never an English word ("early bars").
 */
function misspeltUnit(word: string): BarUnit | undefined {
  if (isEnglishWord(word) || STRATEGY_WORDS.has(word)) return undefined;
  const near = NAMED_UNITS.filter((u) => u[0] === word[0] && editDistance(word, u, 2) <= 2);
  return near.length === 1 ? unitOf(near[0]!) : undefined;
}

/** What is done that often instead, in the sentence of a lone "daily": "rebalanced daily", "rank them weekly". */
const DONE_THAT_OFTEN =
  /(?<![a-z])(?:rebal[a-z]*|rank[a-z]*|rotat[a-z]*|review[a-z]*|check[a-z]*|run[a-z]*|updat[a-z]*|reset[a-z]*|recalc[a-z]*|recomput[a-z]*|evaluat[a-z]*|screen[a-z]*|compound[a-z]*|paid|reported|measured|computed|once|twice)(?![a-z])/;

function sentenceOf(prompt: Prompt, start: number, end: number): string {
  const text = prompt.lower;
  const from = Math.max(text.lastIndexOf('. ', start), text.lastIndexOf('\n', start), 0);
  const to = text.indexOf('. ', end);
  return text.slice(from, to < 0 ? text.length : to);
}

export function readBar(prompt: Prompt): Read<BarSize> | undefined {
  for (const re of [SIZED, NAMED, ON_THE, ALONE, BETWEEN_NUMBERS, MISSPELT_NAMED]) {
    const alone = re === ALONE || re === BETWEEN_NUMBERS;
    const hit = hits(prompt, re).find(
      (h) =>
        (!alone || !DONE_THAT_OFTEN.test(sentenceOf(prompt, h.start, h.end))) && (re !== MISSPELT_NAMED || misspeltUnit(h.g['w']!.text)),
    );
    if (!hit) continue;
    const size = Number(hit.g['n']?.text ?? hit.g['n2']?.text ?? 1);
    const unit = re === MISSPELT_NAMED ? misspeltUnit(hit.g['w']!.text) : unitOf(hit.g['u']?.text ?? hit.g['u2']?.text ?? '');
    if (!unit || !(size > 0)) continue;
    prompt.take(hit.start, hit.end);
    return { value: { size, unit }, span: { start: hit.start, end: hit.end } };
  }
  return undefined;
}

/** Shorting named without "short only": "short it whenever", "go short", "sell short". Read only to find contradictions. */
const SHORTING =
  /\b(?:short (?:it|them|\w+) (?:when|whenever|if|on)|short (?:when|whenever|if)|go(?:es|ing)? short|sells? short|short entr(?:y|ies)|short positions? (?:every|each|when|whenever|if))\b/;

/**
 * The direction the prompt states. Contradictory statements ("long only … short it whenever …") give no
 * direction and a problem naming both: the reader asks rather than picks one.
 */
export function readDirection(prompt: Prompt, problems: RequestProblem[]): Read<Direction> | undefined {
  const found: Read<Direction>[] = [];
  const patterns: readonly [RegExp, Direction][] = [
    [
      /\b(?:long\s?\/\s?short|long[- ]short|long and short|longs and shorts|long or short|both (?:long and short|directions|sides|ways)|(?:short|shorts|shorting) (?:too|as well))\b/,
      'both',
    ],
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
