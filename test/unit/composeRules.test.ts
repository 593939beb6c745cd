// The rules of a composed strategy: each signal block long, short and both ways (crossovers on a fresh
// cross only), the sizing, the risk overlays, the schedules, the filters, the portfolio blocks (rotation
// and pairs), and the defaults named in the notes. Exact lines of the code, from prompts of our own and
// from hand-built requests (empty spans, as enumerateRequests builds them).
import { describe, expect, it } from 'vitest';
import { planCompose } from '../../extension/core/generation/compose/planCompose';
import { renderComposed } from '../../extension/core/generation/compose/renderComposed';
import type { Instrument, Schedule, Sizing } from '../../extension/core/request/types';
import {
  AAPL,
  BTC,
  compose,
  ES,
  EURUSD,
  generated,
  instrument,
  // These tests read method bodies without their docstrings.
  methodWithoutDocstring as method,
  type Parts,
  PER_SYMBOL_KINDS,
  read,
  request,
  signal,
} from './composeHelpers';

const KO = instrument('KO', 'equity', 'usa');
const PEP = instrument('PEP', 'equity', 'usa');
const NQ = instrument('NQ', 'future', 'cme');

function signature(code: string, name: string): string | undefined {
  return code
    .split('\n')
    .find((l) => l.startsWith(`    def ${name}(`))
    ?.trim();
}

/** The lines from `first` on, `count` of them, failing when `first` is not there. */
function linesFrom(body: string[], first: string, count: number): string[] {
  const at = body.indexOf(first);
  if (at < 0) throw new Error(`no line ${first} in:\n${body.join('\n')}`);
  return body.slice(at, at + count);
}

describe('signal blocks: direction', () => {
  it('RSI short only: enters short above the upper level, covers below the lower, never long', () => {
    const { code } = generated('RSI 14 on AAPL, short only, short when RSI above 80 and cover below 50, daily bars');
    const trade = method(code, '_trade');
    expect(trade).toContain('long_entry = False');
    expect(trade).toContain('short_entry = rsi > 80');
    expect(linesFrom(trade, 'if quantity < 0 and (rsi < 50):', 3)).toEqual([
      'if quantity < 0 and (rsi < 50):',
      '    self.liquidate(traded)',
      '    quantity = 0',
    ]);
    expect(trade.some((l) => l.startsWith('if quantity > 0') || l.startsWith('elif quantity > 0'))).toBe(false);
    expect(linesFrom(trade, 'if quantity == 0:', 3)).toEqual([
      'if quantity == 0:',
      '    if short_entry:',
      '        self._enter(symbol, traded, -1)',
    ]);
    expect(signature(code, '_enter')).toBe('def _enter(self, symbol, traded, side):');
    expect(method(code, '_enter')).toEqual(['self.set_holdings(traded, side * 1)']);
  });

  it('RSI both ways: both entries, both exits, long first', () => {
    const code = compose({ signal: signal('rsi', { period: 14, lower: 25, upper: 75 }), direction: 'both' });
    const trade = method(code, '_trade');
    expect(trade).toContain('long_entry = rsi < 25');
    expect(trade).toContain('short_entry = rsi > 75');
    expect(trade).toContain('if quantity > 0 and (rsi > 75):');
    expect(trade).toContain('elif quantity < 0 and (rsi < 25):');
    expect(linesFrom(trade, 'if quantity == 0:', 5)).toEqual([
      'if quantity == 0:',
      '    if long_entry:',
      '        self._enter(symbol, traded, 1)',
      '    elif short_entry:',
      '        self._enter(symbol, traded, -1)',
    ]);
  });

  // Gap rules need intraday bars; these requests read daily bars. Calendar rules trade on scheduled events, not in `_trade` (composeCalendar.test.ts).
  const kinds = PER_SYMBOL_KINDS.filter((k) => k !== 'gap' && k !== 'calendar');
  it.each(kinds)('%s long only never passes a negative side nor opens a short', (kind) => {
    const sizings: (Sizing | undefined)[] = [
      undefined,
      { kind: 'fixed-fraction', fraction: 0.1 },
      { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 2 },
    ];
    for (const sizing of sizings) {
      const code = compose({
        signal: signal(kind),
        direction: 'long',
        ...(sizing ? { sizing } : {}),
        risk: { stopLoss: read({ amount: 0.05, unit: 'fraction' }) },
      });
      const trade = method(code, '_trade');
      expect(trade).toContain('short_entry = False');
      expect(trade.some((l) => l.includes('quantity < 0'))).toBe(false);
      expect(signature(code, '_enter')).toBe('def _enter(self, symbol, traded):');
      expect(trade.filter((l) => l.includes('self._enter('))).toEqual(trade.filter((l) => l.trim() === 'self._enter(symbol, traded)'));
      const enter = method(code, '_enter');
      expect(enter.join('\n')).not.toMatch(/\bside\b|-\s*1\b|set_holdings\(traded, -|market_order\(traded, -/);
    }
  });

  it.each(kinds.filter((k) => k !== 'buy-and-hold'))('%s short only never opens a long', (kind) => {
    const code = compose({ instruments: [EURUSD], signal: signal(kind === 'vwap' ? 'rsi' : kind), direction: 'short' });
    const trade = method(code, '_trade');
    expect(trade).toContain('long_entry = False');
    expect(trade.filter((l) => l.includes('self._enter('))).toEqual(['        self._enter(symbol, traded, -1)']);
  });
});

describe('signal blocks: crossovers trade a fresh cross only', () => {
  it('SMA crossover keeps the sign of the spread and enters on its change', () => {
    const { code } = generated('SMA 50/200 crossover on AAPL, daily bars, long only');
    expect(method(code, 'initialize')).toContain('self._spread = {}');
    const trade = method(code, '_trade');
    const spread = trade.indexOf('spread = self._fast[symbol].current.value - self._slow[symbol].current.value');
    expect(spread).toBeGreaterThan(-1);
    expect(trade.slice(spread, spread + 5)).toEqual([
      'spread = self._fast[symbol].current.value - self._slow[symbol].current.value',
      'previous = self._spread.get(symbol)',
      'long_entry = previous is not None and previous <= 0 < spread',
      'short_entry = False',
      'self._spread[symbol] = spread',
    ]);
    // The exit of a long is the spread below zero; the spread is stored before any order or early return.
    expect(trade).toContain('if quantity > 0 and (spread < 0):');
    expect(trade.indexOf('self._spread[symbol] = spread')).toBeLessThan(trade.findIndex((l) => l.includes('self._enter(')));
    expect(method(code, '_track')).toEqual([
      'symbol = security.symbol',
      'self._symbols.append(symbol)',
      'self._fast[symbol] = SimpleMovingAverage(50)',
      'self._slow[symbol] = SimpleMovingAverage(200)',
    ]);
  });

  it('EMA crossover both ways: short on a fresh cross down', () => {
    const code = compose({ signal: signal('ema-crossover', { fast: 9, slow: 21 }), direction: 'both' });
    expect(method(code, '_track')).toContain('self._fast[symbol] = ExponentialMovingAverage(9)');
    expect(method(code, '_track')).toContain('self._slow[symbol] = ExponentialMovingAverage(21)');
    const trade = method(code, '_trade');
    expect(trade).toContain('long_entry = previous is not None and previous <= 0 < spread');
    expect(trade).toContain('short_entry = previous is not None and previous >= 0 > spread');
    expect(trade).toContain('elif quantity < 0 and (spread > 0):');
  });

  it('MACD crosses its signal line', () => {
    const code = compose({ signal: signal('macd', { fast: 8, slow: 21, signal: 5 }) });
    expect(method(code, '_track')).toContain(
      'self._macd[symbol] = MovingAverageConvergenceDivergence(8, 21, 5, MovingAverageType.EXPONENTIAL)',
    );
    const trade = method(code, '_trade');
    expect(trade).toContain('spread = self._macd[symbol].current.value - self._macd[symbol].signal.current.value');
    expect(trade).toContain('long_entry = previous is not None and previous <= 0 < spread');
  });

  it('swaps a fast period stated above the slow one, and says so', () => {
    const outcome = planCompose(request({ signal: signal('sma-crossover', { fast: 200, slow: 50 }) }));
    expect(outcome?.kind).toBe('plan');
    if (outcome?.kind !== 'plan') return;
    expect(outcome.plan.signal.params).toEqual({ fast: 50, slow: 200 });
    expect(outcome.gaps.map((g) => g.field)).toEqual(['numbers']);
  });
});

describe('other signal blocks', () => {
  it('Bollinger, z-score, Donchian, Keltner, momentum and VWAP conditions', () => {
    const bands = method(compose({ signal: signal('bollinger', { period: 30, std: 2.5 }), direction: 'both' }), '_trade');
    expect(bands).toEqual(
      expect.arrayContaining([
        'long_entry = price < lower',
        'short_entry = price > upper',
        'if quantity > 0 and (price > middle):',
        'elif quantity < 0 and (price < middle):',
      ]),
    );
    const z = compose({ signal: signal('zscore', { period: 60, entry: 1.5, exit: 0 }), direction: 'both' });
    expect(method(z, '_trade')).toEqual(
      expect.arrayContaining([
        'zscore = (price - self._mean[symbol].current.value) / deviation if deviation > 0 else 0.0',
        'long_entry = zscore < -1.5',
        'short_entry = zscore > 1.5',
        'if quantity > 0 and (zscore > -0):',
      ]),
    );
    const donchian = compose({ signal: signal('donchian', { period: 55, exit: 20 }) });
    expect(method(donchian, '_track')).toEqual(
      expect.arrayContaining(['self._entry_channel[symbol] = DonchianChannel(55)', 'self._exit_channel[symbol] = DonchianChannel(20)']),
    );
    // A breakout is measured against the channel before the bar just fed.
    const dTrade = method(donchian, '_trade');
    expect(dTrade).toContain('long_entry = ready and price > high');
    expect(dTrade.indexOf('self._entry_high[symbol] = self._entry_channel[symbol].upper_band.current.value')).toBeGreaterThan(
      dTrade.indexOf('long_entry = ready and price > high'),
    );
    const keltner = method(compose({ signal: signal('keltner', { period: 30, multiplier: 1.5 }) }), '_trade');
    expect(keltner).toContain('long_entry = price > upper');
    const momentum = compose({ signal: signal('momentum', { period: 63 }) });
    expect(method(momentum, '_track')).toContain('self._momentum[symbol] = MomentumPercent(63)');
    expect(method(momentum, '_trade')).toContain('long_entry = momentum > 0');
    const vwap = compose({ signal: signal('vwap', { threshold: 0.005 }) });
    expect(method(vwap, '_track')).toContain('self._vwap[symbol] = VolumeWeightedAveragePriceIndicator(20)');
    expect(method(vwap, '_trade')).toContain('long_entry = price < vwap * (1 - 0.005)');
    expect(method(vwap, '_on_bar')).toContain('self._vwap[symbol].update(bar)');
  });
});

describe('sizing', () => {
  it('a fixed fraction per position', () => {
    const { code } = generated('RSI on AAPL, daily bars, long only, 10% of the portfolio per position');
    expect(method(code, '_enter')).toEqual(['self.set_holdings(traded, 0.1)']);
    const both = compose({ signal: signal('rsi'), direction: 'both', sizing: { kind: 'fixed-fraction', fraction: 0.25 } });
    expect(method(both, '_enter')).toEqual(['self.set_holdings(traded, side * 0.25)']);
  });

  it('equal weight across the traded symbols by default', () => {
    expect(method(compose({ instruments: [KO, PEP], signal: signal('rsi') }), '_enter')).toEqual([
      'self.set_holdings(traded, 1 / len(self._symbols))',
    ]);
    expect(method(compose({ signal: signal('rsi') }), '_enter')).toEqual(['self.set_holdings(traded, 1)']);
  });

  it('fixed weights 60/40 through self._weights, rebalanced on the schedule', () => {
    const { code, plan } = generated('Hold SPY and TLT 60/40, rebalance monthly');
    expect(plan?.signal.kind).toBe('buy-and-hold');
    expect(method(code, 'initialize')).toContain('self._weights = {"SPY": 0.6, "TLT": 0.4}');
    expect(method(code, '_enter')).toEqual(['self.set_holdings(traded, self._weights.get(symbol.value.lstrip("/"), 0))']);
    expect(linesFrom(method(code, '_trade'), 'else:', 3)).toEqual([
      'else:',
      '    # A scheduled rebalance: back to the target size.',
      '    self._enter(symbol, traded)',
    ]);
  });

  // A continuous future's Symbol.Value is "/" + root (LEAN QCAlgorithm.AddFuture: `var alias = "/" + ticker`),
  // so weights keyed by the bare root are looked up with the "/" stripped; else every weight would read 0.
  it('fixed weights on continuous futures are found for each future', () => {
    const code = compose({
      instruments: [ES, NQ],
      sizing: { kind: 'weights', weights: { ES: 0.6, NQ: 0.4 } },
      schedule: { every: 'month', at: 'start' },
    });
    expect(method(code, 'initialize')).toContain('self._weights = {"ES": 0.6, "NQ": 0.4}');
    expect(method(code, '_enter')).toEqual(['self.set_holdings(traded, self._weights.get(symbol.value.lstrip("/"), 0))']);
    // The order goes to the mapped contract, the weight is found by the continuous symbol.
    expect(method(code, '_trade')).toContain('traded = self._contract(symbol)');
  });

  it('risk per trade from the stop: quantity from the stop distance, by market order', () => {
    const { code } = generated('SMA 50/200 crossover on AAPL, long only, 5% stop loss, risk 1% of equity per trade');
    expect(method(code, '_enter')).toEqual([
      'security = self.securities[traded]',
      'entry = security.price',
      'multiplier = security.symbol_properties.contract_multiplier',
      'risk_per_unit = (entry * 0.05) * multiplier',
      'if entry <= 0 or risk_per_unit <= 0:',
      '    return',
      'equity = self.portfolio.total_portfolio_value',
      'quantity = min(equity * 0.01 / risk_per_unit, equity / (entry * multiplier))',
      'lot = security.symbol_properties.lot_size',
      'quantity = quantity // lot * lot',
      'if quantity > 0:',
      '    self.market_order(traded, quantity)',
    ]);
  });

  it('risk per trade from an ATR multiple, both ways, with the ATR fed and checked', () => {
    const code = compose({
      signal: signal('rsi'),
      direction: 'both',
      sizing: { kind: 'risk-per-trade', fraction: 0.02, from: 'atr', atrMultiple: 3 },
    });
    const enter = method(code, '_enter');
    expect(enter).toContain('risk_per_unit = (3 * self._atr[symbol].current.value) * multiplier');
    expect(enter).toContain('quantity = min(equity * 0.02 / risk_per_unit, equity / (entry * multiplier))');
    expect(enter).toContain('    self.market_order(traded, side * quantity)');
    expect(enter.some((l) => l.includes('set_holdings'))).toBe(false);
    expect(method(code, '_track')).toContain('self._atr[symbol] = AverageTrueRange(14, MovingAverageType.WILDERS)');
    expect(method(code, '_on_bar')).toContain('self._atr[symbol].update(bar)');
    // No stop was asked: sizing from the ATR adds no exit.
    expect(signature(code, '_risk_exit')).toBeUndefined();
  });

  it('risk per trade from the stop without a stop is a sizing gap, not a made-up stop', () => {
    const outcome = planCompose(request({ signal: signal('rsi'), sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'stop' } }));
    expect(outcome?.kind).toBe('plan');
    if (outcome?.kind !== 'plan') return;
    expect(outcome.gaps.map((g) => g.field)).toEqual(['sizing']);
    expect(outcome.plan.sizing).toBeUndefined();
  });

  it('a volatility target scales by the annualised standard deviation of returns', () => {
    const { code } = generated('SMA 50/200 crossover on AAPL, long only, target 15% annualized volatility');
    expect(method(code, '_track')).toContain('self._volatility[symbol] = StandardDeviation(20)');
    const onBar = method(code, '_on_bar');
    expect(linesFrom(onBar, 'previous = self._last_close.get(symbol)', 4)).toEqual([
      'previous = self._last_close.get(symbol)',
      'self._last_close[symbol] = bar.close',
      expect.any(String),
      expect.any(String),
    ]);
    expect(linesFrom(onBar, 'if previous:', 2)).toEqual([
      'if previous:',
      '    self._volatility[symbol].update(bar.end_time, bar.close / previous - 1)',
    ]);
    const annualised = Number(Math.sqrt(252).toFixed(4));
    expect(method(code, '_enter')).toEqual([
      `self.set_holdings(traded, min(1, 0.15 / max(self._volatility[symbol].current.value * ${annualised}, 1e-6)) / len(self._symbols))`,
    ]);
  });
});

describe('risk overlays', () => {
  it('stop loss, trailing stop and take profit as fractions of the entry', () => {
    const { code } = generated('RSI on AAPL, daily bars, long only, 5% stop loss, 8% trailing stop, 10% take profit');
    expect(method(code, '_risk_exit')).toEqual([
      'holding = self.portfolio[traded]',
      'price = self.securities[traded].price',
      'entry = holding.average_price',
      'side = 1 if holding.is_long else -1',
      'move = side * (price - entry)',
      'best = self._best[symbol] = max(side * price, self._best.get(symbol, side * price))',
      'if move <= -(entry * 0.05):',
      '    return "stop loss"',
      'if move >= entry * 0.1:',
      '    return "take profit"',
      'if best - side * price >= abs(best) * 0.08:',
      '    return "trailing stop"',
      'return None',
    ]);
    expect(method(code, '_enter')).toContain('self._best.pop(symbol, None)');
    expect(method(code, 'initialize')).toEqual(expect.arrayContaining(['self._best = {}', 'self._stopped = set()']));
    expect(linesFrom(method(code, '_trade'), 'if quantity != 0:', 6)).toEqual([
      'if quantity != 0:',
      '    reason = self._risk_exit(symbol, traded)',
      '    if reason is not None:',
      '        self.liquidate(traded, tag=reason)',
      '        self._stopped.add(symbol)',
      '        return',
    ]);
  });

  it('an ATR stop and a time exit in days', () => {
    const { code } = generated('RSI on AAPL, daily bars, long only, stop at 2 ATR, exit after 5 days');
    const exit = method(code, '_risk_exit');
    expect(exit).toContain('if move <= -(2 * self._atr[symbol].current.value):');
    expect(exit).toContain('if self.time - self._entered.get(symbol, self.time) >= timedelta(days=5):');
    expect(exit).toContain('    return "time exit"');
    expect(method(code, '_enter')).toContain('self._entered[symbol] = self.time');
    expect(method(code, '_track')).toContain('self._atr[symbol] = AverageTrueRange(14, MovingAverageType.WILDERS)');
  });

  it('a time exit in bars, flat by a time of day, and a maximum drawdown', () => {
    const { code } = generated('RSI on AAPL, hourly bars, long only, exit after 10 bars, flat by 15:55, stop trading after a 20% drawdown');
    const exit = method(code, '_risk_exit');
    expect(exit).toContain('self._bars_held[symbol] = self._bars_held.get(symbol, 0) + 1');
    expect(exit).toContain('if self._bars_held[symbol] >= 10:');
    expect(method(code, '_enter')).toContain('self._bars_held[symbol] = 0');
    const init = method(code, 'initialize');
    expect(init).toContain('self.schedule.on(self.date_rules.every_day(self._symbols[0]), self.time_rules.at(15, 55), self._flatten)');
    expect(method(code, '_flatten')).toEqual(['self.liquidate()']);
    // No entry after the flat time (the entry follows the stopped-out check, hence elif).
    expect(method(code, '_trade')).toContain('    elif long_entry and (self.time.hour, self.time.minute) < (15, 55):');
    // The drawdown halt comes first in _trade.
    expect(method(code, '_trade').slice(0, 2)).toEqual(['if self._drawdown_halted():', '    return']);
    expect(method(code, '_drawdown_halted')).toEqual([
      'if self._halted:',
      '    return True',
      'equity = self.portfolio.total_portfolio_value',
      'self._equity_peak = max(self._equity_peak, equity)',
      'if equity < self._equity_peak * (1 - 0.2):',
      '    self.liquidate()',
      '    self.log(f"Maximum drawdown of 20% reached; trading stops.")',
      '    self._halted = True',
      'return self._halted',
    ]);
  });

  it('a pip stop on a currency pair uses the pair’s pip size', () => {
    const code = compose({ instruments: [EURUSD], signal: signal('rsi'), risk: { stopLoss: read({ amount: 30, unit: 'pips' }) } });
    expect(method(code, '_risk_exit')).toContain(
      'if move <= -(30 * 10 * self.securities[traded].symbol_properties.minimum_price_variation):',
    );
  });

  it('stays out after a stop until the entry signal resets', () => {
    const code = compose({ signal: signal('rsi'), risk: { stopLoss: read({ amount: 0.05, unit: 'fraction' }) } });
    expect(linesFrom(method(code, '_trade'), 'if quantity == 0:', 6)).toEqual([
      'if quantity == 0:',
      '    if symbol in self._stopped:',
      '        # Stopped out: stay out until the entry signal has reset, so one signal is not traded twice.',
      '        if not (long_entry or short_entry):',
      '            self._stopped.discard(symbol)',
      '    elif long_entry:',
    ]);
  });

  // With a schedule, `_trade` (and with it `_risk_exit`) runs only at the scheduled time, so a 5% stop on a
  // weekly rule is checked once a week; riskOverlays.ts says the distances are checked on every bar the
  // rules read, and rotations do check them in `_on_bar`.
  it('a scheduled per-symbol strategy checks its stop on every bar, not only at the scheduled time', () => {
    const { code } = generated('RSI on AAPL, long only, 5% stop loss, trade every Monday');
    expect(method(code, 'initialize')).toContain(
      'self.schedule.on(self.date_rules.every(DayOfWeek.MONDAY), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
    expect(method(code, '_on_bar').join('\n')).toContain('self._risk_exit(');
  });
});

describe('schedules', () => {
  const scheduled = (schedule: Schedule, instruments: Instrument[] = [AAPL]) => compose({ instruments, signal: signal('rsi'), schedule });

  it('on a weekday: the rules run from the schedule, not from each bar', () => {
    const { code } = generated('RSI on AAPL, long only, trade every Monday');
    expect(method(code, 'initialize')).toContain(
      'self.schedule.on(self.date_rules.every(DayOfWeek.MONDAY), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
    expect(method(code, '_on_bar').some((l) => l.includes('self._trade('))).toBe(false);
    expect(method(code, '_on_schedule')).toEqual([
      'if self.is_warming_up:',
      '    return',
      'for symbol in self._symbols:',
      '    self._trade(symbol)',
    ]);
  });

  it('at the start and the end of each month', () => {
    expect(method(generated('RSI on AAPL, long only, rebalance at the start of each month').code, 'initialize')).toContain(
      'self.schedule.on(self.date_rules.month_start(self._symbols[0]), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
    expect(method(generated('RSI on AAPL, long only, rebalance at the end of each month').code, 'initialize')).toContain(
      'self.schedule.on(self.date_rules.month_end(self._symbols[0]), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
  });

  it('quarterly: monthly with a check of the month', () => {
    const { code } = generated('RSI on AAPL, long only, rebalance quarterly');
    expect(method(code, 'initialize')).toContain(
      'self.schedule.on(self.date_rules.month_start(self._symbols[0]), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
    expect(method(code, '_on_schedule').slice(0, 2)).toEqual(['if self.is_warming_up or not (self.time.month % 3 == 1):', '    return']);
    expect(method(scheduled({ every: 'quarter', at: 'end' }), '_on_schedule')[0]).toBe(
      'if self.is_warming_up or not (self.time.month % 3 == 0):',
    );
    expect(method(scheduled({ every: 'year', at: 'start' }), '_on_schedule')[0]).toBe(
      'if self.is_warming_up or not (self.time.month == 1):',
    );
  });

  it('week end, a daily time, and markets open all day', () => {
    expect(method(scheduled({ every: 'week', at: 'end' }), 'initialize')).toContain(
      'self.schedule.on(self.date_rules.week_end(self._symbols[0]), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
    expect(method(scheduled({ every: 'day', time: '10:00' }), 'initialize')).toContain(
      'self.schedule.on(self.date_rules.every_day(self._symbols[0]), self.time_rules.at(10, 0), self._on_schedule)',
    );
    expect(method(scheduled({ every: 'week', weekday: 'friday' }, [BTC]), 'initialize')).toContain(
      'self.schedule.on(self.date_rules.every(DayOfWeek.FRIDAY), self.time_rules.at(0, 5), self._on_schedule)',
    );
  });
});

describe('filters gate entries, never exits', () => {
  it('a trend filter on the traded price', () => {
    const { code } = generated('RSI on AAPL, long only, only when the price is above its 200-day SMA');
    expect(method(code, '_track')).toContain('self._trend[symbol] = SimpleMovingAverage(200)');
    const trade = method(code, '_trade');
    expect(trade).toContain('    if long_entry and price > self._trend[symbol].current.value:');
    expect(trade).toContain('if quantity > 0 and (rsi > 70):');
  });

  it('a trend filter on another symbol (SPY), on its daily data', () => {
    const { code } = generated('RSI on AAPL, long only, only when SPY is above its 200-day moving average');
    const init = method(code, 'initialize');
    expect(init).toContain('self._reference = self.add_equity("SPY", Resolution.DAILY).symbol');
    expect(init).toContain('self._reference_trend = self.sma(self._reference, 200, Resolution.DAILY)');
    const trade = method(code, '_trade');
    expect(trade[0]).toBe('if not self._rsi[symbol].is_ready or not self._reference_trend.is_ready:');
    expect(trade).toContain('    if long_entry and self.securities[self._reference].price > self._reference_trend.current.value:');
    expect(code).not.toContain('self._track(self.add_equity("SPY"');
  });

  it('a VIX level', () => {
    const { code } = generated('RSI on AAPL, long only, only when VIX is below 25');
    expect(method(code, 'initialize')).toContain('self._vix = self.add_index("VIX", Resolution.DAILY, Market.USA).symbol');
    const trade = method(code, '_trade');
    expect(trade[0]).toBe('if not self._rsi[symbol].is_ready or not self.securities[self._vix].has_data:');
    expect(trade).toContain('    if long_entry and self.securities[self._vix].price < 25:');
  });

  it('a volatility regime against its one-year average', () => {
    const { code } = generated('RSI on AAPL, long only, only in low volatility regimes');
    expect(method(code, '_track')).toEqual(
      expect.arrayContaining([
        'self._regime_volatility[symbol] = StandardDeviation(20)',
        'self._regime_average[symbol] = SimpleMovingAverage(252)',
      ]),
    );
    expect(method(code, '_trade')).toContain(
      '    if long_entry and self._regime_volatility[symbol].current.value < self._regime_average[symbol].current.value:',
    );
    const high = compose({ signal: signal('rsi'), filters: [{ kind: 'volatility', regime: 'high', period: 30 }] });
    expect(method(high, '_track')).toContain('self._regime_volatility[symbol] = StandardDeviation(30)');
    expect(method(high, '_trade')).toContain(
      '    if long_entry and self._regime_volatility[symbol].current.value > self._regime_average[symbol].current.value:',
    );
  });

  it('a time-of-day window on intraday bars, on both sides of a two-way rule', () => {
    const { code } = generated('RSI on AAPL, 15-minute bars, long only, only trade between 10:00 and 15:30');
    expect(method(code, '_trade')).toContain(
      '    if long_entry and ((self.time.hour, self.time.minute) >= (10, 0) and (self.time.hour, self.time.minute) < (15, 30)):',
    );
    const both = method(
      compose({
        instruments: [EURUSD],
        bar: { size: 1, unit: 'hour' },
        signal: signal('rsi'),
        direction: 'both',
        filters: [{ kind: 'time-of-day', after: '08:00' }],
      }),
      '_trade',
    );
    expect(both).toContain('    if long_entry and (self.time.hour, self.time.minute) >= (8, 0):');
    expect(both).toContain('    elif short_entry and (self.time.hour, self.time.minute) >= (8, 0):');
    expect(both).toContain('elif quantity < 0 and (rsi < 30):');
  });

  // A daily bar arrives at midnight or at the close, never inside 10:00-15:30, so the gate written on daily
  // bars blocks every entry: the strategy never trades, and nothing says so.
  it('a time-of-day window on daily bars is named as not done (or declined), not written as a gate that never opens', () => {
    const outcome = planCompose(
      request({
        signal: signal('rsi'),
        bar: { size: 1, unit: 'day' },
        filters: [{ kind: 'time-of-day', after: '10:00', before: '15:30' }],
      }),
    );
    expect(outcome).toBeDefined();
    if (outcome?.kind === 'decline') return;
    expect(outcome!.gaps.map((g) => g.field)).toContain('filters');
    expect(renderComposed(outcome!.plan)).not.toContain('self.time.hour');
  });
});

describe('rotation', () => {
  it('ranks by the skipped lookback return and holds the top N, monthly', () => {
    const { code, plan } = generated(
      'Momentum rotation among XLK, XLV, XLE and XLF: hold the top 2 by 3-month return skipping the last month, rebalance monthly',
    );
    expect(plan?.signal).toEqual({ kind: 'rotation', params: { period: 63, top: 2, skip: 21 } });
    expect(method(code, '_track')).toContain('self._closes[symbol] = RollingWindow[float](64)');
    expect(method(code, '_on_bar')).toEqual(['symbol = bar.symbol', 'self._closes[symbol].add(bar.close)']);
    expect(method(code, 'initialize')).toContain('self.set_warm_up(64, Resolution.DAILY)');
    expect(method(code, '_on_schedule')).toEqual(['if self.is_warming_up:', '    return', 'self._rebalance()']);
    expect(method(code, '_rebalance')).toEqual([
      'ready = [s for s in self._symbols if self._closes[s].is_ready]',
      'if not ready:',
      '    return',
      'scores = {s: self._closes[s][21] / self._closes[s][63] - 1 for s in ready}',
      'ranked = sorted(ready, key=lambda s: scores[s], reverse=True)',
      'longs = ranked[:2]',
      'shorts = []',
      'for symbol in self._symbols:',
      '    if symbol not in longs and symbol not in shorts and self.portfolio[symbol].invested:',
      '        self.liquidate(symbol)',
      'for symbol in longs:',
      '    self.set_holdings(symbol, 1 / 2)',
    ]);
  });

  it('both ways holds the worst N short; with no schedule it rebalances monthly and says so', () => {
    const { code, notes } = generated('Momentum rotation among XLK, XLV, XLE and XLF, long and short, hold the top 1 by 6-month return');
    const rebalance = method(code, '_rebalance');
    expect(rebalance).toContain('scores = {s: self._closes[s][0] / self._closes[s][126] - 1 for s in ready}');
    expect(rebalance).toContain('shorts = [s for s in ranked[-1:] if s not in longs]');
    expect(rebalance.slice(-4)).toEqual([
      'for symbol in longs:',
      '    self.set_holdings(symbol, 1 / 2)',
      'for symbol in shorts:',
      '    self.set_holdings(symbol, -1 / 2)',
    ]);
    expect(notes).toContain('No rebalance schedule stated; the rotation rebalances at the start of each month.');
    expect(method(code, 'initialize')).toContain(
      'self.schedule.on(self.date_rules.month_start(self._symbols[0]), self.time_rules.after_market_open(self._symbols[0], 30), self._on_schedule)',
    );
  });

  it('holds fewer than all: a top N of N becomes N - 1, named as a numbers gap', () => {
    const outcome = planCompose(
      request({
        instruments: [KO, PEP, AAPL],
        signal: signal('momentum', { period: 63, top: 3 }),
        schedule: { every: 'month', at: 'start' },
      }),
    );
    expect(outcome?.kind).toBe('plan');
    if (outcome?.kind !== 'plan') return;
    expect(outcome.plan.signal.params['top']).toBe(2);
    expect(outcome.gaps.map((g) => g.field)).toEqual(['numbers']);
  });
});

describe('pairs', () => {
  const pair = (params: Record<string, number>, extra: Parts = {}) =>
    compose({ instruments: [KO, PEP], signal: signal('pairs', params), direction: 'both', ...extra });

  it('hedge ratio by least squares, z-score entry and exit, both legs sized together', () => {
    const code = pair({ period: 90, entry: 2.5, exit: 0.5 });
    expect(method(code, '_track')).toContain('self._closes[symbol] = RollingWindow[float](90)');
    expect(method(code, 'initialize')).toContain('self._pair_side = 0');
    expect(method(code, '_on_bar')).toEqual([
      'symbol = bar.symbol',
      'self._closes[symbol].add(bar.close)',
      'if not self.is_warming_up:',
      '    if symbol == self._symbols[-1]:',
      '        self._trade_pair()',
    ]);
    expect(method(code, '_trade_pair')).toEqual([
      'first, second = self._symbols[0], self._symbols[1]',
      'if not (self._closes[first].is_ready and self._closes[second].is_ready):',
      '    return',
      '# Oldest first; the hedge ratio is the least-squares slope of log(first) on log(second).',
      'a = np.log(np.array(list(self._closes[first]))[::-1])',
      'b = np.log(np.array(list(self._closes[second]))[::-1])',
      'beta = np.polyfit(b, a, 1)[0]',
      'spread = a - beta * b',
      'deviation = spread.std()',
      'if deviation <= 0:',
      '    return',
      'z = (spread[-1] - spread.mean()) / deviation',
      'first_leg, second_leg = first, second',
      'side = self._pair_side',
      'reverted = abs(z) < 0.5',
      'if side != 0 and reverted:',
      '    self.liquidate(first_leg)',
      '    self.liquidate(second_leg)',
      '    self._pair_side = 0',
      'elif side == 0:',
      '    opened = -1 if z > 2.5 else 1 if z < -2.5 else 0',
      '    if opened != 0:',
      '        # Long the spread: first leg long, second short by the hedge ratio; gross exposure 1.',
      '        gross = 1 + abs(beta)',
      '        self.set_holdings(first_leg, opened / gross)',
      '        self.set_holdings(second_leg, -opened * beta / gross)',
      '        self._pair_side = opened',
    ]);
  });

  it('a spread stop in standard deviations closes the pair', () => {
    const code = pair({ period: 60, entry: 2, exit: 0.5 }, { risk: { stopLoss: read({ amount: 3, unit: 'std' }) } });
    expect(method(code, '_trade_pair')).toContain(
      'reverted = abs(z) < 0.5 or abs(z) > 3.0  # back inside the exit band, or the spread stop',
    );
  });

  it('a pairs trade with no numbers uses the defaults and says so; a z-score of two instruments is a pair', () => {
    const { plan, notes } = generated('Pairs trade on KO and PEP');
    expect(plan?.signal).toEqual({ kind: 'pairs', params: { period: 60, entry: 2, exit: 0.5 } });
    expect(notes).toContain('Not stated, so defaults were used: period 60, entry 2, exit 0.5.');
    const outcome = planCompose(request({ instruments: [KO, PEP], signal: signal('zscore', { period: 30 }), direction: 'both' }));
    expect(outcome?.kind === 'plan' && outcome.plan.signal.kind).toBe('pairs');
  });

  it('orders a futures pair on the mapped contracts', () => {
    const code = compose({ instruments: [ES, NQ], signal: signal('pairs'), direction: 'both' });
    expect(method(code, '_trade_pair')).toContain('first_leg, second_leg = self._contract(first), self._contract(second)');
  });
});

describe('defaults are stated in the notes', () => {
  it('names every default of a bare prompt, in order', () => {
    const { notes, plan } = generated('RSI on AAPL');
    expect(notes).toEqual([
      'Not stated, so defaults were used: period 14, lower 30, upper 70.',
      'No direction stated; the code trades long only.',
      'No bar size stated; the rules read daily bars.',
      'No start date stated; the backtest starts 2020-01-01.',
      'No end date stated; the backtest ends 2024-12-31.',
      'No starting cash stated; assumed $100,000.',
    ]);
    expect(plan).toMatchObject({
      start: [2020, 1, 1],
      end: [2024, 12, 31],
      cash: 100000,
      direction: 'long',
      bar: { size: { size: 1, unit: 'day' }, consolidated: false },
    });
  });

  it('names only what was not stated', () => {
    const { notes, code } = generated('SMA 20/100 crossover on HD, daily bars, long only, from 2018-01-01 to 2021-06-30 with $50,000');
    expect(notes).toEqual([]);
    const init = method(code, 'initialize');
    expect(init.slice(0, 3)).toEqual(['self.set_start_date(2018, 1, 1)', 'self.set_end_date(2021, 6, 30)', 'self.set_cash(50000)']);
  });

  it('ends a year after a late start, and says so', () => {
    const { notes, code } = generated('RSI on AAPL, long only, from 2024-06-01');
    expect(notes).toContain('No end date stated; the backtest ends 2025-06-01.');
    expect(method(code, 'initialize')).toContain('self.set_end_date(2025, 6, 1)');
  });

  it('names the signal numbers it defaulted and keeps the stated ones', () => {
    const outcome = planCompose(request({ signal: signal('macd', { fast: 8 }) }));
    expect(outcome?.kind).toBe('plan');
    if (outcome?.kind !== 'plan') return;
    expect(outcome.plan.signal.params).toEqual({ fast: 8, slow: 26, signal: 9 });
    expect(outcome.notes).toContain('Not stated, so defaults were used: slow 26, signal 9.');
  });

  it('names a number the signal has no use for as a gap', () => {
    const outcome = planCompose(request({ signal: signal('rsi', { period: 10, threshold: 0.02 }) }));
    expect(outcome?.kind).toBe('plan');
    if (outcome?.kind !== 'plan') return;
    expect(outcome.plan.signal.params).toEqual({ period: 10, lower: 30, upper: 70 });
    expect(outcome.gaps.map((g) => g.field)).toEqual(['numbers']);
  });
});
