// The ways a prompt names a signal, each with the numbers written onto the name: "EMA 9/21",
// "14-period RSI", "BB(20,2)", "55 day high breakout". A form that matches is a mention of its kind;
// the numbers further off ("RSI(2) below 10", "exit at 0") are read afterwards, in the text that
// follows the mention (signalLoose.ts). Forms are tried in this order and each match is taken, so the
// longer reading of a phrase ("50/200 SMA") wins over a shorter one ("200 SMA").
import { DIGITS, fractionOf } from './numbers';
import type { Prompt } from './promptText';
import { DEC, INT, JOIN, LEAD, UNIT, level, pattern, period, textBefore, type Hit, type Part } from './signalText';
import type { Read, SignalKind } from './types';

/** A number read for a signal: under its param name, or for crossovers and RSI levels, placed when all are known. */
export interface Candidate {
  param: string;
  read: Read<number>;
  /** RSI levels: the side a word names ("oversold", "upper"), or the comparison written before it. */
  side?: 'lower' | 'upper';
  cmp?: 'below' | 'above';
}

export interface Form {
  re: RegExp;
  kind: SignalKind | ((hit: Hit, prompt: Prompt) => SignalKind | undefined);
  /** The numbers of a match; undefined when the match is not this form after all (it is then not taken). */
  read?: (hit: Hit) => Candidate[] | undefined;
  /** Numbers a named convention implies: the golden cross is 50/200, the turtle breakout 20/10. */
  convention?: 'golden-cross' | 'turtle';
  /** Matched over spans other readers took too: a name no other field's word is part of ("santa claus rally"). */
  anyText?: boolean;
}

/** "cross" on an average's name; "x" only apart from it ("ema x", not the "max" of "max drawdown"). */
const CROSS = '(?:(?:\\s?-?\\s?cross(?:overs?|ing|es|ed)?|\\s?[\\s-]x)(?![a-z]))';
/** Averages other than the simple and exponential one, which are not crossovers this reader knows. */
const OTHER_AVERAGE =
  "(?<!(?:hull|weighted|wilder'?s?|triangular|kaufman|adaptive|volume[\\s-]weighted|double|triple|zero[\\s-]lag)[\\s-])";
const AVERAGE = `${OTHER_AVERAGE}(?<![a-z])(?:(?:ema|sma|dma|ma)s?|(?:(?:exponential|simple|dual)\\s)?moving[\\s-]av(?:erage|g)s?|exponential ma)${CROSS}?(?![a-z])`;
const SEP = '\\s?(?:/|,|-|&|and|vs\\.?|versus|x)\\s?';
/** Not a level: "below 30 and 50 day SMA" is an RSI level and an average, not a 30/50 pair. */
const NOT_LEVEL = '(?<!(?:below|under|above|over|than|at|<|>|=)\\s?)';

const MACD =
  '(?<![a-z])(?:macd|mcad|moving average convergence[\\s-]divergence)(?:\\s(?:histogram|hist))?(?:\\s?-?\\s?(?:signal[\\s-]line\\s)?cross(?:overs?|ing|es)?)?(?![a-z])';
const RSI = '(?<![a-z])(?<!stoch(?:astic)?[\\s-]?)(?:rsi|relative strength ind(?:ex|icator))(?![a-z])';
const BOLLINGER = '(?<![a-z])(?:bol+[aeiy]n+g?u?[ae]?r(?:[\\s-]bands?)?|bbands|bb)(?![a-z])';
const KELTNER = '(?<![a-z])kel?t?n[ae]?r(?:[\\s-](?:channels?|bands?))?(?![a-z])';
const DONCHIAN =
  '(?<![a-z])(?:don?ch(?:ia|ai|a|i)n(?:[\\s-]channels?)?(?:[\\s-]breakouts?)?|turtle(?:[\\s-](?:trading|traders?|system|strategy|breakouts?|rules|style))?)(?![a-z])';
const ZSCORE = '(?<![a-z])(?:z[\\s-]?scores?|standard(?:ized)? scores?)(?![a-z])';
const MOMENTUM =
  '(?<![a-z])(?:(?:(?:dual|cross[\\s-]sectional|time[\\s-]series|relative|absolute|price)\\s)?momentum|(?:(?:sector|etf|asset)\\s)?rotat(?:e|es|ion|ing)|relative strength|rate[\\s-]of[\\s-]change|roc)(?![a-z])';
const VWAP = '(?<![a-z])(?:vwap|volume[\\s-]weighted average price)(?![a-z])';
const GAP =
  '(?<![a-z])(?:(?:fad(?:e|es|ing)|trad(?:e|ing)|buy(?:ing)?)\\s(?:the\\s)?)?(?:(?:opening|overnight|morning|price)\\s)?gapp?(?:s|ping|ped)?(?:[\\s-](?:ups?|downs?|fills?|fade|and[\\s-]go))?(?![a-z])';
const PERCENT = `(?<a>${DIGITS})\\s?(?<u>%|percent|pct|bps|basis points?)`;
const STD = '(?:standard[\\s-]deviations?|std\\.?(?:[\\s-]?devs?)?|stdevs?|sd|sigmas?|σ)(?![a-z])';

const WEEKDAY = '(?:mon|tues|wednes|thurs|fri)days?';
const NUMBER_WORD = '(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)';
const MONTH_NAME = '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
const CALENDAR = [
  'turn[\\s-]of[\\s-](?:the[\\s-])?month(?:\\seffect)?',
  `(?:buy|long)\\s(?:on\\s)?(?:the\\s)?${WEEKDAY}(?:\\s(?:open|close))?,?\\s(?:and\\s)?(?:sell|exit|close)\\s(?:on\\s)?(?:the\\s)?${WEEKDAY}(?:\\s(?:open|close))?`,
  'day[\\s-]of[\\s-](?:the[\\s-])?week(?:\\seffect)?',
  '(?:weekend|monday|january|pre[\\s-]holiday|holiday|halloween|month[\\s-]end)\\seffect',
  'santa(?:\\sclaus)?\\srally',
  'sell\\sin\\smay(?:\\sand\\sgo\\saway)?',
  'halloween\\s(?:indicator|strategy)',
  'january\\sbarometer',
  'seasonal(?:ity)?(?:\\s(?:strategy|effect|pattern|trade))?',
  'overnight\\s(?:drift|effect|anomaly)',
].join('|');
/** Days before or after events, and days of the calendar; not "the last trading day of the month", a rebalancing day. */
const CALENDAR_DAYS = [
  // Event days: "the pre-FOMC drift", "the day before each Fed announcement".
  '(?:pre|post)[\\s-]?(?:fomc|fed|cpi|nfp|earnings|holiday)(?:\\s(?:drift|effect|announcements?|meetings?|run[\\s-]?up|rally))?',
  `(?:(?:the\\s)?(?:${NUMBER_WORD}\\s)?(?:trading\\s)?(?:days?|sessions?)\\s(?:before|after|ahead\\sof|around|into|leading\\sup\\sto))\\s(?:each|every|the|an?|all)\\s(?:scheduled\\s)?(?:fomc|fed|central\\sbank|cpi|nfp|jobs\\sreport|earnings|holidays?|option\\sexpiration|opex|expiry)(?:\\s(?:announcements?|meetings?|decisions?|releases?|days?|dates?))?`,
  // Days of the calendar: "the last three trading days of each month", "the first 2 days of january".
  `(?:the\\s)?(?:last|first|final)\\s${NUMBER_WORD}\\s(?:trading\\s)?(?:days|sessions)\\s(?:of|in)\\s(?:each|every|the|a)\\s(?:calendar\\s)?(?:month|quarter|year)`,
  `(?:the\\s)?(?:last|first|final)\\s${NUMBER_WORD}\\s(?:trading\\s)?(?:days|sessions)\\s(?:of|in)\\s(?:${MONTH_NAME})`,
  // A weekday's session or a weekday alone ("at Monday's open", "the Thursday close", "on Mondays only").
  `(?:the\\s)?(?:mon|tues|wednes|thurs|fri)day(?:'s|s)?\\s(?:open|close|opening|closing)`,
  `(?:on\\s)?${WEEKDAY}\\sonly|only\\s(?:on\\s)?${WEEKDAY}`,
  // Months held or not: "November through April", "from May to October" (not a dated period).
  `(?:from\\s)?${MONTH_NAME}\\s(?:through|thru|to|until|till)\\s${MONTH_NAME}(?!\\s?\\d)`,
].join('|');
const BUY_AND_HOLD = "(?<![a-z])(?:buy[\\s-]?(?:and|&|n|'n'?)[\\s-]?hold|b&h|hold\\sforever|passive(?:ly)?\\shold(?:ing)?)(?![a-z])";
const ALPHA_NAME =
  '(?<![a-z])(?:worldquant(?:\\s(?:101\\s)?alphas?|\\s101)?|alpha\\s?#\\s?\\d{1,3}|alpha[\\s-]?101|(?:101\\s)?formulaic alphas?)(?![a-z])';

const PAIRS_WORDS =
  "(?<![a-z])(?:pairs?[\\s-]trad(?:e|es|ing)|trad(?:e|ed|ing)\\sas\\sa\\spair|spread(?:'s)?\\sz[\\s-]?scores?|z[\\s-]?scores?\\sof\\s(?:the|their|its)\\s(?:price\\s)?spread|pairs?[\\s-](?:strategy|arbitrage|arb)|stat(?:istical)?[\\s-]?arb(?:itrage)?|cointegrat(?:ed|ion|ing)?|hedge[\\s-]ratio)(?![a-z])";
/** "pairs" alone, but not "currency pairs" or "crypto pairs". */
const PAIRS_ALONE =
  '(?<!(?:currency|crypto|forex|fx|major|minor|coin|usd|cross|trading|these|those|the|two|both|all)\\s)(?<![a-z])pairs(?![a-z])(?!\\sof)';
/** A spread between two instruments; not an option spread or a quote's bid-ask spread. */
const SPREAD =
  '(?<!(?:bid|ask|bid[\\s-]ask|credit|debit|calendar|vertical|call|put|bull|bear|butterfly|option|yield)[\\s-])(?<![a-z])spread(?![a-z])';

/** Indicators this reader does not know (see UNKNOWN_INDICATORS). */
const UNKNOWN_SOURCE =
  "(?<![a-z])(?:ichimoku|super[\\s-]?trend|heik[ie]n[\\s-]?ashi|stoch(?:astic)?(?:[\\s-]rsi)?|williams\\s?%\\s?r|parabolic[\\s-]sar|psar|adx|dmi|cci|aroon|obv|on[\\s-]balance[\\s-]volume|mfi|money flow index|fibonacci|fib|pivot points?|vortex|chaikin|hull|hma|wma|vwma|kama|dema|tema|trix|ultimate oscillator|awesome oscillator|elder[\\s-]ray|renko|zig[\\s-]?zag|wilder'?s?|connorsrsi)(?![a-z])";

const one = (param: string, read: Read<number> | undefined): Candidate[] => (read ? [{ param, read }] : []);

/** Two periods with the unit written after either ("9 and 21 day", "50-day and 200-day"). */
function two(hit: Hit, first: string, second: string): Candidate[] {
  const unit = hit.g['ub'] ?? hit.g['ua'];
  return [...one(first, period(hit.g['a'], hit.g['ua'] ?? unit)), ...one(second, period(hit.g['b'], hit.g['ub'] ?? unit))];
}

const averageKind = (hit: Hit): SignalKind => (/ema|exponential/.test(hit.g['name']?.text ?? '') ? 'ema-crossover' : 'sma-crossover');

function fastOrSlow(label: Part | undefined): string {
  return label && /fast|short/.test(label.text) ? 'fast' : 'slow';
}

function percent(hit: Hit): Candidate[] {
  const a = hit.g['a'];
  const u = hit.g['u'];
  const value = a && u ? fractionOf(a.text, u.text) : undefined;
  return a && u && value !== undefined ? [{ param: 'threshold', read: { value, span: { start: a.start, end: u.end } } }] : [];
}

/** Two instruments the spread is between: two tickers written together ("KO/PEP", "XOM and CVX") or "spread between". */
function spreadKind(_hit: Hit, prompt: Prompt): SignalKind | undefined {
  const twoTickers = /(?<![A-Za-z])[A-Z]{1,5}\s?(?:\/|-|,|&|and|vs\.?|versus)\s?[A-Z]{1,5}(?![A-Za-z])/.test(prompt.original);
  return twoTickers || /\bspread (?:between|of)\b/.test(prompt.lower) ? 'pairs' : undefined;
}

/** "z-score of 2" is a level, not a period: a period is written with a unit, in brackets, or is 5 or more. */
function zPeriod(hit: Hit): Candidate[] | undefined {
  const read = period(hit.g['a'], hit.g['ua']);
  if (!read || (!hit.g['ua'] && !hit.g['paren'] && read.value < 5)) return undefined;
  return one('period', read);
}

/** A period and a width ("bollinger 50 2.5"); not this form where the width is too wide to be one. */
function width(hit: Hit, param: string, widest: number): Candidate[] | undefined {
  const read = level(hit.g['b']);
  if (!read || read.value <= 0 || read.value > widest) return undefined;
  return [...one('period', period(hit.g['a'], hit.g['ua'])), { param, read }];
}

/** A pair's lookback, entry and exit in a row: the entry beyond the exit, both plausible z-scores. */
function zTriple(hit: Hit): Candidate[] | undefined {
  const [entry, exit] = [level(hit.g['b']), level(hit.g['c'])];
  const lookback = period(hit.g['a'], hit.g['ua']);
  if (!lookback || !entry || !exit || entry.value > 10 || exit.value >= entry.value) return undefined;
  if (!hit.g['ua'] && lookback.value < 5) return undefined;
  return [...one('period', lookback), { param: 'entry', read: entry }, { param: 'exit', read: exit }];
}

/** Indicators and bands a breakout can be of: "Bollinger breakout", "keltner 30 1.8 atr breakout", "Ichimoku cloud breakout". */
const BREAKOUT_OF = new RegExp(`${BOLLINGER}|${KELTNER}|(?<![a-z])(?:bands?|cloud|squeeze)(?![a-z])|${UNKNOWN_SOURCE}`);

/** Right after a breakout, what it breaks: "breakouts above the upper band", "a breakout of the Bollinger bands". */
const BREAKOUT_THROUGH = new RegExp(
  `^\\s*(?:above|over|through|past|beyond|below|under|of|out\\s+of)\\s+(?:the\\s+|a\\s+|its\\s+)?(?:(?:upper|lower|top|bottom|outer)\\s+)?(?:${BREAKOUT_OF.source})`,
);

/** An exit's verb ("sell when", "exit once", "cover if"), not a short sale ("sell short"). */
const EXIT_BEFORE = /(?<![a-z])(?:sell(?!\s+(?:it\s+)?short)|exit|close|cover|get\s+out|take\s+profits?)(?![a-z])/;

/** A breakout is a Donchian channel's unless the clause before it, or the words right after it, name what breaks out. */
function breakoutKind(hit: Hit, prompt: Prompt): SignalKind | undefined {
  if (BREAKOUT_THROUGH.test(prompt.lower.slice(hit.end, hit.end + 60))) return undefined;
  return BREAKOUT_OF.test(textBefore(prompt, hit.start, 60)) ? undefined : 'donchian';
}

const RANKING = /(?<![a-z])(?:rank(?:s|ed|ing)?|best|strongest|top|winners|leaders|highest|rotat(?:e|es|ion|ing))(?![a-z])/;

/** A return "by" which holdings are chosen is momentum where the sentence ranks: "rank them by their 3-month return". */
function ranking(hit: Hit, prompt: Prompt): SignalKind | undefined {
  const text = prompt.lower;
  const start = Math.max(text.lastIndexOf('. ', hit.start), text.lastIndexOf('\n', hit.start), 0);
  const next = text.indexOf('. ', hit.end);
  return RANKING.test(text.slice(start, next < 0 ? text.length : next)) ? 'momentum' : undefined;
}

const f = (source: string, kind: Form['kind'], read?: Form['read'], convention?: Form['convention']): Form => ({
  re: pattern(source),
  kind,
  ...(read ? { read } : {}),
  ...(convention ? { convention } : {}),
});

export const FORMS: readonly Form[] = [
  f(`(?<name>${BUY_AND_HOLD})`, 'buy-and-hold'),
  { ...f(`(?<![a-z])(?<name>${CALENDAR})(?![a-z])`, 'calendar'), anyText: true },
  f(`(?<![a-z])(?<name>${CALENDAR_DAYS})(?![a-z])`, 'calendar'),
  f(`(?<name>${ALPHA_NAME})`, 'alpha-formula'),

  // "12-1 momentum": twelve months of returns, skipping the last one.
  f(
    `${LEAD}(?<a>\\d{1,2})\\s?-\\s?(?<b>\\d{1,2})(?:\\s?-?\\s?months?)?\\s(?<name>(?:month\\s)?(?:momentum|mom))(?![a-z])`,
    'momentum',
    (h) => [
      ...one('period', period(h.g['a'], { text: 'months', start: 0, end: 0 })),
      ...one('skip', period(h.g['b'], { text: 'months', start: 0, end: 0 })),
    ],
  ),

  // MACD: "MACD(12,26,9)", "macd 8/17/9", "12/26/9 MACD".
  f(`(?<name>${MACD})\\s?\\(?\\s?(?<a>${INT})(?:\\s?[,/-]\\s?|\\s)(?<b>${INT})(?:\\s?[,/-]\\s?|\\s)(?<c>${INT})\\s?\\)?`, 'macd', (h) => [
    ...one('fast', period(h.g['a'], undefined)),
    ...one('slow', period(h.g['b'], undefined)),
    ...one('signal', period(h.g['c'], undefined)),
  ]),
  f(`${LEAD}\\(?(?<a>${INT})\\s?[,/-]\\s?(?<b>${INT})\\s?[,/-]\\s?(?<c>${INT})\\)?\\s?(?<name>${MACD})`, 'macd', (h) => [
    ...one('fast', period(h.g['a'], undefined)),
    ...one('slow', period(h.g['b'], undefined)),
    ...one('signal', period(h.g['c'], undefined)),
  ]),
  f(`(?<name>${MACD})`, 'macd'),

  // Crossovers: "fast EMA 12", "50/200 SMA", "EMA 9/21", "the 20 crossing above the 50 SMA", "golden cross".
  f(
    `(?<lab>fast(?:er)?|slow(?:er)?|short(?:er)?(?:[\\s-]term)?|long(?:er)?(?:[\\s-]term)?)\\s(?<name>${AVERAGE})\\s?(?:of\\s|=\\s?|:\\s?|\\(\\s?)?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\)?`,
    averageKind,
    (h) => one(fastOrSlow(h.g['lab']), period(h.g['a'], h.g['ua'])),
  ),
  f(
    `(?<lab>fast(?:er)?|slow(?:er)?|short(?:er)?(?:[\\s-]term)?|long(?:er)?(?:[\\s-]term)?)\\s(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${JOIN}(?<name>${AVERAGE})`,
    averageKind,
    (h) => one(fastOrSlow(h.g['lab']), period(h.g['a'], h.g['ua'])),
  ),
  f(
    `${LEAD}${NOT_LEVEL}(?:the\\s)?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s(?:(?:day|period)\\s)?(?:cross(?:es|ing|ed)?)\\s(?:(?:above|over|below|under|through)\\s)?(?:the\\s)?(?<b>${INT})(?:${JOIN}(?<ub>${UNIT}))?${JOIN}(?<name>${AVERAGE})`,
    averageKind,
    (h) => two(h, 'value', 'value'),
  ),
  f(
    `(?<name>${AVERAGE})\\s?(?:of\\s(?:the\\s)?|\\(\\s?)?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${SEP}(?<b>${INT})(?:${JOIN}(?<ub>${UNIT}))?\\s?\\)?${CROSS}?`,
    averageKind,
    (h) => two(h, 'value', 'value'),
  ),
  f(
    `${LEAD}${NOT_LEVEL}(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${SEP}(?:the\\s)?(?<b>${INT})(?:${JOIN}(?<ub>${UNIT}))?${JOIN}(?<name>${AVERAGE})`,
    averageKind,
    (h) => two(h, 'value', 'value'),
  ),
  f(`${LEAD}(?<a>\\d{1,3})\\s?/\\s?(?<b>\\d{1,3})\\s(?<name>cross(?:overs?)?)(?![a-z])`, 'sma-crossover', (h) => two(h, 'value', 'value')),
  // "sma 9 26": two periods in a row, the second longer, neither a percent nor a year.
  f(`(?<name>${AVERAGE})\\s(?<a>\\d{1,3})\\s(?<b>\\d{1,3})(?![\\d.%]|\\s?%|${JOIN}${UNIT})`, averageKind, (h) => {
    const [a, b] = [period(h.g['a'], undefined), period(h.g['b'], undefined)];
    return a && b && a.value < b.value ? [...one('value', a), ...one('value', b)] : undefined;
  }),
  f(`${LEAD}${NOT_LEVEL}(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${JOIN}(?<name>${AVERAGE})`, averageKind, (h) =>
    one('value', period(h.g['a'], h.g['ua'])),
  ),
  f(
    `(?<name>${AVERAGE})\\s?(?:\\(\\s?|of\\s(?:the\\s)?|-)?(?<a>\\d{1,4})(?!\\d|\\.\\d|\\s?%)(?:${JOIN}(?<ua>${UNIT}))?\\s?\\)?`,
    averageKind,
    (h) => one('value', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<![a-z])(?<name>(?:golden|death)[\\s-]cross(?:es|overs?)?)(?![a-z])`, 'sma-crossover', undefined, 'golden-cross'),

  // One number on a name: "14-period RSI", "RSI(2)", "rsi2", "20-day Donchian", "BB(20,2)", "Keltner channel 20, 1.5 ATR".
  f(`(?<name>${RSI})\\s?\\(\\s?(?<a>${INT})\\s?\\)`, 'rsi', (h) => one('period', period(h.g['a'], undefined))),
  // "buy at RSI 30": a level, not a period.
  f(`(?<![a-z])(?:at|@)\\s?(?<name>${RSI})\\s?(?<n>${DEC})(?![\\d.%])`, 'rsi', (h) => {
    const read = level(h.g['n']);
    return read && read.value > 0 && read.value < 100 && read.value !== 50 ? [{ param: 'level', read }] : undefined;
  }),
  f(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?<name>${RSI})`, 'rsi', (h) => one('period', period(h.g['a'], h.g['ua']))),
  f(
    `(?<!(?:\\bat|@)\\s?)(?<name>${RSI})\\s?-?\\s?(?<a>\\d{1,3})(?!\\d|\\.\\d|\\s?(?:%|/\\s?\\d|(?:and|&|or|to|-|,)\\s?\\d|or\\s(?:less|lower|below|more|higher|above|greater)))(?:${JOIN}(?<ua>${UNIT}))?`,
    'rsi',
    (h) => one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<name>${RSI})`, 'rsi'),

  f(
    `(?<name>${BOLLINGER})\\s?\\(?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?:\\s?[,/]\\s?|\\s(?:and\\s)?)(?<b>${DEC})(?:\\s?${STD})?(?!\\s?%|${JOIN}${UNIT})\\s?\\)?`,
    'bollinger',
    (h) => width(h, 'std', 5),
  ),
  f(`${LEAD}(?<b>${DEC})\\s?-?\\s?${STD}\\s(?<name>${BOLLINGER}|bands?(?![a-z]))`, 'bollinger', (h) => one('std', level(h.g['b']))),
  f(`${LEAD}(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${JOIN}(?<name>${BOLLINGER})`, 'bollinger', (h) =>
    one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?<name>bands)(?![a-z])`, 'bollinger', (h) =>
    one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<name>${BOLLINGER})\\s?\\(?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s?\\)?`, 'bollinger', (h) =>
    one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<name>${BOLLINGER})`, 'bollinger'),

  f(
    `(?<name>${KELTNER})\\s?\\(?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?:\\s?[,/]\\s?|\\s(?:and\\s)?)(?<b>${DEC})(?:\\s?(?:x\\s?)?(?:atrs?|average true ranges?)(?![a-z]))?(?!\\s?%|${JOIN}${UNIT})\\s?\\)?`,
    'keltner',
    (h) => width(h, 'multiplier', 10),
  ),
  f(`${LEAD}(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${JOIN}(?<name>${KELTNER})`, 'keltner', (h) =>
    one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<name>${KELTNER})\\s?\\(?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s?\\)?`, 'keltner', (h) =>
    one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<name>${KELTNER})`, 'keltner'),

  f(
    `(?<name>${DONCHIAN})\\s?\\(?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s?[,/]\\s?(?<b>${INT})(?:${JOIN}(?<ub>${UNIT}))?\\s?\\)?`,
    'donchian',
    (h) => two(h, 'period', 'exit'),
    'turtle',
  ),
  f(
    `${LEAD}(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?${JOIN}(?<name>${DONCHIAN})`,
    'donchian',
    (h) => one('period', period(h.g['a'], h.g['ua'])),
    'turtle',
  ),
  f(
    `(?<name>${DONCHIAN})\\s?\\(?\\s?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?\\s?\\)?`,
    'donchian',
    (h) => one('period', period(h.g['a'], h.g['ua'])),
    'turtle',
  ),
  // "55 day high breakout", "new 52-week highs", "a 25-bar high or low", "a breakout above the 20-day high": the phrase names the channel.
  f(
    `(?<name>(?:new\\s)?${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:highs?(?:\\s(?:or|and|/)\\slows?)?(?:[\\s-]breakouts?)?|breakouts?|channel[\\s-]breakouts?))(?![a-z])`,
    'donchian',
    (h) => one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(
    `(?<![a-z])(?<name>breakouts?\\s(?:above|of|over|past|through|beyond)\\s(?:the\\s|a\\s)?(?:new\\s)?(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}highs?)(?![a-z])`,
    'donchian',
    (h) => one('period', period(h.g['a'], h.g['ua'])),
  ),
  // "go short when it breaks below its 20-day low", "buy when it breaks through the 52-week high": a break of the
  // channel's edge as the entry. After an exit's verb ("sell when it breaks below the 10-day low") it is the exit,
  // left to the channel's exit reader.
  f(
    `(?<![a-z])(?<name>(?:break(?:s|ing)?|broke)\\s(?:above|over|past|through|beyond|below|under)\\s(?:its\\s|the\\s|a\\s)?(?:new\\s)?(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:highs?|lows?))(?![a-z])`,
    (h, prompt) => (EXIT_BEFORE.test(textBefore(prompt, h.start, 40)) ? undefined : 'donchian'),
    (h) => one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(
    `(?<![a-z])(?<name>(?:the\\s)?highest\\s(?:high|close|price)\\s(?:of|over|in)\\s(?:the\\s)?(?:last|past|prior|previous|preceding)\\s(?<a>${INT})${JOIN}(?<ua>${UNIT}))(?![a-z])`,
    'donchian',
    (h) => one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`(?<name>${DONCHIAN})`, 'donchian', undefined, 'turtle'),
  f(`(?<![a-z])(?<name>(?:price\\s)?channel[\\s-]breakouts?)(?![a-z])`, 'donchian'),

  // "pairs z 100 2 0", "pairs 60d z 2/0": a pair's lookback, entry and exit written in a row.
  f(
    `(?<name>${PAIRS_WORDS}|${PAIRS_ALONE})(?:\\s(?:z|${ZSCORE}))?\\s(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?:\\s(?:z|${ZSCORE}))?\\s(?<b>${DEC})(?:\\s?/\\s?|\\s)(?<c>${DEC})(?![\\d%]|\\.\\d)`,
    'pairs',
    zTriple,
  ),
  f(`(?<name>${PAIRS_WORDS})`, 'pairs'),
  // "a 2.0 z-score entry", "0.5 z-score exit".
  f(`${LEAD}(?<n>[-+]?${DEC})\\s?-?\\s?(?<name>${ZSCORE})\\s(?<cue>entry|entries|exit|exits)(?![a-z])`, 'zscore', (h) => {
    const read = level(h.g['n']);
    if (!read || Math.abs(read.value) > 10) return undefined;
    return [{ param: /exit/.test(h.g['cue']?.text ?? '') ? 'exit' : 'entry', read: { value: Math.abs(read.value), span: read.span } }];
  }),
  f(
    `(?<name>${ZSCORE})\\s?(?:(?<paren>\\()\\s?|of\\s(?:the\\s)?|over\\s(?:the\\s)?(?:(?:last|past)\\s)?)?(?<a>${INT})(?:${JOIN}(?<ua>${UNIT}))?(?:\\s(?:returns?|prices?|closes?|closing prices?|spread))?\\s?\\)?`,
    'zscore',
    zPeriod,
  ),
  f(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?<name>${ZSCORE})`, 'zscore', (h) => one('period', period(h.g['a'], h.g['ua']))),
  f(`(?<name>${ZSCORE})`, 'zscore'),

  f(`(?<name>${PAIRS_ALONE})`, 'pairs'),

  f(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?<name>${MOMENTUM})`, 'momentum', (h) => one('period', period(h.g['a'], h.g['ua']))),
  f(`(?<name>${MOMENTUM})\\s?\\(\\s?(?<a>${INT})\\s?\\)`, 'momentum', (h) => one('period', period(h.g['a'], undefined))),
  // "the top 3 ETFs by 6-month return": a ranking by past return is momentum, named or not.
  f(
    `(?<name>(?:(?:top|best|strongest|highest)\\s(?<t>${INT})|(?<u>${INT})\\s(?:best|strongest|top|highest))\\s(?:[a-z0-9]+\\s){0,4}?by\\s(?:(?:their|the|trailing|past|last)\\s)?(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:total\\s)?(?:returns?|performance|momentum|gains?|price change))(?![a-z])`,
    'momentum',
    (h) => [...one('top', period(h.g['t'] ?? h.g['u'], undefined)), ...one('period', period(h.g['a'], h.g['ua']))],
  ),
  // "hold the 10 with the best 6-month momentum", "buy the 2 strongest on 60 day return".
  f(
    `(?<![a-z])(?<name>(?:(?:hold|buy|own|pick|select|keep|long|into)\\s(?:the\\s)?)?(?<t>${INT})\\s(?:(?:with|having)\\s(?:the\\s)?)?(?:best|strongest|top|highest)\\s(?:(?:by|on|in)\\s(?:(?:their|the|trailing|past|last)\\s)?)?(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:total\\s)?(?:returns?|performance|momentum|mom|gains?|price change))(?![a-z])`,
    'momentum',
    (h) => [...one('top', period(h.g['t'], undefined)), ...one('period', period(h.g['a'], h.g['ua']))],
  ),
  // "rank ... by 90 day return", "by their 3-month return": a ranking by past return is momentum.
  f(
    `(?<![a-z])(?<name>(?:by|on)\\s(?:(?:their|the|its|trailing|past|last)\\s)*(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?:total\\s)?(?:returns?|performance|gains?|price change))(?![a-z])`,
    ranking,
    (h) => one('period', period(h.g['a'], h.g['ua'])),
  ),
  f(`${LEAD}(?<a>${INT})${JOIN}(?<ua>${UNIT})${JOIN}(?<name>mom)(?![a-z])`, 'momentum', (h) => one('period', period(h.g['a'], h.g['ua']))),
  f(`(?<name>${MOMENTUM})`, 'momentum'),

  f(
    `${LEAD}${PERCENT}\\s(?:or more\\s)?(?:below|above|under|over|away from|from|off)\\s(?:the\\s)?(?:(?:daily|intraday|session|anchored)\\s)?(?<name>${VWAP})`,
    'vwap',
    percent,
  ),
  f(`(?<name>${VWAP})`, 'vwap'),
  f(`${LEAD}${PERCENT}\\+?\\s?-?\\s?(?:or (?:more|bigger|larger)\\s)?(?<name>${GAP})`, 'gap', percent),
  f(
    `(?<![a-z])(?<name>open(?:s|ed|ing)?\\s(?:(?:more\\sthan|at\\sleast|over|by)\\s)?${PERCENT}\\s(?:or\\smore\\s)?(?:below|above|under|over|lower\\sthan|higher\\sthan)\\s(?:(?:yesterday'?s|the\\s(?:previous|prior|last)(?:\\sday'?s)?|the\\sprior|prior|previous)\\s)(?:close|closing\\sprice|settle(?:ment)?))(?![a-z])`,
    'gap',
    percent,
  ),
  f(`(?<name>${GAP})`, 'gap'),

  f(`(?<name>${SPREAD})`, spreadKind),
  // The last resorts: a crossover or a breakout named with no numbers on it.
  f(`(?<name>${AVERAGE})`, (h) => (/cross|x$|moving|ema|sma/.test(h.g['name']?.text ?? '') ? averageKind(h) : undefined)),
  f(`(?<![a-z])(?<!(?:volatility|range|opening[\\s-]range|orb|gap|vwap)[\\s-])(?<name>breakouts?)(?![a-z])`, breakoutKind),
];

/**
 * Indicators this reader does not know. Their words are never taken, so they stay in the unread text
 * where the user sees them; they also end the text read for the signal before them, so "MACD then
 * Ichimoku 9/26/52" does not read Ichimoku's numbers as MACD's.
 */
export const UNKNOWN_INDICATORS = pattern(UNKNOWN_SOURCE);
