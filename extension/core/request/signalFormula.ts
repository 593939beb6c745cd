// Alpha formulas written out in the WorldQuant style: "rank(ts_mean(close, 5))", "-1 *
// correlation(rank(open), rank(volume), 10)". A formula is read whole, from its first call to its last
// bracket and any terms joined on by operators, so the numbers inside it are never read as periods.
import type { Prompt } from './promptText';
import type { Span } from './types';

/** Calls that only formulas make; "min(" or "log(" alone could be prose. */
const CALL = /(?<![a-z_])(?:rank|ts_[a-z]+|correlation|covariance|delta|delay|decay_linear|scale|signedpower|indneutralize|stddev)\s?\(/g;
const TERM = /-?\s?(?:\d+(?:\.\d+)?|[a-z_][a-z0-9_]*)/y;
const OPERATOR = /\s?(?:==|&&|\|\||[-+*/^?:<>]=?)\s?/y;
/** A sign or factor written before the first call: "-1 * ", "- ". */
const LEADING = /(?:-\s?\d+(?:\.\d+)?\s?\*\s?|-\s?)$/;
/** Longest formula read: far more than any written in a prompt, and a bound on the scan. */
const MAX_FORMULA = 2000;

export function readFormulas(prompt: Prompt): Span[] {
  const text = prompt.lower;
  const out: Span[] = [];
  for (const m of text.matchAll(CALL)) {
    if (prompt.isUsed(m.index, m.index + m[0].length)) continue;
    const end = formulaEnd(text, m.index);
    if (end <= m.index) continue;
    const lead = LEADING.exec(text.slice(Math.max(0, m.index - 12), m.index));
    const start = lead ? m.index - lead[0].length : m.index;
    prompt.take(start, end);
    out.push({ start, end });
  }
  return out;
}

/** Where the expression starting at `start` ends: terms (numbers, names, calls, brackets) joined by operators. */
function formulaEnd(text: string, start: number): number {
  let at = start;
  let end = start;
  for (;;) {
    TERM.lastIndex = at;
    const term = TERM.exec(text);
    let next = term ? TERM.lastIndex : at;
    if (text[next] === '(' || (text[next] === ' ' && text[next + 1] === '(' && term)) {
      const close = closing(text, text[next] === '(' ? next : next + 1);
      if (close < 0) break;
      next = close + 1;
    } else if (!term) break;
    end = next;
    OPERATOR.lastIndex = end;
    if (!OPERATOR.exec(text)) break;
    at = OPERATOR.lastIndex;
  }
  return end;
}

/** The index of the bracket closing the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < Math.min(text.length, open + MAX_FORMULA); i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}
