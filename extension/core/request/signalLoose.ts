// The numbers of a signal written apart from its name: "RSI(2) below 10, exit above 70", "enter at 2
// sigma, exit at 0.5, 60-day lookback", "hold top 3". Each reader looks only in the text after one
// mention of its kind, up to the next mention of any signal or of an indicator this reader does not
// know, and takes what it reads. A number is read only with a word that says what it is (a comparison,
// "oversold", "lookback", a unit), so a bare number in that text stays unread.
import type { Candidate } from './signalForms';
import { DEC, INT, JOIN, LEAD, UNIT, bars, hits, level, pattern, period, textBefore, type Hit } from './signalText';
import { DIGITS, fractionOf } from './numbers';
import type { Prompt } from './promptText';
import type { SignalKind, Span } from './types';

/** Reads the numbers of one mention in `region`, knowing what the signal's other mentions gave. */
export type LooseReader = (prompt: Prompt, region: Span, known: readonly Candidate[]) => Candidate[];

const has = (known: readonly Candidate[], param: string) => known.some((c) => c.param === param);

/** Not a level nor a period: a number followed by a percent sign or a unit. */
const NO_UNIT = `(?!\\d|\\.\\d|\\s?%|${JOIN}${UNIT})`;

/** Reads each match of `re` in the region with `read`, taking the matches that gave numbers. */
function each(prompt: Prompt, re: RegExp, region: Span, read: (hit: Hit) => Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of hits(prompt, re, region)) {
    const found = read(hit);
    if (found.length === 0) continue;
    prompt.take(hit.start, hit.end);
    out.push(...found);
  }
  return out;
}

const named = (param: string) => (hit: Hit) => {
  const read = period(hit.g['a'], hit.g['ua']);
  return read ? [{ param, read }] : [];
};

// --- periods -----------------------------------------------------------------------------------

const PERIOD_NAMED = pattern(
  `(?<![a-z])(?:period|length|lookback|look-back|window|rolling window|formation period)\\s?(?:of|=|:|is)?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?`,
);
const PERIOD_BEFORE = pattern(
  `${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:rolling\\s)?(?:lookback|look-back|window|period|formation|history)(?![a-z])`,
);
/** A period of another measure, not of the signal: "60-day realized volatility", "20-day average volume". */
const OTHER_MEASURE =
  '(?!\\s(?:realized|realised|historical|implied|annuali[sz]ed|high|low|highs|lows|volume|volatility|vol|atr|range|returns?)(?![a-z]))';
/** "of the previous 16 bars", "over the last 20 days". */
const PERIOD_LAST = pattern(`(?<![a-z])(?:last|past|previous|prior|preceding|trailing)\\s(?<a>${INT})${JOIN}(?<ua>${UNIT})`);
/** "20 days" alone; not a holding time ("for 5 days", "after 3 bars"), which the risk reader owns. */
const PERIOD_BARE = pattern(
  `(?<!(?:after|for|within|every|each|hold|holding|held|to|than|in|max|maximum|least|most|next|first)\\s)${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${OTHER_MEASURE}`,
);

function periodOf(prompt: Prompt, region: Span, known: readonly Candidate[]): Candidate[] {
  const out = [...each(prompt, PERIOD_NAMED, region, named('period')), ...each(prompt, PERIOD_BEFORE, region, named('period'))];
  if (out.length === 0 && !has(known, 'period')) {
    const bare = hits(prompt, PERIOD_BARE, region)[0];
    const read = bare && period(bare.g['a'], bare.g['ua']);
    if (bare && read) {
      prompt.take(bare.start, bare.end);
      out.push({ param: 'period', read });
    }
  }
  return out;
}

// --- RSI levels ----------------------------------------------------------------------------------

const BELOW = 'below|under|beneath|less than|lower than|(?:drops?|dips?|falls?|goes|gets|moves?)\\s(?:below|under|to)';
const ABOVE = 'above|over|greater than|higher than|more than|exceeds?|tops|(?:rises?|climbs?|goes|gets|moves?)\\s(?:above|over|to)';
const SIDE = 'oversold|overbought|lower|upper';
const RSI_LEVEL = pattern(
  `(?<cue>(?<![a-z])(?:(?:(?:is|crosses|crossing|cross|reads?|closes|back)\\s)?(?:${BELOW}|${ABOVE})|(?:${SIDE})(?:\\s(?:level|threshold|line|zone|band|bound))?(?:\\s(?:of|at|is|below|above|under|over))?\\s?[=:<>]?|at|hits?|reaches?|touches?)|<=?|>=?|@)\\s?(?:the\\s)?(?:level\\s(?:of\\s)?)?(?<n>${DEC})${NO_UNIT}(?!\\s?/\\s?\\d)`,
);
const OR_MORE = '(?:less|lower|below|under|more|higher|above|greater|over)(?![a-z])';
const RSI_LEVEL_AFTER = [
  pattern(`${LEAD}(?<n>${DEC})\\s(?:(?:is|as)\\s)?(?<cue>oversold|overbought)(?![a-z])`),
  // "25 or lower"; the comparison is looked ahead to, so it still counts where another reader took the word.
  pattern(`${LEAD}(?<n>${DEC})\\s(?:or|and)\\s(?<cue>${OR_MORE})`),
  pattern(`${LEAD}(?<n>${DEC})(?=\\s(?:or|and)\\s(?<ahead>${OR_MORE}))`),
];
const RSI_PAIR = pattern(`${LEAD}(?<lo>\\d{1,2}(?:\\.\\d+)?)\\s?/\\s?(?<hi>\\d{1,2}(?:\\.\\d+)?)(?![\\d%]|\\.\\d)`);

function rsiLevel(hit: Hit): Candidate[] {
  const read = level(hit.g['n']);
  const cue = (hit.g['cue'] ?? hit.g['ahead'])?.text ?? '';
  if (!read || read.value <= 0 || read.value >= 100) return [];
  const side = /oversold|(?<![a-z])lower(?! than)/.test(cue) ? 'lower' : /overbought|upper/.test(cue) ? 'upper' : undefined;
  const cmp = /below|under|beneath|less|lower than|<|drop|dip|fall/.test(cue)
    ? 'below'
    : /above|over|greater|higher|more|>|exceed|rise|climb/.test(cue)
      ? 'above'
      : undefined;
  // 50 is the midline: which side it is only a word can say.
  if (read.value === 50 && !side && !cmp) return [];
  return [{ param: 'level', read, ...(side ? { side } : {}), ...(cmp ? { cmp } : {}) }];
}

const rsi: LooseReader = (prompt, region, known) => [
  ...each(prompt, RSI_PAIR, region, (hit) => {
    const [lo, hi] = [level(hit.g['lo']), level(hit.g['hi'])];
    return lo && hi && lo.value < 50 && hi.value > 50
      ? [
          { param: 'level', read: lo, side: 'lower' },
          { param: 'level', read: hi, side: 'upper' },
        ]
      : [];
  }),
  ...each(prompt, RSI_LEVEL, region, rsiLevel),
  ...RSI_LEVEL_AFTER.flatMap((re) => each(prompt, re, region, rsiLevel)),
  ...periodOf(prompt, region, known),
];

// --- z-score levels (z-score and pairs) ---------------------------------------------------------

const EXIT = 'exit(?:s|ing)?|close[sd]?|unwind(?:s|ing)?|cover(?:s|ing)?|flatten|take profit';
const ENTRY = 'enter(?:s|ing)?|entry|open(?:s|ing)?|trade|short|buy|sell|long';
const VERBS = 'is|goes|gets|reaches|hits|crosses|falls|drops|rises|climbs|comes|reverts|returns|moves';
const Z_LEVEL = pattern(
  `(?<cue>(?<![a-z])(?:(?:${EXIT}|${ENTRY})(?:\\s(?:(?:when|if|once)\\s)?(?:(?:the|its)\\s)?(?:(?:absolute|abs)\\s)?(?:(?:spread|z[\\s-]?score|it|z|price)\\s)?(?:(?:${VERBS})\\s)?(?:back\\s)?)?(?:(?:below|above|under|over|beyond|past|at|to|back to|inside|within)\\s)?|(?:revert(?:s|ing)?|back|returns?)\\sto\\s|(?:below|under|above|over|beyond|exceeds?|less than|greater than|more than|past|at|of|inside|within)\\s|(?:cross(?:es)?|hits|reaches|touches)\\s(?:(?:above|below|over|under)\\s)?)|<=?\\s?|>=?\\s?|±\\s?|\\+/-\\s?)(?:z(?:[\\s-]?score)?\\s?(?:of\\s|=\\s?|:\\s?)?)?(?<n>(?:(?:minus|negative)\\s|[-+])?${DEC})(?:\\s?-?\\s?(?<u>sigmas?|σ|standard[\\s-]deviations?|std(?:[\\s-]?devs?)?|stdevs?|sd)(?![a-z]))?${NO_UNIT}`,
);
/** "a 2.0 z-score entry", "in 2 out 0.5": the number before the word naming it. */
const Z_NAMED_AFTER = pattern(`${LEAD}(?<n>[-+]?${DEC})\\s?(?:z[\\s-]?score|z|sigma|σ)\\s(?<cue>entry|entries|exit|exits)(?![a-z])`);
const Z_IN_OUT = pattern(`(?<![a-z])in\\s(?:at\\s)?(?<in>[-+]?${DEC}),?\\s(?:and\\s)?out\\s(?:at\\s)?(?<out>[-+]?${DEC})${NO_UNIT}`);
/** "2.5/0.5" after a z-score: the entry and the exit level, the entry the further from the mean. */
const Z_PAIR = pattern(`${LEAD}(?<in>[-+]?${DEC})\\s?/\\s?(?<out>[-+]?${DEC})(?![\\d%]|\\.\\d|\\s?%)`);
const Z_SIGMA = pattern(`${LEAD}(?<n>[-+]?${DEC})\\s?-?\\s?(?:sigmas?|σ|standard[\\s-]deviations?|std(?:[\\s-]?devs?)?|stdevs?)(?![a-z])`);
/** "exit at the mean", "close when it reverts to zero": a z-score of 0. */
const Z_MEAN = pattern(
  `(?<![a-z])(?:(?:${EXIT})(?:\\s[a-z-]+){0,4}?\\s(?:at|to|on)|(?:revert(?:s|ing)?|back|returns?)\\sto)\\s(?:(?:the|its)\\s)?(?<n>zero|mean)(?![a-z])`,
);

const EXIT_WORD = /(?<![a-z])(?:exit|close|unwind|cover|flatten|profit|revert|back|return)/g;
const ENTRY_WORD = /(?<![a-z])(?:enter|entry|open|trade|short|buy|sell|long|below|under|above|over|beyond|exceed)|[<>±]/g;

/** The last index of `re` in `text`, or -1. */
function lastIndex(text: string, re: RegExp): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index;
  return last;
}

/**
 * A z-score level, entry or exit by the nearest word before it in its clause: "exit at 0.5" exits. The
 * words are looked for in the prompt as written, taken or not, so a word another reader took still counts.
 */
const zLevel = (prompt: Prompt) => (hit: Hit) => {
  const n = hit.g['n'];
  if (!n) return [];
  const before = textBefore(prompt, n.start, 32);
  return zAs(hit, 'n', lastIndex(before, EXIT_WORD) > lastIndex(before, ENTRY_WORD) ? 'exit' : 'entry');
};

/** A z-score level of `param` from group `group`, absolute and at most 10. */
function zAs(hit: Hit, group: string, param: string): Candidate[] {
  const n = hit.g[group];
  const read = level(n && { ...n, text: n.text.replace(/^(?:minus|negative)\s/, '-') });
  return read && Math.abs(read.value) <= 10 ? [{ param, read: { value: Math.abs(read.value), span: read.span } }] : [];
}

const zscore: LooseReader = (prompt, region, known) => [
  ...each(prompt, Z_MEAN, region, (hit) => (hit.g['n'] ? [{ param: 'exit', read: { value: 0, span: hit.g['n'] } }] : [])),
  ...each(prompt, Z_IN_OUT, region, (hit) => [...zAs(hit, 'in', 'entry'), ...zAs(hit, 'out', 'exit')]),
  ...each(prompt, Z_PAIR, region, (hit) => {
    const [entry, exit] = [zAs(hit, 'in', 'entry'), zAs(hit, 'out', 'exit')];
    return entry.length && exit.length && entry[0]!.read.value > exit[0]!.read.value ? [...entry, ...exit] : [];
  }),
  ...each(prompt, Z_NAMED_AFTER, region, (hit) => zAs(hit, 'n', /exit/.test(hit.g['cue']?.text ?? '') ? 'exit' : 'entry')),
  ...each(prompt, Z_LEVEL, region, zLevel(prompt)),
  ...each(prompt, Z_SIGMA, region, zLevel(prompt)),
  ...periodOf(prompt, region, known),
];

// --- crossovers and MACD --------------------------------------------------------------------------

const LABELED_AVERAGE = pattern(
  `(?<![a-z])(?<lab>fast(?:er)?|slow(?:er)?|short(?:er)?[\\s-]term|long(?:er)?[\\s-]term|shorter|longer)\\s?(?:(?:period|length|window|average|ma|one|line)\\s?)?(?:of|=|:|at|is)?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?![\\d%])`,
);
const AVERAGE_PAIR = pattern(
  `${LEAD}(?<!(?:below|under|above|over|than|at|<|>|=)\\s?)(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s?(?:/|and|&|vs\\.?|versus)\\s?(?:the\\s)?(?<b>${INT})${JOIN}(?<ub>${UNIT})`,
);

/**
 * Averages named apart from the crossover: "fast 10, slow 30", "crossover of the 10 and 30 day". A lone
 * "40-week" is read only as the second average of a crossover that has one ("10-week SMA crossing the 40-week").
 */
const crossover: LooseReader = (prompt, region, known) => {
  const out = each(prompt, LABELED_AVERAGE, region, (hit) => named(/fast|short/.test(hit.g['lab']?.text ?? '') ? 'fast' : 'slow')(hit));
  const count = out.length + known.filter((c) => c.param === 'value' || c.param === 'fast' || c.param === 'slow').length;
  if (count === 0) {
    return each(prompt, AVERAGE_PAIR, region, (hit) => {
      const unit = hit.g['ub'] ?? hit.g['ua'];
      const a = period(hit.g['a'], hit.g['ua'] ?? unit);
      const b = period(hit.g['b'], unit);
      return a && b
        ? [
            { param: 'value', read: a },
            { param: 'value', read: b },
          ]
        : [];
    });
  }
  if (count === 1) return [...out, ...periodOf(prompt, region, []).map((c) => ({ ...c, param: 'value' }))];
  return out;
};

const MACD_LABELED = pattern(
  `(?<![a-z])(?<lab>fast|slow|signal)(?:\\s(?:line|period|ema|length))?\\s?(?:of|=|:|at|is)?\\s?(?<a>${INT})(?![\\d%])`,
);
/** "12/26/9", "12, 26 and 9", "12 26 9": three in a row, the fast shorter than the slow. */
const MACD_TRIPLE = pattern(`${LEAD}(?<a>${INT})(?:\\s?[,/-]\\s?|\\s)(?<b>${INT})(?:\\s?(?:[,/-]|,?\\sand)\\s?|\\s)(?<c>${INT})${NO_UNIT}`);

const macd: LooseReader = (prompt, region) => [
  ...each(prompt, MACD_TRIPLE, region, (hit) => {
    const reads = (['a', 'b', 'c'] as const).map((g) => period(hit.g[g], undefined));
    if (!reads.every((r) => r) || reads[0]!.value >= reads[1]!.value) return [];
    return reads.map((read, i) => ({ param: ['fast', 'slow', 'signal'][i]!, read: read! }));
  }),
  ...each(prompt, MACD_LABELED, region, (hit) => named(hit.g['lab']?.text ?? 'signal')(hit)),
];

// --- bands and channels ---------------------------------------------------------------------------

const STD = '(?:standard[\\s-]deviations?|std\\.?(?:[\\s-]?devs?)?|stdevs?|sd|sigmas?|σ)(?![a-z])';
const BAND_WIDTH = [
  pattern(`${LEAD}(?<b>${DEC})\\s?-?\\s?${STD}`),
  pattern(`(?<![a-z])(?:std|stdev|sd)\\s?(?:of|=|:)?\\s?(?<b>${DEC})(?![\\d%])`),
  pattern(`(?<![a-z])(?:k|width|multiplier|mult|deviations?)\\s?(?:of|=|:)\\s?(?<b>${DEC})(?![\\d%])`),
];
const ATR_MULTIPLE = [
  pattern(`${LEAD}(?<b>${DEC})\\s?(?:x|×|times)?\\s?(?:the\\s)?(?:atrs?|average true ranges?)(?![a-z])`),
  pattern(`(?<![a-z])(?:multiplier|mult|atr multiple)\\s?(?:of|=|:)?\\s?(?<b>${DEC})(?![\\d%])`),
];

const widthAs = (param: string) => (hit: Hit) => {
  const read = level(hit.g['b']);
  return read && read.value > 0 ? [{ param, read }] : [];
};

/** "20 and 2 std", "20, 1.5 atr": a period and the band width together. */
const BAND_PAIR = pattern(
  `${LEAD}(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s?(?:,|/|and|&)\\s?(?<b>${DEC})\\s?-?\\s?(?<w>${STD}|(?:x\\s?)?(?:atrs?|average true ranges?)(?![a-z]))`,
);

const bandPair = (param: string, atr: boolean) => (hit: Hit) => {
  const [p, read] = [period(hit.g['a'], hit.g['ua']), level(hit.g['b'])];
  if (!p || !read || read.value <= 0 || /atr|average/.test(hit.g['w']?.text ?? '') !== atr) return [];
  return [
    { param: 'period', read: p },
    { param, read },
  ];
};

const bollinger: LooseReader = (prompt, region, known) => [
  ...each(prompt, BAND_PAIR, region, bandPair('std', false)),
  ...BAND_WIDTH.flatMap((re) => each(prompt, re, region, widthAs('std'))),
  ...periodOf(prompt, region, known),
];

const keltner: LooseReader = (prompt, region, known) => [
  ...each(prompt, BAND_PAIR, region, bandPair('multiplier', true)),
  ...ATR_MULTIPLE.flatMap((re) => each(prompt, re, region, widthAs('multiplier'))),
  ...periodOf(prompt, region, known),
];

const DONCHIAN_EXIT = [
  pattern(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:lows?|low channel|exit(?:[\\s-]channel)?)(?![a-z])`),
  // "exit on the opposite 10-bar channel", "exits at a 20-day low": a channel named after the word exit is the exit's.
  pattern(
    `(?<![a-z])exit(?:s|ing)?\\s(?:on|at|via|with|using)\\s(?:the\\s|a\\s|an\\s)?(?:(?:opposite|reverse|shorter|inner)\\s)?(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:channels?|lows?|highs?|breakouts?|bands?)(?![a-z])`,
  ),
  pattern(`(?<![a-z])exit(?:[\\s-](?:channel|period|window))?\\s?(?:of|=|:)?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?![\\d%])`),
];
const DONCHIAN_ENTRY = [
  // "25-bar high or low": the channel both sides enter on.
  pattern(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:highs?(?:\\s(?:or|and|/)\\slows?)?|entry(?:[\\s-]channel)?)(?![a-z])`),
  pattern(`(?<![a-z])entry(?:[\\s-](?:channel|period|window))?\\s?(?:of|=|:)?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?![\\d%])`),
];

const donchian: LooseReader = (prompt, region) => [
  ...DONCHIAN_EXIT.flatMap((re) => each(prompt, re, region, named('exit'))),
  ...DONCHIAN_ENTRY.flatMap((re) => each(prompt, re, region, named('period'))),
  ...each(prompt, PERIOD_NAMED, region, named('period')),
  ...each(prompt, PERIOD_BEFORE, region, named('period')),
  ...each(prompt, PERIOD_LAST, region, named('period')),
];

// --- momentum -------------------------------------------------------------------------------------

const TOP = [
  pattern(`(?<![a-z])(?:top|best|strongest|highest|leading)\\s(?<a>${INT})(?![\\d%]|\\.\\d)`),
  pattern(
    `(?<![a-z])(?:hold|buy|own|pick|select|keep|long)\\s(?:the\\s)?(?<a>${INT})\\s(?:best|strongest|top|highest|winners|leaders)(?![a-z])`,
  ),
  pattern(`${LEAD}(?<a>${INT})\\s(?:best|strongest)(?![a-z])`),
  pattern(
    `(?<![a-z])(?:hold|buy|own|pick|select|keep|long)\\s(?:the\\s)?(?<a>${INT})\\s(?:with|having)\\s(?:the\\s)?(?:best|strongest|top|highest)(?![a-z])`,
  ),
];
const SKIP = pattern(
  `(?<![a-z])(?:skip(?:ping)?|exclud(?:e|ing)|ignor(?:e|ing)|dropping|minus|less)\\s(?:the\\s)?(?:(?:most\\s)?(?:recent|last|latest)\\s)?(?:(?<a>${INT})${JOIN})?(?<ua>${UNIT})`,
);
const RETURN_PERIOD = pattern(
  `${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:total\\s)?(?:returns?|performance|momentum|roc|gains?|price change|lookback|look-back)(?![a-z])`,
);

const momentum: LooseReader = (prompt, region, known) => {
  const out = [
    ...TOP.flatMap((re) => each(prompt, re, region, named('top'))),
    ...each(prompt, SKIP, region, (hit) => {
      const unit = hit.g['ua'];
      // "skipping the last month" skips one month.
      const read = hit.g['a']
        ? period(hit.g['a'], unit)
        : unit && { value: bars(1, unit.text), span: { start: unit.start, end: unit.end } };
      return read ? [{ param: 'skip', read }] : [];
    }),
    ...each(prompt, RETURN_PERIOD, region, named('period')),
  ];
  if (!has(known, 'top') && !has(out, 'top')) {
    // How many are held may be written before the ranking: "hold the top 5 nasdaq 100 stocks by 6 month momentum".
    const hit = TOP.flatMap((re) => hits(prompt, re)).sort((a, b) => a.start - b.start)[0];
    const read = hit && period(hit.g['a'], undefined);
    if (hit && read) {
      prompt.take(hit.start, hit.end);
      out.push({ param: 'top', read });
    }
  }
  return [...out, ...periodOf(prompt, region, [...known, ...out])];
};

// --- thresholds in percent (VWAP, gaps) -----------------------------------------------------------

const PERCENT_THRESHOLD = pattern(
  `(?:(?<![a-z])(?:(?:more|greater|bigger|larger)\\sthan|over|above|below|under|at least|of|by|exceeding|beyond|away(?:\\sfrom)?)\\s|[<>]=?\\s?)?${LEAD}(?<a>${DIGITS})\\s?(?<u>%|percent|pct|bps|basis points?)`,
);

const threshold: LooseReader = (prompt, region, known) => {
  if (has(known, 'threshold')) return [];
  const hit = hits(prompt, PERCENT_THRESHOLD, region)[0];
  const [a, u] = [hit?.g['a'], hit?.g['u']];
  const value = a && u ? fractionOf(a.text, u.text) : undefined;
  if (!hit || !a || !u || value === undefined) return [];
  prompt.take(hit.start, hit.end);
  return [{ param: 'threshold', read: { value, span: { start: a.start, end: u.end } } }];
};

export const LOOSE: Partial<Record<SignalKind, LooseReader>> = {
  'sma-crossover': crossover,
  'ema-crossover': crossover,
  rsi,
  bollinger,
  macd,
  donchian,
  keltner,
  zscore,
  pairs: zscore,
  momentum,
  vwap: threshold,
  gap: threshold,
};
