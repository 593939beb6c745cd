// MACD momentum: long while the MACD line is above its signal line.
import { num, resolution } from './python';
import { renderSignalStrategy } from './signal';
import { barUnit, defaultsOf, floatParam, intParam, paramOf, type FamilyTemplate, type ParamDef } from './types';

const PARAMS: readonly ParamDef[] = [
  intParam('fast', 'Fast EMA period of the MACD line, in bars', 12, 2, 50, [8, 12]),
  intParam('slow', 'Slow EMA period of the MACD line, in bars', 26, 5, 100, [21, 26, 34]),
  intParam('signal', 'EMA period of the signal line, in bars', 9, 2, 50, [5, 9]),
  floatParam(
    'tolerance',
    'How far, as a fraction of price, the histogram must clear zero before a trade (filters noise)',
    0,
    0,
    0.05,
    [0, 0.0025],
  ),
];

export const macdMomentum: FamilyTemplate = {
  id: 'macd-momentum',
  title: 'MACD momentum',
  description: 'Momentum: long while the MACD line is above its signal line (a positive histogram), flat otherwise.',
  className: 'MacdMomentum',
  keywords: ['macd', 'moving average convergence divergence', 'signal line', 'histogram'],
  hints: ['momentum', 'crossover', 'trend following'],
  minTickers: 1,
  maxTickers: 20,
  defaultTickers: ['SPY'],
  tickerSets: [['SPY'], ['NVDA'], ['AAPL', 'MSFT'], ['SPY', 'QQQ', 'IWM']],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts(params) {
    const fast = params['fast'] ?? 0;
    const slow = params['slow'] ?? 0;
    return fast >= slow ? [`The fast period (${fast}) must be shorter than the slow period (${slow}).`] : [];
  },
  render: (spec) =>
    renderSignalStrategy(spec, macdMomentum, (ctx) => {
      const fast = paramOf(spec, 'fast');
      const slow = paramOf(spec, 'slow');
      const signal = paramOf(spec, 'signal');
      const tolerance = paramOf(spec, 'tolerance');
      const values = [`histogram = ${ctx.ind('macd')}.histogram.current.value`];
      let entry = 'histogram > 0';
      let exit = 'histogram < 0';
      if (tolerance > 0) {
        values.push(`band = ${num(tolerance)} * self.securities[${ctx.symbol}].price`);
        entry = 'histogram > band';
        exit = 'histogram < -band';
      }
      const unit = barUnit(spec.resolution);
      return {
        indicators: [
          {
            name: 'macd',
            create: (symbol) =>
              `self.macd(${symbol}, ${fast}, ${slow}, ${signal}, MovingAverageType.EXPONENTIAL, ${resolution(spec.resolution)})`,
          },
        ],
        ready: ['macd'],
        warmUp: slow + signal,
        values,
        entry,
        exit,
        description:
          `Buys when the MACD (${fast}/${slow}-${unit} EMAs, ${signal}-${unit} signal) rises above its signal line and sells when it ` +
          `falls below it${tolerance > 0 ? `; the histogram must clear ${num(tolerance * 100)}% of price either way` : ''}.`,
      };
    }),
};
