// Regime selection: a prompt that picks one rule for a calm market and another for a volatile one ("RSI(2)
// mean reversion when volatility is low and a Donchian breakout when volatility is high", "in calm markets
// use a 50/200 SMA crossover, in volatile markets Bollinger band reversion", "when VIX is above 25 use RSI,
// otherwise an EMA crossover"). The filter reader has read each stated regime as a filter (a volatility
// regime, a VIX level). Before the signals are read, the words that complete a selection ("when it's below
// 20", "its 1-year median") are taken, so no signal reads their numbers; after, each regime said of one
// rule is tied to that rule as its `regime` (see Regime in types.ts) and is no longer a filter.
//
// Choices where a prompt is ambiguous:
// - A regime belongs to the rule named in its clause (clauses end at commas, semicolons, colons, sentence
//   ends, "and", "but", "while", "whereas", and before "otherwise"). Where the clauses do not pair them
//   one to one, two rules and two regimes pair in the order they alternate: a regime before each rule
//   ("in calm markets X, in volatile markets Y") or after each ("X when calm and Y when volatile").
// - "otherwise", "else", "in all other markets" and "when it is high" / "when it's below 20" are the
//   other regime of the measure named before them, with its numbers.
// - A selection needs a calm side and a volatile side; two rules both for calm markets are no selection,
//   and their regimes stay filters. A regime said of no rule ("only when VIX is below 25") stays a filter.
// - "its 1-year median" (or average) in the sentence of a volatility regime is what the volatility is
//   compared with, where the prompt reads as a selection.
import type { Prompt } from './promptText';
import { freeMatches } from './numbers';
import type { Filter, Read, Regime, Signal, Span } from './types';

/** A regime said in the prompt, before it is tied to a rule. */
export interface RegimeMarker {
  span: Span;
  /** What it says of the regime; a marker reading "otherwise" says nothing until paired. */
  regime: Partial<Regime>;
  /** The filter it was read as, dropped from the filters once it is tied. */
  filter?: Read<Filter>;
  /** "otherwise" and "when it is high" take the measure (and "otherwise" the side) from the regime named before them. */
  refers: 'none' | 'measure' | 'other';
}

const LOW_LEVEL = /^(?:low|calm|quiet|subdued|tranquil|falling|below[\s-]average)$/;
const LEVELS =
  'low|high|elevated|calm|quiet|subdued|tranquil|volatile|turbulent|choppy|rising|falling|below[\\s-]average|above[\\s-]average';

/** "when it is high", "when it's below 20", "if it gets elevated": the regime named before, on its other side or at a level. */
const PRONOUN = new RegExp(
  `(?<![a-z])(?:when|while|whenever|if)\\s+(?:it\\s+is|it's|it\\s+gets|it\\s+turns|it\\s+stays)\\s+(?:(?<lvl>${LEVELS})|(?:(?<below>below|under|less\\s+than|<)|(?<above>above|over|greater\\s+than|more\\s+than|>))\\s*(?<n>\\d{1,3}(?:\\.\\d+)?))(?![a-z\\d])`,
  'g',
);

/** The other regime: "otherwise", "else", "in all other markets", "the rest of the time". */
const OTHERWISE =
  /(?<![a-z])(?:otherwise|else|in\s+all\s+other\s+(?:markets|cases|conditions|times|regimes)|at\s+(?:all\s+)?other\s+times|the\s+rest\s+of\s+the\s+time)(?![a-z])/g;

/** Where a clause ends: commas, semicolons, colons, sentence ends, and the words joining two clauses. */
const CLAUSE_END = /[,;:]|\.(?:\s|$)|(?<![a-z])(?:and|but|while|whereas)(?![a-z])/g;

/** "above its 1-year median", "against its 6-month average", "vs. its median": what volatility is compared with. */
const BASELINE = new RegExp(
  `(?<![a-z])(?:is\\s+)?(?:above|below|over|under|against|vs\\.?|versus|relative\\s+to|compared\\s+(?:to|with))\\s+(?:its|the)\\s+(?:(?<n>\\d{1,3}|one|two|three|six|twelve)[\\s-]?(?<u>years?|yr|months?|mo|weeks?|days?)\\s+)?(?:rolling\\s+|trailing\\s+)?(?<stat>median|average|mean|moving\\s+average)(?![a-z])`,
  'g',
);

const WORD_NUMBERS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, six: 6, twelve: 12 };

/** The words of a regime selection read before the signals, so no signal reads their numbers as its own. */
export interface RegimeWords {
  /** "when it is high", "when it's below 20". */
  pronouns: RegimeMarker[];
  /** "above its 1-year median". */
  baseline?: Read<Pick<Regime, 'baseline' | 'window'>>;
}

/**
 * Before the signals are read: where the filters and the words around them look like a selection (a calm
 * and a volatile regime, or one and "otherwise" or "when it is high"), the words that complete a regime
 * ("when it's below 20", "its 1-year median") are taken, so no signal reads their numbers.
 */
export function readRegimeWords(prompt: Prompt, filters: readonly Read<Filter>[]): RegimeWords {
  const stated = markersOf(prompt, filters);
  if (stated.length === 0) return { pronouns: [] };
  const sides = new Set(stated.map((m) => m.regime.side));
  const pronouns = pronounsOf(prompt);
  const otherwise = freeMatches(prompt, OTHERWISE).length > 0;
  if (sides.size < 2 && pronouns.length === 0 && !otherwise) return { pronouns: [] };
  for (const m of pronouns) prompt.take(m.span.start, m.span.end);
  const baseline = stated.some((m) => m.regime.by === 'volatility') ? baselineOf(prompt, stated) : undefined;
  return { pronouns, ...(baseline ? { baseline } : {}) };
}

/**
 * The signals with the regime each is traded in, and the filters less the regimes tied to a signal. Where
 * no two rules are picked by regime, both are returned as they were.
 */
export function withRegimes(
  prompt: Prompt,
  signals: Signal[],
  filters: Read<Filter>[],
  words: RegimeWords,
): { signals: Signal[]; filters: Read<Filter>[] } {
  if (signals.length < 2) return { signals, filters };
  const others = freeMatches(prompt, OTHERWISE).map((m): RegimeMarker => ({
    span: { start: m.start, end: m.end },
    regime: {},
    refers: 'other',
  }));
  const markers = [...markersOf(prompt, filters), ...words.pronouns, ...others].sort((a, b) => a.span.start - b.span.start);
  if (markers.filter((m) => m.refers === 'none').length === 0) return { signals, filters };
  const pairs = paired(prompt, signals, markers);
  if (!pairs) return { signals, filters };
  const regimes = resolved(
    pairs.map(([, m]) => m),
    markers,
  );
  if (!regimes) return { signals, filters };
  const sides = new Set(regimes.map((r) => r.side));
  if (!sides.has('low') || !sides.has('high')) return { signals, filters };
  for (const m of pairs.map(([, m]) => m)) if (m.refers === 'other') prompt.take(m.span.start, m.span.end);
  const tied = new Map<Signal, Read<Regime>>();
  pairs.forEach(([signal, marker], i) => {
    const regime = { ...regimes[i]!, ...(regimes[i]!.by === 'volatility' && words.baseline ? words.baseline.value : {}) };
    tied.set(signal, { value: regime, span: marker.span });
  });
  const dropped = new Set(pairs.map(([, m]) => m.filter).filter((f) => f !== undefined));
  return {
    signals: signals.map((s) => (tied.has(s) ? { ...s, regime: tied.get(s)! } : s)),
    filters: filters.filter((f) => !dropped.has(f)),
  };
}

/** Words saying a regime is a condition to trade at all ("only when VIX is below 25", "skip when ..."): a filter. */
const GATE_WORDS = /(?<![a-z])(?:only|skip|avoid|unless|never|halt|pause|stop|don'?t|do\s+not|no)(?![a-z])/;

/** The regimes the filters name that may pick a rule: volatility regimes and one-sided VIX levels not said as gates. */
function markersOf(prompt: Prompt, filters: readonly Read<Filter>[]): RegimeMarker[] {
  const out: RegimeMarker[] = [];
  for (const f of filters) {
    const v = f.value;
    if (GATE_WORDS.test(prompt.lower.slice(f.span.start, f.span.end))) continue;
    if (v.kind === 'volatility')
      out.push({
        span: f.span,
        regime: { by: 'volatility', side: v.regime, ...(v.period !== undefined ? { period: v.period } : {}) },
        filter: f,
        refers: 'none',
      });
    // A range of the VIX ("between 15 and 30") is no side of one level.
    else if (v.kind === 'vix' && (v.below === undefined) !== (v.above === undefined))
      out.push({
        span: f.span,
        regime: { by: 'vix', side: v.above !== undefined ? 'high' : 'low', level: (v.above ?? v.below)! },
        filter: f,
        refers: 'none',
      });
  }
  return out;
}

/** "when it is high", "when it's below 20": the other regime of the measure named before, on its side or at its level. */
function pronounsOf(prompt: Prompt): RegimeMarker[] {
  return freeMatches(prompt, PRONOUN).map((m) => {
    const level = m.groups['lvl'];
    const side: Regime['side'] = level ? (LOW_LEVEL.test(level.replace(/\s+/g, ' ')) ? 'low' : 'high') : m.groups['below'] ? 'low' : 'high';
    return {
      span: { start: m.start, end: m.end },
      regime: { side, ...(m.groups['n'] !== undefined ? { level: Number(m.groups['n']) } : {}) },
      refers: 'measure',
    };
  });
}

/**
 * Rules paired with the regimes said of them, in the prompt's order: by clause, else by alternation of two
 * rules and two regimes; undefined where no two rules pair with a regime each, or a regime is left over.
 */
function paired(prompt: Prompt, signals: readonly Signal[], markers: readonly RegimeMarker[]): [Signal, RegimeMarker][] | undefined {
  const ends = [...prompt.lower.matchAll(CLAUSE_END)].map((m) => m.index);
  // "otherwise" starts a clause of its own ("use RSI otherwise an EMA crossover").
  for (const m of markers) if (m.refers === 'other') ends.push(m.span.start - 0.5);
  const clauseOf = (at: number) => ends.filter((e) => e < at).length;
  const byClause = new Map<number, { signals: Signal[]; markers: RegimeMarker[] }>();
  const entry = (clause: number) => byClause.get(clause) ?? byClause.set(clause, { signals: [], markers: [] }).get(clause)!;
  for (const s of signals) entry(clauseOf(s.span.start)).signals.push(s);
  for (const m of markers) entry(clauseOf(m.span.start)).markers.push(m);
  // Clauses of one rule and one regime pair them; a regime in a clause of no rule ("only when VIX is below 25") stays a filter.
  const clauses = [...byClause.values()].filter((c) => c.markers.length === 1 && c.signals.length === 1);
  if (clauses.length >= 2) return clauses.map((c) => [c.signals[0]!, c.markers[0]!]);
  // Else two rules and the two regimes of their sentences, alternating.
  const sentences = signals.map((s) => sentenceOf(prompt, s.span.start));
  const near = markers.filter((m) => sentences.some((t) => m.span.start >= t.start && m.span.start < t.end));
  if (signals.length !== 2 || near.length !== 2) return undefined;
  const [s1, s2] = signals as [Signal, Signal];
  const [m1, m2] = near as [RegimeMarker, RegimeMarker];
  const at = (x: Signal | RegimeMarker) => x.span.start;
  // "otherwise" is the regime of the rule after it; the regime named before it is the first rule's, before or after it.
  if (m2.refers === 'other' || m1.refers === 'other')
    return m2.refers === 'other' && at(s1) < at(m2) && at(m2) < at(s2)
      ? [
          [s1, m1],
          [s2, m2],
        ]
      : undefined;
  if (at(m1) < at(s1) && at(s1) < at(m2) && at(m2) < at(s2))
    return [
      [s1, m1],
      [s2, m2],
    ];
  if (at(s1) < at(m1) && at(m1) < at(s2) && at(s2) < at(m2))
    return [
      [s1, m1],
      [s2, m2],
    ];
  return undefined;
}

/**
 * Each paired marker as a whole regime: "otherwise" and "when it is high" completed from the regime the
 * prompt names last before them (or, where none is, first after them), paired or not.
 */
function resolved(paired: readonly RegimeMarker[], all: readonly RegimeMarker[]): Regime[] | undefined {
  const out: Regime[] = [];
  for (const m of paired) {
    if (m.refers === 'none') {
      out.push(m.regime as Regime);
      continue;
    }
    const stated = all.filter((x) => x.refers === 'none');
    const named = ([...stated].reverse().find((x) => x.span.start < m.span.start) ?? stated.find((x) => x.span.start > m.span.start))
      ?.regime as Regime | undefined;
    if (!named) return undefined;
    const side = m.regime.side ?? (named.side === 'low' ? 'high' : 'low');
    // "when it is below 20" after a volatility regime names a VIX-like level volatility has no use for.
    if (m.regime.level !== undefined && named.by !== 'vix') return undefined;
    const { side: _side, ...numbers } = named;
    out.push({ ...numbers, side, ...(m.regime.level !== undefined ? { level: m.regime.level } : {}) });
  }
  // A lookback stated with one volatility regime is the other's too ("when 20-day volatility is low ... when it is high").
  const periods = new Set(out.filter((r) => r.by === 'volatility' && r.period !== undefined).map((r) => r.period));
  if (periods.size === 1) {
    const period = [...periods][0]!;
    for (const r of out) if (r.by === 'volatility') r.period ??= period;
  }
  return out;
}

/** What the volatility is compared with, from an untaken phrase in the sentence of a volatility regime; taken. */
function baselineOf(prompt: Prompt, markers: readonly RegimeMarker[]): Read<Pick<Regime, 'baseline' | 'window'>> | undefined {
  const sentences = markers.filter((m) => m.regime.by === 'volatility' || m.refers !== 'none').map((m) => sentenceOf(prompt, m.span.start));
  const m = freeMatches(prompt, BASELINE).find((h) => sentences.some((s) => h.start >= s.start && h.end <= s.end));
  if (!m) return undefined;
  const n = m.groups['n'];
  const count = n === undefined ? undefined : (WORD_NUMBERS[n] ?? Number(n));
  const unit = m.groups['u'] ?? '';
  const days = /^y/.test(unit) ? 252 : /^mo/.test(unit) ? 21 : /^w/.test(unit) ? 5 : 1;
  const window = count !== undefined ? count * days : undefined;
  if (window !== undefined && !(window > 1)) return undefined;
  prompt.take(m.start, m.end);
  const baseline = m.groups['stat'] === 'median' ? 'median' : 'average';
  return { value: { baseline, ...(window !== undefined ? { window } : {}) }, span: { start: m.start, end: m.end } };
}

/** The sentence holding `at`: from after the last sentence end before it to the next one. */
function sentenceOf(prompt: Prompt, at: number): Span {
  const text = prompt.lower;
  const before = text.slice(0, at);
  const last = Math.max(before.lastIndexOf('. '), before.lastIndexOf(';'), before.lastIndexOf('? '), before.lastIndexOf('! '));
  const next = text.slice(at).search(/\.(?:\s|$)|[;?!]/);
  return { start: last < 0 ? 0 : last + 1, end: next < 0 ? text.length : at + next };
}
