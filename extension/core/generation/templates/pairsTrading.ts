// Pairs trading on the z-score of the log price ratio of two tickers, dollar neutral.
import { backtestSentence, block, docstring, float, num, renderModule, resolution, setupLines, str, type Method } from './python';
import {
  hasDrawdownGuard,
  hasStops,
  riskInitLines,
  riskMethods,
  riskSentence,
  sizingWords,
  weightExpression,
  type RiskShape,
} from './risk';
import { barUnit, defaultsOf, floatParam, intParam, paramOf, type FamilyTemplate, type ParamDef, type StrategySpec } from './types';

const PARAMS: readonly ParamDef[] = [
  intParam('lookback', 'Bars over which the mean and standard deviation of the spread are measured', 60, 10, 500, [20, 60, 120]),
  floatParam('entryZ', 'Open the pair when the z-score of the spread is beyond this', 2, 0.5, 5, [1.5, 2, 2.5]),
  floatParam('exitZ', 'Close the pair when the z-score is back inside this', 0.5, 0, 3, [0, 0.5, 1]),
];

const SHAPE: RiskShape = { unit: 'pair', shorts: true, lockout: true };

export const pairsTrading: FamilyTemplate = {
  id: 'pairs-trading',
  title: 'Pairs trading',
  description:
    'Statistical arbitrage: short the rich leg and buy the cheap one when their price ratio is stretched, close when it reverts.',
  className: 'PairsTrading',
  keywords: [
    'pairs',
    'pair',
    'pairs trading',
    'pair trading',
    'cointegration',
    'cointegrated',
    'stat arb',
    'statistical arbitrage',
    'spread',
    'z-score',
    'zscore',
    'z score',
    'hedge ratio',
    'price ratio',
  ],
  hints: ['mean reversion', 'mean-reversion', 'mean reverting', 'market neutral', 'market-neutral', 'standard deviations', 'arbitrage'],
  minTickers: 2,
  maxTickers: 2,
  defaultTickers: ['KO', 'PEP'],
  tickerSets: [
    ['KO', 'PEP'],
    ['XOM', 'CVX'],
    ['GLD', 'SLV'],
  ],
  params: PARAMS,
  defaults: defaultsOf(PARAMS),
  conflicts(params) {
    const entry = params['entryZ'] ?? 0;
    const exit = params['exitZ'] ?? 0;
    return exit >= entry ? [`The exit z-score (${exit}) must be below the entry z-score (${entry}).`] : [];
  },
  render: renderPairs,
};

function renderPairs(spec: StrategySpec): string {
  const [first, second] = spec.tickers as [string, string];
  const lookback = paramOf(spec, 'lookback');
  const entry = float(paramOf(spec, 'entryZ'));
  const exit = float(paramOf(spec, 'exitZ'));
  const negativeExit = paramOf(spec, 'exitZ') === 0 ? exit : `-${exit}`;
  const weight = weightExpression(spec, '0.5');
  const res = resolution(spec.resolution);
  const stops = hasStops(spec.risk);
  const guard = hasDrawdownGuard(spec.risk);

  const init = [
    ...setupLines(spec),
    `self._first = self.add_equity(${str(first)}, ${res}).symbol`,
    `self._second = self.add_equity(${str(second)}, ${res}).symbol`,
    '# The spread is not a security, so its statistics are updated by hand in on_data.',
    `self._spread_mean = SimpleMovingAverage(${lookback})`,
    `self._spread_std = StandardDeviation(${lookback})`,
    '# -1 while short the spread (first leg short), 1 while long it.',
    'self._side = 0',
    `self.set_warm_up(${lookback})`,
    ...riskInitLines(spec.risk, SHAPE),
  ];

  const onData = [
    ...block('if not (data.bars.contains_key(self._first) and data.bars.contains_key(self._second)):', ['return']),
    'spread = math.log(data.bars[self._first].close / data.bars[self._second].close)',
    'self._spread_mean.update(self.time, spread)',
    'self._spread_std.update(self.time, spread)',
    ...block('if self.is_warming_up or not self._spread_std.is_ready:', ['return']),
  ];
  if (guard) onData.push(...block('if self._drawdown_halted():', ['return']));
  onData.push(
    'deviation = self._spread_std.current.value',
    ...block('if deviation == 0:', ['return']),
    'z = (spread - self._spread_mean.current.value) / deviation',
  );
  if (stops) onData.push(...block('if self._check_stops():', ['return']));
  onData.push(
    '# Reverted: z is back inside the exit band on the side the pair was opened from.',
    `reverted = z < ${exit} if self._side < 0 else z > ${negativeExit}`,
    ...block('if self.portfolio.invested:', block('if reverted:', ['self.liquidate()'])),
  );
  if (stops) onData.push(...block('elif self._stopped:', block('if reverted:', ['self._stopped = False'])));
  onData.push(
    ...block(`elif z > ${entry}:`, [
      'self._side = -1',
      `self.set_holdings(self._first, -${weight})`,
      `self.set_holdings(self._second, ${weight})`,
    ]),
    ...block(`elif z < -${entry}:`, [
      'self._side = 1',
      `self.set_holdings(self._first, ${weight})`,
      `self.set_holdings(self._second, -${weight})`,
    ]),
  );

  const methods: Method[] = [
    { signature: 'def initialize(self):', body: init },
    { signature: 'def on_data(self, data: Slice):', body: onData },
    ...riskMethods(spec.risk, SHAPE),
  ];
  const unit = barUnit(spec.resolution);
  const doc = docstring(`Pairs trading on ${first} and ${second}.`, [
    `Trades the spread log(${first} / ${second}): when its z-score over ${lookback} ${unit}s rises above ${num(paramOf(spec, 'entryZ'))} ` +
      `it shorts ${first} and buys ${second}, below -${num(paramOf(spec, 'entryZ'))} the reverse, and closes both legs once the ` +
      `z-score is back within ${num(paramOf(spec, 'exitZ'))} of the mean. ${backtestSentence(spec)}`,
    riskSentence(spec, sizingWords(spec, 'half the portfolio on each leg, dollar neutral', 'leg')),
  ]);
  return renderModule(spec.className ?? pairsTrading.className, doc, methods);
}
