// Alpha formulas written out in the WorldQuant style: "rank(ts_mean(close, 5))", "-1 *
// correlation(rank(open), rank(volume), 10)". A formula is read whole, from its first call to its last
// bracket and any terms joined on by operators, so the numbers inside it are never read as periods.
import { toNumber } from './numbers';
import type { Prompt } from './promptText';
import { hits, INT, pattern } from './signalText';
import type { Read, Signal, Span } from './types';

/** Calls that only formulas make; "min(" or "log(" alone could be prose. */
const CALL = /(?<![a-z_])(?:rank|ts_[a-z]+|correlation|covariance|delta|delay|decay_linear|scale|signedpower|indneutralize|stddev)\s?\(/g;
const TERM = /-?\s?(?:\d+(?:\.\d+)?|[a-z_][a-z0-9_]*)/y;
const OPERATOR = /\s?(?:==|&&|\|\||[-+*/^?:<>]=?)\s?/y;
/**
 * What a formula may start with before its first call (call names outside CALL, brackets, fields and
 * numbers, joined on by operators): "sign(delta(volume, 1))", "(rank(x) - 0.5)", "-1 * ", "close / ".
 * Only a field, a number or a bracket is taken as an operand, so prose before a formula never is.
 */
const OPENER = /(?:(?<![a-z0-9_])[a-z_][a-z0-9_]*|(?<![a-z0-9_]))\($/;
const OPERAND_BEFORE =
  /(?<![a-z0-9_.])(?:\d+(?:\.\d*)?|open|high|low|close|volume|vwap|returns|adv\d+)\s?(?:[-+*/^]|[<>]=?|==|!=|&&|\|\|)\s?$/;
const OPERATOR_BEFORE = /\)\s?(?:[-+*/^]|[<>]=?|==|!=|&&|\|\|)\s?$/;
const SIGN_BEFORE = /(?<![a-z0-9_)])-\s?$/;
/**
 * A formula of fields and arithmetic only, where the prompt names it as one: "Alpha#101, which is
 * (close - open) / ((high - low) + 0.001)", "score = close / open". It must read a field and apply an
 * operator, and hold nothing else.
 */
const NAMED = /(?<![a-z])(?:alpha(?:\s?#\s?\d{1,3})?|factor|score|formula)\s?(?:=|:|,?\s(?:which\sis|is|defined\sas))\s?/g;
const FIELDS = /(?<![a-z0-9_])(?:open|high|low|close|volume|vwap|returns|adv\d+)(?![a-z0-9_])/g;
const ARITHMETIC = /^[-+*/^()<>=!?:&|.,\s\d]*$/;
/** Longest formula read: far more than any written in a prompt, and a bound on the scan. */
const MAX_FORMULA = 2000;

export function readFormulas(prompt: Prompt): Span[] {
  const text = prompt.lower;
  const out: Span[] = [];
  for (const m of text.matchAll(CALL)) {
    if (prompt.isUsed(m.index, m.index + m[0].length)) continue;
    // What is written ahead of the call is the formula's unless another reader took it.
    const ahead = formulaStart(text, m.index);
    const start = prompt.isUsed(ahead, m.index) ? m.index : ahead;
    const end = formulaEnd(text, start);
    if (end <= m.index) continue;
    prompt.take(start, end);
    out.push({ start, end });
  }
  for (const m of text.matchAll(NAMED)) {
    const start = m.index + m[0].length;
    const end = formulaEnd(text, start);
    const body = text.slice(start, end);
    const rest = body.replace(FIELDS, '');
    const operator = /[-+*/^<>]/.test(body.replace(/^-\s?/, '').replace(FIELDS, ''));
    if (end <= start || prompt.isUsed(start, end) || rest === body || !operator || !ARITHMETIC.test(rest)) continue;
    prompt.take(start, end);
    out.push({ start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Where the formula whose first call is at `call` starts: before the brackets and calls it is an
 * argument of ("sign(", "(" around an expression that fills them), before the operands and operators
 * written ahead of it ("-1 * ", "abs(x) * "), and before a leading minus.
 */
function formulaStart(text: string, call: number): number {
  let start = call;
  for (;;) {
    const head = text.slice(Math.max(0, start - 40), start);
    const opener = OPENER.exec(head);
    // A bracket is the formula's when what starts here fills it: an argument (to "," or ")") of a call, or all of a bare bracket.
    if (opener) {
      const after = text.slice(formulaEnd(text, start)).match(/^\s?([,)])/)?.[1];
      const bare = opener[0] === '(';
      if (after === ')' || (after === ',' && !bare)) {
        start -= opener[0].length;
        continue;
      }
      break;
    }
    const operand = OPERAND_BEFORE.exec(head);
    if (operand) {
      start -= operand[0].length;
      continue;
    }
    const closed = OPERATOR_BEFORE.exec(head);
    const open = closed ? opening(text, start - closed[0].length) : -1;
    if (closed && open >= 0) {
      // The bracket's call name, if any, comes with it: "abs(x) * ".
      const name = /(?<![a-z0-9_])[a-z_][a-z0-9_]*$/.exec(text.slice(Math.max(0, open - 30), open));
      start = open - (name ? name[0].length : 0);
      continue;
    }
    break;
  }
  const sign = SIGN_BEFORE.exec(text.slice(Math.max(0, start - 4), start));
  return sign ? start - sign[0].length : start;
}

/** The index of the bracket opening the one closed at `close`, or -1. */
function opening(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= Math.max(0, close - MAX_FORMULA); i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
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

/** Names a book holds by their score, with no count: "the highest-scoring names", "the top-ranked stocks". */
const RANKED = (ends: string) => `${ends}[\\s-]?(?:ranked|scoring|scored|rated)?\\s?(?:names|stocks|symbols|ones)(?![a-z])`;
/** "long the top 2", "buy the top ten", "top 5 long", "buying the top-ranked names". */
const BOOK_TOP = pattern(
  `(?<![a-z])(?:(?:go\\s)?long|buy(?:ing)?|hold(?:ing)?|own)\\s(?:the\\s)?(?:top\\s(?<n>${INT})(?![a-z\\d])|${RANKED('(?:top|highest|best)')})|(?<![a-z])top\\s(?<m>${INT})\\s(?:(?:names|stocks|symbols)\\s)?long(?![a-z])`,
);
/** "short the bottom 2", "sell the bottom ten", "bottom 5 short", "shorting the lowest-scoring names". */
const BOOK_BOTTOM = pattern(
  `(?<![a-z])(?:(?:go\\s)?short(?:ing)?|sell(?:ing)?(?:\\sshort)?)\\s(?:the\\s)?(?:bottom\\s(?<n>${INT})(?![a-z\\d])|${RANKED('(?:bottom|lowest|worst)')})|(?<![a-z])bottom\\s(?<m>${INT})\\s(?:(?:names|stocks|symbols)\\s)?short(?![a-z])`,
);

/** How many names an alpha book holds long and short, where the prompt says; read beside a formula, and taken. */
export function readBook(prompt: Prompt): NonNullable<Signal['book']> | undefined {
  const book: NonNullable<Signal['book']> = {};
  for (const [side, re] of [
    ['top', BOOK_TOP],
    ['bottom', BOOK_BOTTOM],
  ] as const) {
    const hit = hits(prompt, re)[0];
    if (!hit) continue;
    // Taken with or without a count: the side's words are the book's either way.
    prompt.take(hit.start, hit.end);
    const number = hit.g['n'] ?? hit.g['m'];
    const value = number && toNumber(number.text);
    if (number && value !== undefined && value >= 1)
      book[side] = { value, span: { start: number.start, end: number.end } } satisfies Read<number>;
  }
  return book.top || book.bottom ? book : undefined;
}

/** An alpha-formula signal with the first formula read, as written (whitespace collapsed), and its book. */
export function withFormula(prompt: Prompt, signal: Signal, formulas: readonly Span[], book: Signal['book']): Signal {
  const first = formulas[0];
  if (!first) return signal;
  const formula = prompt.original.slice(first.start, first.end).replace(/\s+/g, ' ').trim();
  return { ...signal, formula, ...(book ? { book } : {}) };
}
