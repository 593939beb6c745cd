// What the unread parts of a prompt were probably about. A reader that could not place some words must
// say so rather than drop them: the words are quoted back to the user ("Not understood: …"), and this
// names the request fields they touch, so a check of what was disclosed knows which ones it covers.
// Matched against a small vocabulary per field, allowing one typo in words of four letters or more that
// are no English word ("avrage", "gapp"), since unread words are often misspelt ones.
import { editDistance } from '../validation/names';
import { isEnglishWord } from './englishWords';
import type { RequestField, Span } from './types';

const VOCABULARY: readonly [RequestField, string][] = [
  // Indicators: a second signal the reader missed.
  ['rules', 'sma ema rsi macd bollinger donchian keltner vwap atr zscore histogram stochastic ichimoku supertrend oversold overbought'],
  ['risk', 'stop stops loss trailing profit target drawdown flat overnight'],
  ['sizing', 'weight weights weighted equal allocate allocation sizing sized volatility leverage'],
  ['schedule', 'rebalance rebal weekly monthly quarterly yearly annually daily monday tuesday wednesday thursday friday'],
  ['universe', 'universe constituents holdings members largest smallest highest lowest cheapest liquid screen'],
  ['filters', 'filter regime vix unless calm volatile'],
  ['bar', 'bar bars candle candles minute hourly daily weekly timeframe'],
  ['period', 'onward onwards'],
  ['cash', 'capital cash'],
];

/** Words that describe a strategy's style: telling only when no signal was read at all ("mean reversion on AAPL" with RSI read is not). */
const STYLE_WORDS = new Set(
  (
    'momentum crossover cross average averages moving breakout reversion channel band bands signal strongest weakest ' +
    'relative strength rank ranked ranking pairs spread gap gaps fade fades rally alpha factor'
  ).split(' '),
);

const FIELDS_OF = new Map<string, RequestField[]>();
for (const [field, words] of VOCABULARY) for (const word of words.split(' ')) FIELDS_OF.set(word, [...(FIELDS_OF.get(word) ?? []), field]);
for (const word of STYLE_WORDS) FIELDS_OF.set(word, ['rules']);

/** A vocabulary word the word is, or is one edit from when it has four letters or more and is no English word. */
function vocabularyWord(word: string): string | undefined {
  if (FIELDS_OF.has(word)) return word;
  if (word.length < 4 || isEnglishWord(word)) return undefined;
  for (const known of FIELDS_OF.keys()) if (editDistance(word, known, 1) <= 1) return known;
  return undefined;
}

export interface UnreadPart {
  span: Span;
  text: string;
  /** The request fields its words suggest; `numbers` when it holds a number. */
  fields: RequestField[];
}

/**
 * The unread spans that hold a number or a word of strategy vocabulary, with the fields they suggest.
 * `signalsRead`: the reader found a signal, so words that only describe a style are not telling.
 */
export function unreadParts(prompt: string, unread: readonly Span[], signalsRead = false): UnreadPart[] {
  const parts: UnreadPart[] = [];
  for (const span of unread) {
    const text = prompt.slice(span.start, span.end);
    const fields = new Set<RequestField>();
    if (/\d/.test(text)) fields.add('numbers');
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      const known = vocabularyWord(word);
      if (known === undefined || (signalsRead && STYLE_WORDS.has(known))) continue;
      for (const field of FIELDS_OF.get(known) ?? []) fields.add(field);
    }
    if (fields.size > 0) parts.push({ span, text, fields: [...fields] });
  }
  return parts;
}
