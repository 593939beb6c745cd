// The signal blocks: each per-symbol signal as indicators, the values `_trade` computes from them, and
// four conditions (enter long, exit long, enter short, exit short), so one block serves long-only,
// short-only and two-way strategies alike. Crossovers trade a fresh cross only: the sign of the spread
// is kept between bars, and a cross is a change of sign. Indicators are LEAN's classes, fed by `_on_bar`
// from the bars the rules read, so consolidated bars feed them at the size asked for.
import { float, num } from '../templates/python';
import type { PerSymbolKind } from './composeTypes';

/** An indicator kept per symbol in `self._<name>[symbol]`. */
export interface IndicatorPart {
  name: string;
  /** The Python expression that creates it. */
  create: string;
  /**
   * What it is fed: the bar's close, the whole bar (ATR, channels, VWAP), the bar's return, or the
   * value of another indicator of the same symbol once that one is ready (listed after it); `auto` is
   * one of LEAN's helper indicators, which LEAN feeds itself; `custom` is fed by a method of its own
   * (the regime's daily bars, regimeBlocks.ts), and warmed up by its owner.
   */
  feed: 'close' | 'bar' | 'return' | 'window' | 'auto' | 'custom' | { of: string };
}

export interface SignalBlock {
  indicators: IndicatorPart[];
  /** Bars the longest indicator needs before it is ready. */
  warmUp: number;
  /** Lines of `_trade` that compute the locals the conditions read (`price` is the latest close). */
  values: string[];
  /** Values kept per symbol for the next bar, stored after the conditions are read: name → expression. */
  keep?: Record<string, string>;
  longEntry: string;
  longExit: string;
  shortEntry: string;
  shortExit: string;
  /** What the rule does, long side then short side, for the docstring. */
  long: string;
  short: string;
}

/** The defaults of each signal's numbers, used where the prompt states none (and said so in the notes). */
export const SIGNAL_DEFAULTS: Readonly<Record<PerSymbolKind, Readonly<Record<string, number>>>> = {
  'sma-crossover': { fast: 50, slow: 200 },
  'ema-crossover': { fast: 12, slow: 26 },
  rsi: { period: 14, lower: 30, upper: 70 },
  bollinger: { period: 20, std: 2 },
  macd: { fast: 12, slow: 26, signal: 9 },
  donchian: { period: 20, exit: 10 },
  keltner: { period: 20, multiplier: 2 },
  zscore: { period: 20, entry: 2, exit: 0.5 },
  momentum: { period: 126 },
  vwap: { period: 20, threshold: 0.01 },
  gap: { threshold: 0.01 },
  calendar: {},
  'buy-and-hold': {},
};

/** The numbers each signal can use; any other stated number is reported as not used. */
export function signalParams(kind: PerSymbolKind): readonly string[] {
  return Object.keys(SIGNAL_DEFAULTS[kind]);
}

const ind = (name: string) => `self._${name}[symbol]`;

function crossover(kind: 'sma-crossover' | 'ema-crossover', p: Record<string, number>): SignalBlock {
  const cls = kind === 'sma-crossover' ? 'SimpleMovingAverage' : 'ExponentialMovingAverage';
  const short = kind === 'sma-crossover' ? 'SMA' : 'EMA';
  return freshCross(
    [
      { name: 'fast', create: `${cls}(${num(p['fast']!)})`, feed: 'close' },
      { name: 'slow', create: `${cls}(${num(p['slow']!)})`, feed: 'close' },
    ],
    Math.max(p['fast']!, p['slow']!),
    `${ind('fast')}.current.value - ${ind('slow')}.current.value`,
    `the ${num(p['fast']!)}-bar ${short}`,
    `the ${num(p['slow']!)}-bar ${short}`,
  );
}

/** A block trading a fresh change of sign of `spread`: long on the cross up, short on the cross down. */
function freshCross(indicators: IndicatorPart[], warmUp: number, spread: string, subject: string, against: string): SignalBlock {
  return {
    indicators,
    warmUp,
    values: [`spread = ${spread}`, 'previous = self._spread.get(symbol)'],
    keep: { spread: 'spread' },
    longEntry: 'previous is not None and previous <= 0 < spread',
    longExit: 'spread < 0',
    shortEntry: 'previous is not None and previous >= 0 > spread',
    shortExit: 'spread > 0',
    long: `Buys when ${subject} crosses above ${against} and sells when it crosses back below.`,
    short: `Sells short when ${subject} crosses below ${against} and covers when it crosses back above.`,
  };
}

/**
 * A gap rule: at a session's first bar, the open against the previous session's last close. A fade
 * buys a gap down (shorts a gap up) and exits when the price is back at that close; a follow buys a gap
 * up (shorts a gap down) and exits when the price falls back through it.
 */
function gapBlock(p: Record<string, number>, mode: 'fade' | 'follow'): SignalBlock {
  const threshold = num(p['threshold']!);
  const pct = `${num(Number((p['threshold']! * 100).toFixed(4)))}%`;
  const fade = mode === 'fade';
  return {
    indicators: [],
    warmUp: 1,
    values: [
      'today = self.time.date()',
      'new_session = self._session.get(symbol) != today',
      "# The level is the previous session's last close, kept for the whole session.",
      'level = self._prior_close.get(symbol) if new_session else self._gap_level.get(symbol)',
      'gap = self.securities[symbol].open / level - 1 if new_session and level else 0.0',
    ],
    keep: { session: 'today', prior_close: 'price', gap_level: 'level' },
    longEntry: `new_session and level is not None and gap ${fade ? '<=' : '>='} ${fade ? '-' : ''}${threshold}`,
    longExit: `level is not None and price ${fade ? '>=' : '<'} level`,
    shortEntry: `new_session and level is not None and gap ${fade ? '>=' : '<='} ${fade ? '' : '-'}${threshold}`,
    shortExit: `level is not None and price ${fade ? '<=' : '>'} level`,
    long: fade
      ? `Buys when a session opens more than ${pct} below the previous close and sells when the gap fills.`
      : `Buys when a session opens more than ${pct} above the previous close and sells if the price falls back below that close.`,
    short: fade
      ? `Sells short when a session opens more than ${pct} above the previous close and covers when the gap fills.`
      : `Sells short when a session opens more than ${pct} below the previous close and covers if the price rises back above it.`,
  };
}

export function signalBlock(kind: PerSymbolKind, p: Record<string, number>, gapMode: 'fade' | 'follow' = 'fade'): SignalBlock {
  switch (kind) {
    case 'gap':
      return gapBlock(p, gapMode);
    case 'sma-crossover':
    case 'ema-crossover':
      return crossover(kind, p);
    case 'macd':
      return freshCross(
        [
          {
            name: 'macd',
            create: `MovingAverageConvergenceDivergence(${num(p['fast']!)}, ${num(p['slow']!)}, ${num(p['signal']!)}, MovingAverageType.EXPONENTIAL)`,
            feed: 'close',
          },
        ],
        p['slow']! + p['signal']!,
        `${ind('macd')}.current.value - ${ind('macd')}.signal.current.value`,
        `the MACD (${num(p['fast']!)}, ${num(p['slow']!)})`,
        `its ${num(p['signal']!)}-bar signal line`,
      );
    case 'rsi': {
      const [period, lower, upper] = [num(p['period']!), num(p['lower']!), num(p['upper']!)];
      return {
        indicators: [{ name: 'rsi', create: `RelativeStrengthIndex(${period}, MovingAverageType.WILDERS)`, feed: 'close' }],
        warmUp: p['period']! + 1,
        values: [`rsi = ${ind('rsi')}.current.value`],
        longEntry: `rsi < ${lower}`,
        longExit: `rsi > ${upper}`,
        shortEntry: `rsi > ${upper}`,
        shortExit: `rsi < ${lower}`,
        long: `Buys when the ${period}-bar RSI falls below ${lower} and sells when it rises above ${upper}.`,
        short: `Sells short when the ${period}-bar RSI rises above ${upper} and covers when it falls below ${lower}.`,
      };
    }
    case 'bollinger': {
      const [period, std] = [num(p['period']!), float(p['std']!)];
      return {
        indicators: [{ name: 'bands', create: `BollingerBands(${period}, ${std}, MovingAverageType.SIMPLE)`, feed: 'close' }],
        warmUp: p['period']!,
        values: [
          `bands = ${ind('bands')}`,
          'lower = bands.lower_band.current.value',
          'middle = bands.middle_band.current.value',
          'upper = bands.upper_band.current.value',
        ],
        longEntry: 'price < lower',
        longExit: 'price > middle',
        shortEntry: 'price > upper',
        shortExit: 'price < middle',
        long: `Buys a close below the lower ${period}-bar Bollinger band (${num(p['std']!)} standard deviations) and sells at the middle band.`,
        short: `Sells short a close above the upper band and covers at the middle band.`,
      };
    }
    case 'zscore': {
      const [period, entry, exit] = [num(p['period']!), num(p['entry']!), num(p['exit']!)];
      return {
        indicators: [
          { name: 'mean', create: `SimpleMovingAverage(${period})`, feed: 'close' },
          { name: 'deviation', create: `StandardDeviation(${period})`, feed: 'close' },
        ],
        warmUp: p['period']!,
        values: [
          `deviation = ${ind('deviation')}.current.value`,
          `zscore = (price - ${ind('mean')}.current.value) / deviation if deviation > 0 else 0.0`,
        ],
        longEntry: `zscore < -${entry}`,
        longExit: `zscore > -${exit}`,
        shortEntry: `zscore > ${entry}`,
        shortExit: `zscore < ${exit}`,
        long: `Buys when the ${period}-bar z-score of the close falls below -${entry} and sells when it rises above -${exit}.`,
        short: `Sells short when the z-score rises above ${entry} and covers when it falls below ${exit}.`,
      };
    }
    case 'donchian': {
      const [period, exit] = [num(p['period']!), num(p['exit']!)];
      return {
        indicators: [
          { name: 'entry_channel', create: `DonchianChannel(${period})`, feed: 'bar' },
          { name: 'exit_channel', create: `DonchianChannel(${exit})`, feed: 'bar' },
        ],
        warmUp: Math.max(p['period']!, p['exit']!) + 1,
        // The channels include the bar just fed; a breakout is measured against the channel before it.
        values: [
          'high, low = self._entry_high.get(symbol), self._entry_low.get(symbol)',
          'exit_high, exit_low = self._exit_high.get(symbol), self._exit_low.get(symbol)',
          'ready = high is not None and exit_high is not None',
        ],
        keep: {
          entry_high: `${ind('entry_channel')}.upper_band.current.value`,
          entry_low: `${ind('entry_channel')}.lower_band.current.value`,
          exit_high: `${ind('exit_channel')}.upper_band.current.value`,
          exit_low: `${ind('exit_channel')}.lower_band.current.value`,
        },
        longEntry: 'ready and price > high',
        longExit: 'ready and price < exit_low',
        shortEntry: 'ready and price < low',
        shortExit: 'ready and price > exit_high',
        long: `Buys a close above the highest high of the previous ${period} bars and sells a close below the lowest low of the previous ${exit}.`,
        short: `Sells short a close below the lowest low of the previous ${period} bars and covers a close above the highest high of the previous ${exit}.`,
      };
    }
    case 'keltner': {
      const [period, multiplier] = [num(p['period']!), float(p['multiplier']!)];
      return {
        indicators: [{ name: 'keltner', create: `KeltnerChannels(${period}, ${multiplier}, MovingAverageType.EXPONENTIAL)`, feed: 'bar' }],
        warmUp: p['period']! + 1,
        values: [
          `channel = ${ind('keltner')}`,
          'upper = channel.upper_band.current.value',
          'middle = channel.middle_band.current.value',
          'lower = channel.lower_band.current.value',
        ],
        longEntry: 'price > upper',
        longExit: 'price < middle',
        shortEntry: 'price < lower',
        shortExit: 'price > middle',
        long: `Buys a close above the upper Keltner channel (${period}-bar EMA, ${num(p['multiplier']!)} ATRs) and sells below the middle line.`,
        short: 'Sells short a close below the lower channel and covers above the middle line.',
      };
    }
    case 'momentum': {
      const period = num(p['period']!);
      return {
        indicators: [{ name: 'momentum', create: `MomentumPercent(${period})`, feed: 'close' }],
        warmUp: p['period']! + 1,
        values: [`momentum = ${ind('momentum')}.current.value`],
        longEntry: 'momentum > 0',
        longExit: 'momentum < 0',
        shortEntry: 'momentum < 0',
        shortExit: 'momentum > 0',
        long: `Holds long while the ${period}-bar return is positive and exits when it turns negative.`,
        short: `Holds short while the ${period}-bar return is negative and covers when it turns positive.`,
      };
    }
    case 'vwap': {
      const [period, threshold] = [num(p['period']!), num(p['threshold']!)];
      return {
        indicators: [{ name: 'vwap', create: `VolumeWeightedAveragePriceIndicator(${period})`, feed: 'bar' }],
        warmUp: p['period']!,
        values: [`vwap = ${ind('vwap')}.current.value`],
        longEntry: `price < vwap * (1 - ${threshold})`,
        longExit: 'price >= vwap',
        shortEntry: `price > vwap * (1 + ${threshold})`,
        shortExit: 'price <= vwap',
        long: `Buys when the close is more than ${num(p['threshold']! * 100)}% below the ${period}-bar VWAP and sells when it returns to it.`,
        short: `Sells short when the close is more than ${num(p['threshold']! * 100)}% above the VWAP and covers when it returns to it.`,
      };
    }
    case 'calendar':
      // A calendar rule has no conditions on bars: calendarBlocks.ts writes its scheduled entries and exits.
      throw new Error('A calendar rule is written by calendarBlock, not signalBlock.');
    case 'buy-and-hold':
      return {
        indicators: [],
        warmUp: 0,
        values: [],
        longEntry: 'True',
        longExit: 'False',
        shortEntry: 'True',
        shortExit: 'False',
        long: 'Buys and holds.',
        short: 'Sells short and holds.',
      };
  }
}
