// WorldQuant-style cross-sectional alpha: score every ticker with a formulaic factor, go long the top
// of the ranking and short the bottom in equal weight, rebalance daily or weekly.
import { backtestSentence, block, docstring, MAX_LINE, methodDoc, renderModule, setupLines, tickerWords, type Method } from './python';
import { riskInitLines, riskMethods, riskSentence, sizingWords, weightExpression, type RiskShape } from './risk';
import { basketLines, liquidateOthers, rebalanceGuard, riskOnData, scheduleLines } from './schedule';
import { choiceParam, defaultsOf, intParam, paramOf, type FamilyTemplate, type ParamDef, type StrategySpec } from './types';

const FACTORS = ['change', 'vwap-gap', 'zscore'] as const;
const DIRECTIONS = ['reversion', 'momentum'] as const;

const PARAMS: readonly ParamDef[] = [
  choiceParam(
    'factor',
    'What is ranked: change = delta(close, n) / delay(close, n); vwap-gap = (close - vwap(n)) / close; zscore = (close - sma(close, n)) / stddev(close, n)',
    0,
    FACTORS,
  ),
  choiceParam(
    'direction',
    'reversion buys the lowest values and shorts the highest (the factor negated); momentum the reverse',
    0,
    DIRECTIONS,
  ),
  intParam('lookback', 'n in the factor, in trading days', 5, 2, 252, [5, 10, 20]),
  intParam('positions', 'How many tickers to hold on each side (long the top, short the bottom)', 2, 1, 25, [1, 2, 3]),
  choiceParam('rebalance', 'How often the ranking is redone', 0, ['daily', 'weekly']),
];

const SHAPE: RiskShape = { unit: 'symbol', shorts: true, lockout: false };

export const alphaFactor: FamilyTemplate = {
  id: 'alpha-factor',
  title: 'Alpha factor long/short',
  description: 'Cross-sectional alpha: rank a universe by a WorldQuant-style factor, long the top, short the bottom, market neutral.',
  className: 'AlphaFactor',
  keywords: [
    'alpha',
    'alpha factor',
    'worldquant',
    'world quant',
    'alpha101',
    'factor',
    'long/short',
    'long-short',
    'long short',
    'cross-sectional',
    'cross sectional',
    'vwap',
    'delta',
    'short the bottom',
    'short bottom',
    'short the weakest',
    'short the losers',
    'quintile',
    'decile',
  ],
  hints: [
    'bottom',
    'weakest',
    'market neutral',
    'market-neutral',
    'dollar neutral',
    'rank',
    'ranking',
    'reversal',
    'universe',
    'mean reversion',
  ],
  minTickers: 2,
  maxTickers: 50,
  defaultTickers: ['AAPL', 'MSFT', 'AMZN', 'GOOGL', 'META', 'NVDA', 'JPM', 'XOM', 'JNJ', 'PG'],
  tickerSets: [
    ['AAPL', 'MSFT', 'AMZN', 'GOOGL'],
    ['AAPL', 'MSFT', 'AMZN', 'GOOGL', 'META', 'NVDA'],
    ['AAPL', 'MSFT', 'AMZN', 'GOOGL', 'META', 'NVDA', 'JPM', 'XOM', 'JNJ', 'PG'],
  ],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts(params, tickers) {
    const k = params['positions'] ?? 0;
    return 2 * k > tickers.length ? [`Going long ${k} and short ${k} needs at least ${2 * k} tickers, got ${tickers.length}.`] : [];
  },
  render: renderAlpha,
};

interface Factor {
  indicators: { name: string; create: string }[];
  ready: string;
  formula: string;
  reason: string;
  body: string[];
}

/** The factor's indicators and scoring code; `momentum` ranks the factor as is, `reversion` its negation. */
function factorOf(spec: StrategySpec): Factor {
  const n = paramOf(spec, 'lookback');
  const momentum = DIRECTIONS[paramOf(spec, 'direction')] === 'momentum';
  switch (FACTORS[paramOf(spec, 'factor')]) {
    case 'vwap-gap':
      return {
        indicators: [{ name: 'vwap', create: `self.vwap(symbol, ${n}, Resolution.DAILY)` }],
        ready: 'self._vwap[symbol].is_ready and self.securities[symbol].price > 0',
        formula: momentum ? `rank((close - vwap(${n})) / close)` : `rank((vwap(${n}) - close) / close)`,
        reason: momentum
          ? 'Tickers trading above their VWAP are expected to keep rising'
          : 'Tickers below their VWAP tend to revert up to it',
        body: [
          'price = self.securities[symbol].price',
          momentum
            ? 'return (price - self._vwap[symbol].current.value) / price'
            : 'return (self._vwap[symbol].current.value - price) / price',
        ],
      };
    case 'zscore':
      return {
        indicators: [
          { name: 'mean', create: `self.sma(symbol, ${n}, Resolution.DAILY)` },
          { name: 'deviation', create: `self.std(symbol, ${n}, Resolution.DAILY)` },
        ],
        ready: 'self._deviation[symbol].is_ready and self._deviation[symbol].current.value > 0',
        formula: `rank(${momentum ? '' : '-'}(close - sma(close, ${n})) / stddev(close, ${n}))`,
        reason: momentum ? 'Prices far above their mean are expected to keep trending' : 'Stretched prices tend to revert to the mean',
        body: [
          'price = self.securities[symbol].price',
          momentum
            ? 'return (price - self._mean[symbol].current.value) / self._deviation[symbol].current.value'
            : 'return (self._mean[symbol].current.value - price) / self._deviation[symbol].current.value',
        ],
      };
    default:
      return {
        indicators: [{ name: 'change', create: `self.roc(symbol, ${n}, Resolution.DAILY)` }],
        ready: 'self._change[symbol].is_ready',
        formula: `rank(${momentum ? '' : '-'}delta(close, ${n}) / delay(close, ${n}))`,
        reason: momentum
          ? 'Recent winners keep winning and recent losers keep losing'
          : 'Recent losers bounce and recent winners give back',
        body: [`return ${momentum ? '' : '-'}self._change[symbol].current.value`],
      };
  }
}

/** The scores dict comprehension, on one line when it fits. */
function scoresLines(ready: string): string[] {
  const oneLine = `scores = {symbol: self._alpha(symbol) for symbol in self._symbols if ${ready}}`;
  if (8 + oneLine.length <= MAX_LINE) return [oneLine];
  return ['scores = {', '    symbol: self._alpha(symbol)', '    for symbol in self._symbols', `    if ${ready}`, '}'];
}

function renderAlpha(spec: StrategySpec): string {
  const factor = factorOf(spec);
  const n = paramOf(spec, 'lookback');
  const k = paramOf(spec, 'positions');
  const weekly = paramOf(spec, 'rebalance') === 1;
  const weight = weightExpression(spec, `1 / ${2 * k}`);

  const init = [
    ...setupLines(spec),
    ...basketLines(spec, factor.indicators),
    `self.set_warm_up(${n + 1}, Resolution.DAILY)`,
    ...scheduleLines(weekly ? 'weekly' : 'daily'),
    ...riskInitLines(spec.risk, SHAPE),
  ];

  const rebalance = [
    ...rebalanceGuard(spec),
    ...scoresLines(factor.ready),
    ...block(`if len(scores) < ${2 * k}:`, ['return']),
    'ranked = sorted(scores, key=lambda symbol: scores[symbol], reverse=True)',
    `longs = ranked[:${k}]`,
    `shorts = ranked[-${k}:]`,
    ...liquidateOthers('symbol not in longs and symbol not in shorts'),
    ...block('for symbol in longs:', [`self.set_holdings(symbol, ${weight})`]),
    ...block('for symbol in shorts:', [`self.set_holdings(symbol, -${weight})`]),
  ];

  const onData = riskOnData(spec);
  const methods: Method[] = [
    { signature: 'def initialize(self):', body: init },
    ...(onData ? [onData] : []),
    { signature: 'def _rebalance(self):', body: rebalance },
    {
      signature: 'def _alpha(self, symbol: Symbol) -> float:',
      body: [...methodDoc(`The alpha ${factor.formula}.`, `${factor.reason}.`), ...factor.body],
    },
    ...riskMethods(spec.risk, SHAPE),
  ];
  const doc = docstring(`Alpha factor long/short on ${tickerWords(spec.tickers)}.`, [
    `${weekly ? 'Every week' : 'Every day'} scores each ticker with the alpha ${factor.formula}, buys the ${k === 1 ? 'top one' : `top ${k}`} and ` +
      `shorts the ${k === 1 ? 'bottom one' : `bottom ${k}`} in equal weight, and closes the rest. ${backtestSentence(spec)}`,
    riskSentence(spec, sizingWords(spec, `1/${2 * k} of the portfolio per position, half long and half short`)),
  ]);
  return renderModule(spec.className ?? alphaFactor.className, doc, methods);
}
