// RSI mean reversion: buy oversold, sell overbought.
import { resolution } from './python';
import { renderSignalStrategy } from './signal';
import { barUnit, defaultsOf, intParam, paramOf, type FamilyTemplate, type ParamDef } from './types';

const PARAMS: readonly ParamDef[] = [
  intParam('period', 'RSI period, in bars', 14, 2, 100, [7, 14, 21]),
  intParam('oversold', 'Buy when the RSI falls below this level', 30, 5, 50, [20, 25, 30]),
  intParam('overbought', 'Sell when the RSI rises above this level', 70, 50, 95, [65, 70, 80]),
];

export const rsiMeanReversion: FamilyTemplate = {
  id: 'rsi-mean-reversion',
  title: 'RSI mean reversion',
  description: 'Mean reversion: buy when the RSI says oversold, sell when it says overbought.',
  className: 'RsiMeanReversion',
  keywords: ['rsi', 'relative strength index', 'oversold', 'overbought'],
  hints: ['mean reversion', 'mean-reversion', 'mean reverting', 'mean-reverting', 'reversion', 'revert', 'reverts'],
  minTickers: 1,
  maxTickers: 20,
  defaultTickers: ['SPY'],
  tickerSets: [['SPY'], ['AAPL'], ['AAPL', 'MSFT'], ['SPY', 'QQQ', 'IWM', 'DIA']],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts(params) {
    const low = params['oversold'] ?? 0;
    const high = params['overbought'] ?? 0;
    return low >= high ? [`The oversold level (${low}) must be below the overbought level (${high}).`] : [];
  },
  render: (spec) =>
    renderSignalStrategy(spec, rsiMeanReversion, (ctx) => {
      const period = paramOf(spec, 'period');
      const oversold = paramOf(spec, 'oversold');
      const overbought = paramOf(spec, 'overbought');
      return {
        indicators: [
          { name: 'rsi', create: (symbol) => `self.rsi(${symbol}, ${period}, MovingAverageType.WILDERS, ${resolution(spec.resolution)})` },
        ],
        ready: ['rsi'],
        warmUp: period + 1,
        values: [`rsi = ${ctx.ind('rsi')}.current.value`],
        entry: `rsi < ${oversold}`,
        exit: `rsi > ${overbought}`,
        description: `Buys when the ${period}-${barUnit(spec.resolution)} RSI falls below ${oversold} (oversold) and sells when it rises above ${overbought} (overbought).`,
      };
    }),
};
