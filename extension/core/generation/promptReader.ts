// Reads a plain-language strategy request into a StrategySpec for the template library, without a
// model: the family by keyword scoring, then tickers, dates, cash, risk rules, resolution and the
// family's own parameters by pattern. Whatever the prompt does not say is assumed, and every
// assumption is written to `notes` so the user can see what was made up.
import { scaled, toNumber } from '../request/numbers';
import {
  DEFAULT_CASH,
  DEFAULT_END,
  DEFAULT_START,
  defaultSpec,
  FAMILIES,
  familyById,
  normalizeSpec,
  type DateTriple,
  type FamilyTemplate,
  type Resolution,
  type RiskSpec,
  type StrategySpec,
} from './templates';
import { Prompt, word, type Found } from '../request/promptText';
import { NOT_TICKERS } from '../request/vocabulary';

export interface PromptReading {
  spec: StrategySpec;
  /** What was assumed or adjusted, one sentence each, in the order the reader decided it. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Company, index and asset names → ticker, matched case-insensitively as whole words. */
const NAMED_TICKERS: readonly [RegExp, string][] = [
  [/apple/, 'AAPL'],
  [/microsoft/, 'MSFT'],
  [/tesla/, 'TSLA'],
  [/nvidia/, 'NVDA'],
  [/amazon/, 'AMZN'],
  [/google|alphabet/, 'GOOGL'],
  [/meta platforms|meta|facebook/, 'META'],
  [/netflix/, 'NFLX'],
  [/berkshire hathaway|berkshire/, 'BRK.B'],
  [/jpmorgan|jp morgan|j\.p\. morgan|jpmorgan chase/, 'JPM'],
  [/visa/, 'V'],
  [/mastercard/, 'MA'],
  [/walmart/, 'WMT'],
  [/coca[- ]cola|coke/, 'KO'],
  [/pepsico|pepsi/, 'PEP'],
  [/exxon ?mobil|exxon/, 'XOM'],
  [/chevron/, 'CVX'],
  [/johnson (?:&|and) johnson/, 'JNJ'],
  [/procter (?:&|and) gamble/, 'PG'],
  [/intel/, 'INTC'],
  [/advanced micro devices/, 'AMD'],
  [/disney/, 'DIS'],
  [/boeing/, 'BA'],
  [/goldman sachs|goldman/, 'GS'],
  [/bank of america/, 'BAC'],
  [/home depot/, 'HD'],
  [/mcdonald'?s/, 'MCD'],
  [/nike/, 'NKE'],
  [/salesforce/, 'CRM'],
  [/oracle/, 'ORCL'],
  [/adobe/, 'ADBE'],
  [/costco/, 'COST'],
  [/pfizer/, 'PFE'],
  [/starbucks/, 'SBUX'],
  [/cisco/, 'CSCO'],
  [/qualcomm/, 'QCOM'],
  [/paypal/, 'PYPL'],
  [/verizon/, 'VZ'],
  [/broadcom/, 'AVGO'],
  [/palantir/, 'PLTR'],
  [/at&t/, 'T'],
  [/ford/, 'F'],
  [/general motors/, 'GM'],
  [/unitedhealth/, 'UNH'],
  [/eli lilly/, 'LLY'],
  [/caterpillar/, 'CAT'],
  [/john deere|deere/, 'DE'],
  [/honeywell/, 'HON'],
  [/lockheed martin|lockheed/, 'LMT'],
  [/wells fargo/, 'WFC'],
  [/citigroup|citi/, 'C'],
  [/morgan stanley/, 'MS'],
  [/american express/, 'AXP'],
  [/merck/, 'MRK'],
  [/abbvie/, 'ABBV'],
  [/amgen/, 'AMGN'],
  [/texas instruments/, 'TXN'],
  [/micron/, 'MU'],
  [/shopify/, 'SHOP'],
  [/airbnb/, 'ABNB'],
  [/coinbase/, 'COIN'],
  [/fedex/, 'FDX'],
  [/s&p ?500|s&p|sp ?500|spx/, 'SPY'],
  [/nasdaq[- ]?100|nasdaq|ndx/, 'QQQ'],
  [/dow jones|the dow|djia/, 'DIA'],
  [/russell ?2000|russell/, 'IWM'],
  [/gold/, 'GLD'],
  [/silver/, 'SLV'],
  [/treasuries|treasury bonds|long bonds|bonds/, 'TLT'],
];

/** Names of well-known baskets → their tickers. */
const NAMED_BASKETS: readonly [RegExp, readonly string[]][] = [
  [/faang/, ['META', 'AAPL', 'AMZN', 'NFLX', 'GOOGL']],
  [/magnificent (?:seven|7)|mag ?7/, ['AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'META', 'TSLA']],
  [/sector etfs?|sector spdrs?|sectors/, ['XLB', 'XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLU', 'XLV', 'XLY']],
  [/big tech|tech giants|tech stocks|technology stocks|tech names/, ['AAPL', 'MSFT', 'NVDA', 'GOOGL', 'META', 'AMZN']],
];

/** Tickers accepted in lower case too ("buy spy"): common ones that are not English words. */
const LOWERCASE_TICKERS = new Set(
  (
    'spy qqq iwm dia tlt gld slv aapl msft nvda tsla amzn googl goog nflx jpm xom cvx xlk xlf xle xlv xli xlp xly xlu xlb ' +
    'efa eem vti voo vea vwo ief shy uso agg hyg lqd arkk smh soxx amd pypl intc csco qcom avgo pltr brk.b'
  ).split(' '),
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const NUMBER_WORD = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten)';
/** Units a period can be stated in; the value then counts those units. */
const UNIT = '(days?|d|periods?|bars?|candles?|sessions?|weeks?|wks?|months?|mos?|years?|yrs?|minutes?|mins?|hours?|hrs?)';

/** Well-known partners for a pairs trade named with one ticker. */
const PAIR_PARTNERS: Record<string, string> = {
  KO: 'PEP',
  PEP: 'KO',
  XOM: 'CVX',
  CVX: 'XOM',
  V: 'MA',
  MA: 'V',
  HD: 'LOW',
  LOW: 'HD',
  GLD: 'SLV',
  SLV: 'GLD',
  GOOGL: 'GOOG',
  GOOG: 'GOOGL',
  SPY: 'QQQ',
  QQQ: 'SPY',
  MSFT: 'AAPL',
  AAPL: 'MSFT',
  JPM: 'BAC',
  BAC: 'JPM',
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Reading

export function readPrompt(text: string): PromptReading {
  const prompt = new Prompt(text);
  const notes: string[] = [];

  // Order matters: each reader takes the spans it used, so later ones cannot mistake a year, an
  // amount or a percentage for a period.
  const tickers = readTickers(prompt);
  const cash = readCash(prompt);
  const dates = readDates(prompt, notes);
  const risk = readRisk(prompt, notes);
  const resolution = readResolution(prompt, notes);
  const family = readFamily(prompt, tickers.length, notes);

  const finalTickers = fitTickers(family, tickers, notes);
  const params = readParams(family, prompt, finalTickers, notes);

  if (cash === undefined) notes.push(`No starting cash stated; assumed $${DEFAULT_CASH.toLocaleString('en-US')}.`);

  const spec: StrategySpec = {
    family: family.id,
    tickers: finalTickers,
    resolution,
    startDate: dates.start,
    endDate: dates.end,
    cash: cash ?? DEFAULT_CASH,
    params,
    risk,
  };
  try {
    const normalized = normalizeSpec(spec);
    for (const def of family.params) {
      const asked = params[def.name];
      const used = normalized.params[def.name];
      if (asked !== undefined && used !== asked) notes.push(`${def.name} ${asked} is outside ${def.min} to ${def.max}; used ${used}.`);
    }
    return { spec: normalized, notes };
  } catch (error) {
    // The readers keep specs valid, so this is a safety net: still answer with a runnable strategy.
    notes.push(`The request could not be read into a valid ${family.title} (${(error as Error).message}); used its defaults.`);
    return { spec: defaultSpec(family.id), notes };
  }
}

/** A PascalCase project (and class) name from the prompt: family and tickers, at most 40 characters. */
export function suggestProjectName(prompt: string): string {
  const { spec } = readPrompt(prompt);
  let name = familyById(spec.family).className;
  for (const ticker of spec.tickers) {
    const part = ticker
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((p) => p[0]!.toUpperCase() + p.slice(1).toLowerCase())
      .join('');
    if (name.length + part.length > 40) break;
    name += part;
  }
  return name.slice(0, 40);
}

// --- tickers -------------------------------------------------------------------------------

function readTickers(prompt: Prompt): string[] {
  const found: { ticker: string; index: number }[] = [];
  for (const [pattern, tickers] of NAMED_BASKETS) {
    for (const match of prompt.find(word(pattern.source)))
      tickers.forEach((ticker, i) => found.push({ ticker, index: match.index + i / 100 }));
  }
  for (const [pattern, ticker] of NAMED_TICKERS) {
    for (const match of prompt.find(word(pattern.source))) found.push({ ticker, index: match.index });
  }
  // `$TSLA` or `$tsla`: the dollar sign makes any letters a ticker, even one letter.
  for (const match of prompt.find(/\$([a-z]{1,5}(?:\.[a-z]{1,2})?)(?![a-z0-9])/))
    found.push({ ticker: match.groups[0]!.toUpperCase(), index: match.index });

  const letters = prompt.original.replace(/[^A-Za-z]/g, '');
  const shouting = letters.length > 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.8;
  const known = new Set([...NAMED_TICKERS.map(([, t]) => t), ...[...LOWERCASE_TICKERS].map((t) => t.toUpperCase())]);
  for (const match of prompt.find(/(?<![A-Za-z0-9.&/])([A-Z]{1,5}(?:\.[A-Z]{1,2})?)(?![A-Za-z0-9&/]|\.[A-Za-z])/, {
    caseSensitive: true,
    take: false,
  })) {
    const ticker = match.groups[0]!;
    if (ticker.length < 2 || NOT_TICKERS.has(ticker)) continue;
    // In an all-capitals prompt every word looks like a ticker; trust only the known ones.
    if (shouting && !known.has(ticker)) continue;
    prompt.take(match.index, match.end);
    found.push({ ticker, index: match.index });
  }
  for (const match of prompt.find(/(?<![a-z0-9.$])([a-z]{2,5}(?:\.[a-z])?)(?![a-z0-9])/, { take: false })) {
    if (!LOWERCASE_TICKERS.has(match.groups[0]!)) continue;
    prompt.take(match.index, match.end);
    found.push({ ticker: match.groups[0]!.toUpperCase(), index: match.index });
  }
  const ordered: string[] = [];
  for (const { ticker } of found.sort((a, b) => a.index - b.index)) if (!ordered.includes(ticker)) ordered.push(ticker);
  return ordered;
}

function fitTickers(family: FamilyTemplate, tickers: string[], notes: string[]): string[] {
  if (tickers.length === 0) {
    notes.push(`No tickers named; used ${family.defaultTickers.join(', ')}.`);
    return [...family.defaultTickers];
  }
  if (tickers.length > family.maxTickers) {
    const kept = tickers.slice(0, family.maxTickers);
    notes.push(
      `${family.title} trades at most ${family.maxTickers} tickers; used ${kept.join(', ')} and left out ${tickers.slice(family.maxTickers).join(', ')}.`,
    );
    return kept;
  }
  if (tickers.length < family.minTickers) {
    const out = [...tickers];
    const partner = family.id === 'pairs-trading' ? PAIR_PARTNERS[tickers[0]!] : undefined;
    if (partner && !out.includes(partner)) out.push(partner);
    for (const extra of family.defaultTickers) if (out.length < family.minTickers && !out.includes(extra)) out.push(extra);
    notes.push(`${family.title} needs at least ${family.minTickers} tickers; added ${out.slice(tickers.length).join(', ')}.`);
    return out;
  }
  return tickers;
}

// --- cash ----------------------------------------------------------------------------------

const AMOUNT = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const SCALE = '(k|thousand|m|mm|mil|million|b|bn|billion)?';

function readCash(prompt: Prompt): number | undefined {
  const amount = (found: Found | undefined, scaleGroup = 1) => {
    if (!found) return undefined;
    return found.groups[0] === undefined ? undefined : scaled(found.groups[0], found.groups[scaleGroup]);
  };
  const patterns = [
    new RegExp(`\\$\\s?${AMOUNT}\\s?${SCALE}(?![a-z0-9])`),
    new RegExp(`(?<![\\w.])${AMOUNT}\\s?${SCALE}\\s?(?:usd|dollars?|bucks)(?![a-z])`),
    new RegExp(
      `(?:cash|capital|equity|account(?: size)?|budget|balance|bankroll|starting with|start with|invest(?:ing)?|portfolio of)\\s*(?:of|is|=|:|at)?\\s*${AMOUNT}\\s?${SCALE}(?![a-z0-9%])(?!\\s*(?:%|percent|day|bar|period|minute|hour))`,
    ),
  ];
  for (const pattern of patterns) {
    const value = amount(prompt.first(pattern, { take: false }));
    if (value !== undefined && value >= 100) {
      prompt.first(pattern);
      return value;
    }
  }
  // "50k", "1M", "2.5 million": a bare scale word; a lower-case m means minutes, not millions.
  const bare = prompt.find(/(?<![\w.$])(\d+(?:\.\d+)?)\s?(k|K|M|MM|million|thousand)(?![\w])/, { caseSensitive: true, take: false })[0];
  const value = amount(bare);
  if (bare && value !== undefined && value >= 100) {
    prompt.take(bare.index, bare.end);
    return value;
  }
  return undefined;
}

// --- dates ---------------------------------------------------------------------------------

interface DateMention {
  index: number;
  start: DateTriple;
  end: DateTriple;
  /** 'day' precision marks one day, 'month' and 'year' the whole period. */
  precision: 'day' | 'month' | 'year';
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3)) + 1;
}

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1998 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

function readDates(prompt: Prompt, notes: string[]): { start: DateTriple; end: DateTriple } {
  const mentions: DateMention[] = [];
  const day = (index: number, y: number, m: number, d: number) => {
    if (validDay(y, m, d)) mentions.push({ index, start: [y, m, d], end: [y, m, d], precision: 'day' });
  };
  for (const f of prompt.find(/(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/))
    day(f.index, +f.groups[0]!, +f.groups[1]!, +f.groups[2]!);
  for (const f of prompt.find(/(?<!\d)(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/)) day(f.index, +f.groups[2]!, +f.groups[0]!, +f.groups[1]!);
  for (const f of prompt.find(new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`))) {
    day(f.index, +f.groups[2]!, monthNumber(f.groups[0]!), +f.groups[1]!);
  }
  for (const f of prompt.find(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})\\b`))) {
    day(f.index, +f.groups[2]!, monthNumber(f.groups[1]!), +f.groups[0]!);
  }
  for (const f of prompt.find(new RegExp(`\\b${MONTH}\\.?,?\\s+(?:of\\s+)?(\\d{4})\\b`))) {
    const y = +f.groups[1]!;
    const m = monthNumber(f.groups[0]!);
    if (validDay(y, m, 1)) mentions.push({ index: f.index, start: [y, m, 1], end: [y, m, lastDay(y, m)], precision: 'month' });
  }
  for (const f of prompt.find(
    /(?<![\d$.,])(199\d|20[0-9]\d)(?![\d%]|\s*(?:-\s*)?(?:days?|bars?|periods?|minutes?|hours?|shares?|dollars|usd))/,
  )) {
    const y = +f.groups[0]!;
    mentions.push({ index: f.index, start: [y, 1, 1], end: [y, 12, 31], precision: 'year' });
  }
  mentions.sort((a, b) => a.index - b.index);

  const [defaultStart, defaultEnd] = [[...DEFAULT_START] as DateTriple, [...DEFAULT_END] as DateTriple];
  const relative = prompt.first(new RegExp(`\\b(?:last|past|previous|recent|trailing)\\s+${NUMBER_WORD}?\\s*(years?|months?)\\b`));
  if (mentions.length === 0 && relative) {
    const count = toNumber(relative.groups[0]) ?? 1;
    const months = relative.groups[1]!.startsWith('year') ? count * 12 : count;
    const endMonthIndex = defaultEnd[0] * 12 + (defaultEnd[1] - 1) - months + 1;
    const start: DateTriple = [Math.floor(endMonthIndex / 12), (endMonthIndex % 12) + 1, 1];
    notes.push(`Read "${relative.text}" as ending on ${iso(defaultEnd)}, the default end date.`);
    return { start: start[0] < 1998 ? [1998, 1, 1] : start, end: defaultEnd };
  }
  if (mentions.length === 0) {
    notes.push(`No backtest period stated; used ${iso(defaultStart)} to ${iso(defaultEnd)}.`);
    return { start: defaultStart, end: defaultEnd };
  }
  if (mentions.length >= 2) {
    let [first, last] = [mentions[0]!, mentions[mentions.length - 1]!];
    if (compare(first.start, last.end) > 0) {
      [first, last] = [last, first];
      notes.push('The stated dates were in reverse order; swapped them.');
    }
    if (mentions.length > 2) notes.push(`Several dates given; used ${iso(first.start)} to ${iso(last.end)}.`);
    return ensureOrder(first.start, last.end);
  }
  const only = mentions[0]!;
  const lead = prompt.before(only.index, 16);
  if (
    /\b(since|from|starting|start|beginning|begin|after)\b[^a-z]*$/.test(lead) ||
    (only.precision === 'day' && !/\b(until|till|to|through|thru|before|ending|end)\b[^a-z]*$/.test(lead))
  ) {
    const end = compare(only.start, defaultEnd) < 0 ? defaultEnd : ([only.start[0] + 1, 12, 31] as DateTriple);
    notes.push(`No end date stated; used ${iso(end)}.`);
    return ensureOrder(only.start, end);
  }
  if (/\b(until|till|to|through|thru|before|ending|end)\b[^a-z]*$/.test(lead)) {
    const start = compare(defaultStart, only.end) < 0 ? defaultStart : ([only.end[0] - 4, 1, 1] as DateTriple);
    notes.push(`No start date stated; used ${iso(start)}.`);
    return ensureOrder(start, only.end);
  }
  // "in 2021", "during March 2020": the whole period named.
  return ensureOrder(only.start, only.end);
}

function compare(a: DateTriple, b: DateTriple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The period as given, or, when the end is not after the start, the start to the end of its year (or of the next). */
function ensureOrder(start: DateTriple, end: DateTriple): { start: DateTriple; end: DateTriple } {
  if (compare(start, end) < 0) return { start, end };
  const yearEnd: DateTriple = [start[0], 12, 31];
  return { start, end: compare(start, yearEnd) < 0 ? yearEnd : [start[0] + 1, 12, 31] };
}

function iso([y, m, d]: DateTriple): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// --- risk ----------------------------------------------------------------------------------

/** Words that say what a percentage is for; the class whose word sits nearest the number wins. */
const RISK_WORDS: readonly [RiskKind, RegExp][] = [
  ['trailing', /trailing(?:[\s-]stop(?:[\s-]loss)?)?|trail(?:ed|s)?(?: by)?/],
  ['drawdown', /(?:max(?:imum)?\s+)?draw[\s-]?down|from (?:its |the )?(?:equity )?peak|high[\s-]water(?:[\s-]mark)?/],
  ['risk', /\brisk(?:ing|s)?\b/],
  [
    'sizing',
    /per (?:position|trade|stock|ticker|name|holding|asset|symbol)|(?:in|to|on) each|each (?:position|stock|ticker|trade|holding)|of (?:the )?(?:portfolio|equity|capital|account|cash)|position[\s-]siz\w*|allocat\w*|weight\w*/,
  ],
  ['stop', /(?<!trailing[\s-])stop(?:[\s-]?loss(?:es)?)?|stop(?:ped)? out/],
  ['target', /take[\s-]profit|profit target|target/],
];
type RiskKind = 'trailing' | 'drawdown' | 'risk' | 'sizing' | 'stop' | 'target';

/** The kind of risk rule a percentage states, from the words around it (same clause, up to the next percentage). */
function riskKind(before: string, after: string): RiskKind | undefined {
  let best: { kind: RiskKind; distance: number } | undefined;
  for (const [kind, pattern] of RISK_WORDS) {
    const at = lastMatch(before, pattern);
    const lastText = at >= 0 ? (new RegExp(pattern.source).exec(before.slice(at))?.[0] ?? '') : '';
    const distances = [at >= 0 ? before.length - (at + lastText.length) : Infinity];
    const next = new RegExp(pattern.source).exec(after);
    if (next) distances.push(next.index);
    const distance = Math.min(...distances);
    if (distance < (best?.distance ?? Infinity)) best = { kind, distance };
  }
  return best?.kind;
}

function readRisk(prompt: Prompt, notes: string[]): RiskSpec {
  const risk: RiskSpec = {};
  let riskPerTrade: number | undefined;
  for (const found of prompt.find(/(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|pct\b)/)) {
    const fraction = Number(found.groups[0]) / 100;
    if (!(fraction > 0 && fraction < 1)) continue;
    const before = prompt
      .before(found.index, 48)
      .split(/\d\s*(?:%|percent|per cent|pct)/)
      .pop()!;
    const after = prompt.after(found.end, 40).split(/\d+(?:\.\d+)?\s*(?:%|percent|per cent|pct)/)[0]!;
    const kind = riskKind(before, after);
    if (kind === 'trailing') risk.trailingStopPct ??= fraction;
    else if (kind === 'drawdown') risk.maxDrawdownPct ??= fraction;
    else if (kind === 'stop') risk.stopLossPct ??= fraction;
    else if ((kind === 'risk' || kind === 'sizing') && /\brisk(?:ing|s)?\b/.test(before)) riskPerTrade ??= fraction;
    else if (kind === 'risk' || kind === 'sizing') risk.positionSize ??= fraction;
    else if (kind === 'target') notes.push(`Take-profit targets are not part of the templates; ignored "${found.text.trim()}".`);
  }
  if (riskPerTrade !== undefined) {
    if (risk.stopLossPct !== undefined) {
      const size = Math.min(1, riskPerTrade / risk.stopLossPct);
      risk.positionSize ??= Number(size.toFixed(4));
      notes.push(
        `Risking ${pct(riskPerTrade)} per trade with a ${pct(risk.stopLossPct)} stop means positions of ${pct(risk.positionSize)} of the portfolio.`,
      );
    } else {
      risk.positionSize ??= riskPerTrade;
      notes.push(
        `No stop loss stated to size "${pct(riskPerTrade)} risk per trade" against; used ${pct(riskPerTrade)} of the portfolio per position.`,
      );
    }
  }
  return risk;
}

function pct(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

// --- resolution ----------------------------------------------------------------------------

function readResolution(prompt: Prompt, notes: string[]): Resolution {
  const explicit = prompt.first(
    /\b(?:(\d+)[\s-]*)?(minute|min|hourly|hour|hr|daily|day)[\s-]*(?:bars?|data|resolution|candles?|timeframe|chart|frequency)\b/,
  );
  let resolution: Resolution | undefined;
  if (explicit) {
    const unit = explicit.groups[1]!;
    const count = Number(explicit.groups[0] ?? '1');
    resolution = unit.startsWith('min') ? 'MINUTE' : unit.startsWith('h') ? 'HOUR' : 'DAILY';
    if (count > 1) notes.push(`LEAN has no ${count}-${unit} bars; used ${resolution.toLowerCase()} bars, so periods count single bars.`);
  } else if (prompt.has(/\b(minute|minutes|minutely|intraday|intra-day|1[\s-]?min)\b/)) resolution = 'MINUTE';
  else if (prompt.has(/\b(hourly|hour|hours|1[\s-]?h)\b/)) resolution = 'HOUR';
  else if (prompt.has(/\b(daily|end[\s-]of[\s-]day|eod)\b/)) resolution = 'DAILY';
  if (!resolution) {
    notes.push('No data resolution stated; used daily bars.');
    return 'DAILY';
  }
  return resolution;
}

// --- family --------------------------------------------------------------------------------

const SHORT_THE_BOTTOM = /\bshort(?:ing|s)?\s+(?:the\s+)?(?:\w+\s+)?(?:weakest|bottom|worst|losers|lowest|laggards)\b/;

function readFamily(prompt: Prompt, tickerCount: number, notes: string[]): FamilyTemplate {
  const scored = FAMILIES.map((family, order) => {
    let score = 0;
    for (const term of family.keywords) if (prompt.has(word(`${escape(term)}(?:s|es)?`))) score += 3;
    for (const term of family.hints) if (prompt.has(word(`${escape(term)}(?:s|es)?`))) score += 1;
    // A basket of three or more tickers leans toward the families built for baskets.
    if (score > 0 && tickerCount >= 3 && family.minTickers > 1 && family.maxTickers > 2) score += 0.5;
    // Shorting the bottom of a ranking is what only the long/short factor family does.
    if (family.id === 'alpha-factor' && prompt.has(SHORT_THE_BOTTOM)) score += 10;
    return { family, score, order };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const best = scored[0]!;
  if (best.score > 0) return best.family;
  const fallback = familyById(tickerCount >= 3 ? 'momentum-rotation' : 'sma-crossover');
  notes.push(`No strategy type recognised in the request; used ${fallback.title}: ${fallback.description}`);
  return fallback;
}

// --- family parameters ---------------------------------------------------------------------

interface Period {
  value: number;
  unit: string;
  index: number;
}

/** Bars per unit, when periods are stated in calendar units: weeks, months and years of trading days. */
function toBars(value: number, unit: string): number {
  if (/^(weeks?|wks?)$/.test(unit)) return value * 5;
  if (/^(months?|mos?)$/.test(unit)) return value * 21;
  if (/^(years?|yrs?)$/.test(unit)) return value * 252;
  return value;
}

/** Numbers stated with a unit ("20-day", "14 periods", "50 and 200 day", "6-month"), in prompt order. */
function periods(prompt: Prompt): Period[] {
  const out: Period[] = [];
  for (const f of prompt.find(new RegExp(`(?<![\\d.])(\\d+)\\s*(?:and|&|/|,|or|vs\\.?|versus|to)\\s*(\\d+)[\\s-]*${UNIT}(?![a-z])`))) {
    out.push(
      { value: +f.groups[0]!, unit: f.groups[2]!, index: f.index },
      { value: +f.groups[1]!, unit: f.groups[2]!, index: f.index + 1 },
    );
  }
  for (const f of prompt.find(new RegExp(`(?<![\\d.])(\\d+)[\\s-]*${UNIT}(?![a-z])`)))
    out.push({ value: +f.groups[0]!, unit: f.groups[1]!, index: f.index });
  return out.sort((a, b) => a.index - b.index).map((p) => ({ ...p, value: toBars(p.value, p.unit) }));
}

/** Bare numbers not taken by any reader, with their position (for thresholds and z-scores). */
function bareNumbers(prompt: Prompt): Found[] {
  return prompt.find(/(?<![\w.])(-?\d+(?:\.\d+)?)(?![\w%.]|\.\d)(?!\s*(?:%|percent))/, { take: false });
}

function readParams(family: FamilyTemplate, prompt: Prompt, tickers: string[], notes: string[]): Record<string, number> {
  const params: Record<string, number> = {};
  switch (family.id) {
    case 'sma-crossover':
    case 'ema-crossover':
      readCrossover(prompt, params, notes);
      break;
    case 'rsi-mean-reversion':
      readRsi(prompt, params, notes);
      break;
    case 'bollinger-reversion':
      readBollinger(prompt, params);
      break;
    case 'macd-momentum':
      readMacd(prompt, params);
      break;
    case 'donchian-breakout':
      readDonchian(prompt, params);
      break;
    case 'pairs-trading':
      readPairs(prompt, params, notes);
      break;
    case 'momentum-rotation':
      readRotation(prompt, params, tickers, notes);
      break;
    case 'alpha-factor':
      readAlpha(prompt, params, tickers, notes);
      break;
  }
  const unstated = family.params.filter((p) => params[p.name] === undefined);
  if (unstated.length) {
    const listed = unstated.map((p) => `${p.name} ${p.choices?.[p.default] ?? p.default}`).join(', ');
    notes.push(`Not stated, so ${family.title} defaults were used: ${listed}.`);
  }
  return params;
}

const MA_NAMES = 'sma|ema|ma|dma|moving averages?|exponential moving averages?|simple moving averages?|exponential|simple';

function readCrossover(prompt: Prompt, params: Record<string, number>, notes: string[]): void {
  const values: number[] = [];
  for (const f of prompt.find(
    /(fast|short|slow|long)(?:er)?(?:[\s-]term)?\s*(?:sma|ema|ma|moving average|period|one|window)?\s*(?:of|=|:|at|is)?\s*(\d+)(?![\d%])/,
  )) {
    params[/fast|short/.test(f.groups[0]!) ? 'fast' : 'slow'] = +f.groups[1]!;
  }
  for (const f of prompt.find(/(?:sma|ema|ma|dma)\s*\(\s*(\d+)\s*\)|(?<![a-z])(?:sma|ema|dma)[\s-]?(\d{1,3})(?![\d%])/))
    values.push(+(f.groups[0] ?? f.groups[1])!);
  for (const f of prompt.find(
    new RegExp(`(?<![\\d.])(\\d+)\\s*(?:and|&|/|,|vs\\.?|versus|or)\\s*(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*(?:${MA_NAMES})`),
  )) {
    values.push(toBars(+f.groups[0]!, f.groups[2] ?? 'bar'), toBars(+f.groups[1]!, f.groups[2] ?? 'bar'));
  }
  for (const f of prompt.find(new RegExp(`(?<![\\d.])(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*(?:${MA_NAMES})`)))
    values.push(toBars(+f.groups[0]!, f.groups[1] ?? 'bar'));
  if (values.length === 0) values.push(...periods(prompt).map((p) => p.value));
  // "crossover 9/21", "EMAs of 12 and 26": a pair of bare numbers.
  const pair = values.length === 0 ? prompt.first(/(?<![\d.$])(\d{1,3})\s*(?:\/|and|&|vs\.?|versus)\s*(\d{1,3})(?![\d%.])/) : undefined;
  if (pair) values.push(+pair.groups[0]!, +pair.groups[1]!);
  if (values.length === 0 && params['fast'] === undefined && params['slow'] === undefined && prompt.has(/golden cross|death cross/)) {
    // The golden and death crosses are defined on the 50- and 200-day averages.
    values.push(50, 200);
  }
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (params['fast'] === undefined && params['slow'] === undefined) {
    if (distinct.length >= 2) {
      params['fast'] = distinct[0]!;
      params['slow'] = distinct[distinct.length - 1]!;
    } else if (distinct.length === 1) {
      const only = distinct[0]!;
      params['slow'] = only;
      // "price above the 200-day average" compares price itself, which a 1-bar average is.
      if (prompt.has(/\b(price|close|closes|closing|trend filter|filter)\b/)) {
        params['fast'] = 1;
        notes.push(`Read the ${only}-bar average against price as a crossover of a 1-bar average (the price) with the ${only}-bar one.`);
      } else {
        params['fast'] = Math.max(1, Math.min(20, Math.floor(only / 2)));
        notes.push(`Only one period (${only}) was stated; used it as the slow average and ${params['fast']} as the fast one.`);
      }
    }
  } else if (params['fast'] === undefined && distinct.length) {
    params['fast'] = distinct.find((v) => v < params['slow']!) ?? Math.max(1, Math.floor(params['slow']! / 2));
  } else if (params['slow'] === undefined && distinct.length) {
    params['slow'] = [...distinct].reverse().find((v) => v > params['fast']!) ?? params['fast']! * 3;
  }
  const fast = params['fast'];
  const slow = params['slow'];
  if (fast !== undefined && slow !== undefined && fast > slow) {
    params['fast'] = slow;
    params['slow'] = fast;
    notes.push('The fast period was longer than the slow one; swapped them.');
  } else if (fast !== undefined && slow !== undefined && fast === slow) {
    params['fast'] = Math.max(1, Math.floor(slow / 2));
    notes.push(`Both averages had period ${slow}; used ${params['fast']} for the fast one.`);
  }
}

/** Where the last match of `pattern` starts in `text`, or -1. */
function lastMatch(text: string, pattern: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) last = match.index;
  return last;
}

const LOW_WORDS = /\b(?:below|under|beneath|less than|lower than|drops?|falls?|dips?|oversold|buy|buys|enter)\b|</;
const HIGH_WORDS = /\b(?:above|over|greater than|higher than|rises?|exceeds?|overbought|sell|sells|exit)\b|>/;

/** Thresholds by the word nearest before them: "below 30" is a buy level, "above 70" a sell level. */
function readRsiLevels(prompt: Prompt, params: Record<string, number>): void {
  for (const f of prompt.find(/(?<![\d.])(\d{1,2})\s*\/\s*(\d{1,2})(?![\d%])/, { take: false })) {
    const [low, high] = [+f.groups[0]!, +f.groups[1]!];
    if (low < 50 && high > 50) {
      prompt.take(f.index, f.end);
      params['oversold'] ??= low;
      params['overbought'] ??= high;
    }
  }
  for (const f of bareNumbers(prompt)) {
    const value = Number(f.groups[0]);
    if (!(value > 0 && value < 100) || /^\s*-?\s*(?:days?|periods?|bars?|minutes?|hours?)/.test(prompt.after(f.end, 12))) continue;
    const before = prompt.before(f.index, 36);
    const low = lastMatch(before, LOW_WORDS);
    const high = lastMatch(before, HIGH_WORDS);
    if (low < 0 && high < 0) continue;
    const key = low > high ? 'oversold' : 'overbought';
    if (params[key] !== undefined) continue;
    params[key] = value;
    prompt.take(f.index, f.end);
  }
}

function readRsi(prompt: Prompt, params: Record<string, number>, notes: string[]): void {
  const period =
    prompt.first(/rsi\s*\(\s*(\d+)\s*\)/) ??
    prompt.first(/rsi\s*(?:period|length|lookback|window)\s*(?:of|=|:)?\s*(\d+)/) ??
    prompt.first(new RegExp(`(?<![\\d.])(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*rsi`)) ??
    prompt.first(/rsi[\s-]?(\d{1,2})(?![\d%.])(?!\s*(?:\/|and\s+\d))/);
  const value = period ? toNumber(period.groups[0]) : undefined;
  if (value !== undefined && value >= 2 && value <= 50) params['period'] = value;
  readRsiLevels(prompt, params);
  if (params['period'] === undefined) {
    const stated = periods(prompt)[0];
    if (stated) params['period'] = stated.value;
  }
  const low = params['oversold'];
  const high = params['overbought'];
  if (low !== undefined && high === undefined && low < 50) params['overbought'] = 100 - low;
  if (high !== undefined && low === undefined && high > 50) params['oversold'] = 100 - high;
  if (params['oversold'] !== undefined && params['overbought'] !== undefined && params['oversold'] >= params['overbought']) {
    notes.push(`The buy level ${params['oversold']} was not below the sell level ${params['overbought']}; used 30 and 70.`);
    params['oversold'] = 30;
    params['overbought'] = 70;
  }
}

function readBollinger(prompt: Prompt, params: Record<string, number>): void {
  const call = prompt.first(/(?:bollinger(?: bands?)?|bbands|bb)\s*\(\s*(\d+)\s*(?:,\s*(\d+(?:\.\d+)?)\s*)?\)/);
  if (call) {
    params['period'] = +call.groups[0]!;
    if (call.groups[1]) params['k'] = +call.groups[1];
  }
  const width =
    prompt.first(/(?<![\d.])(\d+(?:\.\d+)?)\s*(?:standard deviations?|std\.? ?devs?|stdevs?|std|sd|sigmas?|σ)(?![a-z])/) ??
    prompt.first(/(?:\bk|standard deviations?|std|sd|sigma|width)\s*(?:of|=|:|at)?\s*(\d+(?:\.\d+)?)(?![\d%])/);
  if (width && params['k'] === undefined) params['k'] = +width.groups[0]!;
  if (params['period'] === undefined) {
    const attached = prompt.first(new RegExp(`(?<![\\d.])(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*(?:bollinger|bb)`));
    const stated = attached ? toBars(+attached.groups[0]!, attached.groups[1] ?? 'bar') : periods(prompt)[0]?.value;
    if (stated !== undefined) params['period'] = stated;
  }
}

function readMacd(prompt: Prompt, params: Record<string, number>): void {
  const triple =
    prompt.first(/macd\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)/) ??
    prompt.first(/(?<![\d.])(\d+)\s*[/,-]\s*(\d+)\s*[/,-]\s*(\d+)(?![\d.])/);
  if (triple) {
    params['fast'] = +triple.groups[0]!;
    params['slow'] = +triple.groups[1]!;
    params['signal'] = +triple.groups[2]!;
  }
  for (const f of prompt.find(/(fast|slow|signal)(?:[\s-]*(?:period|ema|line|length))?\s*(?:of|=|:)?\s*(\d+)(?![\d%])/))
    params[f.groups[0]!] ??= +f.groups[1]!;
  const tolerance = prompt.first(/(?:tolerance|threshold|buffer)\s*(?:of|=|:)?\s*(\d+(?:\.\d+)?)\s*(%|percent)?/);
  if (tolerance) params['tolerance'] = +tolerance.groups[0]! / (tolerance.groups[1] ? 100 : 1);
}

function readDonchian(prompt: Prompt, params: Record<string, number>): void {
  const multiple =
    prompt.first(/(?<![\d.])(\d+(?:\.\d+)?)\s*(?:x|×|times)\s*(?:the\s*)?(?:atr|average true range)/) ??
    prompt.first(/(?:atr|average true range)\s*(?:multiple|multiplier|mult)\s*(?:of|=|:)?\s*(\d+(?:\.\d+)?)/) ??
    prompt.first(/(?<![\d.])(\d(?:\.\d+)?)\s*atrs?(?![a-z])/);
  if (multiple) params['atrMultiple'] = +multiple.groups[0]!;
  const atr =
    prompt.first(/(?:atr|average true range)\s*(?:\(\s*|period\s*(?:of\s*)?|length\s*(?:of\s*)?|of\s*|=\s*|:\s*)?(\d+)(?![\d.])/) ??
    prompt.first(new RegExp(`(?<![\\d.])(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*(?:atr|average true range)`));
  if (atr) params['atrPeriod'] = +atr.groups[0]!;
  const low = prompt.first(new RegExp(`(?<![\\d.])(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*(?:low|lows|exit channel)(?![a-z])`));
  if (low) params['exitPeriod'] = toBars(+low.groups[0]!, low.groups[1] ?? 'bar');
  const high =
    prompt.first(new RegExp(`(?<![\\d.])(\\d+)(?:[\\s-]*${UNIT})?[\\s-]*(?:high|highs|breakout|channel|donchian|turtle)`)) ??
    prompt.first(/(?:donchian|channel|breakout)\s*(?:channel)?\s*(?:of|\(|period|length|=|:)?\s*(\d+)(?![\d%])/);
  if (high) params['entryPeriod'] = toBars(+high.groups[0]!, high.groups[1] && !/^\d/.test(high.groups[1]) ? high.groups[1] : 'bar');
  const rest = periods(prompt);
  if (params['entryPeriod'] === undefined && rest[0]) params['entryPeriod'] = rest.shift()!.value;
  if (params['exitPeriod'] === undefined && rest[0]) params['exitPeriod'] = rest.shift()!.value;
}

const EXIT_WORDS =
  /\b(?:exit|exits|close|closes|unwind|reverts?|back (?:to|within|inside|below|under)|returns? to|crosses back|flat|inside|within)\b/;
const ENTRY_WORDS = /\b(?:enter|enters|entry|open|opens|above|beyond|exceeds?|z[\s-]?score|sigma|deviations?)\b|>|±|\+\/-/;

function readPairs(prompt: Prompt, params: Record<string, number>, notes: string[]): void {
  const lookback = prompt.first(/(?:lookback|look-back|window|rolling)\s*(?:period\s*)?(?:of|=|:)?\s*(\d+)/);
  if (lookback) params['lookback'] = +lookback.groups[0]!;
  else {
    const stated = periods(prompt)[0];
    if (stated) params['lookback'] = stated.value;
  }
  const atMean =
    /\b(?:exit|close|unwind|flatten)\w*[^.,;]{0,40}?\b(?:zero|the mean|its mean|0(?![.\d%]))(?![\w.])|\b(?:revert|return)\w*\s+(?:back\s+)?to\s+(?:zero|the mean|its mean)/;
  if (prompt.has(atMean)) params['exitZ'] = 0;
  for (const f of bareNumbers(prompt)) {
    const value = Math.abs(Number(f.groups[0]));
    if (!(value <= 5)) continue;
    const after = prompt.after(f.end, 24);
    if (/^\s*-?\s*(?:days?|bars?|periods?|minutes?|hours?|weeks?|months?)/.test(after)) continue;
    const before = prompt.before(f.index, 40);
    const exitAt = lastMatch(before, EXIT_WORDS);
    const entryAt = lastMatch(before, ENTRY_WORDS);
    const sigmaAfter = /^\s*(?:standard deviations?|std|sd|sigmas?|σ)/.test(after);
    if (exitAt >= 0 && exitAt > entryAt) params['exitZ'] ??= value;
    else if (entryAt >= 0 || sigmaAfter) params['entryZ'] ??= value;
    else continue;
    prompt.take(f.index, f.end);
  }
  const entry = params['entryZ'];
  const exit = params['exitZ'];
  if (entry !== undefined && exit !== undefined && exit >= entry) {
    params['exitZ'] = Number((entry / 4).toFixed(2));
    notes.push(`The exit z-score ${exit} was not inside the entry z-score ${entry}; used ${params['exitZ']}.`);
  } else if (entry !== undefined && exit === undefined && entry <= 0.5) {
    params['exitZ'] = 0;
  }
}

function readRotation(prompt: Prompt, params: Record<string, number>, tickers: string[], notes: string[]): void {
  const top =
    prompt.first(new RegExp(`(?:top|best|strongest|highest|leading)\\s*${NUMBER_WORD}(?![\\d%])`)) ??
    prompt.first(
      new RegExp(
        `(?:hold|buy|own|pick|select|choose|keep)\\s+(?:the\\s+)?${NUMBER_WORD}(?![\\d%])\\s+(?:best|strongest|top|highest|tickers|etfs|stocks|assets|names)`,
      ),
    ) ??
    prompt.first(new RegExp(`${NUMBER_WORD}\\s+(?:best|strongest|top)(?![a-z])`));
  const k = toNumber(top?.groups[0]);
  if (k !== undefined) params['topK'] = k;
  const lookback = prompt.first(
    new RegExp(`(?<![\\d.])(\\d+)[\\s-]*${UNIT}[\\s-]*(?:momentum|return|returns|performance|rate of change|roc|lookback)`),
  );
  if (lookback) params['lookback'] = toBars(+lookback.groups[0]!, lookback.groups[1]!);
  else {
    const stated = periods(prompt)[0];
    if (stated) params['lookback'] = stated.value;
  }
  if (prompt.has(/\bweekly\b|every week|each week|once a week|per week/)) params['rebalance'] = 1;
  else if (prompt.has(/\bmonthly\b|every month|each month|once a month|per month|month[- ]end|month start/)) params['rebalance'] = 0;
  const absolute =
    /absolute momentum|dual momentum|positive momentum|(?:go|move|stay|sit|rotate|hold)\w* (?:to|in|into) cash|trend filter|only (?:if|when) (?:momentum|returns?|it) (?:is|are) positive/;
  if (prompt.has(absolute)) params['absoluteMomentum'] = 1;
  const topK = params['topK'];
  if (topK !== undefined && topK > tickers.length) {
    params['topK'] = Math.max(1, tickers.length - 1);
    notes.push(`Holding the top ${topK} needs more than ${tickers.length} tickers; holding the top ${params['topK']}.`);
  } else if (topK === undefined) {
    // About a third of the basket, so the ranking matters: 1 of 2 or 3, 2 of 7, 3 of 9 or more.
    params['topK'] = Math.min(3, Math.max(1, Math.floor(tickers.length / 3)));
    notes.push(`How many to hold was not stated; holding the top ${params['topK']} of ${tickers.length}.`);
  }
}

function readAlpha(prompt: Prompt, params: Record<string, number>, tickers: string[], notes: string[]): void {
  if (prompt.has(/vwap/)) params['factor'] = 1;
  else if (
    prompt.has(
      /z[\s-]?score|standard deviations? (?:from|below|above)|distance from (?:its |the )?(?:mean|average|sma|moving average)|deviation from|stddev|zscore/,
    )
  ) {
    params['factor'] = 2;
  } else if (prompt.has(/delta|reversal|revers|losers?|winners?|returns?|price change|momentum/)) params['factor'] = 0;
  // The sign: "-delta(...)", "vwap - close", "reversal" rank against the move; "close - vwap", "momentum" with it.
  if (prompt.has(/close\s*-\s*vwap|close\s*-\s*sma|(?<!-\s*)delta\s*\(|\bmomentum\b|trend|winners keep/)) params['direction'] = 1;
  if (prompt.has(/-\s*delta\s*\(|vwap\s*-\s*close|sma\s*-\s*close|revers|revert|mean[\s-]revert|losers bounce/)) params['direction'] = 0;
  const call = prompt.first(/(?:delta|delay|vwap|sma|ts_mean|stddev|ts_rank)\s*\(\s*(?:close\s*,\s*)?(\d+)\s*\)/);
  if (call) params['lookback'] = +call.groups[0]!;
  else {
    const stated = periods(prompt)[0];
    if (stated) params['lookback'] = stated.value;
  }
  const n = tickers.length;
  const side = prompt.first(
    new RegExp(
      `(?:top|long|buy|bottom|short|sell)\\s+(?:the\\s+)?(?:(?:top|bottom|strongest|weakest|best|worst|highest|lowest)\\s+)?${NUMBER_WORD}(?![\\d%])`,
    ),
  );
  const k = toNumber(side?.groups[0]);
  if (k !== undefined) params['positions'] = k;
  else if (prompt.has(/quintile/)) params['positions'] = Math.max(1, Math.round(n / 5));
  else if (prompt.has(/decile/)) params['positions'] = Math.max(1, Math.round(n / 10));
  else if (prompt.has(/quartile/)) params['positions'] = Math.max(1, Math.round(n / 4));
  else if (prompt.has(/tercile|third/)) params['positions'] = Math.max(1, Math.round(n / 3));
  if (prompt.has(/\bweekly\b|every week|each week|once a week/)) params['rebalance'] = 1;
  else if (prompt.has(/\bdaily\b|every day|each day/)) params['rebalance'] = 0;
  const positions = params['positions'] ?? 2;
  if (2 * positions > n) {
    params['positions'] = Math.max(1, Math.floor(n / 2));
    notes.push(
      `${n} tickers allow at most ${params['positions']} long and ${params['positions']} short; used ${params['positions']} per side.`,
    );
  }
}
