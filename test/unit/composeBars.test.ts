// The bars a composed strategy's rules read: native bars straight from on_data, other sizes built by a
// consolidator from the native resolution below them; every indicator fed from those bars only, in
// `_on_bar`, and read in `_trade` only once ready; and a warm-up that covers the longest indicator on
// the bar size asked for. The warm-up expectations are computed here from the markets' trading hours,
// independently of the composer's own arithmetic.
import { describe, expect, it } from 'vitest';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';
import { AAPL, BTC, compose, type Parts as RequestParts, ES, EURUSD, hasMethod, instrument, method, read, signal } from './composeHelpers';

/** The parts of a request these tests state: always the instruments, the bar size and the signal. */
type Parts = RequestParts & Required<Pick<RequestParts, 'instruments' | 'bar' | 'signal'>>;

const SPY = instrument('SPY', 'etf', 'usa');
const SPX = instrument('SPX', 'index', 'usa');
const XAU = instrument('XAUUSD', 'cfd', 'oanda');

/** All methods by name, each with its body lines. */
function methods(code: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of code.matchAll(/^ {4}def (\w+)\(/gm)) out.set(m[1]!, method(code, m[1]!));
  return out;
}

/** The warm-up call of initialize, parsed. */
function warmUp(code: string): { bars: number; resolution: string } | { days: number } {
  const line = method(code, 'initialize').find((l) => l.startsWith('self.set_warm_up('));
  if (!line) throw new Error('no warm-up');
  const bars = /^self\.set_warm_up\((\d+), Resolution\.(\w+)\)$/.exec(line);
  if (bars) return { bars: Number(bars[1]), resolution: bars[2]! };
  const days = /^self\.set_warm_up\(timedelta\(days=(\d+)\)\)$/.exec(line);
  if (days) return { days: Number(days[1]) };
  throw new Error(`unexpected warm-up: ${line}`);
}

// ---- Independent warm-up arithmetic -------------------------------------------------------------

/** Regular trading minutes per day and trading days per week, per security type (exchange hours). */
const SESSIONS: Readonly<Record<string, { minutes: number; weekDays: number }>> = {
  equity: { minutes: 390, weekDays: 5 }, // 9:30-16:00 New York
  etf: { minutes: 390, weekDays: 5 },
  index: { minutes: 390, weekDays: 5 },
  future: { minutes: 23 * 60, weekDays: 5 }, // CME Globex: 23 hours a day
  forex: { minutes: 24 * 60, weekDays: 5 },
  cfd: { minutes: 24 * 60, weekDays: 5 },
  crypto: { minutes: 24 * 60, weekDays: 7 },
  cryptofuture: { minutes: 24 * 60, weekDays: 7 },
};

/** The most bars of `barMinutes` a session can hold (a partial bar counted whole): a lower bound on the days needed. */
function barsPerDay(type: string, barMinutes: number): number {
  return Math.ceil(SESSIONS[type]!.minutes / barMinutes);
}

/** The fewest calendar days that hold `tradingDays` trading days wherever the window starts (weekends skipped). */
function calendarDaysFor(tradingDays: number, weekDays: number): number {
  if (weekDays === 7) return tradingDays;
  let days = 0;
  const worst = (d: number) => Math.floor(d / 7) * weekDays + Math.max(0, (d % 7) - (7 - weekDays));
  while (worst(days) < tradingDays) days++;
  return days;
}

/** Calendar days at least needed for `bars` bars of `barMinutes` minutes on every instrument type listed. */
function minimumDays(types: string[], barMinutes: number, bars: number): number {
  return Math.max(...types.map((t) => calendarDaysFor(Math.ceil(bars / barsPerDay(t, barMinutes)), SESSIONS[t]!.weekDays)));
}

describe('independent warm-up arithmetic', () => {
  it('is what the brief states for 200 four-hour bars of a US equity', () => {
    expect(barsPerDay('equity', 240)).toBe(2);
    expect(minimumDays(['equity'], 240, 200)).toBe(140);
    expect(calendarDaysFor(1, 5)).toBe(3);
    expect(calendarDaysFor(5, 5)).toBe(7);
    expect(minimumDays(['crypto'], 240, 200)).toBe(34);
  });
});

describe('consolidated bars', () => {
  it('subscribes hourly data and consolidates 4-hour bars into _on_bar', () => {
    const { code } = generateOffline('SMA 50/200 crossover on AAPL, 4-hour bars, long only');
    expect(method(code, 'initialize')).toContain('self._track(self.add_equity("AAPL", Resolution.HOUR))');
    const track = method(code, '_track');
    expect(track).toContain('self.consolidate(symbol, timedelta(hours=4), self._on_bar)');
    // The indicators exist before the consolidator can hand a bar to _on_bar.
    expect(track.indexOf('self.consolidate(symbol, timedelta(hours=4), self._on_bar)')).toBe(track.length - 1);
    // Nothing reads the hourly bars: the rules see 4-hour bars only.
    expect(hasMethod(code, 'on_data')).toBe(false);
    expect(method(code, '_on_bar')).toEqual([
      '"""Feeds one 4-hour bar to the symbol\'s indicators, then trades on it."""',
      'symbol = bar.symbol',
      'self._fast[symbol].update(bar.end_time, bar.close)',
      'self._slow[symbol].update(bar.end_time, bar.close)',
      'if not self.is_warming_up:',
      '    self._trade(symbol)',
    ]);
  });

  it('consolidates 15-minute bars from minute data', () => {
    const { code } = generateOffline('RSI on AAPL, 15-minute bars, long only');
    expect(method(code, 'initialize')).toContain('self._track(self.add_equity("AAPL", Resolution.MINUTE))');
    expect(method(code, '_track')).toContain('self.consolidate(symbol, timedelta(minutes=15), self._on_bar)');
    expect(hasMethod(code, 'on_data')).toBe(false);
  });

  it('consolidates weekly bars from daily data on the calendar week', () => {
    const { code } = generateOffline('MACD on SPY, weekly bars, long only');
    expect(method(code, 'initialize')).toContain('self._track(self.add_equity("SPY", Resolution.DAILY))');
    expect(method(code, '_track')).toContain('self.consolidate(symbol, Calendar.WEEKLY, self._on_bar)');
    expect(hasMethod(code, 'on_data')).toBe(false);
  });

  it('consolidates quote bars of a forex pair the same way, with no on_data', () => {
    const code = compose({
      instruments: [EURUSD],
      bar: { size: 4, unit: 'hour' },
      signal: signal('sma-crossover', { fast: 20, slow: 50 }),
    });
    expect(method(code, 'initialize')).toContain('self._track(self.add_forex("EURUSD", Resolution.HOUR, Market.OANDA))');
    expect(method(code, '_track')).toContain('self.consolidate(symbol, timedelta(hours=4), self._on_bar)');
    expect(hasMethod(code, 'on_data')).toBe(false);
  });

  it('consolidates two-day bars from daily data', () => {
    const code = compose({ instruments: [AAPL], bar: { size: 2, unit: 'day' }, signal: signal('rsi') });
    expect(method(code, 'initialize')).toContain('self._track(self.add_equity("AAPL", Resolution.DAILY))');
    expect(method(code, '_track')).toContain('self.consolidate(symbol, timedelta(days=2), self._on_bar)');
  });
});

describe('native bars', () => {
  it('has no consolidator; on_data hands each bar to _on_bar', () => {
    const { code } = generateOffline('SMA 50/200 crossover on AAPL, daily bars, long only');
    expect(code).not.toContain('self.consolidate(');
    expect(method(code, 'on_data')).toEqual([
      'for symbol in self._symbols:',
      '    bar = data.bars.get(symbol)',
      '    if bar is not None:',
      '        self._on_bar(bar)',
    ]);
  });

  it.each([
    ['minute', 'MINUTE'],
    ['hour', 'HOUR'],
    ['day', 'DAILY'],
  ] as const)('subscribes %s bars at Resolution.%s and warms up in bars', (unit, resolution) => {
    const code = compose({ instruments: [AAPL], bar: { size: 1, unit }, signal: signal('sma-crossover', { fast: 10, slow: 30 }) });
    expect(method(code, 'initialize')).toContain(`self._track(self.add_equity("AAPL", Resolution.${resolution}))`);
    expect(code).not.toContain('self.consolidate(');
    const warm = warmUp(code);
    expect(warm).toMatchObject({ resolution });
    expect('bars' in warm && warm.bars).toBeGreaterThanOrEqual(30);
  });
});

describe('indicators are fed from the bars the rules read, and read only once ready', () => {
  const cases: [string, Parts][] = [
    ['SMA crossover, 4-hour', { instruments: [AAPL], bar: { size: 4, unit: 'hour' }, signal: signal('sma-crossover') }],
    ['EMA crossover, 15-minute crypto', { instruments: [BTC], bar: { size: 15, unit: 'minute' }, signal: signal('ema-crossover') }],
    [
      'RSI with an ATR stop and ATR sizing',
      {
        instruments: [AAPL],
        bar: { size: 1, unit: 'day' },
        signal: signal('rsi'),
        risk: { stopLoss: read({ amount: 2, unit: 'atr' }) },
        sizing: { kind: 'risk-per-trade', fraction: 0.01, from: 'atr', atrMultiple: 2 },
      },
    ],
    [
      'Bollinger with a std stop, weekly',
      {
        instruments: [SPY],
        bar: { size: 1, unit: 'week' },
        signal: signal('bollinger'),
        risk: { stopLoss: read({ amount: 1.5, unit: 'std' }) },
      },
    ],
    ['MACD both ways on a future', { instruments: [ES], bar: { size: 1, unit: 'hour' }, signal: signal('macd'), direction: 'both' }],
    ['Donchian on a CFD', { instruments: [XAU], bar: { size: 4, unit: 'hour' }, signal: signal('donchian') }],
    ['Keltner on an index', { instruments: [SPX], bar: { size: 1, unit: 'day' }, signal: signal('keltner') }],
    [
      'Z-score with a volatility target',
      { instruments: [AAPL], bar: { size: 1, unit: 'day' }, signal: signal('zscore'), sizing: { kind: 'volatility-target', target: 0.15 } },
    ],
    [
      'Momentum with trend and regime filters',
      {
        instruments: [AAPL],
        bar: { size: 1, unit: 'day' },
        signal: signal('momentum'),
        filters: [
          { kind: 'trend', period: 200, average: 'sma', side: 'above' },
          { kind: 'volatility', regime: 'low', period: 20 },
        ],
      },
    ],
    ['VWAP on an equity, hourly', { instruments: [AAPL], bar: { size: 1, unit: 'hour' }, signal: signal('vwap') }],
  ];

  it.each(cases)('%s', (_name, parts) => {
    const code = compose(parts);
    const all = methods(code);
    // The per-symbol indicators created in _track.
    const created = [
      ...all
        .get('_track')!
        .join('\n')
        .matchAll(/^self\._(\w+)\[symbol\] = (?!security$)/gm),
    ].map((m) => m[1]!);
    expect(created.length).toBeGreaterThan(0);
    const onBar = all.get('_on_bar')!;
    for (const name of created) {
      const fed = onBar.filter((l) => l.includes(`self._${name}[symbol].update(`) || l.includes(`self._${name}[symbol].add(`));
      expect(fed, `${name} is fed in _on_bar`).toHaveLength(1);
      for (const [other, body] of all)
        if (other !== '_on_bar')
          expect(
            body.filter((l) => new RegExp(`self\\._${name}\\[\\w+\\]\\.(update|add)\\(`).test(l)),
            `${name} fed in ${other}`,
          ).toEqual([]);
    }
    // A consolidated bar reaches _on_bar only through the consolidator.
    if (parts.bar.size !== 1 || parts.bar.unit === 'week')
      expect(hasMethod(code, 'on_data') && all.get('on_data')!.some((l) => l.includes('_on_bar'))).toBe(false);

    // _trade: the readiness guard, naming every indicator, comes before any indicator is read.
    const trade = all.get('_trade')!.filter((l) => !l.startsWith('"""'));
    const guard = trade.findIndex((l) => l.startsWith('if not ') && l.endsWith(':') && l.includes('.is_ready'));
    expect(guard).toBeGreaterThan(-1);
    expect(trade[guard + 1]).toBe('    return');
    for (const name of created) expect(trade[guard]).toContain(`not self._${name}[symbol].is_ready`);
    const firstRead = trade.findIndex((l) => /\.current\.value|\.(upper|lower|middle)_band\b|\.signal\.current/.test(l));
    expect(firstRead).toBeGreaterThan(guard);
    // Before the guard, only the drawdown halt may stop the trade.
    expect(trade.slice(0, guard).filter((l) => !['if self._drawdown_halted():', '    return'].includes(l))).toEqual([]);
  });

  it('feeds an indicator fed by another only once that one is ready', () => {
    const code = compose(cases[8]![1]);
    const onBar = method(code, '_on_bar');
    // The regime is the second filter: its parts carry the suffix _2.
    const at = onBar.indexOf('if self._regime_volatility_2[symbol].is_ready:');
    expect(at).toBeGreaterThan(-1);
    expect(onBar[at + 1]).toBe('    self._regime_average_2[symbol].update(bar.end_time, self._regime_volatility_2[symbol].current.value)');
  });
});

describe('warm-up covers the longest indicator on the bar size', () => {
  it('native bars: set_warm_up(N, Resolution.X) with N at least the longest period', () => {
    const longest: [Parts, number][] = [
      [{ instruments: [AAPL], bar: { size: 1, unit: 'day' }, signal: signal('sma-crossover', { fast: 50, slow: 200 }) }, 200],
      [{ instruments: [AAPL], bar: { size: 1, unit: 'hour' }, signal: signal('rsi', { period: 14 }) }, 15],
      // MACD's signal line is ready after slow + signal - 1 bars.
      [{ instruments: [ES], bar: { size: 1, unit: 'day' }, signal: signal('macd', { fast: 12, slow: 26, signal: 9 }) }, 34],
      [{ instruments: [BTC], bar: { size: 1, unit: 'minute' }, signal: signal('donchian', { period: 55, exit: 20 }) }, 55],
      // A volatility regime: 20 returns (21 closes), then a 252-value average of them.
      [
        {
          instruments: [AAPL],
          bar: { size: 1, unit: 'day' },
          signal: signal('rsi'),
          filters: [{ kind: 'volatility', regime: 'high', period: 20 }],
        },
        21 + 251,
      ],
      [
        {
          instruments: [AAPL],
          bar: { size: 1, unit: 'day' },
          signal: signal('rsi'),
          filters: [{ kind: 'trend', period: 100, average: 'ema', side: 'above' }],
        },
        100,
      ],
      [
        { instruments: [AAPL], bar: { size: 1, unit: 'day' }, signal: signal('rsi'), risk: { stopLoss: read({ amount: 2, unit: 'atr' }) } },
        15,
      ],
    ];
    for (const [parts, bars] of longest) {
      const code = compose(parts);
      const warm = warmUp(code);
      const resolution = { minute: 'MINUTE', hour: 'HOUR', day: 'DAILY' }[parts.bar.unit as 'minute' | 'hour' | 'day'];
      expect(warm, JSON.stringify(parts.signal)).toMatchObject({ resolution });
      expect('bars' in warm ? warm.bars : 0, JSON.stringify(parts.signal)).toBeGreaterThanOrEqual(bars);
    }
  });

  const consolidated: [string, Parts, string[], number, number][] = [
    // [name, request, instrument types, bar minutes, bars the longest indicator needs]
    [
      '200 4-hour bars of a US equity',
      { instruments: [AAPL], bar: { size: 4, unit: 'hour' }, signal: signal('sma-crossover', { fast: 50, slow: 200 }) },
      ['equity'],
      240,
      200,
    ],
    [
      '200 4-hour bars of crypto, traded every day',
      { instruments: [BTC], bar: { size: 4, unit: 'hour' }, signal: signal('sma-crossover', { fast: 50, slow: 200 }) },
      ['crypto'],
      240,
      200,
    ],
    [
      '200 4-hour bars of forex',
      { instruments: [EURUSD], bar: { size: 4, unit: 'hour' }, signal: signal('sma-crossover', { fast: 50, slow: 200 }) },
      ['forex'],
      240,
      200,
    ],
    [
      '200 4-hour bars of a future',
      { instruments: [ES], bar: { size: 4, unit: 'hour' }, signal: signal('sma-crossover', { fast: 50, slow: 200 }) },
      ['future'],
      240,
      200,
    ],
    [
      '15 15-minute bars of a US equity',
      { instruments: [AAPL], bar: { size: 15, unit: 'minute' }, signal: signal('rsi', { period: 14 }) },
      ['equity'],
      15,
      15,
    ],
    [
      '55 4-hour bars of a CFD',
      { instruments: [XAU], bar: { size: 4, unit: 'hour' }, signal: signal('donchian', { period: 55, exit: 20 }) },
      ['cfd'],
      240,
      55,
    ],
    [
      'a 4-hour volatility regime of a US equity',
      {
        instruments: [AAPL],
        bar: { size: 4, unit: 'hour' },
        signal: signal('rsi'),
        filters: [{ kind: 'volatility', regime: 'low', period: 20 }],
      },
      ['equity'],
      240,
      272,
    ],
    [
      '200 4-hour bars of crypto and an equity: the equity decides',
      { instruments: [BTC, AAPL], bar: { size: 4, unit: 'hour' }, signal: signal('sma-crossover', { fast: 50, slow: 200 }) },
      ['crypto', 'equity'],
      240,
      200,
    ],
    [
      '60 2-day bars of a US equity',
      { instruments: [AAPL], bar: { size: 2, unit: 'day' }, signal: signal('bollinger', { period: 60, std: 2 }) },
      ['equity'],
      2 * 390,
      60,
    ],
  ];

  it.each(consolidated)('consolidated: %s', (_name, parts, types, barMinutes, bars) => {
    const code = compose(parts);
    const warm = warmUp(code);
    expect('days' in warm).toBe(true);
    const days = 'days' in warm ? warm.days : 0;
    const need = parts.bar.unit === 'day' ? minimumDays(types, 390, bars * parts.bar.size) : minimumDays(types, barMinutes, bars);
    expect(days).toBeGreaterThanOrEqual(need);
  });

  it('consolidated weekly bars: at least a week of calendar days per bar', () => {
    const code = compose({ instruments: [SPY], bar: { size: 1, unit: 'week' }, signal: signal('macd', { fast: 12, slow: 26, signal: 9 }) });
    const warm = warmUp(code);
    expect('days' in warm && warm.days).toBeGreaterThanOrEqual(34 * 7);
  });

  it('a filter on another symbol warms up its daily average in calendar days', () => {
    const code = compose({
      instruments: [AAPL],
      bar: { size: 1, unit: 'hour' },
      signal: signal('rsi'),
      filters: [{ kind: 'trend', period: 200, average: 'sma', side: 'above', symbol: 'SPY' }],
    });
    const warm = warmUp(code);
    expect('days' in warm && warm.days).toBeGreaterThanOrEqual(minimumDays(['equity'], 390, 200));
  });
});
