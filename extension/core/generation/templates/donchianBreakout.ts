// Donchian channel breakout with an ATR chandelier stop, turtle style.
import { float, num, resolution } from './python';
import { renderSignalStrategy } from './signal';
import { barUnit, defaultsOf, floatParam, intParam, paramOf, type FamilyTemplate, type ParamDef } from './types';

const PARAMS: readonly ParamDef[] = [
  intParam('entryPeriod', 'Buy on a close above the highest high of this many previous bars', 20, 5, 250, [20, 55]),
  intParam('exitPeriod', 'Sell on a close below the lowest low of this many previous bars', 10, 2, 250, [10, 20]),
  intParam('atrPeriod', 'ATR period, in bars', 14, 2, 100, [14, 20]),
  floatParam('atrMultiple', 'The trailing stop sits this many ATRs below the best close since entry', 2, 0.5, 10, [2, 3]),
];

export const donchianBreakout: FamilyTemplate = {
  id: 'donchian-breakout',
  title: 'Donchian breakout',
  description: 'Trend following: buy a breakout above the Donchian channel, exit on the lower channel or an ATR trailing stop.',
  className: 'DonchianBreakout',
  keywords: [
    'donchian',
    'breakout',
    'breakouts',
    'break out',
    'breaks out',
    'channel',
    'turtle',
    'atr',
    'average true range',
    'new high',
    'new highs',
  ],
  hints: ['trend following', 'trend-following', 'volatility'],
  minTickers: 1,
  maxTickers: 20,
  defaultTickers: ['SPY'],
  tickerSets: [['SPY'], ['GLD'], ['AAPL', 'MSFT'], ['SPY', 'TLT', 'GLD']],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts: () => [],
  render: (spec) =>
    renderSignalStrategy(spec, donchianBreakout, (ctx) => {
      const entryPeriod = paramOf(spec, 'entryPeriod');
      const exitPeriod = paramOf(spec, 'exitPeriod');
      const atrPeriod = paramOf(spec, 'atrPeriod');
      const multiple = float(paramOf(spec, 'atrMultiple'));
      const res = resolution(spec.resolution);
      const unit = barUnit(spec.resolution);
      const channel = ctx.ind('channel');
      return {
        indicators: [
          { name: 'channel', create: (symbol) => `self.dch(${symbol}, ${entryPeriod}, ${exitPeriod}, ${res})` },
          { name: 'atr', create: (symbol) => `self.atr(${symbol}, ${atrPeriod}, MovingAverageType.WILDERS, ${res})` },
        ],
        // The slower of the two gates trading: the channel needs its longer period, the ATR one bar more than its own.
        ready: [Math.max(entryPeriod, exitPeriod) > atrPeriod ? 'channel' : 'atr'],
        warmUp: Math.max(entryPeriod, exitPeriod, atrPeriod + 1),
        state: [
          { name: 'breakout_level', initial: 'None' },
          { name: 'exit_level', initial: 'None' },
          { name: 'atr_stop', initial: '0' },
        ],
        track: [
          "# The channel includes this bar, so price is compared with the previous bar's channel.",
          `breakout_level = ${ctx.get('breakout_level')}`,
          `exit_level = ${ctx.get('exit_level')}`,
          ctx.set('breakout_level', `${channel}.upper_band.current.value`),
          ctx.set('exit_level', `${channel}.lower_band.current.value`),
        ],
        values: [
          'if breakout_level is None or exit_level is None:',
          `    ${ctx.skip}`,
          `price = self.securities[${ctx.symbol}].price`,
          `atr = ${ctx.ind('atr')}.current.value`,
        ],
        whileHolding: [`stop = max(${ctx.get('atr_stop', '0')}, price - ${multiple} * atr)`, ctx.set('atr_stop', 'stop')],
        holdingExit: 'price < exit_level or price < stop',
        exit: 'price < exit_level',
        entry: 'price > breakout_level',
        afterEntry: [ctx.set('atr_stop', `price - ${multiple} * atr`)],
        description:
          `Buys when price closes above the highest high of the previous ${entryPeriod} ${unit}s and sells when it closes below the ` +
          `lowest low of the previous ${exitPeriod} ${unit}s, or below a stop ${num(paramOf(spec, 'atrMultiple'))} ATRs ` +
          `(${atrPeriod}-${unit}) under the best close since entry.`,
      };
    }),
};
