// The risk rules of a request: stops, take profit, time exit, drawdown limit, flat by a time of day.
// A distance ("5%", "2 ATR", "1.5 standard deviations", "50 pips", "$500"; joined by a hyphen too, as in
// "a 60-pip stop" or "a 2-ATR stop") is read only bound to its
// rule's words, written right before it ("take profit 4%", "sl 2%", "stop loss at 2 ATR") or right after
// it ("5% stop", "2x ATR trailing stop"), so "Take profit 4%, trailing stop 2%" is a 4% target and a 2%
// trailing stop, never a 4% trailing stop. Where one distance could bind either way ("5% stop 10% take
// profit"), the reading that binds the most distances is kept. Risk-per-trade phrases ("risk 1% per
// trade") are sizing, left to the sizing reader; "stop trading at 20% drawdown" is the drawdown limit.
//
// Choices where a prompt is ambiguous:
// - "no overnight positions" (and "intraday only", "close everything at the close") is flat by 16:00,
//   the US session's close: the prompt names no earlier time, and the close is the latest it allows.
//   "N minutes before the close" counts back from 16:00.
// - A time without am/pm of 1 to 7 o'clock is in the afternoon ("flat by 3:55" is 15:55; numbers.ts).
// - A time exit in days counts trading days (LEAN's daily bars), in bars the strategy's bars; months are
//   not converted and are left unread.
// - "target" alone is a take profit only where nothing says it is a volatility or weight target.
import type { Prompt } from './promptText';
import { CLOCK, DIGITS, DURATION, MARKET_CLOSE, NUMBER, clockOf, fractionOf, minutesOf, toClock, toNumber } from './numbers';
import { tolerantMatches as freeMatches } from './numbers';
import type { PhraseMatch } from './numbers';
import type { BarUnit, Distance, Read, RiskRequest, Span } from './types';

/** A distance from the entry price, each unit in its own group. */
const DIST =
  `(?:[-+]\\s?)?(?:` +
  `(?<pct>${DIGITS})\\s?(?<pu>%|percent|per\\s?cent|pct|bps|bp|basis\\s+points?)(?![a-z])` +
  `|(?<atr>${DIGITS})\\s?(?:x|×|\\*|times|-)?\\s?(?:the\\s+)?(?:\\d{1,3}[\\s-]?(?:day|bar|period)\\s+)?atrs?(?:\\s?\\(\\s?\\d{1,3}\\s?\\))?(?![a-z])` +
  `|atr\\s?(?:x|×|\\*)\\s?(?<atrAfter>${DIGITS})(?![\\d%])` +
  `|(?<std>${DIGITS})\\s?(?:x\\s?|-\\s?)?(?:standard\\s+deviations?|std\\.?\\s?devs?|stdevs?|std|sigmas?|sd|σ)(?![a-z])` +
  `|(?<pips>${DIGITS})\\s?-?\\s?pips?(?![a-z])` +
  `|\\$\\s?(?<usd>${DIGITS})(?<usdK>k)?(?![\\w%])` +
  `|(?<usdWord>${DIGITS})\\s?-?\\s?(?:dollars?|usd|bucks)(?![a-z])` +
  `)`;

const TRAIL = '(?<trail>trailing[\\s-]?stop(?:[\\s-]?loss)?(?:\\s+order)?|trail(?:ing)?(?:\\s+(?:it|the\\s+stop|stops?))?)';
const STOP =
  '(?<stop>(?<!trail(?:ing)?[\\s-])(?:(?:hard|fixed|initial|protective)\\s+)?(?:stop[\\s-]?loss(?:es)?(?:\\s+order)?|stops?(?![\\s-]trading))|sl|s/l)';
const TAKE = '(?<take>take[\\s-]?profits?|profit[\\s-]?(?:targets?|taking|take)|tp|t/p|targets?)';
const KEY = `(?:${TRAIL}|${STOP}|${TAKE})`;

/** "take profit 4%", "stop loss at 2 ATR", "trailing stop of 3%", "sl 2%", "trail by 1.5 ATR". */
const KEY_DIST = new RegExp(
  `(?<![a-z])${KEY}\\s*(?:(?:is|set|placed|of|at|=|:|to|around|@|by|distance|level|width)\\s*)*(?:(?:a|an|the)\\s+)?${DIST}`,
  'gd',
);
/** "5% stop", "2x ATR stop", "50 pips stop", "$500 stop", "3% trailing stop", "10% profit target". */
const DIST_KEY = new RegExp(`${DIST}\\s?(?:-\\s?)?${KEY}(?![a-z])`, 'gd');
/** "buy back at 50% profit", "take a 20% profit", "lock in 15% profit": a distance then "profit" alone. */
const AT_PROFIT = new RegExp(
  `(?<![a-z])(?:at|with|take|taking|book(?:ing)?|lock(?:ing)?\\s+in|bank(?:ing)?)\\s+(?:an?\\s+)?${DIST}\\s+(?:of\\s+)?(?:the\\s+)?(?:max(?:imum)?\\s+)?profits?(?![a-z])`,
  'gd',
);
/** "a hard stop if the spread moves 3 standard deviations against us", "stop out when price falls 2 ATR". */
const STOP_IF_MOVES = new RegExp(
  `(?<![a-z])${STOP}(?:\\s+(?:out|it|me|us))?\\s+(?:if|when|once|whenever)\\s+(?:the\\s+|it\\s+|price\\s+)?(?:[a-z']+\\s+){0,2}?(?:moves?|goes|falls?|drops?|runs?|declines?|widens?|trades?)\\s+(?:down\\s+|up\\s+|by\\s+|more\\s+than\\s+|over\\s+)*${DIST}`,
  'gd',
);
/** "trailing 3% stop". */
const TRAIL_DIST_STOP = new RegExp(`(?<![a-z])trail(?:ing)?\\s+${DIST}\\s?-?\\s?stop(?:[\\s-]?loss)?(?![a-z])`, 'gd');

/** Words after "target N%" that make it a volatility, weight or exposure target, not a take profit. */
const NOT_TAKE_AFTER = /^\s*(?:annual(?:i[sz]ed)?\s+|annual\s+)?(?:vol\b|volatility|weights?|allocation|exposure|leverage|risk|return)/;
const NOT_TAKE_BEFORE = /(?:vol|volatility|weight|allocation|exposure|leverage|return|price)\s*$/;

const TIME_UNIT = '(?<u>(?:trading\\s+)?(?:days?|sessions?|bars?|candles?|periods?|hours?|hrs?|minutes?|mins?|weeks?|wks?))(?![a-z])';
const COUNT = `(?<n>${NUMBER}|an?)`;
/** "exit after 5 days", "close the position after 3 hours", "sell within 10 bars". */
const EXIT_AFTER = new RegExp(
  `(?<![a-z])(?:exit|close|sell|cover|liquidate|flatten|get\\s+out)(?:\\s+(?:the|all|each|any|every|open)?\\s*(?:positions?|trades?|it|them|out))?(?:\\s+(?!(?:when|if|above|below|under|over|at|on|the|a)(?![a-z]))[a-z']+){0,6}?\\s+(?:after|in|within)\\s+(?:at\\s+most\\s+|a\\s+max(?:imum)?\\s+of\\s+)?${COUNT}\\s?-?\\s?${TIME_UNIT}`,
  'g',
);
/** "hold for 10 bars", "hold positions for 2 weeks", "hold for at most 5 days". */
const HOLD_FOR = new RegExp(
  `(?<![a-z])hold(?:ing)?(?:\\s+(?:each|the|all|every)?\\s*(?:positions?|trades?|it|them|shares))?\\s+(?:for\\s+)?(?:up\\s+to\\s+|at\\s+most\\s+|no\\s+more\\s+than\\s+|a\\s+max(?:imum)?\\s+of\\s+|max(?:imum)?\\s+)?${COUNT}\\s?-?\\s?${TIME_UNIT}`,
  'g',
);
/** "max holding period 20 days", "time stop of 10 bars", "time exit: 5 days". */
const PERIOD_OF = new RegExp(
  `(?<![a-z])(?:(?:max(?:imum)?\\s+)?holding\\s+(?:period|time)|time[\\s-]?(?:based\\s+)?(?:stop|exit))\\s*(?:of|is|=|:|after|at)?\\s*${COUNT}\\s?-?\\s?${TIME_UNIT}`,
  'g',
);
/** "a 10-day time stop", "5-bar max hold". */
const N_TIME_STOP = new RegExp(
  `(?<![\\w.])${COUNT}\\s?-?\\s?${TIME_UNIT}\\s+(?:time[\\s-]?(?:stop|exit)|holding\\s+period|max(?:imum)?\\s+hold(?:ing\\s+period)?)(?![a-z])`,
  'g',
);

const PCT = `(?<pct>${DIGITS})\\s?(?<pu>%|percent|per\\s?cent|pct)(?![a-z])`;
const HALT =
  '(?:stop|halt|cease|pause|quit|suspend|end|kill)\\s+(?:all\\s+)?trading|(?:stop|close|sell|exit)\\s+everything|liquidate(?:\\s+everything)?|flatten(?:\\s+everything)?|go\\s+flat|shut\\s+(?:it\\s+)?down';
/** "stop trading at 20% drawdown", "15% max drawdown", "halt at a 10% drawdown". */
const PCT_DRAWDOWN = new RegExp(
  `(?<![a-z])(?:(?:${HALT})\\s+(?:at|if|when|once|after|on|past)\\s+(?:a|an|the)?\\s*)?${PCT}\\s+(?:max(?:imum)?\\s+|portfolio\\s+|equity\\s+|account\\s+)?draw[\\s-]?downs?(?:\\s+(?:limit|cap|stop))?(?![a-z])`,
  'g',
);
/** "max drawdown 15%", "stop trading if drawdown exceeds 20%", "drawdown limit of 10%". */
const DRAWDOWN_PCT = new RegExp(
  `(?<![a-z])(?:(?:${HALT})\\s+(?:if|when|once)\\s+(?:the\\s+)?(?:portfolio\\s+|equity\\s+|account\\s+)?)?(?:max(?:imum)?\\s+|portfolio\\s+)?draw[\\s-]?downs?(?:\\s+(?:limit|cap|stop|threshold|circuit\\s+breaker|kill\\s+switch))?\\s*(?:ever\\s+)?(?:of|at|=|:|is|exceeds?|goes\\s+(?:above|over|past|beyond)|above|over|reaches|hits|>=?|beyond|greater\\s+than|more\\s+than|limit(?:ed)?\\s+to|capped\\s+at|under|below|<=?|of\\s+more\\s+than)?\\s*${PCT}`,
  'g',
);

/**
 * "if the account drops 20% from its peak", "liquidate if the portfolio falls 25% from its high", "if the
 * whole thing ever falls 30% from its peak" (the whole of what is held: "the whole thing", "everything").
 */
const FALLS_FROM_PEAK = new RegExp(
  `(?<![a-z])(?:(?:${HALT})\\s+)?(?:(?:if|when|once|whenever)\\s+)?(?:the\\s+|my\\s+|our\\s+)?(?:(?:(?:whole|entire|total|overall)\\s+)?(?:portfolio|account|equity|strategy|nav|book|capital)|(?:whole|entire)\\s+(?:thing|lot)|everything|it\\s+all)(?:\\s+value)?\\s+(?:ever\\s+)?(?:falls?|drops?|declines?|is\\s+down|loses|sinks?|draws?\\s+down)\\s+(?:by\\s+|more\\s+than\\s+|over\\s+)?${PCT}\\s+(?:from|off|below|under)\\s+(?:its|the|their|a|my|our)\\s+(?:all[\\s-]time\\s+|running\\s+|previous\\s+)?(?:high|highs|peak|peaks|high[\\s-]water(?:\\s+mark)?|max(?:imum)?)(?![a-z])`,
  'g',
);

const CLOSE_ALL =
  '(?:(?:be|go|get|stay)\\s+)?flat(?:ten)?(?:\\s+(?:all|everything|out|positions?|all\\s+positions?))?|(?:exit|liquidate)(?:\\s+(?:the\\s+)?(?:position|trade))?|(?:close|exit|liquidate|sell|square\\s+off|cover|unwind)\\s+(?:out\\s+)?(?:all|everything|every\\s+position|any\\s+open\\s+positions?|(?:(?:all|the|its|my|our|each|any)\\s+)?(?:open\\s+)?(?:positions?|trades?))(?:\\s+(?:open\\s+)?(?:positions?|trades?))?';
/** "flat by 15:55", "close everything at 3:55pm", "exit all positions before 15:50". */
const FLAT_AT = new RegExp(`(?<![a-z])(?:(?:${CLOSE_ALL})\\s+(?:by|at|before|@)|(?:be\\s+|go\\s+)?flat)\\s+(?<time>${CLOCK})`, 'g');
/** Right after "flat before the close": the time it names ("flat before the close, by 15:50"). */
const THEN_TIME = new RegExp(`^\\s*,?\\s*(?:by|at|@|i\\.e\\.|so|that\\s+is)?\\s*(?<time>${CLOCK})`);
/** "close all positions 5 minutes before the close". */
const FLAT_BEFORE_CLOSE = new RegExp(
  `(?<![a-z])(?:${CLOSE_ALL})\\s+(?<dur>${DURATION})\\s+before\\s+(?:the\\s+)?(?:market\\s+|session\\s+)?(?:close|closing\\s+bell|end\\s+of\\s+(?:the\\s+)?(?:day|session))(?![a-z])`,
  'g',
);
/** "no overnight positions", "flat at the close", "intraday only": flat by the session's close. */
const FLAT_AT_CLOSE = new RegExp(
  `(?<![a-z])(?:no\\s+overnight\\s+(?:positions?|holds?|holdings?|exposure|risk|trades?)|(?:don'?t|do\\s+not|never)\\s+hold\\s+(?:any\\s+)?(?:positions?\\s+)?overnight|nothing\\s+(?:held\\s+)?overnight|flat\\s+overnight|intraday\\s+only|(?:${CLOSE_ALL})\\s+(?:by|at|before)\\s+(?:the\\s+)?(?:market\\s+|session\\s+)?(?:close|end\\s+of\\s+(?:the\\s+|each\\s+)?(?:day|session)|eod)|(?:${CLOSE_ALL})\\s+(?:at\\s+)?(?:end\\s+of\\s+day|eod))(?![a-z])`,
  'g',
);

type Kind = 'stopLoss' | 'trailingStop' | 'takeProfit';

interface Candidate {
  kind: Kind;
  distance: Distance;
  span: Span;
}

function distanceOf(g: Record<string, string | undefined>): Distance | undefined {
  if (g['pct'] !== undefined) {
    const amount = fractionOf(g['pct'], g['pu']!);
    return amount === undefined ? undefined : { amount, unit: 'fraction' };
  }
  const atr = toNumber(g['atr'] ?? g['atrAfter']);
  if (atr !== undefined) return { amount: atr, unit: 'atr' };
  const std = toNumber(g['std']);
  if (std !== undefined) return { amount: std, unit: 'std' };
  const pips = toNumber(g['pips']);
  if (pips !== undefined) return { amount: pips, unit: 'pips' };
  const usd = toNumber(g['usd'] ?? g['usdWord']);
  if (usd !== undefined) return { amount: g['usdK'] ? usd * 1000 : usd, unit: 'usd' };
  return undefined;
}

function kindOf(g: Record<string, string | undefined>): Kind | undefined {
  if (g['trail'] !== undefined) return 'trailingStop';
  if (g['stop'] !== undefined) return 'stopLoss';
  if (g['take'] !== undefined) return 'takeProfit';
  return undefined;
}

function candidates(prompt: Prompt): Candidate[] {
  const out: Candidate[] = [];
  const add = (m: PhraseMatch, kind: Kind | undefined) => {
    const distance = distanceOf(m.groups);
    if (!kind || !distance || !(distance.amount > 0)) return;
    // A stop further than the whole position is no stop: "stop 150%" is a typo, not a reading.
    if (kind !== 'takeProfit' && distance.unit === 'fraction' && distance.amount >= 1) return;
    if (/^targets?$/.test(m.groups['take'] ?? '')) {
      if (
        NOT_TAKE_AFTER.test(prompt.lower.slice(m.end, m.end + 30)) ||
        NOT_TAKE_BEFORE.test(prompt.lower.slice(Math.max(0, m.start - 20), m.start))
      )
        return;
    }
    out.push({ kind, distance, span: { start: m.start, end: m.end } });
  };
  for (const m of freeMatches(prompt, KEY_DIST)) add(m, kindOf(m.groups));
  for (const m of freeMatches(prompt, DIST_KEY)) add(m, kindOf(m.groups));
  for (const m of freeMatches(prompt, TRAIL_DIST_STOP)) add(m, 'trailingStop');
  for (const m of freeMatches(prompt, AT_PROFIT)) add(m, 'takeProfit');
  for (const m of freeMatches(prompt, STOP_IF_MOVES)) add(m, 'stopLoss');
  return out;
}

/**
 * The most candidates that share no text, earliest first among equals: each distance bound to one rule,
 * in the way that binds the most of them ("5% stop 10% take profit" is a stop and a target).
 */
function mostDisjoint(found: Candidate[]): Candidate[] {
  const sorted = [...found].sort((a, b) => a.span.end - b.span.end || a.span.start - b.span.start);
  const best: Candidate[][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    let j = i - 1;
    while (j >= 0 && sorted[j]!.span.end > c.span.start) j--;
    const withIt = [...(j >= 0 ? best[j]! : []), c];
    const without = i > 0 ? best[i - 1]! : [];
    best.push(withIt.length > without.length ? withIt : without);
  }
  return (best[best.length - 1] ?? []).sort((a, b) => a.span.start - b.span.start);
}

function unitOf(word: string): BarUnit | 'bar' {
  const u = word.replace(/^trading\s+/, '');
  if (/^(?:days?|sessions?)$/.test(u)) return 'day';
  if (/^(?:hours?|hrs?)$/.test(u)) return 'hour';
  if (/^(?:minutes?|mins?)$/.test(u)) return 'minute';
  if (/^(?:weeks?|wks?)$/.test(u)) return 'week';
  return 'bar';
}

function readTimeExit(prompt: Prompt): RiskRequest['timeExit'] {
  const found = [EXIT_AFTER, HOLD_FOR, PERIOD_OF, N_TIME_STOP].flatMap((re) => freeMatches(prompt, re));
  for (const m of found.sort((a, b) => a.start - b.start)) {
    const count = /^an?$/.test(m.groups['n']!) ? 1 : toNumber(m.groups['n']);
    if (count === undefined || count <= 0) continue;
    prompt.take(m.start, m.end);
    return { value: { count, unit: unitOf(m.groups['u']!) }, span: { start: m.start, end: m.end } };
  }
  return undefined;
}

function readDrawdown(prompt: Prompt): Read<number> | undefined {
  const found = [PCT_DRAWDOWN, DRAWDOWN_PCT, FALLS_FROM_PEAK].flatMap((re) => freeMatches(prompt, re));
  for (const m of found.sort((a, b) => a.start - b.start)) {
    const value = fractionOf(m.groups['pct']!, m.groups['pu']!);
    if (value === undefined || value <= 0 || value >= 1) continue;
    // "... and then it should stop" after the limit says what it does: part of it.
    const halt = HALT_AFTER.exec(prompt.lower.slice(m.end, m.end + 40));
    const end = halt && !prompt.isUsed(m.end, m.end + halt[0].length) ? m.end + halt[0].length : m.end;
    prompt.take(m.start, end);
    return { value, span: { start: m.start, end } };
  }
  return undefined;
}

/** Right after a drawdown limit: that trading stops there ("max drawdown 10%, and then it should stop"). */
const HALT_AFTER = new RegExp(
  `^\\s*,?\\s*(?:and\\s+)?(?:then\\s+)?(?:(?:it|we|the\\s+(?:strategy|algo(?:rithm)?|bot))\\s+)?(?:(?:should|must|will|shall|has\\s+to)\\s+)?(?:${HALT}|(?:stop|halt)(?:\\s+trading)?)(?:\\s+and\\s+(?:stop|halt)(?:\\s+trading)?)?(?![a-z])`,
);

function readFlatBy(prompt: Prompt): Read<string> | undefined {
  const found: { value: string; m: PhraseMatch }[] = [];
  for (const m of freeMatches(prompt, FLAT_AT)) {
    const value = toClock(m.groups['time']!);
    if (value) found.push({ value, m });
  }
  for (const m of freeMatches(prompt, FLAT_BEFORE_CLOSE)) {
    const minutes = minutesOf(m.groups['dur']!);
    if (minutes !== undefined) found.push({ value: clockOf(MARKET_CLOSE - minutes), m });
  }
  for (const m of freeMatches(prompt, FLAT_AT_CLOSE)) {
    const then = THEN_TIME.exec(prompt.lower.slice(m.end, m.end + 24));
    const time = then ? toClock(then.groups!['time']!) : undefined;
    if (time && then && !prompt.isUsed(m.end, m.end + then[0].length))
      found.push({ value: time, m: { ...m, end: m.end + then[0].length } });
    else found.push({ value: clockOf(MARKET_CLOSE), m });
  }
  const first = found.sort((a, b) => a.m.start - b.m.start)[0];
  if (!first) return undefined;
  prompt.take(first.m.start, first.m.end);
  return { value: first.value, span: { start: first.m.start, end: first.m.end } };
}

export function readRisk(prompt: Prompt): RiskRequest {
  const risk: RiskRequest = {};
  // The rules named by their own words first, so "stop trading at 20% drawdown" and "time stop of 10 bars" are no stops.
  const drawdown = readDrawdown(prompt);
  if (drawdown) risk.maxDrawdown = drawdown;
  const timeExit = readTimeExit(prompt);
  if (timeExit) risk.timeExit = timeExit;
  const flatBy = readFlatBy(prompt);
  if (flatBy) risk.flatBy = flatBy;
  for (const c of mostDisjoint(candidates(prompt))) {
    if (risk[c.kind]) continue;
    prompt.take(c.span.start, c.span.end);
    risk[c.kind] = { value: c.distance, span: c.span };
  }
  return risk;
}
