// Bollinger band reversion: buy below the lower band, sell back at the middle band.
import { float, num, resolution } from './python';
import { renderSignalStrategy } from './signal';
import { barUnit, defaultsOf, floatParam, intParam, paramOf, type FamilyTemplate, type ParamDef } from './types';

const PARAMS: readonly ParamDef[] = [
  intParam('period', 'Period of the middle band (a simple moving average), in bars', 20, 5, 200, [10, 20, 50]),
  floatParam('k', 'Width of the bands, in standard deviations', 2, 0.5, 4, [1.5, 2, 2.5]),
];

export const bollingerReversion: FamilyTemplate = {
  id: 'bollinger-reversion',
  title: 'Bollinger band reversion',
  description: 'Mean reversion: buy when price closes below the lower Bollinger band, sell when it is back above the middle band.',
  className: 'BollingerReversion',
  keywords: ['bollinger', 'bollinger band', 'bollinger bands', 'bb', 'lower band', 'upper band', 'bands'],
  hints: ['mean reversion', 'mean-reversion', 'mean reverting', 'reversion', 'standard deviation', 'standard deviations', 'volatility'],
  minTickers: 1,
  maxTickers: 20,
  defaultTickers: ['SPY'],
  tickerSets: [['SPY'], ['QQQ'], ['AAPL', 'MSFT'], ['XLK', 'XLF', 'XLE']],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts: () => [],
  render: (spec) =>
    renderSignalStrategy(spec, bollingerReversion, (ctx) => {
      const period = paramOf(spec, 'period');
      const k = paramOf(spec, 'k');
      const bands = ctx.ind('bands');
      return {
        indicators: [
          {
            name: 'bands',
            create: (symbol) => `self.bb(${symbol}, ${period}, ${float(k)}, MovingAverageType.SIMPLE, ${resolution(spec.resolution)})`,
          },
        ],
        ready: ['bands'],
        warmUp: period,
        values: [
          `price = self.securities[${ctx.symbol}].price`,
          `lower = ${bands}.lower_band.current.value`,
          `middle = ${bands}.middle_band.current.value`,
        ],
        entry: 'price < lower',
        exit: 'price > middle',
        description: `Buys when price closes below the lower Bollinger band (${period}-${barUnit(spec.resolution)} average minus ${num(k)} standard deviations) and sells when it is back above the middle band.`,
      };
    }),
};
