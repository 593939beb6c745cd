// Reads a plain-language prompt into a StrategyRequest. Bad input (empty, far too long, not English)
// becomes a problem with a clear message rather than a reading. The readers run in a fixed order and
// each takes the spans it reads, so one number is never read twice: instruments first, then the bar
// and direction, the period and cash, the universe, schedule, risk and sizing, the filters, and the
// signals last, which read the numbers no other field claimed; then the regimes a filter read names for
// one rule each (readRegimes.ts) are tied to those rules.
import { franc } from 'franc-min';
import { isEnglishWord, nearEnglishWord } from './englishWords';
import { Prompt } from './promptText';
import { readBar, readDirection } from './readBarAndDirection';
import { readFilters, withoutReferences } from './readFilters';
import { readInstruments } from './readInstruments';
import { readPeriodAndCash } from './readPeriod';
import { readRegimeWords, withRegimes } from './readRegimes';
import { readRisk } from './readRisk';
import { readSchedule } from './readSchedule';
import { readSignals } from './readSignals';
import { readSizing } from './readSizing';
import { readUniverse } from './readUniverse';
import { symbolIndex, type SymbolIndex } from './symbols';
import type { StrategyRequest } from './types';
import { STRATEGY_WORDS } from './vocabulary';

/** Longest prompt read, in characters: a strategy fits in far less, and reading is linear in it. */
export const MAX_PROMPT_CHARS = 20_000;

/** A request for `prompt` that asks for nothing yet: the shape every reading starts from. */
export function emptyRequest(prompt: string): StrategyRequest {
  return { prompt, instruments: [], markets: [], signals: [], risk: {}, filters: [], period: {}, problems: [], unread: [] };
}

export function readRequest(text: string, index: SymbolIndex = symbolIndex()): StrategyRequest {
  const empty = emptyRequest(text);
  if (!text.trim()) {
    return {
      ...empty,
      problems: [
        {
          kind: 'empty',
          message: 'The prompt is empty. Describe the strategy, e.g. "RSI mean reversion on AAPL and MSFT with a 5% stop".',
        },
      ],
    };
  }
  if (text.length > MAX_PROMPT_CHARS) {
    return {
      ...empty,
      problems: [
        {
          kind: 'too-long',
          message: `The prompt is ${text.length.toLocaleString('en-US')} characters long; describe the strategy in at most ${MAX_PROMPT_CHARS.toLocaleString('en-US')}.`,
        },
      ],
    };
  }
  if (!looksEnglish(text)) {
    return {
      ...empty,
      problems: [
        {
          kind: 'not-english',
          message:
            'The prompt does not look like English, the only language the offline reader understands. Write it in English, or configure a model endpoint.',
        },
      ],
    };
  }
  const prompt = new Prompt(text);
  const { instruments, markets, problems } = readInstruments(prompt, index);
  const bar = readBar(prompt);
  const direction = readDirection(prompt, problems);
  const { period, cash } = readPeriodAndCash(prompt, problems);
  const universe = readUniverse(prompt, index);
  const schedule = readSchedule(prompt);
  const risk = readRisk(prompt);
  const sizing = readSizing(prompt, instruments, markets);
  // A symbol named only as a filter's reference or a universe's ETF ("while QQQ is above its 100-day EMA") is not traded.
  const { instruments: traded, filters: read } = withoutReferences(instruments, readFilters(prompt), universe, prompt);
  // A regime said of one rule ("RSI when volatility is low, a breakout when it is high") is that rule's, not a filter;
  // the words completing a regime ("when it's below 20", "its 1-year median") are read before any signal reads their numbers.
  const regimeWords = readRegimeWords(prompt, read);
  const { signals, filters } = withRegimes(prompt, readSignals(prompt, problems), read, regimeWords);
  return {
    prompt: text,
    instruments: traded,
    markets,
    ...(bar ? { bar } : {}),
    ...(direction ? { direction } : {}),
    signals,
    ...(sizing ? { sizing } : {}),
    risk,
    ...(schedule ? { schedule } : {}),
    ...(universe ? { universe } : {}),
    filters,
    period,
    ...(cash ? { cash } : {}),
    problems,
    unread: prompt.unread(),
  };
}

/** Languages franc-min names for prose in Latin script that is plainly not English. */
const OTHER_LANGUAGES = new Set([
  'spa',
  'por',
  'fra',
  'deu',
  'ita',
  'nld',
  'pol',
  'ron',
  'swe',
  'dan',
  'nob',
  'ces',
  'hun',
  'fin',
  'tur',
  'vie',
]);

/**
 * English by script, then by language: most letters must be Latin ones (tickers and numbers are, in any
 * prompt). A Latin-script prompt is taken for another language only when franc-min (a maintained
 * trigram language detector) names one and the text agrees: it has letters English does not use
 * ("días", "fällt"), or few of its words are English or one typo from English. franc alone misjudges
 * terse, typo-ridden English ("corn futres zc, 10/30 sma crossver" reads as Portuguese to it), so the
 * word list (englishWords.ts) has the last say.
 */
function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return true;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (latin / letters.length < 0.7) return false;
  if (!OTHER_LANGUAGES.has(franc(text, { minLength: 20 }))) return true;
  if (/[àáâãäåçèéêëìíîïñòóôõöøùúûüýÿßœæ]/i.test(text)) return false;
  const words = (text.match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3 && w === w.toLowerCase());
  if (words.length < 6) return true;
  const english = words.filter((w) => isEnglishWord(w) || STRATEGY_WORDS.has(w) || (w.length >= 4 && nearEnglishWord(w) !== undefined));
  return english.length / words.length >= 0.45;
}
