// Phrases a strategy request as a prompt a user could type: the training data pairs each enumerated
// request's generated code (enumerateRequests.ts) with such a prompt. The prompt states exactly what the
// request holds, no more: instruments (with the market where it is not LEAN's default or the type needs
// saying), option legs, the signal with its stated numbers, bars, direction, sizing, risk rules, schedule,
// filters, period and cash. Wording and order vary with `random`, from plain sentences to terse lists,
// but only in phrasings the request reader (request/readRequest.ts) reads back into the same request:
// test/unit/phraseRequest.test.ts holds the round trip over a seeded sample.
//
// The words both sides know come from the reader's own modules (signal names, coin names, bar-unit
// names, futures names, market ids), so the writer never keeps a second copy of a word list.
//
// Choices:
// - A market is named where it is not LEAN's default for the type, and sometimes where it is; futures,
//   indices, equities and ETFs never need one (the root or ticker settles it).
// - A request whose only rule is holding fixed weights ("hold 60% SPY and 40% TLT") is phrased as such,
//   with or without a buy-and-hold signal: the reader reads that holding as the buy-and-hold signal, as the
//   intent benchmark's expectations do (test/eval/intentSet.ts).
// - A sentence never starts with a capitalised company name ("Target 15% volatility" would name Target).
import { FUTURE_NAMES } from '../../request/readInstruments';
import { DEFAULT_MARKETS, symbolIndex } from '../../request/symbols';
import type {
  BarSize,
  Direction,
  Distance,
  Filter,
  Instrument,
  RiskRequest,
  Schedule,
  Signal,
  Sizing,
  StrategyRequest,
  Universe,
  Weekday,
} from '../../request/types';
import { BAR_UNIT_NAMES, COIN_NAMES, SIGNAL_NAMES } from '../../request/vocabulary';

/** A phrased request: the prompt, and the variant chosen for each part (`part:variant`), for measuring the round trip per variant. */
export interface PhrasedRequest {
  text: string;
  variants: string[];
}

export function phraseRequest(request: StrategyRequest, random: () => number): string {
  return phraseRequestParts(request, random).text;
}

/** One clause of the prompt; `alone` when nothing else may share its sentence (an ATR multiple read from the sentence). */
interface Clause {
  text: string;
  alone?: boolean;
}

type Option = readonly [variant: string, text: string];

/** The random choices of one phrasing, with the variants chosen. */
class Writer {
  readonly variants: string[] = [];
  constructor(private readonly random: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.min(items.length - 1, Math.floor(this.random() * items.length))]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** One of the options (falsy entries are options that do not apply), recorded as `part:variant`. */
  choose(part: string, options: readonly (Option | false | undefined)[]): string {
    const usable = options.filter((o): o is Option => !!o);
    const [variant, text] = this.pick(usable);
    this.variants.push(`${part}:${variant}`);
    return text;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

export function phraseRequestParts(request: StrategyRequest, random: () => number): PhrasedRequest {
  const w = new Writer(random);
  const terse = w.chance(0.3);
  w.variants.push(`style:${terse ? 'terse' : 'sentences'}`);
  const [core, ...withCore] = corePhrase(w, request, terse);
  const rest: Clause[] = [];
  if (request.bar) rest.push({ text: barPhrase(w, request.bar.value, terse) });
  if (request.direction) rest.push({ text: directionPhrase(w, request.direction.value) });
  const sizing = request.sizing?.value;
  if (sizing && sizing.kind !== 'weights') rest.push(sizingPhrase(w, sizing));
  rest.push(...riskPhrases(w, request.risk, terse).map((text) => ({ text })));
  if (request.schedule) rest.push({ text: schedulePhrase(w, request.schedule.value) });
  for (const f of request.filters) rest.push({ text: filterPhrase(w, f.value) });
  const period = periodPhrase(w, request.period.start?.value, request.period.end?.value);
  const cash = request.cash ? cashPhrase(w, request.cash.value) : undefined;
  if (period && cash && w.chance(0.5)) rest.push({ text: `${period}, ${cash}` });
  else rest.push(...[period, cash].filter((t): t is string => t !== undefined).map((text) => ({ text })));

  const clauses = [core!, ...withCore, ...w.shuffle(rest)];
  if (terse) {
    // A clause marked alone is set apart by semicolons, which end a sentence for the readers.
    const text = clauses.map((c, i) => (i === 0 ? '' : c.alone || clauses[i - 1]!.alone ? '; ' : ', ') + c.text).join('');
    return { text: lowerCased(text), variants: w.variants };
  }
  // Sentences of one clause or a few; a clause marked alone is a sentence of its own.
  const sentences: { clauses: string[]; alone: boolean }[] = [];
  for (const [i, c] of clauses.entries()) {
    const last = sentences.at(-1);
    if (i > 0 && !c.alone && last && !last.alone && w.chance(0.35)) last.clauses.push(c.text);
    else sentences.push({ clauses: [c.text], alone: c.alone === true });
  }
  return { text: sentences.map((s) => `${capitalised(unmarked(s.clauses.join(', ')))}.`).join(' '), variants: w.variants };
}

// Instrument words are marked while the prompt is written, so that the terse style can write every other
// word in lower case and keep the symbols as LEAN spells them (or lower some tickers: "rsi 14 30/70 on aapl").
const KEEP = '\u0001';
const LOWERABLE = '\u0003';
const END = '\u0002';
const symbol = (text: string, lowerable = false): string => `${lowerable ? LOWERABLE : KEEP}${text}${END}`;

const MARKED = new RegExp(`([${KEEP}${LOWERABLE}])([^${END}]*)${END}`, 'g');

/** The text without the marks around symbols. */
function unmarked(text: string): string {
  return text.replace(MARKED, '$2');
}

/** Every word in lower case but the symbols kept as LEAN spells them; a lowerable ticker in lower case too. */
function lowerCased(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKED)) {
    out += text.slice(last, m.index).toLowerCase() + (m[1] === LOWERABLE ? m[2]!.toLowerCase() : m[2]!);
    last = m.index + m[0].length;
  }
  return out + text.slice(last).toLowerCase();
}

/** "a" or "an" before a phrase that starts with a number: "an 8/21/5 MACD", "a 20-day z-score". */
function article(phrase: string): string {
  return /^(?:8|11(?!\d)|18(?!\d))/.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

/** The first letter in capitals, unless that would make the first word a company's name ("Target"). */
function capitalised(text: string): string {
  const first = /^[a-z]+/.exec(text)?.[0];
  if (!first) return text;
  const word = first[0]!.toUpperCase() + first.slice(1);
  return symbolIndex().company(word) ? text : word + text.slice(first.length);
}

// --- numbers ---------------------------------------------------------------------------------------

const num = (n: number): string => String(Number(n.toPrecision(10)));
const percent = (fraction: number): string => `${num(fraction * 100)}%`;
const listed = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;

/** "15:55" as "3:55pm", "10:00" as "10am". */
function twelveHour(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}${h >= 12 ? 'pm' : 'am'}`;
}

function clock(w: Writer, part: string, time: string): string {
  return w.choose(part, [
    ['24h', time],
    ['12h', twelveHour(time)],
  ]);
}

// --- instruments -----------------------------------------------------------------------------------

/** How a market id is written: short ids in capitals (CME, FXCM), others capitalised (Coinbase, Oanda). */
function marketName(id: string): string {
  const name = id.length <= 4 ? id.toUpperCase() : id[0]!.toUpperCase() + id.slice(1);
  return symbolIndex().market(name) === id ? name : id;
}

/** The coin a crypto symbol is of, where the reader's coin names know it ("BTCUSDT" → BTC). */
function coinOf(i: Instrument): string | undefined {
  return [...new Set(Object.values(COIN_NAMES))].find((coin) => i.symbol.startsWith(coin));
}

/** The ways a group's symbols can be written ("pair" BTCUSD, "slash" BTC/USD, "coin" BTC, "coin-name" bitcoin). */
type SymbolForm = 'pair' | 'slash' | 'coin' | 'coin-name';

/** One instrument in a form, or undefined where the form does not fit it (a coin alone the market lists for another pair). */
function symbolIn(form: SymbolForm, i: Instrument, lowerable: boolean): string | undefined {
  const crypto = i.securityType === 'crypto' || i.securityType === 'cryptofuture';
  if (form === 'pair') return symbol(i.symbol, lowerable && (i.securityType === 'equity' || i.securityType === 'etf'));
  if (form === 'slash') {
    if (i.securityType === 'forex' && i.symbol.length === 6) return symbol(`${i.symbol.slice(0, 3)}/${i.symbol.slice(3)}`);
    const coin = i.securityType === 'crypto' ? coinOf(i) : undefined;
    return coin !== undefined ? symbol(`${coin}/${i.symbol.slice(coin.length)}`) : undefined;
  }
  const coin = crypto ? coinOf(i) : undefined;
  // A coin alone reads as the pair only where the market lists that pair first for it.
  if (coin === undefined || symbolIndex().crypto(coin, i.market, i.securityType as 'crypto' | 'cryptofuture')?.symbol !== i.symbol)
    return undefined;
  if (form === 'coin') return symbol(coin);
  return Object.entries(COIN_NAMES).find(([, c]) => c === coin)?.[0];
}

/** The words naming each instrument of a group, in one form for all of them ("BTC/USD and ETH/USD", "EURUSD and USDJPY"). */
function symbolWords(w: Writer, group: readonly Instrument[], lowerable: boolean): string[] {
  const forms: readonly SymbolForm[] = ['pair', 'slash', 'coin', 'coin-name'];
  const fitting = forms.filter((form) => form === 'pair' || group.every((i) => symbolIn(form, i, lowerable) !== undefined));
  const form =
    fitting.length > 1
      ? (w.choose(
          'symbol',
          fitting.map((f) => [f, f] as const),
        ) as SymbolForm)
      : 'pair';
  return group.map((i) => symbolIn(form, i, lowerable)!);
}

/** A group of instruments of one type and market: their words with the kind and market the reader needs. */
function groupPhrase(w: Writer, group: readonly Instrument[], lowerable: boolean): string {
  const first = group[0]!;
  const type = first.securityType;
  const words = symbolWords(w, group, lowerable);
  const many = group.length > 1;
  const market = marketName(first.market);
  const onMarket = (required: boolean) => (required || w.chance(0.5) ? ` on ${market}` : '');
  switch (type) {
    case 'equity':
      return w.choose('equity', [
        ['tickers', listed(words)],
        ['shares', `${listed(words)} shares`],
        ['dollar', listed(words.map((t) => `$${t}`))],
      ]);
    case 'etf':
      return w.choose('etf', [
        ['tickers', listed(words)],
        ['etf', `${listed(words)} ${many ? 'ETFs' : 'ETF'}`],
        // A ticker in lower case reads as one only after a word that introduces it ("on", "trade"), not after "the".
        !lowerable && ['the-etf', `the ${listed(words)} ${many ? 'ETFs' : 'ETF'}`],
      ]);
    case 'crypto':
      return listed(words) + onMarket(first.market !== DEFAULT_MARKETS.crypto);
    case 'cryptofuture':
      return (
        w.choose('perpetual', [
          ['perpetual', `${listed(words)} ${many ? 'perpetuals' : 'perpetual'}`],
          ['perp', `${listed(words)} ${many ? 'perps' : 'perp'}`],
          ['perpetual-futures', `${listed(words)} perpetual futures`],
        ]) + onMarket(first.market !== DEFAULT_MARKETS.cryptofuture)
      );
    case 'forex':
      return listed(words) + onMarket(first.market !== DEFAULT_MARKETS.forex);
    case 'cfd':
      return (
        w.choose('cfd', [
          ['suffix', `${listed(words)} ${many ? 'CFDs' : 'CFD'}`],
          ['the-suffix', `the ${listed(words)} ${many ? 'CFDs' : 'CFD'}`],
        ]) + onMarket(first.market !== DEFAULT_MARKETS.cfd)
      );
    case 'future': {
      const names = group.map((i) => futureName(i));
      return w.choose('future', [
        ['root', `${listed(words)} futures`],
        ['the-root', `the ${listed(words)} ${many ? 'futures' : 'future'}`],
        names.every((n) => n !== undefined) && ['name', `${listed(names as string[])} futures`],
        ['root-market', `${listed(words)} futures on ${market}`],
      ]);
    }
    case 'index':
      return w.choose('index', [
        ['the-index', `the ${listed(words)} ${many ? 'indices' : 'index'}`],
        ['index', `${listed(words)} ${many ? 'indices' : 'index'}`],
      ]);
    case 'option':
      return listed(words);
  }
}

/**
 * LEAN's description of a futures root, without "Futures" ("Crude Oil", "E-mini S&P 500"), where the
 * reader's futures names read it back as the root.
 */
function futureName(i: Instrument): string | undefined {
  const description = symbolIndex()
    .future(i.symbol)
    ?.description?.replace(/\s+futures?$/i, '');
  if (!description) return undefined;
  const lower = description.toLowerCase();
  const root = FUTURE_NAMES.find(([pattern]) => new RegExp(pattern.source).test(lower))?.[1];
  return root === i.symbol ? description : undefined;
}

/** The instruments, grouped by type and market in the request's order; equity tickers `lowerable` in the terse style. */
function instrumentPhrase(w: Writer, instruments: readonly Instrument[], lowerable = false): string {
  const groups: Instrument[][] = [];
  for (const i of instruments) {
    const group = groups.find((g) => g[0]!.securityType === i.securityType && g[0]!.market === i.market);
    if (group) group.push(i);
    else groups.push([i]);
  }
  return listed(groups.map((g) => groupPhrase(w, g, lowerable)));
}

// --- the signal and the instruments it trades ------------------------------------------------------

/** The rule and what it trades: the first clause, and the option legs' clause where there are legs. */
function corePhrase(w: Writer, request: StrategyRequest, terse: boolean): Clause[] {
  const sizing = request.sizing?.value;
  const signals = request.signals.filter((s) => s.kind !== 'buy-and-hold' || sizing?.kind !== 'weights');
  if (sizing?.kind === 'weights' && signals.length === 0) return [{ text: weightsPhrase(w, request.instruments, sizing.weights) }];
  const pairs = signals.find((s) => s.kind === 'pairs');
  if (pairs && request.instruments.length === 2 && signals.length === 1) return [{ text: pairsPhrase(w, request.instruments, pairs) }];
  const universe = request.universe?.value;
  // Rules picked by regime are said with their regimes: "in calm markets use X, in volatile markets use Y".
  const regimed = signals.length === 2 && signals.every((s) => s.regime) ? regimePhrase(w, signals, terse) : undefined;
  const rule = regimed ?? listed(signals.map((s) => signalPhrase(w, s, terse, universe !== undefined)));
  const legs = request.instruments.filter((i) => i.securityType === 'option' && i.option);
  const underlyings = new Set(legs.map((i) => i.option!.underlying));
  // The underlying held besides its options (a covered call, a protective put) is named with the legs.
  const others = request.instruments.filter((i) => i.securityType !== 'option' && !underlyings.has(i.symbol));
  const held = request.instruments.some((i) => i.securityType !== 'option' && underlyings.has(i.symbol));
  const legClause = legs.length ? optionLegsPhrase(w, legs, held) : undefined;
  const hold = signals.length === 1 && signals[0]!.kind === 'buy-and-hold';
  const traded = [
    ...(universe ? [universePhrase(w, universe)] : []),
    ...(others.length ? [instrumentPhrase(w, others, lowerTickers(w, others, terse))] : []),
    // The rule names the underlying its legs are on, unless that would say the shares are held ("buy and hold SPY").
    ...(legs.length && (held || !hold) ? [...underlyings].map((u) => symbol(u)) : []),
  ];
  const what = listed(traded);
  const main = !what
    ? rule
    : regimed
      ? w.choose('core', [
          ['instruments-first', `${what}: ${rule}`],
          ['on-instruments', `on ${what}, ${rule}`],
          ['regimes-first', `${rule}, on ${what}`],
        ])
      : hold
        ? w.choose('core', [
            ['verb-first', `${rule} ${what}`],
            ['instruments-first', `${what}: ${rule}`],
          ])
        : coreWith(w, rule, what);
  // An alpha book's counts follow its formula.
  const book = signals.find((s) => s.book)?.book;
  const bookClause = book ? bookPhrase(w, book) : undefined;
  return [{ text: main }, ...(legClause ? [{ text: legClause }] : []), ...(bookClause ? [{ text: bookClause }] : [])];
}

/**
 * Two rules, each with its regime, in the order the request holds them: by the markets they trade in ("in
 * calm markets use X, in volatile markets use Y"), by the volatility or the VIX ("X when volatility is low
 * and Y when volatility is high", "X when the VIX is above 25, otherwise Y", "... and Y when it is below
 * 25"), with the lookback and the baseline a volatility is measured by after them, in the same clause.
 */
function regimePhrase(w: Writer, signals: readonly Signal[], terse: boolean): string {
  const [a, b] = signals as [Signal, Signal];
  const ra = a.regime!.value;
  const rb = b.regime!.value;
  const [pa, pb] = [signalPhrase(w, a, terse, false), signalPhrase(w, b, terse, false)];
  const part = `regime.${ra.by}`;
  const verb = () => w.pick(['use ', 'trade ', '']);
  if (ra.by === 'vix') {
    const level = num(ra.level!);
    const side = (r: typeof ra) => (r.side === 'high' ? 'above' : 'below');
    const vix = `the VIX is ${side(ra)} ${level}`;
    return w.choose(part, [
      ['when-otherwise', `${pa} when ${vix}, otherwise ${pb}`],
      ['lead-otherwise', `when ${vix} ${verb()}${pa}, otherwise ${pb}`],
      ['both', `${pa} when ${vix} and ${pb} when the VIX is ${side(rb)} ${level}`],
      ['pronoun', `${pa} when ${vix} and ${pb} when it is ${side(rb)} ${level}`],
    ]);
  }
  const calm = (r: typeof ra) => r.side === 'low';
  const level = (r: typeof ra) => (calm(r) ? 'low' : 'high');
  const market = (r: typeof ra) => (calm(r) ? 'calm' : 'volatile');
  const window =
    ra.window === undefined
      ? ''
      : `${ra.window % 252 === 0 ? `${ra.window / 252}-year` : ra.window % 21 === 0 ? `${ra.window / 21}-month` : `${ra.window}-day`} `;
  const baseline = ra.baseline ? ` against its ${window}${ra.baseline}` : '';
  // The lookback is said with each regime ("when 20-day volatility is low") or once after both.
  const lookbackAfter =
    ra.period !== undefined
      ? `, measured by ${ra.period}-day realized volatility${baseline}`
      : baseline
        ? `, volatility measured${baseline}`
        : '';
  const vol = ra.period !== undefined && !baseline && w.chance(0.5) ? `${ra.period}-day volatility` : 'volatility';
  const after = vol === 'volatility' ? lookbackAfter : '';
  return w.choose(part, [
    ['markets', `in ${market(ra)} markets ${verb()}${pa}, in ${market(rb)} markets ${verb()}${pb}${lookbackAfter}`],
    ['when-is', `${pa} when ${vol} is ${level(ra)} and ${pb} when ${vol} is ${level(rb)}${after}`],
    ['regimes', `${pa} in ${level(ra)}-volatility regimes and ${pb} in ${level(rb)}-volatility regimes${lookbackAfter}`],
    ['otherwise', `${pa} when ${vol} is ${level(ra)}, otherwise ${pb}${after}`],
    ['pronoun', `${pa} when ${vol} is ${level(ra)} and ${pb} when it is ${level(rb)}${after}`],
  ]);
}

/** Whether the terse style writes the equity tickers in lower case too ("rsi 14 30/70 on aapl"). */
function lowerTickers(w: Writer, instruments: readonly Instrument[], terse: boolean): boolean {
  const lower = terse && instruments.some((i) => i.securityType === 'equity' || i.securityType === 'etf') && w.chance(0.5);
  if (lower) w.variants.push('tickers:lower-case');
  return lower;
}

/** A rule on what it trades. A rule written as what to do ("buy when ...", "fading ...") follows what it is done on. */
function coreWith(w: Writer, rule: string, what: string): string {
  const verbal = /^(?:buy|buying|sell|selling|fade|fading|trading)\b/.test(rule);
  return w.choose('core', [
    !verbal && ['rule-on', `${rule} on ${what}`],
    !verbal && ['trade-with', `trade ${what} with ${rule}`],
    ['instruments-first', `${what}: ${rule}`],
    verbal && ['on-instruments', `on ${what}, ${rule}`],
  ]);
}

/** The stocks a universe selects: "the SPY constituents", "the 20 largest stocks in QQQ", "the top 100 US stocks by dollar volume". */
function universePhrase(w: Writer, u: Universe): string {
  if (u.kind === 'etf-constituents') {
    const etf = symbol(u.etf);
    if (u.count === undefined || u.by === undefined)
      return w.choose('universe.etf', [
        ['constituents', `the ${etf} constituents`],
        ['stocks-in', `the stocks in ${etf}`],
        ['holdings', `the ${etf} holdings`],
        ['members-of', `the members of ${etf}`],
      ]);
    const ranked = `top ${u.count} by ${u.by.replace(/-/g, ' ')}`;
    return w.choose('universe.etf-ranked', [
      ['holdings-top', `the ${etf} holdings, ${ranked}`],
      ['constituents-top', `the ${etf} constituents, ${ranked}`],
      u.by === 'market-cap' && ['largest', `the ${u.count} largest stocks in ${etf}`],
      u.by === 'dollar-volume' && ['most-liquid', `the ${u.count} most liquid stocks in ${etf}`],
    ]);
  }
  const above = u.minPrice !== undefined ? ` priced above $${num(u.minPrice)}` : '';
  const by = u.by.replace(/-/g, ' ');
  return w.choose('universe.fundamental', [
    ['top-by', `the top ${u.count} US stocks by ${by}${above}`],
    u.by === 'market-cap' && ['largest', `the ${u.count} largest US stocks${above}`],
    u.by === 'dollar-volume' && ['most-liquid', `the ${u.count} most liquid US stocks${above}`],
    u.minPrice === undefined && ['with-highest', `the ${u.count} stocks with the highest ${by}`],
  ]);
}

/**
 * The option legs on one underlying, which share their contract selection (delta, moneyness, days to
 * expiry) as the reader reads one selection per prompt: "sell 30-delta AAPL calls with 30 DTE", "a covered
 * call on AAPL: ...", "buy an ATM straddle on SPY with 14 DTE".
 */
function optionLegsPhrase(w: Writer, legs: readonly Instrument[], held: boolean): string {
  const first = legs[0]!.option!;
  const u = symbol(first.underlying);
  const selection = first.delta
    ? `${num(first.delta.value * 100)}-delta `
    : first.moneyness
      ? `${first.distance ? `${percent(first.distance.value)} ` : ''}${first.moneyness.value.toUpperCase()} `
      : '';
  const dte = first.daysToExpiry
    ? w.choose('option.dte', [
        ['with-dte', ` with ${first.daysToExpiry.value} DTE`],
        ['comma-dte', `, ${first.daysToExpiry.value} DTE`],
        ['days-to-expiry', ` with ${first.daysToExpiry.value} days to expiry`],
      ])
    : '';
  const rights = [...new Set(legs.map((l) => l.option!.right?.value).filter((r): r is 'call' | 'put' => r !== undefined))];
  const sides = [...new Set(legs.map((l) => l.option!.side?.value ?? 'buy'))];
  const side = sides.length === 1 ? sides[0]! : 'buy';
  const what = rights.length ? listed(rights.map((r) => `${r}s`)) : 'options';
  const leg = `${side} ${selection}${what}`;
  if (held) {
    const call = rights.length === 1 && rights[0] === 'call' && side === 'sell';
    const put = rights.length === 1 && rights[0] === 'put' && side === 'buy';
    return w.choose('option.held', [
      call && ['covered-call', `a covered call on ${u}: ${leg}${dte}`],
      put && ['protective-put', `a protective put on ${u}: ${leg}${dte}`],
      ['own-against', `own ${u} and ${leg}${dte} against the shares`],
    ]);
  }
  const straddle = rights.length === 2 && first.moneyness?.value === 'atm' && !first.distance && sides.length === 1;
  return w.choose('option.legs', [
    ['underlying-first', `${side} ${selection}${u} ${what}${dte}`],
    ['on-underlying', `${leg} on ${u}${dte}`],
    straddle && ['straddle', `${side} an ATM straddle on ${u}${dte}`],
    rights.length === 1 && rights[0] === 'put' && side === 'sell' && ['cash-secured', `sell ${selection}cash-secured puts on ${u}${dte}`],
  ]);
}

/** Fixed weights held: "hold 60% SPY and 40% TLT", "buy and hold QQQ and TLT at 50/50". */
function weightsPhrase(w: Writer, instruments: readonly Instrument[], weights: Record<string, number>): string {
  const held = instruments.filter((i) => weights[i.symbol] !== undefined);
  const words = symbolWords(w, held, false);
  const parts = held.map((i) => weights[i.symbol]!);
  const first = held[0]!;
  const namesMarket =
    (first.securityType === 'crypto' && first.market !== DEFAULT_MARKETS.crypto) ||
    (first.securityType === 'forex' && first.market !== DEFAULT_MARKETS.forex) ||
    w.chance(0.3);
  const venue = ['crypto', 'forex'].includes(first.securityType) && namesMarket ? ` on ${marketName(first.market)}` : '';
  const verb = w.choose('hold-verb', [
    ['hold', 'hold'],
    ['buy-and-hold', 'buy and hold'],
  ]);
  const ratio = parts.map((p) => num(p * 100)).join('/');
  return w.choose('weights', [
    ['percent-first', `${verb} ${listed(words.map((s, k) => `${percent(parts[k]!)} ${s}`))}${venue}`],
    ['percent-after', `${verb} ${listed(words.map((s, k) => `${s} ${percent(parts[k]!)}`))}${venue}`],
    ['ratio-after', `${verb} ${listed(words)}${venue} at ${ratio}`],
  ]);
}

/** A pairs trade on two instruments, its lookback and z-score levels as stated. */
function pairsPhrase(w: Writer, instruments: readonly Instrument[], signal: Signal): string {
  const { period, entry, exit } = params(signal);
  const both = instrumentPhrase(w, instruments);
  if (period !== undefined && entry !== undefined && exit !== undefined && exit < entry)
    return w.choose('pairs', [
      ['terse', `pairs ${period}d z ${num(entry)}/${num(exit)} on ${both}`],
      ['levels', `a pairs trade on ${both}, z-score entry ${num(entry)}, exit ${num(exit)}, over ${period} days`],
      ['lookback', `a pairs trade on ${both} with ${article(`${period}-day lookback`)}, enter at ${num(entry)} sigma, ${exitAt(w, exit)}`],
    ]);
  const details = [
    period !== undefined ? article(`${period}-day lookback`) : undefined,
    entry !== undefined ? `enter at ${num(entry)} sigma` : undefined,
    exit !== undefined ? exitAt(w, exit) : undefined,
  ].filter((d): d is string => d !== undefined);
  const trade = w.choose('pairs', [
    ['plain', `a pairs trade on ${both}`],
    ['pairs-trading', `pairs trading ${both}`],
  ]);
  return details.length ? `${trade}, ${details.join(', ')}` : trade;
}

/** "exit at 0.5", "exit at the mean" (a z-score of 0). */
function exitAt(w: Writer, exit: number): string {
  return exit === 0
    ? w.choose('z-exit', [
        ['zero', 'exit at 0'],
        ['mean', 'exit at the mean'],
      ])
    : `exit at ${num(exit)}`;
}

function params(signal: Signal): Record<string, number> {
  return Object.fromEntries(Object.entries(signal.params).map(([k, r]) => [k, r.value]));
}

/** A lookback in bars as written: days, or months where it is whole months (126 is "6-month"). */
function lookback(w: Writer, bars: number): { adjective: string; noun: string } {
  const months = bars % 21 === 0 ? bars / 21 : undefined;
  return months !== undefined && w.chance(0.5)
    ? { adjective: `${months}-month`, noun: `${months} ${months === 1 ? 'month' : 'months'}` }
    : { adjective: `${bars}-day`, noun: `${bars} days` };
}

function signalPhrase(w: Writer, signal: Signal, terse: boolean, universe: boolean): string {
  const p = params(signal);
  const name = SIGNAL_NAMES[signal.kind];
  const part = `signal.${signal.kind}`;
  switch (signal.kind) {
    case 'sma-crossover':
    case 'ema-crossover': {
      // "SMA" of "SMA crossover".
      const average = name.split(' ')[0]!;
      const { fast, slow } = p;
      if (fast !== undefined && slow !== undefined)
        return w.choose(part, [
          ['slash', article(`${fast}/${slow} ${average} crossover`)],
          ['name-first', `${terse ? average.toLowerCase() : average} ${fast}/${slow} cross`],
          ['labels', `a crossover of the fast ${average} ${fast} and the slow ${average} ${slow}`],
          ['crossing', `the ${fast}-day ${average} crossing the ${slow}-day ${average}`],
          signal.kind === 'sma-crossover' && fast === 50 && slow === 200 && ['golden-cross', 'the golden cross'],
        ]);
      if (slow !== undefined) return `price crossing the ${slow}-day ${average}`;
      if (fast !== undefined) return `a crossover of the fast ${average} ${fast}`;
      return w.choose(part, [
        ['named', `an ${name}`],
        signal.kind === 'sma-crossover' && ['moving-average', 'a moving average crossover'],
        signal.kind === 'ema-crossover' && ['exponential', 'an exponential moving average crossover'],
      ]);
    }
    case 'rsi': {
      const { period, lower, upper } = p;
      const levels = lower !== undefined && upper !== undefined;
      if (period !== undefined && levels)
        return w.choose(part, [
          ['paren', `RSI(${period}) below ${num(lower)} buy, above ${num(upper)} sell`],
          ['terse', `rsi ${period} ${num(lower)}/${num(upper)}`],
          [
            'sentence',
            `${article(`${period}-period RSI`)}, buying when it drops below ${num(lower)} and selling when it rises above ${num(upper)}`,
          ],
          ['oversold', `${period}-day RSI with oversold ${num(lower)} and overbought ${num(upper)}`],
        ]);
      if (period !== undefined)
        return w.choose(part, [
          ['paren', `RSI(${period})`],
          ['period', article(`${period}-period RSI`)],
          ['day', `${period}-day RSI mean reversion`],
        ]);
      if (levels) return `RSI, buying below ${num(lower)} and selling above ${num(upper)}`;
      return w.choose(part, [
        ['plain', 'RSI mean reversion'],
        ['strategy', 'an RSI strategy'],
      ]);
    }
    case 'bollinger': {
      const { period, std } = p;
      if (period !== undefined && std !== undefined)
        return w.choose(part, [
          ['bands', `Bollinger bands ${period}, ${num(std)} standard deviations`],
          ['paren', `BB(${period},${num(std)})`],
          ['day', `${period}-day Bollinger bands with ${num(std)} std`],
          ['terse', `bollinger ${period} ${num(std)}`],
        ]);
      if (period !== undefined) return `${period}-day Bollinger bands`;
      if (std !== undefined) return `Bollinger bands ${num(std)} standard deviations wide`;
      return w.choose(part, [
        ['reversion', 'Bollinger band mean reversion'],
        ['bands', 'Bollinger bands'],
      ]);
    }
    case 'macd': {
      const { fast, slow, signal: line } = p;
      if (fast !== undefined && slow !== undefined && line !== undefined)
        return w.choose(part, [
          ['slash', `MACD ${fast}/${slow}/${line}`],
          ['paren', `MACD(${fast},${slow},${line})`],
          ['numbers-first', article(`${fast}/${slow}/${line} MACD`)],
          ['labels', `MACD with fast ${fast}, slow ${slow}, signal ${line}`],
        ]);
      const labels = [
        fast !== undefined ? `fast ${fast}` : undefined,
        slow !== undefined ? `slow ${slow}` : undefined,
        line !== undefined ? `signal ${line}` : undefined,
      ].filter((l): l is string => l !== undefined);
      if (labels.length) return `MACD with ${labels.join(', ')}`;
      return w.choose(part, [
        ['crossover', 'a MACD crossover'],
        ['signal-line', 'a MACD signal line cross'],
      ]);
    }
    case 'donchian': {
      const { period, exit } = p;
      if (period !== undefined && exit !== undefined)
        return w.choose(part, [
          ['exit-channel', `${article(`${period}-day Donchian breakout`)} with ${article(`${exit}-day exit`)}`],
          ['slash', `Donchian ${period}/${exit}`],
          ['channel-low', `${article(`${period}-day channel breakout`)}, exiting on ${article(`${exit}-day low`)}`],
        ]);
      if (period !== undefined) return article(`${period}-day Donchian breakout`);
      if (exit !== undefined) return `a Donchian channel breakout with ${article(`${exit}-day exit`)}`;
      return w.choose(part, [
        ['breakout', 'a Donchian channel breakout'],
        ['channel', `a ${name} strategy`],
      ]);
    }
    case 'keltner': {
      const { period, multiplier } = p;
      if (period !== undefined && multiplier !== undefined)
        return w.choose(part, [
          ['atr-bands', `a Keltner channel ${period} with ${num(multiplier)} ATR bands`],
          ['terse', `keltner ${period} ${num(multiplier)}`],
          ['paren', `Keltner(${period}, ${num(multiplier)})`],
          ['times-atr', `${article(`${period}-period Keltner channel`)} at ${num(multiplier)}x ATR`],
        ]);
      if (period !== undefined) return article(`${period}-period Keltner channel`);
      if (multiplier !== undefined) return `a Keltner channel with ${num(multiplier)} ATR bands`;
      return w.choose(part, [
        ['strategy', `a ${name} strategy`],
        ['reversion', 'Keltner channel mean reversion'],
      ]);
    }
    case 'zscore': {
      const { period, entry, exit } = p;
      if (period !== undefined && entry !== undefined && exit !== undefined)
        return w.choose(part, [
          ['over', `a z-score over ${period} bars, enter at ${num(entry)}, ${exitAt(w, exit)}`],
          ['day', `${article(`${period}-day z-score`)}, entry at ${num(entry)}, ${exitAt(w, exit)}`],
          exit > 0 && ['in-out', `zscore(${period}) in ${num(entry)} out ${num(exit)}`],
        ]);
      const details = [entry !== undefined ? `enter at ${num(entry)}` : undefined, exit !== undefined ? exitAt(w, exit) : undefined].filter(
        (d): d is string => d !== undefined,
      );
      const base = period !== undefined ? `a z-score over ${period} bars` : 'z-score mean reversion';
      return details.length ? `${base}, ${details.join(', ')}` : base;
    }
    case 'momentum': {
      const { period, top, skip } = p;
      const hold = top !== undefined ? `, hold the top ${top}` : '';
      if (period !== undefined && skip !== undefined) {
        const twelveOne = period % 21 === 0 && skip % 21 === 0 && w.chance(0.5);
        return twelveOne
          ? `${period / 21}-${skip / 21} momentum${hold}`
          : `${lookback(w, period).adjective} momentum skipping the most recent ${skip} days${hold}`;
      }
      if (period !== undefined) {
        const span = lookback(w, period);
        return w.choose(part, [
          ['adjective', `${span.adjective} momentum${hold}`],
          ['over', `momentum over ${span.noun}${hold}`],
          // A ranking "by" a return reads as the universe's where a universe is named before it.
          top !== undefined && !universe && ['top-by', `the top ${top} by ${span.adjective} return`],
        ]);
      }
      return `a momentum strategy${hold}`;
    }
    case 'vwap': {
      const { threshold } = p;
      if (threshold !== undefined)
        return w.choose(part, [
          ['from', `VWAP reversion ${percent(threshold)} from VWAP`],
          ['away', `fading moves ${percent(threshold)} away from VWAP`],
          ['stretched', `trading moves ${percent(threshold)} from VWAP back to it`],
        ]);
      return 'VWAP mean reversion';
    }
    case 'gap': {
      const { threshold } = p;
      const side = signal.gap?.side?.value;
      const mode = signal.gap?.mode?.value;
      const gaps = `${threshold !== undefined ? `${percent(threshold)} ` : ''}${side ? `gap ${side}s` : 'gaps'}`;
      if (mode === 'fade')
        return w.choose(part, [
          ['fading', `fading ${gaps}`],
          ['fade', `fade ${gaps}`],
        ]);
      if (mode === 'follow')
        return w.choose(part, [
          ['gap-and-go', `a gap-and-go strategy on ${gaps}`],
          ['trade-gap-and-go', `trading ${gaps} gap-and-go style`],
        ]);
      return `trading ${gaps}`;
    }
    case 'pairs': {
      const { period, entry, exit } = p;
      const levels = [entry !== undefined ? `enter at ${num(entry)} sigma` : undefined, exit !== undefined ? exitAt(w, exit) : undefined];
      return [period !== undefined ? `a pairs trade with ${article(`${period}-day lookback`)}` : 'a pairs trade', ...levels]
        .filter((d): d is string => d !== undefined)
        .join(', ');
    }
    case 'buy-and-hold':
      return w.choose(part, [
        ['named', name],
        ['hyphen', name.replace(/ /g, '-')],
      ]);
    case 'alpha-formula': {
      const formula = signal.formula;
      if (formula === undefined) return name;
      return w.choose(part, [
        ['colon', `alpha: ${formula}`],
        ['the-alpha', `the alpha ${formula}`],
        ['equals', `alpha = ${formula}`],
        ['formula', `the formula ${formula}`],
        ['score', `a score of ${formula}`],
      ]);
    }
    case 'calendar':
      return calendarPhrase(w, signal);
  }
}

/** How many names an alpha book holds: "long the top 2, short the bottom 2", "buy the top 10". */
function bookPhrase(w: Writer, book: NonNullable<Signal['book']>): string | undefined {
  const top = book.top
    ? w.choose('book.top', [
        ['long', `long the top ${num(book.top.value)}`],
        ['buy', `buy the top ${num(book.top.value)}`],
      ])
    : undefined;
  const bottom = book.bottom
    ? w.choose('book.bottom', [
        ['short', `short the bottom ${num(book.bottom.value)}`],
        ['sell', `sell the bottom ${num(book.bottom.value)}`],
      ])
    : undefined;
  if (top && bottom) return `${top}${w.pick([', ', ' and '])}${bottom}`;
  return top ?? bottom;
}

// --- calendar rules ----------------------------------------------------------------------------------

const WEEKDAY_WORDS = (day: Weekday): string => `${day[0]!.toUpperCase()}${day.slice(1)}`;

/** 1st, 2nd, 3rd, 4th: digits, which no schedule reads as "the first trading day of the month". */
function ordinalDigits(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/**
 * A trading day of the month as the calendar reader reads it, and no schedule does: "the month's last
 * trading day", "2 trading days before month end", "the 3rd trading day of the new month".
 */
function monthDayPhrase(day: number, next: boolean): string {
  if (day === -1) return "the month's last trading day";
  if (day < 0) return `${-day - 1} trading day${-day - 1 === 1 ? '' : 's'} before month end`;
  return `the ${ordinalDigits(day)} trading day of the ${next ? 'new ' : ''}month`;
}

/** A calendar rule's name, then its window as stated: days of the month, weekdays or months held. */
function calendarPhrase(w: Writer, signal: Signal): string {
  const rule = signal.calendar;
  const part = `signal.calendar.${rule?.effect.value ?? 'named'}`;
  if (!rule) return SIGNAL_NAMES.calendar;
  const entryAt = rule.entryAt?.value;
  const exitAt = rule.exitAt?.value;
  const windowTimes = entryAt === 'open' && exitAt === 'close';
  switch (rule.effect.value) {
    case 'turn-of-month': {
      const name = w.pick(['turn-of-the-month effect', 'the turn of the month', 'turn of the month effect']);
      const entry = rule.entryDay?.value;
      const exit = rule.exitDay?.value;
      if (entry === undefined || exit === undefined) return w.choose(part, [['named', name]]);
      const month = rule.month?.value;
      if (month !== undefined) {
        // Only a window of days names its month: "the last 5 trading days of December and the first 2 of January".
        const window =
          entry < 0
            ? `the last ${-entry} trading days of ${MONTHS[month - 1]!} and the first ${exit} trading days of ${MONTHS[month % 12]!}`
            : `the first ${exit} trading days of ${MONTHS[month - 1]!}`;
        return w.choose(part, [
          ['month-window', `in the market for ${window}`],
          ['named-month-window', `${name}: be in the market during ${window}`],
        ]);
      }
      const next = entry < 0 && exit > 0;
      const within = windowTimes && ((entry === 1 && exit > 1) || (exit === -1 && entry < -1));
      // "Sell", not "exit": "exit at the close" reads as going flat at the close every day.
      const at = (time: 'open' | 'close' | undefined, day: number) =>
        time ? `at the ${time}${day === -1 || day > 0 ? ' on' : ''} ` : day === -1 || day > 0 ? 'on ' : '';
      const verbs = `${w.pick(['buy', 'go long'])} ${at(entryAt, entry)}${monthDayPhrase(entry, false)}, sell ${at(exitAt, exit)}${monthDayPhrase(exit, next)}`;
      return w.choose(part, [
        ['verbs', `${name}: ${verbs}`],
        windowTimes && [
          'from-through',
          `${name}: in the market from ${monthDayPhrase(entry, false)} through ${monthDayPhrase(exit, next)}`,
        ],
        within && [
          'days-of-each-month',
          `${name}: be in the market during the ${entry === 1 ? `first ${exit}` : `last ${-entry}`} trading days of each month`,
        ],
      ]);
    }
    case 'day-of-week': {
      const name = w.pick(['day-of-week effect', 'day of the week effect']);
      const entry = WEEKDAY_WORDS(rule.entryWeekday!.value);
      const exit = WEEKDAY_WORDS(rule.exitWeekday!.value);
      if (entry === exit && !entryAt && !exitAt)
        return w.choose(part, [
          ['only', `${name}: long on ${entry}s only`],
          ['only-on', `${name}, only on ${entry}s`],
        ]);
      const day = (weekday: string, time: 'open' | 'close' | undefined) => (time ? `at ${weekday}'s ${time}` : `on ${weekday}`);
      return w.choose(part, [
        ['buy-sell', `${name}: buy ${day(entry, entryAt)} and sell ${day(exit, exitAt)}`],
        entryAt && exitAt && ['from-to', `${name}: own it only from the ${entry} ${entryAt} to the ${exit} ${exitAt}`],
      ]);
    }
    case 'month-of-year': {
      const from = rule.fromMonth!.value;
      const to = rule.toMonth!.value;
      const [held, out] = [`${MONTHS[from - 1]!} through ${MONTHS[to - 1]!}`, `${MONTHS[to % 12]!} to ${MONTHS[(from + 10) % 12]!}`];
      const name = w.pick(['seasonal strategy', 'seasonality']);
      const halloween = from === 11 && to === 4;
      if (from === to)
        return w.choose(part, [
          ['only-in', `${name}: in the market only in ${MONTHS[from - 1]!}`],
          ['in-only', `${name}, hold in ${MONTHS[from - 1]!} only`],
        ]);
      return w.choose(part, [
        ['hold', `${name}: hold ${held}`],
        ['in-market', `${name}: in the market from ${held.replace(' through ', ' to ')}`],
        ['hold-cash', `${name}: hold ${held}, cash ${out}`],
        ['out', `${name}: out of the market from ${out}`],
        halloween && ['sell-in-may', 'sell in May and go away'],
        halloween && ['sell-in-may-hold', `sell in May and go away: hold ${held}`],
      ]);
    }
  }
}

// --- bars, direction, sizing ------------------------------------------------------------------------

function barPhrase(w: Writer, bar: BarSize, terse: boolean): string {
  const { size, unit } = bar;
  const named = BAR_UNIT_NAMES[unit];
  const words = w.choose('bar', [
    ['sized', `${size}-${unit} bars`],
    ['sized-candles', `${size}-${unit} candles`],
    ['short', `${size}${unit[0]} bars`],
    size === 1 && ['named', `${named} bars`],
    size === 1 && ['named-candles', `${named} candles`],
    size === 1 && named.endsWith('ly') && ['on-the', `on the ${named}`],
    terse && (unit === 'hour' || unit === 'minute') && ['bare', `${size}${unit[0]}`],
  ]);
  if (words.startsWith('on the') || terse) return words;
  return `${w.pick(['on', 'use', 'using', 'with'])} ${words}`;
}

function directionPhrase(w: Writer, direction: Direction): string {
  switch (direction) {
    case 'long':
      return w.choose('direction', [
        ['long-only', 'long only'],
        ['hyphen', 'long-only'],
        ['no-shorts', 'no shorts'],
      ]);
    case 'short':
      return w.choose('direction', [
        ['short-only', 'short only'],
        ['shorts-only', 'shorts only'],
      ]);
    case 'both':
      return w.choose('direction', [
        ['slash', 'long/short'],
        ['and', 'trade long and short'],
        ['both', 'both directions'],
      ]);
  }
}

function sizingPhrase(w: Writer, sizing: Exclude<Sizing, { kind: 'weights' }>): Clause {
  switch (sizing.kind) {
    case 'equal-weight':
      return {
        text: w.choose('sizing.equal-weight', [
          ['equal-weight', 'equal weight'],
          ['equally-weighted', 'equally weighted'],
          ['size-equally', 'size positions equally'],
        ]),
      };
    case 'fixed-fraction': {
      const f = percent(sizing.fraction);
      return {
        text: w.choose('sizing.fixed-fraction', [
          ['per-position', `${f} of equity per position`],
          ['allocate', `allocate ${f} to each position`],
          ['position-size', `position size ${f}`],
          ['each-gets', `each position gets ${f} of the portfolio`],
        ]),
      };
    }
    case 'risk-per-trade': {
      const f = percent(sizing.fraction);
      const risk = w.choose(`sizing.risk-per-trade.${sizing.from}`, [
        ['risk-per-trade', `risk ${f} per trade`],
        ['pct-risk', `${f} risk per trade`],
        ['risk-of-equity', `risk ${f} of equity on each trade`],
      ]);
      if (sizing.from === 'stop') return { text: risk };
      const multiple = sizing.atrMultiple !== undefined ? `${num(sizing.atrMultiple)} ` : '';
      const atr = w.choose('sizing.atr', [
        ['sized-by', `sized by ${multiple}ATR`],
        ['position-sizing', `with position sizing by ${multiple}ATR`],
      ]);
      // The ATR multiple is read from the sizing's sentence: no other ATR multiple may share it.
      return { text: `${risk}, ${atr}`, alone: true };
    }
    case 'volatility-target': {
      const t = percent(sizing.target);
      return {
        text: w.choose('sizing.volatility-target', [
          ['target', `target ${t} annual volatility`],
          ['scale', `scale positions to ${t} annualized volatility`],
          ['vol-target-of', `volatility target of ${t}`],
          ['vol-target', `${t} vol target`],
        ]),
      };
    }
  }
}

// --- risk -------------------------------------------------------------------------------------------

/** A distance as written before a stop's word: "5%", "2 ATR", "1.5 standard deviation", "$500", "30-pip". */
function distance(w: Writer, part: string, d: Distance): string {
  switch (d.unit) {
    case 'fraction':
      return percent(d.amount);
    case 'atr':
      return w.choose(part, [
        ['atr', `${num(d.amount)} ATR`],
        ['x-atr', `${num(d.amount)}x ATR`],
      ]);
    case 'std':
      return `${num(d.amount)} standard deviation`;
    case 'usd':
      return `$${num(d.amount)}`;
    case 'pips':
      return `${num(d.amount)}-pip`;
  }
}

function riskPhrases(w: Writer, risk: RiskRequest, terse: boolean): string[] {
  const out: string[] = [];
  if (risk.stopLoss) {
    const d = distance(w, 'stop.unit', risk.stopLoss.value);
    out.push(
      w.choose('stop', [
        ['stop-loss', `${d} stop loss`],
        ['a-stop', article(`${d} stop`)],
        terse && risk.stopLoss.value.unit === 'fraction' && ['sl', `sl ${d}`],
      ]),
    );
  }
  if (risk.trailingStop) {
    const d = distance(w, 'trail.unit', risk.trailingStop.value);
    out.push(
      w.choose('trail', [
        ['trailing-stop', `${d} trailing stop`],
        ['a-trailing', article(`${d} trailing stop`)],
        ['trail-by', `trail by ${d}`],
      ]),
    );
  }
  if (risk.takeProfit) {
    const d = distance(w, 'take.unit', risk.takeProfit.value);
    out.push(
      w.choose('take', [
        ['take-profit', `${d} take profit`],
        ['take-profit-at', `take profit at ${d}`],
        ['profit-target', `${d} profit target`],
        terse && ['tp', `tp ${d}`],
      ]),
    );
  }
  if (risk.timeExit) {
    const { count, unit } = risk.timeExit.value;
    const noun = `${count} ${unit}${count === 1 ? '' : 's'}`;
    out.push(
      w.choose('time-exit', [
        ['exit-after', `exit after ${noun}`],
        ['close-after', `close each position after ${noun}`],
        ['time-stop', article(`${count}-${unit} time stop`)],
      ]),
    );
  }
  if (risk.maxDrawdown) {
    const d = percent(risk.maxDrawdown.value);
    out.push(
      w.choose('drawdown', [
        ['stop-trading', `stop trading after ${article(`${d} drawdown`)}`],
        ['max-drawdown', `max drawdown ${d}`],
        ['halt', `halt trading at ${article(`${d} drawdown`)}`],
      ]),
    );
  }
  if (risk.flatBy) {
    const t = clock(w, 'flat.clock', risk.flatBy.value);
    out.push(
      w.choose('flat', [
        ['flat-by', `flat by ${t}`],
        ['close-all', `close all positions by ${t}`],
      ]),
    );
  }
  return out;
}

// --- schedule, filters, period, cash -----------------------------------------------------------------

function schedulePhrase(w: Writer, s: Schedule): string {
  const verb = w.pick(['rebalance ', 'trade ', '']);
  const at = s.time ? ` at ${clock(w, 'schedule.clock', s.time)}` : '';
  if (s.weekday) {
    const day = s.weekday[0]!.toUpperCase() + s.weekday.slice(1);
    return w.choose('schedule.weekday', [
      ['every', `${verb}every ${day}${at}`],
      ['weekly-on', `${verb}weekly on ${day}s${at}`],
    ]);
  }
  if (s.at) {
    const edge = s.at === 'start' ? 'start' : 'end';
    return w.choose(`schedule.${s.every}-${s.at}`, [
      ['edge-of-each', `${verb}at the ${edge} of each ${s.every}${at}`],
      ['edge-of-every', `${verb}at the ${edge} of every ${s.every}${at}`],
      s.every !== 'day' && ['trading-day', `${verb}on the ${s.at === 'start' ? 'first' : 'last'} trading day of each ${s.every}${at}`],
      ['unit-edge', `${verb}at ${s.every}-${edge}${at}`],
    ]);
  }
  return w.choose(`schedule.${s.every}`, [
    ['every', `${verb || 'trade '}every ${s.every}${at}`],
    ['each', `${verb || 'trade '}each ${s.every}${at}`],
  ]);
}

function filterPhrase(w: Writer, f: Filter): string {
  switch (f.kind) {
    case 'trend': {
      const average = f.average.toUpperCase();
      const side = f.side;
      if (f.symbol)
        return w.choose('filter.trend-symbol', [
          ['only-while', `only while ${f.symbol} is ${side} its ${f.period}-day ${average}`],
          ['only-when', `only when ${f.symbol} closes ${side} its ${f.period}-day ${average}`],
        ]);
      return w.choose('filter.trend', [
        ['only-when', `only when price is ${side} its ${f.period}-day ${average}`],
        ['as-long-as', `trade only as long as the price is ${side} the ${f.period}-day ${average}`],
        side === 'above' && ['trend-filter', `with a ${f.period}-day ${average} trend filter`],
      ]);
    }
    case 'vix': {
      const bounds = [
        f.above !== undefined ? `above ${num(f.above)}` : undefined,
        f.below !== undefined ? `below ${num(f.below)}` : undefined,
      ]
        .filter((b): b is string => b !== undefined)
        .join(' and ');
      return w.choose('filter.vix', [
        ['only-when', `only when the VIX is ${bounds}`],
        ['only-trade', `only trade when VIX is ${bounds}`],
        f.above === undefined && f.below !== undefined && ['skip', `skip trading when the VIX is above ${num(f.below)}`],
      ]);
    }
    case 'volatility': {
      const level = f.regime;
      if (f.period === undefined) return `only in ${level}-volatility regimes`;
      return w.choose('filter.volatility', [
        ['vol-is', `only when ${f.period}-day volatility is ${level}`],
        ['regime-measured', `only in ${level}-volatility regimes, measured by ${f.period}-day realized volatility`],
      ]);
    }
    case 'time-of-day': {
      const after = f.after ? clock(w, 'filter.clock', f.after) : undefined;
      const before = f.before ? clock(w, 'filter.clock', f.before) : undefined;
      if (after && before)
        return w.choose('filter.time-of-day', [
          ['between', `only between ${after} and ${before}`],
          ['trade-from', `only trade from ${after} to ${before}`],
        ]);
      return after ? `only trade after ${after}` : `only trade before ${before!}`;
    }
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An ISO date as a prompt writes it: the year alone where it is the year's first (a start) or last (an end) day. */
function dateWords(iso: string, end: boolean): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if ((!end && m === 1 && d === 1) || (end && m === 12 && d === 31)) return String(y);
  return `${MONTHS[m - 1]!} ${d}, ${y}`;
}

function periodPhrase(w: Writer, start: string | undefined, end: string | undefined): string | undefined {
  const s = start ? dateWords(start, false) : undefined;
  const e = end ? dateWords(end, true) : undefined;
  if (s && e) {
    const years = /^\d{4}$/.test(s) && /^\d{4}$/.test(e);
    return w.choose('period', [
      ['from-to', `from ${s} to ${e}`],
      ['backtest-from-to', `backtest from ${s} to ${e}`],
      ['between', `between ${s} and ${e}`],
      years && ['dash', `${s}-${e}`],
      ['through', `backtest ${s} through ${e}`],
    ]);
  }
  if (s) return w.choose('period', [['since', `since ${s}`]]);
  if (e) return w.choose('period', [['until', `until ${e}`]]);
  return undefined;
}

function cashPhrase(w: Writer, cash: number): string {
  const full = `$${cash.toLocaleString('en-US')}`;
  const short = cash >= 1e6 && cash % 1e6 === 0 ? `$${cash / 1e6}M` : cash >= 1e3 && cash % 1e3 === 0 ? `$${cash / 1e3}k` : full;
  return w.choose('cash', [
    ['with', `with ${full}`],
    ['with-short', `with ${short}`],
    ['starting-capital', `starting capital of ${full}`],
    ['account', `a ${short} account`],
  ]);
}
