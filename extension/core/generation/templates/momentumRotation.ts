// Momentum rotation: rank a basket by rate of change, hold the top K, rebalance monthly or weekly.
import { backtestSentence, block, docstring, renderModule, setupLines, tickerWords, type Method } from './python';
import { riskInitLines, riskMethods, riskSentence, sizingWords, weightExpression, type RiskShape } from './risk';
import { basketLines, liquidateOthers, rebalanceGuard, riskOnData, scheduleLines } from './schedule';
import { choiceParam, defaultsOf, intParam, paramOf, type FamilyTemplate, type ParamDef, type StrategySpec } from './types';

const PARAMS: readonly ParamDef[] = [
  intParam('lookback', 'Momentum lookback: rate of change over this many trading days', 126, 5, 504, [21, 63, 126, 252]),
  intParam('topK', 'How many of the strongest tickers to hold', 3, 1, 50, [1, 2, 3]),
  choiceParam('rebalance', 'How often the ranking is redone', 0, ['monthly', 'weekly']),
  choiceParam('absoluteMomentum', 'Whether a ticker must also have positive momentum to be held (its share stays in cash otherwise)', 0, [
    'off',
    'on',
  ]),
];

const SHAPE: RiskShape = { unit: 'symbol', shorts: false, lockout: false };

export const momentumRotation: FamilyTemplate = {
  id: 'momentum-rotation',
  title: 'Momentum rotation',
  description: 'Relative momentum: rank the tickers by rate of change, hold the strongest few in equal weight, rebalance on a schedule.',
  className: 'MomentumRotation',
  keywords: [
    'rotation',
    'rotate',
    'rotates',
    'rotating',
    'rank',
    'ranks',
    'ranking',
    'ranked',
    'strongest',
    'best performing',
    'best-performing',
    'top performers',
    'relative momentum',
    'dual momentum',
    'sector momentum',
    'rate of change',
    'roc',
  ],
  hints: ['momentum', 'rebalance', 'rebalances', 'rebalancing', 'monthly', 'weekly', 'top', 'trend following'],
  minTickers: 2,
  maxTickers: 50,
  defaultTickers: ['SPY', 'QQQ', 'IWM', 'EFA', 'EEM', 'TLT', 'GLD'],
  tickerSets: [
    ['SPY', 'TLT', 'GLD'],
    ['SPY', 'QQQ', 'IWM', 'EFA', 'EEM', 'TLT', 'GLD'],
    ['XLK', 'XLF', 'XLE', 'XLV', 'XLI', 'XLP', 'XLY', 'XLU', 'XLB'],
  ],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts(params, tickers) {
    const k = params['topK'] ?? 0;
    return k > tickers.length ? [`Holding the top ${k} needs at least ${k} tickers, got ${tickers.length}.`] : [];
  },
  render: renderRotation,
};

function renderRotation(spec: StrategySpec): string {
  const lookback = paramOf(spec, 'lookback');
  const k = paramOf(spec, 'topK');
  const weekly = paramOf(spec, 'rebalance') === 1;
  const absolute = paramOf(spec, 'absoluteMomentum') === 1;
  const weight = weightExpression(spec, k === 1 ? '1' : `1 / ${k}`);

  const init = [
    ...setupLines(spec),
    ...basketLines(spec, [{ name: 'momentum', create: `self.roc(symbol, ${lookback}, Resolution.DAILY)` }]),
    `self.set_warm_up(${lookback + 1}, Resolution.DAILY)`,
    ...scheduleLines(weekly ? 'weekly' : 'monthly'),
    ...riskInitLines(spec.risk, SHAPE),
  ];

  const rebalance = [
    ...rebalanceGuard(spec),
    'ready = {symbol: roc for symbol, roc in self._momentum.items() if roc.is_ready}',
    'ranked = sorted(ready, key=lambda symbol: ready[symbol].current.value, reverse=True)',
  ];
  if (absolute) {
    rebalance.push(
      '# Absolute momentum: a leader that has still lost money over the lookback is left in cash.',
      `selected = [symbol for symbol in ranked[:${k}] if ready[symbol].current.value > 0]`,
    );
  } else rebalance.push(`selected = ranked[:${k}]`);
  rebalance.push(
    ...liquidateOthers('symbol not in selected'),
    ...block('for symbol in selected:', [`self.set_holdings(symbol, ${weight})`]),
  );

  const onData = riskOnData(spec);
  const methods: Method[] = [
    { signature: 'def initialize(self):', body: init },
    ...(onData ? [onData] : []),
    { signature: 'def _rebalance(self):', body: rebalance },
    ...riskMethods(spec.risk, SHAPE),
  ];
  const doc = docstring(`Momentum rotation across ${tickerWords(spec.tickers)}.`, [
    `${weekly ? 'Every week' : 'Every month'} ranks the tickers by their ${lookback}-day rate of change and holds the ` +
      `${k === 1 ? 'strongest one' : `${k} strongest`}${absolute ? ' that have positive momentum' : ''}, selling the rest. ${backtestSentence(spec)}`,
    riskSentence(spec, sizingWords(spec, k === 1 ? 'the whole portfolio in the leader' : `an equal 1/${k} of the portfolio per holding`)),
  ]);
  return renderModule(spec.className ?? momentumRotation.className, doc, methods);
}
