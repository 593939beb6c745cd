// Regime selection in the composer: one rule while the market is calm, another while it is volatile. Both
// rules are read in methods of their own, their indicators named for their regime; the regime (realized
// volatility on daily data, or the VIX) picks the one whose entries and exits trade; a change of regime
// closes the open position; warm-up covers both rules and the regime's lookback. What cannot be written is
// declined. The request check passes on the code, and catches the two rules swapped. Prompts of our own,
// hand-built requests (empty spans), and the enumerated sample.
import { describe, expect, it } from 'vitest';
import { checkRequestSource } from '../../extension/core/conformance/index';
import { enumerateRequests } from '../../extension/core/generation/compose/enumerateRequests';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { FLIP_NOTE } from '../../extension/core/generation/compose/regimeBlocks';
import { renderComposed } from '../../extension/core/generation/compose/renderComposed';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import type { Regime, Signal, StrategyRequest } from '../../extension/core/request/types';
import {
  composed,
  generated,
  hasMethod,
  instrument,
  loadValidation,
  method,
  methodWithoutDocstring,
  read,
  request,
  signal,
  type Parts,
} from './composeHelpers';

const validation = loadValidation();
const SPY = instrument('SPY', 'etf', 'usa');
const QQQ = instrument('QQQ', 'etf', 'usa');

/** A signal picked by a regime. */
function ruled(kind: Signal['kind'], params: Record<string, number>, regime: Regime): Signal {
  return { ...signal(kind, params), regime: read(regime) };
}

/** A request of two rules picked by regime, on SPY's daily bars unless the parts say otherwise. */
function regimeRequest(rules: [Signal, Signal], parts: Parts = {}): StrategyRequest {
  return { ...request({ instruments: [SPY], ...parts }), signals: rules };
}

const RSI_CALM = ruled('rsi', { period: 2, lower: 10, upper: 90 }, { by: 'volatility', side: 'low', period: 20 });
const DONCHIAN_VOLATILE = ruled('donchian', { period: 20, exit: 10 }, { by: 'volatility', side: 'high', period: 20 });

/** The code validates with no error or warning, and conforms to its request. */
function clean(code: string, req: StrategyRequest): void {
  const findings = validation.validator.validate(code, {}).filter((d) => d.severity === 'error' || d.severity === 'warning');
  expect(findings.map((d) => `${d.code} line ${d.range.startLine}: ${d.message}`)).toEqual([]);
  expect(checkRequestSource(validation.parser, code, req).map((m) => m.message)).toEqual([]);
}

/** The code with the regime's choice of rule turned round: each rule trades in the other regime. */
function swapped(code: string): string {
  const out = code.replace(/= (\w+)_rule if (\w+) else (\w+)_rule$/m, '= $3_rule if $2 else $1_rule');
  expect(out).not.toBe(code);
  return out;
}

function declineOf(req: StrategyRequest): string {
  const outcome = planCompose(req);
  if (outcome?.kind !== 'decline') throw new Error(`not declined: ${JSON.stringify(outcome?.kind)}`);
  return outcome.reason;
}

function promptDecline(prompt: string): string {
  try {
    const result = generateOffline(prompt);
    throw new Error(`not declined: ${prompt}\n${result.writer}`);
  } catch (error) {
    if (isOfflineDeclined(error)) return error.message;
    throw error;
  }
}

describe('a volatility regime on daily bars', () => {
  const req = regimeRequest([RSI_CALM, DONCHIAN_VOLATILE]);
  const { code, notes, gaps } = composed(req);

  it('reads both rules, tests the regime, and takes the conditions of its rule', () => {
    const trade = methodWithoutDocstring(code, '_trade');
    expect(trade.slice(2, 10)).toEqual([
      'price = self.securities[symbol].price',
      'traded = symbol',
      '# Both rules are read each time, so each keeps its own state; the regime picks the one that trades.',
      'calm_rule = self._rsi_rule(symbol, price)',
      'volatile_rule = self._donchian_rule(symbol, price)',
      'volatility = self._regime_volatility[symbol].current.value',
      'calm = volatility < self._regime_average[symbol].current.value',
      'long_entry, long_exit = calm_rule if calm else volatile_rule',
    ]);
    expect(trade[0]).toBe(
      'if not self._calm_rsi[symbol].is_ready or not self._volatile_entry_channel[symbol].is_ready or not self._volatile_exit_channel[symbol].is_ready or not self._regime_volatility[symbol].is_ready or not self._regime_average[symbol].is_ready:',
    );
  });

  it('closes the position when the regime changes, before the rule of the new regime exits or enters', () => {
    expect(methodWithoutDocstring(code, '_trade').slice(10)).toEqual([
      'short_entry = False',
      'quantity = self.portfolio[traded].quantity',
      'if quantity != 0 and self._was_calm.get(symbol, calm) != calm:',
      "    # The regime changed: close the other rule's position; this regime's rule trades from flat.",
      '    self.liquidate(traded, tag="Regime change")',
      '    quantity = 0',
      'self._was_calm[symbol] = calm',
      'if quantity > 0 and (long_exit):',
      '    self.liquidate(traded)',
      '    quantity = 0',
      'if quantity == 0:',
      '    if long_entry:',
      '        self._enter(symbol, traded)',
    ]);
    expect(notes).toContain(FLIP_NOTE);
    expect(code.replace(/\s+/g, ' ')).toContain(FLIP_NOTE);
  });

  it('reads each rule in its own method, with its indicators and kept values named for its regime', () => {
    expect(methodWithoutDocstring(code, '_rsi_rule')).toEqual([
      'rsi = self._calm_rsi[symbol].current.value',
      'long_entry = rsi < 10',
      'long_exit = rsi > 90',
      'return long_entry, long_exit',
    ]);
    expect(methodWithoutDocstring(code, '_donchian_rule')).toEqual([
      'high, low = self._volatile_entry_high.get(symbol), self._volatile_entry_low.get(symbol)',
      'exit_high, exit_low = self._volatile_exit_high.get(symbol), self._volatile_exit_low.get(symbol)',
      'ready = high is not None and exit_high is not None',
      'long_entry = ready and price > high',
      'long_exit = ready and price < exit_low',
      'self._volatile_entry_high[symbol] = self._volatile_entry_channel[symbol].upper_band.current.value',
      'self._volatile_entry_low[symbol] = self._volatile_entry_channel[symbol].lower_band.current.value',
      'self._volatile_exit_high[symbol] = self._volatile_exit_channel[symbol].upper_band.current.value',
      'self._volatile_exit_low[symbol] = self._volatile_exit_channel[symbol].lower_band.current.value',
      'return long_entry, long_exit',
    ]);
  });

  it('feeds the measure from the daily bars, and warms up the lookback and the year it is compared over', () => {
    expect(method(code, '_on_bar').slice(-3)).toEqual([
      'self._update_regime(bar)',
      'if not self.is_warming_up:',
      '    self._trade(symbol)',
    ]);
    expect(methodWithoutDocstring(code, '_update_regime').slice(-9)).toEqual([
      'symbol = bar.symbol',
      'previous = self._regime_close.get(symbol)',
      'self._regime_close[symbol] = bar.close',
      'if not previous:',
      '    return',
      'volatility = self._regime_volatility[symbol]',
      'volatility.update(bar.end_time, bar.close / previous - 1)',
      'if volatility.is_ready:',
      '    self._regime_average[symbol].update(bar.end_time, volatility.current.value)',
    ]);
    // 20 days of returns and 252 of their volatility: longer than either rule's indicators.
    expect(method(code, 'initialize')).toContain('self.set_warm_up(273, Resolution.DAILY)');
    expect(method(code, '_track')).toEqual(
      expect.arrayContaining([
        'self._regime_volatility[symbol] = StandardDeviation(20)',
        'self._regime_average[symbol] = SimpleMovingAverage(252)',
      ]),
    );
  });

  it('says what it does, and is clean and conformant with nothing unfulfilled', () => {
    expect(gaps).toEqual([]);
    expect(notes).toContain('Not stated, so the volatility regime uses defaults: compared with its average, over the past 252 days.');
    expect(code.split('\n').find((l) => l.startsWith('    """'))).toBe(
      '    """RSI in calm markets, Donchian breakout in volatile ones, on SPY, daily bars.',
    );
    clean(code, req);
  });

  it('is caught by the request check when the rules are swapped, quoting the regime', () => {
    expect(checkRequestSource(validation.parser, swapped(code), req).map((m) => m.field)).toEqual(['filters']);
    const result = generated(
      'On SPY, trade RSI(2) mean reversion when volatility is low and a 20-day Donchian breakout when volatility is high (20-day realized vol above its 1-year median)',
    );
    expect(result.unfulfilled).toEqual([]);
    clean(result.code, result.request);
    expect(checkRequestSource(validation.parser, swapped(result.code), result.request).map((m) => m.message)).toEqual([
      'The prompt asks for "when volatility is low" (RSI when calm, Donchian channel when volatile); the code trades each rule in the other regime.',
    ]);
    // Code that never tests the regime is caught too.
    const untested = result.code.replace(/^(\s+)calm = .*$/m, '$1calm = True');
    expect(checkRequestSource(validation.parser, untested, result.request).map((m) => m.message)).toEqual([
      'The prompt asks for "when volatility is low" (one rule in each regime); the code never picks its rule by volatility.',
    ]);
  });
});

describe('a volatility regime on intraday bars, against a median', () => {
  it('feeds the measure from a daily consolidator and warms up in days', () => {
    const measure = { by: 'volatility', period: 20, baseline: 'median', window: 252 } as const;
    const req = regimeRequest(
      [ruled('sma-crossover', { fast: 50, slow: 200 }, { ...measure, side: 'low' }), ruled('bollinger', {}, { ...measure, side: 'high' })],
      { instruments: [QQQ], bar: { size: 1, unit: 'hour' } },
    );
    const { code, notes } = composed(req);
    expect(method(code, '_track')).toEqual([
      '"""Creates one traded security\'s indicators and bars."""',
      'symbol = security.symbol',
      'self._symbols.append(symbol)',
      'self._calm_fast[symbol] = SimpleMovingAverage(50)',
      'self._calm_slow[symbol] = SimpleMovingAverage(200)',
      'self._volatile_bands[symbol] = BollingerBands(20, 2.0, MovingAverageType.SIMPLE)',
      'self._regime_volatility[symbol] = StandardDeviation(20)',
      'self._regime_history[symbol] = RollingWindow[float](252)',
      'self.consolidate(symbol, Resolution.DAILY, self._update_regime)',
    ]);
    expect(method(code, '_on_bar')).not.toContain('self._update_regime(bar)');
    expect(methodWithoutDocstring(code, '_trade')).toEqual(
      expect.arrayContaining([
        'calm = volatility < np.median(list(self._regime_history[symbol]))',
        'long_entry, long_exit = calm_rule if calm else volatile_rule',
      ]),
    );
    expect(method(code, '_update_regime')).toContain('    self._regime_history[symbol].add(volatility.current.value)');
    // 273 trading days of daily data, on a US session: more than the 200 hourly bars of the slow average.
    expect(method(code, 'initialize')).toContain('self.set_warm_up(timedelta(days=424))');
    expect(notes).toContain('Not stated, so defaults were used for the Bollinger bands rule: period 20, std 2.');
    clean(code, req);
    expect(checkRequestSource(validation.parser, swapped(code), req).map((m) => m.field)).toEqual(['filters']);
  });
});

describe('a VIX regime', () => {
  const vix = (side: 'low' | 'high') => ({ by: 'vix', side, level: 25 }) as const;

  it('tests the regime the prompt named first, against the stated level, both ways', () => {
    const req = regimeRequest(
      [ruled('sma-crossover', { fast: 50, slow: 200 }, vix('high')), ruled('ema-crossover', { fast: 10, slow: 30 }, vix('low'))],
      { direction: 'both', filters: [{ kind: 'vix', below: 40 }] },
    );
    const { code } = composed(req);
    const trade = methodWithoutDocstring(code, '_trade');
    expect(trade).toEqual(
      expect.arrayContaining([
        'calm_rule = self._ema_crossover_rule(symbol, price)',
        'volatile_rule = self._sma_crossover_rule(symbol, price)',
        'volatile = self.securities[self._vix].price > 25',
        'long_entry, long_exit, short_entry, short_exit = volatile_rule if volatile else calm_rule',
        'if quantity != 0 and self._was_volatile.get(symbol, volatile) != volatile:',
        '    if long_entry and self.securities[self._vix].price < 40:',
      ]),
    );
    // Two crossovers: each has averages and a kept spread of its own.
    expect(methodWithoutDocstring(code, '_sma_crossover_rule')[0]).toBe(
      'spread = self._volatile_fast[symbol].current.value - self._volatile_slow[symbol].current.value',
    );
    expect(methodWithoutDocstring(code, '_ema_crossover_rule').at(-1)).toBe('return long_entry, long_exit, short_entry, short_exit');
    // The VIX filter and the regime share one subscription; the warm-up is the longer rule's.
    const init = method(code, 'initialize');
    expect(init.filter((l) => l.includes('add_index("VIX"'))).toHaveLength(1);
    expect(init).toContain('self.set_warm_up(200, Resolution.DAILY)');
    clean(code, req);
    expect(checkRequestSource(validation.parser, swapped(code), req).map((m) => m.field)).toEqual(['filters']);
  });

  it('short only: the rules return their short conditions, and no long entry', () => {
    const req = regimeRequest([ruled('rsi', {}, vix('low')), ruled('macd', {}, vix('high'))], { direction: 'short' });
    const { code } = composed(req);
    expect(methodWithoutDocstring(code, '_trade')).toEqual(
      expect.arrayContaining([
        'calm = self.securities[self._vix].price < 25',
        'short_entry, short_exit = calm_rule if calm else volatile_rule',
        'long_entry = False',
      ]),
    );
    expect(methodWithoutDocstring(code, '_macd_rule').at(-1)).toBe('return short_entry, short_exit');
    clean(code, req);
  });

  it('from a prompt: RSI above 25, otherwise an EMA crossover', () => {
    const result = generated('When VIX is above 25 use mean reversion with RSI on SPY, otherwise trend-follow with a 10/30 EMA crossover');
    expect(result.unfulfilled).toEqual([]);
    expect(methodWithoutDocstring(result.code, '_trade')).toEqual(
      expect.arrayContaining([
        'volatile = self.securities[self._vix].price > 25',
        'long_entry, long_exit = volatile_rule if volatile else calm_rule',
      ]),
    );
    expect(result.notes).toContain('Not stated, so defaults were used for the RSI rule: period 14, lower 30, upper 70.');
    clean(result.code, result.request);
  });
});

describe('with risk exits and a universe', () => {
  it('a stop is checked before the change of regime, and both close the position', () => {
    const req = regimeRequest([RSI_CALM, DONCHIAN_VOLATILE], { risk: { stopLoss: read({ amount: 0.05, unit: 'fraction' }) } });
    const { code } = composed(req);
    const trade = methodWithoutDocstring(code, '_trade');
    const stop = trade.indexOf('    reason = self._risk_exit(symbol, traded)');
    const flip = trade.indexOf('if quantity != 0 and self._was_calm.get(symbol, calm) != calm:');
    expect(stop).toBeGreaterThan(0);
    expect(flip).toBeGreaterThan(stop);
    clean(code, req);
  });

  it('universe members forget both rules and the regime when they leave, and feed the regime from their replayed history', () => {
    const req = {
      ...regimeRequest([RSI_CALM, DONCHIAN_VOLATILE], { instruments: [] }),
      universe: read({ kind: 'etf-constituents', etf: 'SPY' } as const),
    };
    const { code } = composed(req);
    expect(method(code, 'on_securities_changed')).toEqual(
      expect.arrayContaining([
        '    self._calm_rsi.pop(symbol, None)',
        '    self._volatile_entry_high.pop(symbol, None)',
        '    self._was_calm.pop(symbol, None)',
        '    self._regime_close.pop(symbol, None)',
      ]),
    );
    expect(method(code, '_on_bar')).toContain('self._update_regime(bar)');
    expect(method(code, '_track')).toContain('    self._on_bar(bar)');
    clean(code, req);
  });
});

describe('what is declined', () => {
  it('more than two regimes, or a rule with no regime beside them', () => {
    expect(
      declineOf({
        ...regimeRequest([RSI_CALM, DONCHIAN_VOLATILE]),
        signals: [RSI_CALM, DONCHIAN_VOLATILE, ruled('macd', {}, { by: 'volatility', side: 'high', period: 20 })],
      }),
    ).toMatch(/^The prompt picks among 3 rules by regime .*; the composer writes two regimes, calm and volatile, with one rule each\.$/);
    expect(
      promptDecline('On SPY: RSI when VIX is below 15, MACD when VIX is between 15 and 25, Donchian breakout when VIX is above 25'),
    ).toMatch(
      /^The prompt picks RSI "when VIX is below 15" and Donchian channel "when VIX is above 25" by regime, and also names MACD \("MACD"\) with no regime; the composer writes one rule for each of two regimes\./,
    );
  });

  it('two VIX levels, two measures, two lookbacks, one side, one rule twice', () => {
    const at = (level: number, side: 'low' | 'high') => ({ by: 'vix', side, level }) as const;
    expect(declineOf(regimeRequest([ruled('rsi', {}, at(20, 'low')), ruled('donchian', {}, at(30, 'high'))]))).toMatch(
      /^The regimes switch at two VIX levels .*; the composer switches between two rules at one level\.$/,
    );
    expect(declineOf(regimeRequest([ruled('rsi', {}, at(20, 'low')), ruled('donchian', {}, { by: 'volatility', side: 'high' })]))).toMatch(
      /^The two regimes are measured differently/,
    );
    expect(
      declineOf(
        regimeRequest([
          ruled('rsi', {}, { by: 'volatility', side: 'low', period: 20 }),
          ruled('donchian', {}, { by: 'volatility', side: 'high', period: 60 }),
        ]),
      ),
    ).toMatch(/^The regimes measure volatility over two lookbacks/);
    expect(declineOf(regimeRequest([ruled('rsi', {}, at(20, 'low')), ruled('donchian', {}, at(20, 'low'))]))).toMatch(
      /^Both rules are for calm markets/,
    );
    expect(declineOf(regimeRequest([ruled('rsi', { period: 2 }, at(20, 'low')), ruled('rsi', { period: 14 }, at(20, 'high'))]))).toMatch(
      /^Both regimes name RSI/,
    );
  });

  it('a portfolio rule, a calendar rule, a one-sided gap rule', () => {
    const vix = (side: 'low' | 'high') => ({ by: 'vix', side, level: 20 }) as const;
    expect(promptDecline('Pairs trade KO and PEP when VIX is below 20, otherwise an EMA crossover on KO')).toMatch(
      /^Regime selection switches between rules each instrument trades on its own; pairs \("Pairs trade"\) is read as a portfolio rule \(pairs\)/,
    );
    const rotation = ruled('momentum', { period: 126, top: 1 }, vix('low'));
    expect(declineOf(regimeRequest([rotation, ruled('rsi', {}, vix('high'))], { instruments: [SPY, QQQ] }))).toMatch(
      /portfolio rule \(rotation\)/,
    );
    const calendar = { ...ruled('calendar', {}, vix('low')), calendar: { effect: read('turn-of-month' as const) } };
    expect(declineOf(regimeRequest([calendar, ruled('rsi', {}, vix('high'))]))).toMatch(
      /^Regime selection switches between rules on bars; the calendar rule/,
    );
    const gap = { ...ruled('gap', {}, vix('low')), gap: { side: read('down' as const) } };
    expect(declineOf(regimeRequest([gap, ruled('rsi', {}, vix('high'))], { bar: { size: 1, unit: 'minute' } }))).toMatch(
      /names one side of the open/,
    );
  });

  it('options, a universe on intraday bars by volatility, and a calm-only and volatile-only gate', () => {
    expect(promptDecline('Buy 30-delta SPY calls with 30 DTE: RSI(2) when VIX is below 20, otherwise a 20-day Donchian breakout')).toMatch(
      /^Regime selection switches between rules on the traded instruments; the composer does not write it for option legs/,
    );
    const universe = {
      ...regimeRequest([RSI_CALM, DONCHIAN_VOLATILE], { instruments: [], bar: { size: 1, unit: 'hour' } }),
      universe: read({ kind: 'etf-constituents', etf: 'SPY' } as const),
    };
    expect(declineOf(universe)).toMatch(/^Regime selection by volatility on a universe is written on daily bars/);
    const gates = request({
      instruments: [SPY],
      signal: signal('rsi'),
      filters: [
        { kind: 'volatility', regime: 'low' },
        { kind: 'volatility', regime: 'high' },
      ],
    });
    expect(declineOf(gates)).toMatch(/no market is both; say which rule trades in which regime, or name one regime\.$/);
  });

  it('a template names the regime it does not apply', () => {
    const result = generateOffline('when VIX is above 25 use mean reversion with RSI, otherwise trend-follow with a 10/30 EMA crossover');
    expect(result.writer).toBe('template:rsi-mean-reversion');
    expect(result.unfulfilled).toContain(
      'The regime "when VIX is above 25" that picks an RSI rule is not applied: the offline templates trade one rule in every regime.',
    );
  });
});

describe('the enumerated regime selections', () => {
  it('are planned, clean and conformant, and the request check catches each with its rules swapped', () => {
    const requests = enumerateRequests(20240607, 3000).filter((r) => r.signals.some((s) => s.regime));
    expect(requests.length).toBeGreaterThan(100);
    const problems: string[] = [];
    const measures = new Set<string>();
    for (const req of requests) {
      const outcome = planCompose(req);
      if (outcome?.kind !== 'plan') {
        // A short in a cash account is the only impossibility a regime draw can hold.
        if (!(outcome?.kind === 'decline' && /cannot sell short/.test(outcome.reason)))
          problems.push(`not planned: ${JSON.stringify(outcome)}`);
        continue;
      }
      const code = renderComposed(outcome.plan);
      measures.add(outcome.plan.regimes!.measure.by);
      const fields = new Set(outcome.gaps.map((g) => g.field));
      const mismatches = checkRequestSource(validation.parser, code, req).filter((m) => !fields.has(m.field));
      if (mismatches.length) problems.push(`${outcome.plan.title}: ${mismatches.map((m) => m.message).join(' ')}`);
      const caught = checkRequestSource(validation.parser, swapped(code), req).some(
        (m) => m.field === 'filters' && /other regime/.test(m.message),
      );
      if (!caught) problems.push(`${outcome.plan.title}: swapped rules not caught`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect([...measures].sort()).toEqual(['vix', 'volatility']);
  });
});

it('names the rule methods for their kinds: no method of a plan without regimes', () => {
  const code = composed(request({ signal: signal('rsi') })).code;
  expect(hasMethod(code, '_rsi_rule')).toBe(false);
  expect(hasMethod(code, '_update_regime')).toBe(false);
});
