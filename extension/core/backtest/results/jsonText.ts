// JSON.parse with messages fit for a user. LEAN writes result files at the end of a run (and rewrites
// some during it), so the usual failure is a file that simply stops: that case is told apart from
// other syntax errors by scanning for unclosed strings, objects and arrays, which does not depend on
// the wording of the JavaScript engine's own message.
import { BacktestResultsError } from './errors';

/** Parses `text` (the contents of `file`) or throws a BacktestResultsError naming `file`. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new BacktestResultsError(file, 'is empty (the backtest may still be running, or it stopped before writing results)');
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    if (endsEarly(body)) {
      throw new BacktestResultsError(
        file,
        `is not valid JSON (it ends early at byte ${utf8Length(text)}: the backtest may still be running or was cut off)`,
      );
    }
    throw new BacktestResultsError(file, `is not valid JSON (${describeSyntaxError(error, body)})`);
  }
}

/** True when the text stops inside a string or with an object or array still open. */
function endsEarly(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return inString || depth > 0;
}

/** The engine's message, tidied, with its character position turned into a byte offset like the truncation case. */
function describeSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const base = message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/ at position \d+/, '');
  const phrase = base.charAt(0).toLowerCase() + base.slice(1);
  if (position?.[1] === undefined) return phrase;
  return `${phrase} at byte ${utf8Length(text, Number(position[1]))}`;
}

/** UTF-8 length of the first `end` UTF-16 units (no Buffer, so this module also runs in a webview). */
function utf8Length(text: string, end = text.length): number {
  let bytes = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
