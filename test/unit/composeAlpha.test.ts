// The alpha-formula block: the formula parser (each operator, precedence, errors, lookback), the
// Python it writes, the book it holds by direction, its notes, gaps and declines, the reader's side
// (the formula and the book read from a prompt, and phrased back), and, where Python with pandas is at
// hand (training/.venv, which CI always sets up), the numbers the written formula computes on a tiny
// frame shaped like LEAN's history, against values worked out here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequestSource } from '../../extension/core/conformance/index';
import { alphaPython, parseAlpha, type AlphaNode } from '../../extension/core/generation/compose/alphaFormula';
import { seeded } from '../../extension/core/generation/compose/enumerateRequests';
import { phraseRequest } from '../../extension/core/generation/compose/phraseRequest';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import { readRequest } from '../../extension/core/request/readRequest';
import type { Signal, StrategyRequest } from '../../extension/core/request/types';
import { repositoryRoot } from '../repositoryRoot';
import { composed, EURUSD, BTC, hasMethod, instrument, loadValidation, method, read, request, signal, type Parts } from './composeHelpers';

const validation = loadValidation();

const STOCKS = ['MSFT', 'NVDA', 'AMZN', 'AAPL', 'GOOGL', 'META'].map((t) => instrument(t, 'equity', 'usa'));

function alpha(formula: string, book?: { top?: number; bottom?: number }): Signal {
  return {
    ...signal('alpha-formula'),
    formula,
    ...(book
      ? {
          book: {
            ...(book.top !== undefined ? { top: read(book.top) } : {}),
            ...(book.bottom !== undefined ? { bottom: read(book.bottom) } : {}),
          },
        }
      : {}),
  };
}

function alphaRequest(formula: string, parts: Parts & { book?: { top?: number; bottom?: number } } = {}): StrategyRequest {
  const { book, ...rest } = parts;
  return request({ instruments: STOCKS, direction: null, ...rest, signal: alpha(formula, book) });
}

/** The formula as one Python expression (steps inlined into the text for the short formulas tested). */
function python(formula: string): string {
  const parsed = parseAlpha(formula);
  if (!parsed.ok) throw new Error(parsed.error);
  const out = alphaPython(parsed.tree);
  expect(out.steps).toEqual([]);
  return out.value;
}

function lookback(formula: string): number {
  const parsed = parseAlpha(formula);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.lookback;
}

function error(formula: string): string {
  const parsed = parseAlpha(formula);
  if (parsed.ok) throw new Error(`parsed: ${formula}`);
  return parsed.error;
}

/** A method's lines after its docstring. */
function bodyOf(code: string, name: string): string[] {
  const lines = method(code, name);
  const first = lines[0] ?? '';
  if (!first.startsWith('"""')) return lines;
  if (first.length > 3 && first.endsWith('"""')) return lines.slice(1);
  return lines.slice(lines.indexOf('"""', 1) + 1);
}

function declined(req: StrategyRequest): string {
  const outcome = planCompose(req);
  if (outcome?.kind !== 'decline') throw new Error(`not declined: ${JSON.stringify(outcome?.kind)}`);
  return outcome.reason;
}

/** No validator error or warning, and no request mismatch the plan does not name in a gap. */
function expectClean(req: StrategyRequest): void {
  const { code, gaps } = composed(req);
  const problems = validation.validator.validate(code, {}).filter((d) => d.severity === 'error' || d.severity === 'warning');
  expect(problems.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  const fields = new Set(gaps.map((g) => g.field));
  expect(checkRequestSource(validation.parser, code, req).filter((m) => !fields.has(m.field))).toEqual([]);
}

describe('the formula parser', () => {
  it.each([
    ['rank(close)', 'closes.rank(axis=1, pct=True)', 1],
    ['delay(close, 5)', 'closes.shift(5)', 6],
    ['delta(close, 3)', 'closes.diff(3)', 4],
    ['ts_mean(close, 10)', 'closes.rolling(10).mean()', 10],
    ['sma(close, 10)', 'closes.rolling(10).mean()', 10],
    ['ts_sum(volume, 5)', 'volumes.rolling(5).sum()', 5],
    ['sum(volume, 5)', 'volumes.rolling(5).sum()', 5],
    ['ts_min(low, 4)', 'lows.rolling(4).min()', 4],
    ['min(low, 4)', 'lows.rolling(4).min()', 4],
    ['ts_max(high, 4)', 'highs.rolling(4).max()', 4],
    ['max(high, 4)', 'highs.rolling(4).max()', 4],
    ['product(returns, 3)', 'returns.rolling(3).apply(np.prod, raw=True)', 4],
    ['ts_rank(volume, 10)', 'volumes.rolling(10).apply(self._last_rank, raw=True)', 10],
    ['ts_argmax(close, 5)', 'closes.rolling(5).apply(np.argmax, raw=True) + 1', 5],
    ['Ts_ArgMin(close, 5)', 'closes.rolling(5).apply(np.argmin, raw=True) + 1', 5],
    ['stddev(returns, 20)', 'returns.rolling(20).std()', 21],
    ['ts_std_dev(returns, 20)', 'returns.rolling(20).std()', 21],
    ['correlation(close, volume, 10)', 'closes.rolling(10).corr(volumes)', 10],
    ['ts_corr(close, volume, 10)', 'closes.rolling(10).corr(volumes)', 10],
    ['covariance(close, volume, 10)', 'closes.rolling(10).cov(volumes)', 10],
    ['scale(close)', 'self._scale(closes, 1)', 1],
    ['scale(close, 2)', 'self._scale(closes, 2)', 1],
    ['SignedPower(returns, 2)', 'np.sign(returns) * np.abs(returns) ** 2', 2],
    ['decay_linear(close, 4)', 'self._decay_linear(closes, 4)', 4],
    ['abs(close - open)', 'np.abs(closes - opens)', 1],
    ['log(volume)', 'np.log(volumes)', 1],
    ['sign(delta(close, 1))', 'np.sign(closes.diff(1))', 2],
    ['vwap', 'vwaps', 1],
    ['adv20', 'adv20', 20],
    ['close > open', 'self._compare(np.greater, closes, opens)', 1],
    ['close <= 0', 'self._compare(np.less_equal, closes, 0)', 1],
    ['close != open', 'self._compare(np.not_equal, closes, opens)', 1],
    ['close > open ? 1 : -1', 'self._where(self._compare(np.greater, closes, opens), 1, -1)', 1],
    ['ts_mean(close, 9.9)', 'closes.rolling(9).mean()', 9],
  ])('%s', (formula, expected, bars) => {
    expect(python(formula)).toBe(expected);
    expect(lookback(formula)).toBe(bars);
  });

  it('writes logic over comparisons, each comparison a step where the line would be long', () => {
    const parsed = parseAlpha('close > open && volume > adv20');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.lookback).toBe(20);
    expect(alphaPython(parsed.tree)).toEqual({
      steps: ['step1 = self._compare(np.greater, closes, opens)', 'step2 = self._compare(np.greater, volumes, adv20)'],
      value: 'self._compare(np.logical_and, step1, step2)',
      helpers: new Set(['compare']),
    });
    expect(python('close > 0 || open')).toBe('self._compare(np.logical_or, self._compare(np.greater, closes, 0), opens)');
  });

  it('keeps the precedence and associativity of the notation, bracketing only where Python needs it', () => {
    expect(python('close - open - high')).toBe('closes - opens - highs');
    expect(python('close - (open - high)')).toBe('closes - (opens - highs)');
    expect(python('close / open * high')).toBe('closes / opens * highs');
    expect(python('close / (open * high)')).toBe('closes / (opens * highs)');
    expect(python('1 + 2 * close')).toBe('1 + 2 * closes');
    expect(python('(1 + close) * 2')).toBe('(1 + closes) * 2');
    expect(python('-close ^ 2')).toBe('-closes ** 2');
    expect(python('(-close) ^ 2')).toBe('(-closes) ** 2');
    expect(python('close ^ 2 ^ 3')).toBe('closes ** 2 ** 3');
    expect(python('(close ^ 2) ^ 3')).toBe('(closes ** 2) ** 3');
    expect(python('close ^ -1')).toBe('closes ** -1');
    expect(python('-(close - open)')).toBe('-(closes - opens)');
    expect(python('rank(close - open)')).toBe('(closes - opens).rank(axis=1, pct=True)');
    expect(python('rank(ts_argmax(close, 5))')).toBe('(closes.rolling(5).apply(np.argmax, raw=True) + 1).rank(axis=1, pct=True)');
    // Comparison below arithmetic, equality below comparison, && below equality, || below &&, ?: lowest and to the right.
    const tree = (formula: string): AlphaNode => {
      const parsed = parseAlpha(formula);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.tree;
    };
    expect(tree('close + 1 < open * 2')).toMatchObject({
      kind: 'binary',
      operator: '<',
      left: { operator: '+' },
      right: { operator: '*' },
    });
    expect(tree('close < open == high > low')).toMatchObject({ operator: '==', left: { operator: '<' }, right: { operator: '>' } });
    expect(tree('close > 0 || open > 0 && high > 0')).toMatchObject({ operator: '||', right: { operator: '&&' } });
    expect(tree('close > 0 ? 1 : close < 0 ? -1 : 0')).toMatchObject({ kind: 'choose', otherwise: { kind: 'choose' } });
    expect(tree('-1 * rank(close)')).toMatchObject({ operator: '*', left: { kind: 'negate', operand: { kind: 'number', value: 1 } } });
  });

  it('adds up nested windows for the lookback', () => {
    expect(lookback('ts_mean(delay(close, 5), 10)')).toBe(15);
    expect(lookback('correlation(rank(delta(close, 2)), ts_sum(volume, 5), 10)')).toBe(14);
    expect(lookback('decay_linear(ts_rank(adv20, 5), 3)')).toBe(26);
    expect(lookback('(rank(Ts_ArgMax(SignedPower(((returns < 0) ? stddev(returns, 20) : close), 2.), 5)) - 0.5)')).toBe(25);
    expect(lookback('rank(close) + delay(volume, 30)')).toBe(31);
  });

  it('computes a part the formula repeats once, and splits long lines into steps', () => {
    const parsed = parseAlpha(
      '((0 < ts_min(delta(close, 1), 5)) ? delta(close, 1) : ((ts_max(delta(close, 1), 5) < 0) ? delta(close, 1) : (-1 * delta(close, 1))))',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const out = alphaPython(parsed.tree);
    expect(out.steps[0]).toBe('step1 = closes.diff(1)');
    expect(out.steps.filter((s) => s.includes('closes.diff(1)'))).toHaveLength(1);
    expect(out.value).toMatch(/^self\._where\(/);
    expect([...out.helpers].sort()).toEqual(['compare', 'where']);
    for (const line of [...out.steps, `return ${out.value}`]) expect(line.length).toBeLessThanOrEqual(92);
  });

  it('names what is wrong with a formula it cannot write', () => {
    expect(error('foo(close)')).toMatch(/^The formula calls foo, which is not an operator of the 101 Formulaic Alphas/);
    expect(error('IndNeutralize(close, IndClass.sector)')).toMatch(/calls indneutralize, which needs industry classifications/);
    expect(error('rank(cap)')).toMatch(/reads cap, which needs each company's market capitalisation/);
    expect(error('rank(close')).toBe('The formula is malformed: ")" expected after the arguments of rank, at its end.');
    expect(error('rank(close) close')).toMatch(/^The formula is malformed: it goes on after a complete expression/);
    expect(error('close > open ? 1')).toMatch(/":" expected between the two choices/);
    expect(error('ts_rank(close, volume)')).toMatch(/The last argument of ts_rank is its window in bars and must be a number/);
    expect(error('min(close, open)')).toMatch(/\(the paper's min\(x, d\) is ts_min\(x, d\)\)/);
    expect(error('correlation(close, volume, 1)')).toBe('The window of correlation must be at least 2 bars; the formula gives 1.');
    expect(error('delay(close, 0)')).toBe('The window of delay must be at least 1 bar; the formula gives 0.');
    expect(error('correlation(close, volume)')).toBe('correlation takes three arguments (x, y, d); the formula gives it 2 arguments.');
    expect(error('delay(3, 2)')).toBe('The first argument of delay must depend on prices or volume; the formula gives it only numbers.');
    expect(error('1 + 2')).toBe('The formula reads no price or volume field, so it gives every symbol the same score.');
    expect(error('rank(price)')).toMatch(/^The formula names "price", which is not a field/);
    expect(error('close @ 2')).toBe('The formula has "@", which is not part of the formula notation.');
    expect(error('')).toBe('The formula is empty.');
  });
});

describe('the Python the alpha block writes', () => {
  it('writes the formula of the prompt, read from the history its lookback needs, and holds the book asked for', () => {
    const req = alphaRequest('-1 * correlation(rank(open), rank(volume), 10)', { book: { top: 2, bottom: 2 }, schedule: { every: 'day' } });
    const { code, gaps } = composed(req);
    expect(gaps).toEqual([]);
    expect(method(code, '_alpha').slice(-3)).toEqual([
      'opens = history["open"].unstack(level=0)',
      'volumes = history["volume"].unstack(level=0)',
      'return -1 * opens.rank(axis=1, pct=True).rolling(10).corr(volumes.rank(axis=1, pct=True))',
    ]);
    const rebalance = method(code, '_rebalance');
    expect(rebalance).toContain('history = self.history(self._symbols, 10, Resolution.DAILY)');
    expect(rebalance).toContain('scores = self._alpha(history).tail(1).iloc[0]');
    expect(rebalance).toContain('scores = scores[np.isfinite(scores)]');
    expect(rebalance).toContain('longs = ranked[:2]');
    expect(rebalance).toContain('shorts = [s for s in ranked[-2:] if s not in longs]');
    expect(rebalance).toContain('    self.set_holdings(symbol, 0.5 / len(longs))');
    expect(rebalance).toContain('    self.set_holdings(symbol, -0.5 / len(shorts))');
    expect(code).toContain(
      'self.schedule.on(self.date_rules.every_day(self._symbols[0]), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
    // Nothing to feed bar by bar, nothing to warm: the history is read when it rebalances.
    expect(hasMethod(code, '_on_bar')).toBe(false);
    expect(code).not.toContain('set_warm_up');
    expectClean(req);
  });

  it('writes delay and rank, and derives vwap, returns and adv from the bars', () => {
    const reversal = composed(alphaRequest('rank(delay(close, 5) / close)')).code;
    expect(method(reversal, '_alpha').at(-1)).toBe('return (closes.shift(5) / closes).rank(axis=1, pct=True)');
    expect(method(reversal, '_rebalance')).toContain('history = self.history(self._symbols, 6, Resolution.DAILY)');

    const derived = composed(alphaRequest('rank(vwap - close) * ts_mean(returns, 3) / adv20')).code;
    expect(bodyOf(derived, '_alpha')).toEqual([
      'highs = history["high"].unstack(level=0)',
      'lows = history["low"].unstack(level=0)',
      'closes = history["close"].unstack(level=0)',
      'volumes = history["volume"].unstack(level=0)',
      "# LEAN's bars carry no VWAP: the bar's typical price stands in for it.",
      'vwaps = (highs + lows + closes) / 3',
      'returns = closes / closes.shift(1) - 1',
      'adv20 = (closes * volumes).rolling(20).mean()',
      'return (vwaps - closes).rank(axis=1, pct=True) * returns.rolling(3).mean() / adv20',
    ]);
    expect(method(derived, '_rebalance')).toContain('history = self.history(self._symbols, 20, Resolution.DAILY)');
  });

  it('writes the helpers a formula calls, and only those', () => {
    const code = composed(alphaRequest('scale(decay_linear(ts_rank(close, 5), 3)) + (close > open ? 1 : 0)')).code;
    for (const name of ['_last_rank', '_decay_linear', '_scale', '_compare', '_where']) expect(hasMethod(code, name), name).toBe(true);
    expect(method(code, '_last_rank').slice(1)).toEqual([
      'latest = window[-1]',
      'return (window < latest).sum() + ((window == latest).sum() + 1) / 2',
    ]);
    const plain = composed(alphaRequest('rank(close)')).code;
    for (const name of ['_last_rank', '_decay_linear', '_scale', '_compare', '_where']) expect(hasMethod(plain, name), name).toBe(false);
    expectClean(alphaRequest('scale(decay_linear(ts_rank(close, 5), 3)) + (close > open ? 1 : 0)'));
  });

  it('reads the bars asked for from history: hourly bars at Resolution.HOUR', () => {
    const req = alphaRequest('rank(delta(close, 4))', { bar: { size: 1, unit: 'hour' } });
    expect(method(composed(req).code, '_rebalance')).toContain('history = self.history(self._symbols, 5, Resolution.HOUR)');
    expectClean(req);
  });

  it('ranks a universe of US equities: the members LEAN selects are scored at each rebalance', () => {
    const req = {
      ...alphaRequest('-ts_corr(close, volume, 20)', { instruments: [], book: { top: 10, bottom: 10 } }),
      universe: read({ kind: 'etf-constituents' as const, etf: 'XLF' }),
    };
    const { code } = composed(req);
    expect(code).toContain('self.add_universe(self.universe.etf("XLF", self.universe_settings, self._select_members))');
    expect(method(code, '_track')).not.toContain('self._replaying = True');
    expect(method(code, '_alpha').at(-1)).toBe('return -closes.rolling(20).corr(volumes)');
    expectClean(req);
  });
});

describe('the book and its direction', () => {
  it('trades both ways unless a direction is stated, and says so', () => {
    const { notes, code } = composed(alphaRequest('rank(close)'));
    expect(notes).toContain('No direction stated; the code holds the best scores long and the worst short.');
    expect(notes).toContain(
      'No number of names to hold was stated; the code holds the top third long and the bottom third short of the symbols scored at each rebalance (at least one).',
    );
    expect(notes).toContain('No rebalance schedule stated; the alpha book is rebalanced every day, 30 minutes after the open.');
    const rebalance = method(code, '_rebalance');
    expect(rebalance).toContain('count = max(1, len(ranked) // 3)');
    expect(rebalance).toContain('longs = ranked[:count]');
    expect(rebalance).toContain('shorts = [s for s in ranked[-count:] if s not in longs]');
  });

  it('holds the top long only, or the bottom short only, as the direction says', () => {
    const long = alphaRequest('rank(close)', { direction: 'long', book: { top: 2 } });
    const longCode = method(composed(long).code, '_rebalance');
    expect(longCode).toContain('longs = ranked[:2]');
    expect(longCode).toContain('shorts = []');
    expect(longCode).toContain('    self.set_holdings(symbol, 1 / len(longs))');
    expect(longCode.join('\n')).not.toMatch(/set_holdings\(symbol, -/);
    expectClean(long);

    const short = alphaRequest('rank(close)', { direction: 'short', book: { bottom: 2 } });
    const shortCode = method(composed(short).code, '_rebalance');
    expect(shortCode).toContain('longs = []');
    expect(shortCode).toContain('shorts = [s for s in ranked[-2:] if s not in longs]');
    expect(shortCode).toContain('    self.set_holdings(symbol, -1 / len(shorts))');
    expectClean(short);
  });

  it('names a side the direction does not trade, holds as many on the other side, and cuts a book that ranks nothing out', () => {
    const { gaps } = composed(alphaRequest('rank(close)', { direction: 'long', book: { top: 2, bottom: 2 } }));
    expect(gaps).toEqual([{ field: 'direction', sentence: 'The bottom 2 "" are not shorted: the code trades long only.' }]);

    const one = composed(alphaRequest('rank(close)', { book: { top: 2 } }));
    expect(one.notes).toContain('Only the top 2 was stated; the bottom 2 are held short too.');
    expect(method(one.code, '_rebalance')).toContain('shorts = [s for s in ranked[-2:] if s not in longs]');

    const three = STOCKS.slice(0, 3);
    const big = composed(alphaRequest('rank(close)', { instruments: three, book: { top: 2, bottom: 2 } }));
    expect(big.gaps).toEqual([
      { field: 'numbers', sentence: 'Holding 4 of the 3 instruments ranks nothing out; the code holds the top 1 and the bottom 1.' },
    ]);
    // Long the best and short the worst of two ranks both out.
    expect(composed(alphaRequest('rank(close)', { instruments: STOCKS.slice(0, 2), book: { top: 1, bottom: 1 } })).gaps).toEqual([]);
  });

  it('sizes a stated fixed fraction per position; other sizings are named as not kept', () => {
    const fixed = alphaRequest('rank(close)', { sizing: { kind: 'fixed-fraction', fraction: 0.1 }, book: { top: 2, bottom: 2 } });
    const code = method(composed(fixed).code, '_rebalance');
    expect(code).toContain('    self.set_holdings(symbol, 0.1)');
    expect(code).toContain('    self.set_holdings(symbol, -0.1)');
    expectClean(fixed);
    const { gaps } = composed(alphaRequest('rank(close)', { sizing: { kind: 'volatility-target', target: 0.15 } }));
    expect(gaps.map((g) => g.field)).toEqual(['sizing']);
  });

  it('keeps market filters, stops and the drawdown limit; names per-symbol filters and consolidated bars as not done', () => {
    const req = alphaRequest('rank(close)', {
      filters: [
        { kind: 'vix', below: 25 },
        { kind: 'trend', period: 200, average: 'sma', side: 'above' },
      ],
      risk: { stopLoss: read({ amount: 0.05, unit: 'fraction' as const }), maxDrawdown: read(0.2) },
      bar: { size: 4, unit: 'hour' },
    });
    const { code, gaps } = composed(req);
    expect(gaps.map((g) => g.field).sort()).toEqual(['bar', 'filters']);
    expect(gaps.find((g) => g.field === 'bar')!.sentence).toMatch(/^The formula reads daily bars, not the .* asked for/);
    const rebalance = method(code, '_rebalance');
    expect(rebalance.slice(1, 3)).toEqual(['if self._drawdown_halted():', '    return']);
    expect(rebalance).toContain('if not (self.securities[self._vix].price < 25):');
    expect(method(code, '_on_bar')).toContain('        reason = self._risk_exit(symbol, traded)');
    expectClean(req);
  });

  it('says vwap is the typical price', () => {
    expect(composed(alphaRequest('rank(vwap - close)')).notes).toContain(
      "The formula's vwap is each bar's typical price, (high + low + close) / 3: LEAN's bars carry no VWAP.",
    );
  });
});

describe('what the alpha block declines', () => {
  it('declines instruments without traded volume, or one instrument to rank', () => {
    expect(declined(alphaRequest('rank(close)', { instruments: [EURUSD, instrument('USDJPY', 'forex', 'oanda')] }))).toBe(
      'The offline generator writes alpha formulas for US equities and ETFs only, whose daily bars carry the prices and volume a formula reads: EURUSD is a currency pair, whose LEAN data are quotes without volume; USDJPY is a currency pair, whose LEAN data are quotes without volume.',
    );
    expect(declined(alphaRequest('rank(close)', { instruments: [BTC, instrument('ETHUSD', 'crypto', 'coinbase')] }))).toMatch(
      /BTCUSD is a crypto pair; ETHUSD is a crypto pair\.$/,
    );
    expect(declined(alphaRequest('rank(close)', { instruments: [STOCKS[0]!] }))).toBe(
      'An alpha formula ranks symbols against each other, and the prompt names only MSFT; name two or more, or a universe ("the S&P 500 constituents").',
    );
  });

  it('declines a formula it cannot parse, naming what is wrong, and never writes another in its place', () => {
    expect(declined(alphaRequest('rank(foo(close))'))).toMatch(
      /^The alpha formula "" cannot be written: The formula calls foo, which is not an operator/,
    );
    expect(declined(alphaRequest('indneutralize(close, indclass.sector)'))).toMatch(/needs industry classifications/);
    expect(declined(alphaRequest('rank(close'))).toMatch(/malformed/);
    const prompt = 'alpha: -1 * correlation(rank(open), fancy_thing(volume), 10) on AAPL MSFT NVDA, rebalance daily';
    let reason = '';
    try {
      generateOffline(prompt);
    } catch (e) {
      if (!isOfflineDeclined(e)) throw e;
      reason = e.message;
    }
    expect(reason).toMatch(
      /^The alpha formula "-1 \* correlation\(rank\(open\), fancy_thing\(volume\), 10\)" cannot be written: The formula calls fancy_thing/,
    );
  });

  it('hands a formula named but not written ("Alpha#101") to the templates, as before', () => {
    expect(planCompose({ ...alphaRequest('rank(close)'), signals: [signal('alpha-formula')] })).toBeUndefined();
  });
});

describe('alpha formulas from a prompt', () => {
  const PROMPT =
    'alpha: -1 * correlation(rank(open), rank(volume), 10) on AAPL MSFT NVDA AMZN GOOGL META, long the top 2, short the bottom 2, rebalance daily';

  it('reads the formula as written and the book, and writes that formula with nothing left undone', () => {
    const req = readRequest(PROMPT);
    expect(req.signals).toHaveLength(1);
    expect(req.signals[0]!.formula).toBe('-1 * correlation(rank(open), rank(volume), 10)');
    expect(req.signals[0]!.book?.top?.value).toBe(2);
    expect(req.signals[0]!.book?.bottom?.value).toBe(2);
    const generation = generateOffline(PROMPT);
    expect(generation.writer).toBe('composer:alpha-formula');
    expect(generation.unfulfilled).toEqual([]);
    expect(method(generation.code, '_alpha').at(-1)).toBe(
      'return -1 * opens.rank(axis=1, pct=True).rolling(10).corr(volumes.rank(axis=1, pct=True))',
    );
    expect(checkRequestSource(validation.parser, generation.code, req)).toEqual([]);
  });

  it.each([
    ['alpha = sign(delta(volume, 1)) * (-1 * delta(close, 1)) on MSFT and NVDA', 'sign(delta(volume, 1)) * (-1 * delta(close, 1))'],
    ['The alpha (rank(ts_mean(close, 5)) - 0.5) on QQQ and TLT', '(rank(ts_mean(close, 5)) - 0.5)'],
    ['score = abs(close - open) * rank(volume) on AAPL MSFT', 'abs(close - open) * rank(volume)'],
    ['Alpha#101, which is (close - open) / ((high - low) + 0.001), on AAPL and MSFT', '(close - open) / ((high - low) + 0.001)'],
    ['Cross-sectional factor on the XLF holdings: alpha = -ts_corr(close, volume, 20), long/short', '-ts_corr(close, volume, 20)'],
  ])('reads the whole formula of "%s"', (prompt, formula) => {
    expect(readRequest(prompt).signals.map((s) => s.formula)).toEqual([formula]);
  });

  it('reads no formula from prose', () => {
    expect(readRequest('the score is close-to-close return on AAPL and MSFT').signals.some((s) => s.kind === 'alpha-formula')).toBe(false);
  });

  it('phrases the formula and the book so the reader reads them back', () => {
    const req = alphaRequest('-1 * rank(covariance(rank(close), rank(volume), 5))', {
      book: { top: 1, bottom: 1 },
      instruments: STOCKS.slice(0, 3),
    });
    for (let seed = 0; seed < 12; seed++) {
      const text = phraseRequest(req, seeded(seed));
      const back = readRequest(text).signals;
      expect(
        back.map((s) => [s.kind, s.formula, s.book?.top?.value, s.book?.bottom?.value]),
        text,
      ).toEqual([['alpha-formula', '-1 * rank(covariance(rank(close), rank(volume), 5))', 1, 1]]);
    }
  });
});

// --- The numbers the written formula computes ------------------------------------------------------

const PYTHON = path.join(repositoryRoot(), 'training', '.venv', 'bin', 'python');

function pandasAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import numpy, pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Three symbols over eight days, shaped as LEAN's history: indexed by symbol and time. */
const SYMBOLS = ['AAA', 'BBB', 'CCC'];
const DAYS = 8;
const BARS: Record<string, { open: number[]; close: number[]; volume: number[] }> = {
  AAA: {
    open: [10, 11, 13, 12, 14, 15, 13, 16],
    close: [10.5, 12, 12.5, 13, 15, 14, 14.5, 17],
    volume: [100, 150, 120, 180, 160, 130, 170, 140],
  },
  BBB: {
    open: [20, 19, 21, 23, 22, 20, 24, 25],
    close: [19, 20, 22, 22.5, 21, 21.5, 25, 24],
    volume: [300, 250, 270, 240, 310, 280, 260, 290],
  },
  CCC: {
    open: [5, 6, 5.5, 7, 6.5, 8, 7.5, 9],
    close: [5.5, 5.8, 6.2, 6.8, 7.4, 7.1, 8.2, 8.8],
    volume: [900, 850, 950, 800, 1000, 870, 990, 910],
  },
};

/** The `_alpha` of the code written for `formula`, run in Python on BARS: the frame as [day][symbol], NaN as null. */
function evaluate(formula: string): (number | null)[][] {
  return JSON.parse(
    runPython(
      composed(alphaRequest(formula)).code,
      (cls) => `
alpha = ${cls}.__new__(${cls})._alpha(history)[${JSON.stringify(SYMBOLS)}]
print(json.dumps([[None if pd.isna(v) else float(v) for v in row] for row in alpha.to_numpy()]))
`,
    ),
  ) as (number | null)[][];
}

/**
 * The code's class loaded without LEAN (its names appear only inside methods, and in annotations left
 * unevaluated), BARS as `history` in LEAN's shape (indexed by symbol and time), then `run` on them.
 */
function runPython(code: string, run: (className: string) => string): string {
  const module = code.replace('from AlgorithmImports import *', 'import numpy as np\nimport pandas as pd').replace(/\(QCAlgorithm\):/, ':');
  const className = /^class (\w+)/m.exec(code)![1]!;
  const script = `from __future__ import annotations
import json, sys
${module}
bars = json.loads(sys.argv[1])
rows = []
for symbol, fields in bars.items():
    for day in range(${DAYS}):
        rows.append({"symbol": symbol, "time": pd.Timestamp("2024-01-01") + pd.Timedelta(days=day),
                     "open": fields["open"][day], "high": max(fields["open"][day], fields["close"][day]) + 1,
                     "low": min(fields["open"][day], fields["close"][day]) - 1, "close": fields["close"][day],
                     "volume": fields["volume"][day]})
history = pd.DataFrame(rows).set_index(["symbol", "time"])
${run(className)}
`;
  return execFileSync(PYTHON, ['-c', script, JSON.stringify(BARS)], { encoding: 'utf8' });
}

/** Percentile ranks across the symbols of one day, ties sharing their average (pandas' rank(pct=True)). */
function pctRank(values: number[]): number[] {
  return values.map((v) => (values.filter((w) => w < v).length + (values.filter((w) => w === v).length + 1) / 2) / values.length);
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  const cov = x.reduce((a, xi, i) => a + (xi - mx) * (y[i]! - my), 0);
  const vx = x.reduce((a, xi) => a + (xi - mx) ** 2, 0);
  const vy = y.reduce((a, yi) => a + (yi - my) ** 2, 0);
  return cov / Math.sqrt(vx * vy);
}

/** A frame of [day][symbol] values from a per-symbol series. */
function frame(of: (symbol: string, day: number) => number | null): (number | null)[][] {
  return Array.from({ length: DAYS }, (_, day) => SYMBOLS.map((s) => of(s, day)));
}

function expectFrame(actual: (number | null)[][], expected: (number | null)[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, day) =>
    row.forEach((value, n) => {
      const want = expected[day]![n]!;
      if (want === null) expect(value, `day ${day} ${SYMBOLS[n]}`).toBeNull();
      else expect(value, `day ${day} ${SYMBOLS[n]}`).toBeCloseTo(want, 9);
    }),
  );
}

describe.runIf(process.env['CI'] === 'true' || pandasAvailable())('the written formula, run by pandas', () => {
  const field = (name: 'open' | 'close' | 'volume') => (s: string, d: number) => BARS[s]![name][d]!;
  const ranks = (name: 'open' | 'close' | 'volume', day: number) => pctRank(SYMBOLS.map((s) => BARS[s]![name][day]!));

  it('ranks across the symbols of each date and correlates along each symbol, with no score before 3 bars', () => {
    const expected = frame((s, day) => {
      if (day < 2) return null;
      const n = SYMBOLS.indexOf(s);
      const window = [day - 2, day - 1, day];
      return (
        -1 *
        pearson(
          window.map((d) => ranks('open', d)[n]!),
          window.map((d) => ranks('volume', d)[n]!),
        )
      );
    });
    // A window of three with constant ranks has no correlation: NaN, skipped when scoring.
    const actual = evaluate('-1 * correlation(rank(open), rank(volume), 3)');
    expectFrame(
      actual,
      expected.map((row) => row.map((v) => (v === null || Number.isNaN(v) ? null : v))),
    );
  }, 60_000);

  it('delays along time, then ranks', () => {
    const ratio = (s: string, d: number) => field('close')(s, d - 2) / field('close')(s, d);
    expectFrame(
      evaluate('rank(delay(close, 2) / close)'),
      frame((s, d) => (d < 2 ? null : pctRank(SYMBOLS.map((t) => ratio(t, d)))[SYMBOLS.indexOf(s)]!)),
    );
  }, 60_000);

  it('ts_rank, ts_argmax, decay_linear, scale, comparisons and choices as the paper defines them', () => {
    const close = field('close');
    const window = (s: string, d: number, n: number) => Array.from({ length: n }, (_, i) => close(s, d - n + 1 + i));
    // ts_rank: the rank of today's value among the last 3, 1 the lowest.
    expectFrame(
      evaluate('ts_rank(close, 3)'),
      frame((s, d) => (d < 2 ? null : window(s, d, 3).filter((v) => v < close(s, d)).length + 1)),
    );
    // ts_argmax: the day of the maximum, 1 the oldest of the window.
    expectFrame(
      evaluate('ts_argmax(close, 3)'),
      frame((s, d) => {
        if (d < 2) return null;
        const w = window(s, d, 3);
        return w.indexOf(Math.max(...w)) + 1;
      }),
    );
    // decay_linear: weights 1, 2, 3 (today) over their sum.
    expectFrame(
      evaluate('decay_linear(close, 3)'),
      frame((s, d) => (d < 2 ? null : window(s, d, 3).reduce((a, v, i) => a + v * (i + 1), 0) / 6)),
    );
    // scale: each date's absolute values sum to one.
    expectFrame(
      evaluate('scale(close)'),
      frame((s, d) => close(s, d) / SYMBOLS.reduce((a, t) => a + Math.abs(close(t, d)), 0)),
    );
    // A choice on a comparison, NaN where the comparison reads NaN (no close a day before the first).
    expectFrame(
      evaluate('delay(close, 1) > open ? 1 : -1'),
      frame((s, d) => (d < 1 ? null : close(s, d - 1) > field('open')(s, d) ? 1 : -1)),
    );
  }, 60_000);

  it('rebalances to the best score long and the worst short, and trades nothing before the windows are full', () => {
    const code = composed(
      alphaRequest('rank(delay(close, 2) / close)', { book: { top: 1, bottom: 1 }, instruments: STOCKS.slice(0, 3) }),
    ).code;
    // LEAN's calls the method makes, stood in for: history (the last `count` bars of each symbol), holdings and orders.
    const rebalance = (days: number) =>
      JSON.parse(
        runPython(
          code,
          (cls) => `
class Resolution:
    DAILY = "daily"
class Holding:
    quantity = 0
    invested = False
algorithm = ${cls}.__new__(${cls})
algorithm._symbols = ${JSON.stringify(SYMBOLS)}
algorithm.portfolio = {s: Holding() for s in algorithm._symbols}
orders = []
algorithm.history = lambda symbols, count, resolution: history.groupby(level=0).head(${days}).groupby(level=0).tail(count)
algorithm.set_holdings = lambda symbol, weight: orders.append([symbol, weight])
algorithm.liquidate = lambda symbol: orders.append([symbol, 0])
algorithm._rebalance()
print(json.dumps(orders))
`,
        ),
      ) as [string, number][];
    // On the last day the close two days before over today's: AAA 14 / 17, BBB 21.5 / 24, CCC 7.1 / 8.8. BBB scores best, CCC worst.
    expect(rebalance(DAYS)).toEqual([
      ['BBB', 0.5],
      ['CCC', -0.5],
    ]);
    // Two bars of each symbol cannot fill a delay of 2: no score, no order.
    expect(rebalance(2)).toEqual([]);
  }, 60_000);
});
