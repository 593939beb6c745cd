// The numbers a prompt states: each signal's parameters, the risk distances, the sizing and the filters'
// thresholds must be written somewhere in the code. Where is left open (an indicator argument, a
// self attribute, a get_parameter default): code can hold a number many ways, and a number written
// nowhere is what this catches. Percents count as the fraction or the percent (0.05 or 5).
import type { Distance, Read, Signal, SignalKind, StrategyRequest } from '../request/types';
import { callsNamed, writesNumber, type CodeFacts } from './codeFacts';
import { mismatch, percent, type RequestMismatch } from './mismatch';
import { writesTime } from './timingChecks';

const SIGNAL_NAMES: Readonly<Record<SignalKind, string>> = {
  'sma-crossover': 'SMA crossover',
  'ema-crossover': 'EMA crossover',
  rsi: 'RSI',
  bollinger: 'Bollinger Bands',
  macd: 'MACD',
  donchian: 'Donchian channel',
  keltner: 'Keltner channel',
  zscore: 'z-score',
  momentum: 'momentum',
  pairs: 'pairs spread',
  vwap: 'VWAP',
  gap: 'gap',
  calendar: 'calendar rule',
  'alpha-formula': 'alpha formula',
  'buy-and-hold': 'buy and hold',
};

const PARAM_NAMES: Readonly<Record<string, string>> = {
  fast: 'fast period',
  slow: 'slow period',
  period: 'period',
  lower: 'lower level',
  upper: 'upper level',
  std: 'band width in standard deviations',
  signal: 'signal period',
  exit: 'exit',
  entry: 'entry',
  multiplier: 'multiplier',
  top: 'number held',
  skip: 'bars skipped',
  threshold: 'threshold',
};

/** A number, and the fraction's percent when it is below 1 (0.05 or 5). */
function withPercent(value: number): number[] {
  return Math.abs(value) < 1 ? [value, value * 100] : [value];
}

/**
 * The ways code may write a number the prompt states: the value read; the digits the prompt wrote for it
 * (a "3-month" lookback read as 63 bars may be written 3); and, where the prompt's unit is a week, month
 * or year, the value in those units or in calendar days.
 */
function statedForms(request: StrategyRequest, read: Read<number>): number[] {
  const forms = withPercent(read.value);
  const written = request.prompt.slice(read.span.start, read.span.end);
  for (const digits of written.match(/\d+(?:\.\d+)?/g) ?? []) forms.push(Number(digits));
  const after = request.prompt.slice(read.span.start, read.span.end + 16).toLowerCase();
  const bars = read.value;
  const conversions: [RegExp, number[]][] = [
    [/week|wk/, [bars / 5, (bars * 7) / 5]],
    [/month|mo\b/, [bars / 21, (bars / 21) * 30, (bars / 21) * 31]],
    [/year|yr/, [bars / 252, (bars / 252) * 365]],
  ];
  for (const [unit, values] of conversions) if (unit.test(after)) forms.push(...values.filter((v) => Number.isInteger(v)));
  return forms;
}

function shown(value: number): string {
  return Math.abs(value) < 1 ? `${value} (or ${Number((value * 100).toFixed(6))})` : `${value}`;
}

export function checkSignalNumbers(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const out: RequestMismatch[] = [];
  for (const signal of request.signals) {
    for (const [name, read] of Object.entries(signal.params)) {
      if (writesNumber(facts, statedForms(request, read))) continue;
      out.push(
        mismatch('numbers', request, read.span, `${paramWords(signal, name)} ${read.value}`, `the code never writes ${shown(read.value)}.`),
      );
    }
  }
  return out;
}

function paramWords(signal: Signal, name: string): string {
  return `the ${SIGNAL_NAMES[signal.kind]} ${PARAM_NAMES[name] ?? name}`;
}

/** The ways code writes a distance from the entry: 0.05, 5, or the price multiple 0.95 / 1.05; pips as price. */
function distanceForms(distance: Distance): number[] {
  const a = distance.amount;
  switch (distance.unit) {
    case 'fraction':
      return [...withPercent(a), 1 - a, 1 + a];
    case 'pips':
      return [a, a * 0.0001, a * 0.01, a * 10];
    default:
      return [a];
  }
}

function distanceWords(distance: Distance): string {
  switch (distance.unit) {
    case 'fraction':
      return percent(distance.amount);
    case 'atr':
      return `${distance.amount} × ATR`;
    case 'std':
      return `${distance.amount} standard deviations`;
    case 'pips':
      return `${distance.amount} pips`;
    case 'usd':
      return `$${distance.amount}`;
  }
}

export function checkRisk(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const risk = request.risk;
  const out: RequestMismatch[] = [];
  const distances: [string, Read<Distance> | undefined][] = [
    ['a stop loss', risk.stopLoss],
    ['a trailing stop', risk.trailingStop],
    ['a take profit', risk.takeProfit],
  ];
  for (const [what, read] of distances) {
    if (!read || writesNumber(facts, distanceForms(read.value))) continue;
    const fromEntry = read.value.unit === 'fraction' ? ' from the entry' : '';
    out.push(
      mismatch(
        'risk',
        request,
        read.span,
        `${what} ${distanceWords(read.value)}${fromEntry}`,
        `the code never writes ${shown(read.value.amount)}.`,
      ),
    );
  }
  if (risk.timeExit) {
    const { count, unit } = risk.timeExit.value;
    const forms = unit === 'week' ? [count, count * 5, count * 7] : [count];
    if (!writesNumber(facts, forms))
      out.push(
        mismatch(
          'risk',
          request,
          risk.timeExit.span,
          `an exit after ${count} ${unit}${count === 1 ? '' : 's'}`,
          `the code never writes ${count}.`,
        ),
      );
  }
  if (risk.maxDrawdown) {
    const d = risk.maxDrawdown.value;
    if (!writesNumber(facts, [...withPercent(d), 1 - d]))
      out.push(
        mismatch('risk', request, risk.maxDrawdown.span, `a maximum drawdown of ${percent(d)}`, `the code never writes ${shown(d)}.`),
      );
  }
  if (risk.flatBy && !writesTime(facts, risk.flatBy.value)) {
    const [hour, minute] = risk.flatBy.value.split(':');
    out.push(
      mismatch(
        'risk',
        request,
        risk.flatBy.span,
        `flat by ${risk.flatBy.value}`,
        `the code never closes positions at ${risk.flatBy.value} (self.time_rules.at(${Number(hour)}, ${Number(minute)}) or before_market_close).`,
      ),
    );
  }
  return out;
}

export function checkSizing(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const read = request.sizing;
  if (!read) return [];
  const sizing = read.value;
  const missing = (meaning: string, value: number) =>
    mismatch('sizing', request, read.span, meaning, `the code never writes ${shown(value)}.`);
  switch (sizing.kind) {
    case 'equal-weight':
      // 1 / len(symbols), 1.0 / n, a computed weight: too many ways to write to check.
      return [];
    case 'weights':
      return Object.entries(sizing.weights)
        .filter(([, weight]) => !writesNumber(facts, withPercent(weight)))
        .map(([symbol, weight]) => missing(`${symbol} at ${percent(weight)}`, weight));
    case 'fixed-fraction':
      return writesNumber(facts, withPercent(sizing.fraction))
        ? []
        : [missing(`${percent(sizing.fraction)} per position`, sizing.fraction)];
    case 'volatility-target':
      return writesNumber(facts, withPercent(sizing.target))
        ? []
        : [missing(`a volatility target of ${percent(sizing.target)}`, sizing.target)];
    case 'risk-per-trade': {
      const out: RequestMismatch[] = [];
      if (!writesNumber(facts, withPercent(sizing.fraction)))
        out.push(missing(`a risk of ${percent(sizing.fraction)} per trade`, sizing.fraction));
      if (sizing.from === 'atr' && !usesAtr(facts))
        out.push(
          mismatch('sizing', request, read.span, 'positions sized from the ATR', 'the code computes no ATR (self.atr(symbol, 14)).'),
        );
      if (sizing.atrMultiple !== undefined && !writesNumber(facts, [sizing.atrMultiple]))
        out.push(missing(`a stop ${sizing.atrMultiple} × ATR away`, sizing.atrMultiple));
      return out;
    }
  }
}

function usesAtr(facts: CodeFacts): boolean {
  if (callsNamed(facts, 'atr', 'average_true_range', 'true_range').length > 0) return true;
  return [...facts.identifiers].some((n) => /(^|_)atr($|_|\d)|true_?range/.test(n));
}

export function checkFilters(facts: CodeFacts, request: StrategyRequest): RequestMismatch[] {
  const out: RequestMismatch[] = [];
  for (const read of request.filters) {
    const filter = read.value;
    const add = (meaning: string, does: string) => out.push(mismatch('filters', request, read.span, meaning, does));
    switch (filter.kind) {
      case 'vix': {
        const reads =
          facts.stringTokens.has('VIX') || facts.stringTokens.has('VX') || [...facts.identifiers].some((n) => n.includes('vix'));
        if (!reads) add('a VIX filter', 'the code never reads the VIX (self.add_index("VIX")).');
        for (const level of [filter.below, filter.above]) {
          if (level !== undefined && !writesNumber(facts, [level])) add(`a VIX level of ${level}`, `the code never writes ${level}.`);
        }
        break;
      }
      case 'trend': {
        const symbol = filter.symbol;
        if (symbol && !facts.stringTokens.has(symbol.toUpperCase().replace(/[^A-Z0-9]/g, '')))
          add(`a trend filter on ${symbol}`, `the code never adds ${symbol}.`);
        if (!writesNumber(facts, [filter.period]))
          add(`a ${filter.period}-bar ${filter.average.toUpperCase()} trend filter`, `the code never writes ${filter.period}.`);
        else if (!averages(facts))
          add(
            `a ${filter.period}-bar ${filter.average.toUpperCase()} trend filter`,
            `the code computes no moving average (self.${filter.average}(symbol, ${filter.period})).`,
          );
        break;
      }
      case 'volatility':
        if (filter.period !== undefined && !writesNumber(facts, [filter.period]))
          add(`volatility over ${filter.period} bars`, `the code never writes ${filter.period}.`);
        break;
      case 'time-of-day': {
        const missing = [filter.after, filter.before].filter((t): t is string => t !== undefined && !writesTime(facts, t));
        if (missing.length > 0)
          add(
            `trading only between ${filter.after ?? 'the open'} and ${filter.before ?? 'the close'}`,
            `the code never writes the time${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}.`,
          );
        break;
      }
    }
  }
  return out;
}

/** A moving average of some kind: LEAN's helpers or classes, or a mean over history. */
function averages(facts: CodeFacts): boolean {
  return (
    facts.calls.some((c) =>
      /^(sma|ema|wma|dema|tema|kama|hma|lwma|alma|t3|simple_moving_average|exponential_moving_average|mean|rolling|average|ewm)$/.test(
        c.name,
      ),
    ) || [...facts.identifiers].some((n) => /sma|ema|average|(^|_)ma($|_|\d)/.test(n))
  );
}
