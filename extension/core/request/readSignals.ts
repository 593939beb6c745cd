// The entry and exit signals of a request, with their numbers by name (see Signal in types.ts). Run
// last, on the text no other reader took. First every signal named is found with the numbers written
// onto its name (signalForms.ts), then the numbers written apart from it in the text that follows
// (signalLoose.ts). Several mentions of one kind are one signal ("fast EMA 12, slow EMA 26"); a number
// stated twice with different values is a contradiction, and the first in the prompt is kept.
//
// Choices where a prompt is ambiguous:
// - Periods count bars: days, bars, periods and candles as written, a week 5, a month 21, a year 252.
//   "12-1 momentum" is 12 months skipping 1 (252 and 21).
// - A crossover's two averages are fast and slow by size, whatever order or labels they were written
//   in; one average alone ("price crosses the 50-day SMA") is the slow one, price the fast side.
// - An RSI level is the lower (oversold) one below 50 and the upper (overbought) one above, unless a
//   word names the side ("oversold 25"); a second level on a side already set goes to the other side
//   when its comparison points there ("below 10 ... exit above 40"). At 50 the comparison decides:
//   "RSI above 50" sets `upper` 50, the level RSI is compared above.
// - z-score and pairs levels are absolute ("below -2" enters at 2); "exit at the mean" exits at 0. A
//   z-score in a pairs prompt is the pair's spread z-score, read into the pairs signal.
// - Named conventions supply numbers only where the prompt states none: the golden and death cross are
//   the 50- and 200-day SMAs, the turtle breakout 20/10 (and 55/20 for the 55-day system).
// - Indicators this reader does not know (Ichimoku, SuperTrend, Heikin Ashi) are left unread, so the
//   request shows them to the user, and are not signals; nor is a breakout of one, or of a band.
// - Misspelt words of the vocabulary are read as the words meant ("crosover", "bolinger", "stongest"):
//   matching is on the prompt's view with them corrected (signalText.ts), spans on the prompt as written.
// - A ranking by past return picks the holdings: "rank them by their 3-month return" is momentum, and
//   its "top N" may be written anywhere in the prompt.
// - An average named with a Keltner or Bollinger channel ("built from a 20-period EMA", "EMA midline")
//   is the channel's, not a crossover. Two z-score entry levels and no exit are an entry and the exit
//   nearer the mean.
// - Holding ("hold 60/40", "keep holding SPY") is buy-and-hold where no other signal is read and the
//   hold is no holding time or condition ("hold for 5 days", "hold the top 3", "hold while ...").
import type { Prompt } from './promptText';
import { withCalendarDetails } from './readCalendar';
import { FORMS, UNKNOWN_INDICATORS, type Candidate } from './signalForms';
import { readBook, readFormulas, withFormula } from './signalFormula';
import { LOOSE } from './signalLoose';
import { hits, pattern } from './signalText';
import type { Read, RequestProblem, Signal, SignalKind, Span } from './types';
import { SIGNAL_NAMES } from './vocabulary';

interface Mention {
  kind: SignalKind;
  /** The phrase naming the signal. */
  name: Span;
  /** The whole match, name and the numbers on it. */
  start: number;
  end: number;
  convention?: 'golden-cross' | 'turtle';
}

interface Draft {
  kind: SignalKind;
  mentions: Mention[];
  candidates: Candidate[];
}

export function readSignals(prompt: Prompt, problems: RequestProblem[]): Signal[] {
  const drafts = new Map<SignalKind, Draft>();
  const add = (mention: Mention, candidates: Candidate[]) => {
    const draft = drafts.get(mention.kind) ?? { kind: mention.kind, mentions: [], candidates: [] };
    draft.mentions.push(mention);
    draft.candidates.push(...candidates);
    drafts.set(mention.kind, draft);
  };

  const formulas = readFormulas(prompt);
  const book = formulas.length ? readBook(prompt) : undefined;
  for (const span of formulas) add({ kind: 'alpha-formula', name: span, ...span }, []);
  for (const form of FORMS) {
    for (const hit of hits(prompt, form.re, undefined, form.anyText)) {
      const kind = typeof form.kind === 'function' ? form.kind(hit, prompt) : form.kind;
      const candidates = kind && (form.read ? form.read(hit) : []);
      if (!kind || !candidates) continue;
      prompt.take(hit.start, hit.end);
      const name = hit.g['name'] ?? { text: '', start: hit.start, end: hit.end };
      // The turtle forms are the Donchian forms: only the word "turtle" brings its numbers.
      const convention = form.convention === 'turtle' && !name.text.includes('turtle') ? undefined : form.convention;
      add(
        { kind, name: { start: name.start, end: name.end }, start: hit.start, end: hit.end, ...(convention ? { convention } : {}) },
        candidates,
      );
    }
  }

  channelAverages(drafts, prompt);
  readApart(prompt, drafts);
  if (drafts.size === 0) holding(prompt, add);
  else for (const hit of hits(prompt, STYLE)) prompt.take(hit.start, hit.end);
  const pairs = drafts.get('pairs');
  const zscore = drafts.get('zscore');
  if (pairs && zscore) {
    // Its numbers only: the pairs signal keeps the phrase that named the pair trade.
    pairs.candidates.push(...zscore.candidates);
    drafts.delete('zscore');
  }
  return [...drafts.values()]
    .map((draft) => ({ draft, first: Math.min(...draft.mentions.map((m) => m.name.start)) }))
    .sort((a, b) => a.first - b.first)
    .map(({ draft }) => toSignal(draft, prompt, problems))
    .map((signal) =>
      signal.kind === 'gap' ? withGapDetails(prompt, signal) : signal.kind === 'calendar' ? withCalendarDetails(prompt, signal) : signal,
    )
    .map((signal) => (signal.kind === 'alpha-formula' ? withFormula(prompt, signal, formulas, book) : signal));
}

/** Out of the market: "flat", "in cash", "out of the market". */
const OUT_OF_MARKET = '(?:flat|(?:in\\s)?cash|out(?:\\sof\\s(?:the\\s)?market)?|on\\sthe\\ssidelines)';

/**
 * Words naming a strategy's style rather than its rule, and words saying the strategy is out of the market
 * when its signal is off ("otherwise flat", "flat otherwise", "else in cash"), which every signal's rule
 * implies: read as part of the signals where there are some.
 */
const STYLE = pattern(
  '(?<![a-z])(?:mean[\\s-]revers(?:ion|al)|mean[\\s-]revert(?:ing|s)?|reversion|trend[\\s-]follow(?:ing|ers?|s)?|strategy|system|breakouts?|fad(?:e|es|ing)|rank(?:s|ed|ing)?|' +
    `(?:otherwise|else)\\s(?:(?:be|stay|go|sit|remain|hold|in)\\s)?${OUT_OF_MARKET}|(?:(?:and|or|be|stay|go|sit|remain)\\s)?${OUT_OF_MARKET}\\s(?:otherwise|else)` +
    ')(?![a-z])',
);

/** "hold", "keep holding": holding positions as the whole rule, where no other signal is read. */
const HOLD = pattern('(?<![a-z])(?:(?:just|simply|only|keep|always)\\s)?hold(?:s|ing)?(?![a-z])');
/** After "hold": what makes it a holding time or a condition, not the strategy ("hold for 5 days", "hold the top 3", "hold while ..."). */
const NOT_HOLDING =
  /(?<![a-z])(?:for|while|when|whenever|if|unless|until|as long as|period|time|top|best|strongest|worst|winners|losers|overnight|through)(?![a-z])/;

/** Before "hold": a condition it is done on ("if assigned, hold the shares"). */
const HOLD_ON = /(?<![a-z])(?:if|when|whenever|once|after|until|while)(?![a-z])/;

function holding(prompt: Prompt, add: (mention: Mention, candidates: Candidate[]) => void): void {
  const hit = hits(prompt, HOLD).find((h) => !NOT_HOLDING.test(prompt.after(h.end, 40)) && !HOLD_ON.test(prompt.before(h.start, 40)));
  if (!hit) return;
  prompt.take(hit.start, hit.end);
  add({ kind: 'buy-and-hold', name: { start: hit.start, end: hit.end }, start: hit.start, end: hit.end }, []);
}

/** Where a channel's average is written: "Keltner channel built from a 20-period EMA", "20-day EMA midline". */
const MIDLINE = /^\s?(?:mid[\s-]?line|middle(?:\s(?:band|line))?|basis|cent(?:er|re)(?:\s?line)?|base(?:\s?line)?)(?![a-z])/;

/**
 * An average named with a Keltner or Bollinger channel is the channel's own, not a crossover: one average
 * just after the channel's name ("keltner channel 20 ema", "a Keltner channel built from a 20-period EMA")
 * or called its midline. Its period is the channel's period.
 */
function channelAverages(drafts: Map<SignalKind, Draft>, prompt: Prompt): void {
  for (const kind of ['keltner', 'bollinger'] as const) {
    const channel = drafts.get(kind);
    if (!channel || channel.candidates.some((c) => c.param === 'period')) continue;
    for (const average of ['ema-crossover', 'sma-crossover'] as const) {
      const draft = drafts.get(average);
      if (!draft || draft.candidates.length > 1 || draft.candidates.some((c) => c.param !== 'value')) continue;
      // A crossover named as one ("an EMA crossover") is a signal of its own.
      if (draft.mentions.some((m) => /cross|(?<![a-z])x$/.test(prompt.lower.slice(m.name.start, m.name.end)) || m.convention)) continue;
      const near = draft.mentions.every((m) => {
        if (MIDLINE.test(prompt.lower.slice(m.end, m.end + 20))) return true;
        return channel.mentions.some(
          (c) => m.start >= c.end && m.start - c.end <= 40 && !/[.;]\s/.test(prompt.lower.slice(c.end, m.start)),
        );
      });
      if (!near) continue;
      channel.mentions.push(...draft.mentions.map((m) => ({ ...m, kind })));
      channel.candidates.push(...draft.candidates.map((c) => ({ ...c, param: 'period' })));
      drafts.delete(average);
    }
  }
}

/** The numbers written apart from each mention, in the text up to the next mention or unknown indicator. */
function readApart(prompt: Prompt, drafts: Map<SignalKind, Draft>): void {
  const mentions = [...drafts.values()].flatMap((d) => d.mentions).sort((a, b) => a.start - b.start);
  const bounds = [...mentions.map((m) => m.start), ...hits(prompt, UNKNOWN_INDICATORS).map((h) => h.start)].sort((a, b) => a - b);
  for (const mention of mentions) {
    const reader = LOOSE[mention.kind];
    const draft = drafts.get(mention.kind);
    if (!reader || !draft) continue;
    const end = bounds[firstAtOrAfter(bounds, mention.end)] ?? prompt.lower.length;
    draft.candidates.push(...reader(prompt, { start: mention.end, end }, draft.candidates));
  }
}

function toSignal(draft: Draft, prompt: Prompt, problems: RequestProblem[]): Signal {
  const params: Record<string, Read<number>> = {};
  const quote = (span: Span) => prompt.original.slice(span.start, span.end);
  const conflict = (param: string, had: Read<number>, read: Read<number>) =>
    problems.push({
      kind: 'contradiction',
      field: 'rules',
      message: `The prompt gives the ${SIGNAL_NAMES[draft.kind]} ${param} as both ${had.value} ("${quote(had.span)}") and ${read.value} ("${quote(read.span)}"); the first, ${had.value}, is read.`,
      span: read.span,
    });
  const set = (param: string, read: Read<number>) => {
    const had = params[param];
    if (!had) params[param] = read;
    else if (had.value !== read.value) conflict(param, had, read);
  };
  const candidates = [...draft.candidates].sort((a, b) => a.read.span.start - b.read.span.start);
  const mentions = [...draft.mentions].sort((a, b) => a.name.start - b.name.start);
  if (draft.kind === 'sma-crossover' || draft.kind === 'ema-crossover') averages(candidates, params, conflict, problems, quote);
  else if (draft.kind === 'rsi') rsiLevels(candidates, params, set);
  else if (draft.kind === 'zscore' || draft.kind === 'pairs') zLevels(candidates, set);
  else for (const c of candidates) set(c.param, c.read);

  for (const mention of mentions) {
    const span = mention.name;
    if (mention.convention === 'golden-cross' && !params['fast'] && !params['slow']) {
      params['fast'] = { value: 50, span };
      params['slow'] = { value: 200, span };
    }
    if (mention.convention === 'turtle') {
      params['period'] ??= { value: 20, span };
      // System 1 enters on 20-day highs and exits on 10-day lows; System 2 on 55 and 20.
      const exit = params['period'].value === 20 ? 10 : params['period'].value === 55 ? 20 : undefined;
      if (exit !== undefined) params['exit'] ??= { value: exit, span };
    }
  }
  return { kind: draft.kind, span: mentions[0]!.name, params };
}

/** Two averages by size, fast below slow; a third one named is a contradiction. */
function averages(
  candidates: readonly Candidate[],
  params: Record<string, Read<number>>,
  conflict: (param: string, had: Read<number>, read: Read<number>) => void,
  problems: RequestProblem[],
  quote: (span: Span) => string,
): void {
  const chosen: Candidate[] = [];
  for (const c of candidates) {
    if (chosen.some((x) => x.read.value === c.read.value)) continue;
    const sameLabel = c.param !== 'value' ? chosen.find((x) => x.param === c.param) : undefined;
    if (sameLabel) {
      conflict(c.param, sameLabel.read, c.read);
      continue;
    }
    if (chosen.length === 2) {
      problems.push({
        kind: 'contradiction',
        field: 'rules',
        message: `The prompt names another average ("${quote(c.read.span)}") besides ${chosen[0]!.read.value} and ${chosen[1]!.read.value}; those two are read.`,
        span: c.read.span,
      });
      continue;
    }
    chosen.push(c);
  }
  if (chosen.length === 2) {
    const [fast, slow] = [...chosen].sort((a, b) => a.read.value - b.read.value);
    params['fast'] = fast!.read;
    params['slow'] = slow!.read;
  } else if (chosen[0]) {
    params[chosen[0].param === 'fast' ? 'fast' : 'slow'] = chosen[0].read;
  }
}

/** RSI levels to the lower and upper side (see the header for the rule). */
function rsiLevels(
  candidates: readonly Candidate[],
  params: Record<string, Read<number>>,
  set: (param: string, read: Read<number>) => void,
): void {
  for (const c of candidates) {
    if (c.param !== 'level') {
      set(c.param, c.read);
      continue;
    }
    const byValue = c.read.value < 50 ? 'lower' : c.read.value > 50 ? 'upper' : undefined;
    const byCmp = c.cmp === 'below' ? 'lower' : c.cmp === 'above' ? 'upper' : undefined;
    let side = c.side ?? byValue ?? byCmp;
    if (!side) continue;
    const taken = params[side];
    if (!c.side && taken && taken.value !== c.read.value && byCmp && byCmp !== side && !params[byCmp]) side = byCmp;
    set(side, c.read);
  }
}

/**
 * z-score levels. Two entry levels and no exit ("buy below -2, sell above -0.5" in a long-only rule) are
 * an entry and an exit: the exit is the one nearer the mean.
 */
function zLevels(candidates: readonly Candidate[], set: (param: string, read: Read<number>) => void): void {
  const entries = candidates.filter((c) => c.param === 'entry');
  const nearer = entries.find((c) => c.read.value < entries[0]!.read.value);
  const exitOf = !candidates.some((c) => c.param === 'exit') && entries.length === 2 ? (nearer ?? undefined) : undefined;
  for (const c of candidates) set(c === exitOf ? 'exit' : c.param, c.read);
}

/** The index of the first of the sorted `values` at or after `value` (values.length when none). */
function firstAtOrAfter(values: readonly number[], value: number): number {
  let [lo, hi] = [0, values.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which gaps: "gap downs", "opens 2% below yesterday's close" (down); "gap ups", "opens above" (up). */
const GAP_SIDES: readonly [RegExp, 'up' | 'down'][] = [
  [/\bgapp?(?:s|ed|ping)?[\s-]+(?:up|higher)s?\b|\bopens?\s[^.;]{0,40}?\b(?:above|over|higher\sthan)\b/, 'up'],
  [/\bgapp?(?:s|ed|ping)?[\s-]+(?:down|lower)s?\b|\bopens?\s[^.;]{0,40}?\b(?:below|under|lower\sthan)\b/, 'down'],
];

/** Whether the rule fades a gap (bets on it filling) or follows it ("gap and go"). */
const GAP_MODES: readonly [RegExp, 'fade' | 'follow'][] = [
  [/\bgap[\s-]+(?:and|&|n)[\s-]+go\b|\bfollow(?:s|ing)?\s(?:the\s)?gaps?\b|\bgap\s(?:continuation|momentum|breakaway)\b/, 'follow'],
  [/\bfad(?:e|es|ed|ing)\b|\bgap\s(?:fill|fills|filling|reversal|reversion)\b|\bovershoot/, 'fade'],
];

/**
 * The side and mode of a gap rule. Where no word names the mode, a buy on a gap down or a short on a
 * gap up is a fade, and a buy on a gap up or a short on a gap down follows it.
 */
function withGapDetails(prompt: Prompt, signal: Signal): Signal {
  const found = <T>(table: readonly [RegExp, T][]): Read<T> | undefined => {
    const hits = table.map(([re, value]) => ({ m: re.exec(prompt.lower), value })).filter((h) => h.m);
    if (hits.length !== 1) return undefined;
    const { m, value } = hits[0]!;
    return { value, span: { start: m!.index, end: m!.index + m![0].length } };
  };
  const side = found(GAP_SIDES);
  let mode = found(GAP_MODES);
  if (!mode && side) {
    const buys = /\b(?:buy|buys|buying|long|go long)\b/.test(prompt.lower);
    const sells = /\b(?:sell|short|shorts|shorting|go short)\b/.test(prompt.lower);
    if (buys !== sells) mode = { value: buys === (side.value === 'down') ? 'fade' : 'follow', span: side.span };
  }
  for (const read of [side, mode]) if (read) prompt.take(read.span.start, read.span.end);
  return side || mode ? { ...signal, gap: { ...(side ? { side } : {}), ...(mode ? { mode } : {}) } } : signal;
}
