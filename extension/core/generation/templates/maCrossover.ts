// Moving-average crossover, simple or exponential: long while the fast average is above the slow one.
import { resolution } from './python';
import { renderSignalStrategy } from './signal';
import { barUnit, defaultsOf, intParam, paramOf, type FamilyTemplate, type ParamDef, type StrategySpec } from './types';

const PARAMS: readonly ParamDef[] = [
  // A 1-bar average is the price itself, so `fast: 1` reads as price crossing the slow average.
  intParam('fast', 'Period of the fast moving average, in bars (1 means the price itself)', 20, 1, 200, [1, 5, 10, 20, 50]),
  intParam('slow', 'Period of the slow moving average, in bars', 50, 5, 400, [30, 50, 100, 200]),
];

function crossover(kind: 'sma' | 'ema'): FamilyTemplate {
  const words = kind === 'sma' ? 'simple moving average' : 'exponential moving average';
  const family: FamilyTemplate = {
    id: kind === 'sma' ? 'sma-crossover' : 'ema-crossover',
    title: kind === 'sma' ? 'SMA crossover' : 'EMA crossover',
    description: `Trend following: long while the fast ${words} is above the slow one, flat otherwise.`,
    className: kind === 'sma' ? 'SmaCrossover' : 'EmaCrossover',
    keywords:
      kind === 'sma'
        ? ['sma', 'simple moving average', 'golden cross', 'death cross', 'dma']
        : ['ema', 'exponential moving average', 'exponential moving averages', 'exponential'],
    hints: ['moving average', 'moving averages', 'crossover', 'cross over', 'crosses above', 'crossing', 'trend following', 'ma'],
    minTickers: 1,
    maxTickers: 20,
    defaultTickers: ['SPY'],
    tickerSets: [['SPY'], ['QQQ'], ['AAPL', 'MSFT'], ['SPY', 'QQQ', 'IWM']],
    params: PARAMS,
    defaults: defaultsOf(PARAMS),
    conflicts(params) {
      const fast = params['fast'] ?? 0;
      const slow = params['slow'] ?? 0;
      return fast >= slow ? [`The fast period (${fast}) must be shorter than the slow period (${slow}).`] : [];
    },
    render: (spec: StrategySpec) =>
      renderSignalStrategy(spec, family, (ctx) => {
        const fast = paramOf(spec, 'fast');
        const slow = paramOf(spec, 'slow');
        const res = resolution(spec.resolution);
        const unit = barUnit(spec.resolution);
        return {
          indicators: [
            { name: 'fast', create: (symbol) => `self.${kind}(${symbol}, ${fast}, ${res})` },
            { name: 'slow', create: (symbol) => `self.${kind}(${symbol}, ${slow}, ${res})` },
          ],
          ready: ['slow'],
          warmUp: slow,
          values: [`fast = ${ctx.ind('fast')}.current.value`, `slow = ${ctx.ind('slow')}.current.value`],
          entry: 'fast > slow',
          exit: 'fast < slow',
          description:
            fast === 1
              ? `Buys when price closes above its ${slow}-${unit} ${words} and sells when it closes below it.`
              : `Buys when the ${fast}-${unit} ${words} is above the ${slow}-${unit} one and sells when it falls below it.`,
        };
      }),
  };
  return family;
}

export const smaCrossover = crossover('sma');
export const emaCrossover = crossover('ema');
