// Portfolio blocks: signals that set the whole book at once rather than one symbol at a time.
// - rotation: at each scheduled rebalance, rank the instruments by their return over `period` bars
//   (skipping the latest `skip`), hold the best `top` long (and, two-way, the worst `top` short).
// - pairs: two instruments; the hedge ratio is the least-squares slope of one log price on the other
//   over `period` bars, the spread is what the ratio leaves, and its z-score opens the spread beyond
//   `entry` and closes it inside `exit`. Both legs are sized together, gross exposure 1.
// Each keeps a RollingWindow of closes per symbol, fed by `_on_bar` from the bars the rules read.
import { methodDoc, num, float, type Method } from '../templates/python';
import { barsPerYear } from './barBuilding';
import type { ComposePlan } from './composeTypes';
import type { IndicatorPart } from './signalBlocks';

export const PORTFOLIO_DEFAULTS: Readonly<Record<'rotation' | 'pairs', Readonly<Record<string, number>>>> = {
  rotation: { period: 126, top: 1, skip: 0 },
  pairs: { period: 60, entry: 2, exit: 0.5 },
};

export function isPortfolio(plan: ComposePlan): plan is ComposePlan & { signal: { kind: 'rotation' | 'pairs' | 'alpha-formula' } } {
  return plan.signal.kind === 'rotation' || plan.signal.kind === 'pairs' || plan.signal.kind === 'alpha-formula';
}

/** The window of closes each symbol keeps: long enough for the lookback (and the skipped bars). */
export function portfolioWindow(plan: ComposePlan): IndicatorPart {
  const p = plan.signal.params;
  const size = plan.signal.kind === 'rotation' ? p['period']! + 1 : p['period']!;
  return { name: 'closes', create: `RollingWindow[float](${num(size)})`, feed: 'window' };
}

export function portfolioWarmUp(plan: ComposePlan): number {
  return plan.signal.params['period']! + 1;
}

/** `_rebalance`: the ranking, then orders to the new book. */
export function rotationMethod(
  plan: ComposePlan,
  traded: (symbol: string) => string,
  gates: readonly string[],
  notReady: readonly string[],
): Method[] {
  const { period, top, skip } = plan.signal.params as { period: number; top: number; skip: number };
  const longs = plan.direction !== 'short';
  const shorts = plan.direction !== 'long';
  const held = [longs ? `the best ${num(top)} long` : '', shorts ? `the worst ${num(top)} short` : ''].filter(Boolean).join(' and ');
  const slots = num(top * (longs && shorts ? 2 : 1));
  const target = plan.sizing?.kind === 'volatility-target' ? plan.sizing.target : undefined;
  // Volatility target: each holding is scaled to the target from its realised volatility over the window.
  const weight =
    plan.sizing?.kind === 'fixed-fraction' ? num(plan.sizing.fraction) : target !== undefined ? 'self._scaled(symbol)' : `1 / ${slots}`;
  const body = [
    ...methodDoc(`Ranks by the ${num(period)}-bar return${skip ? `, skipping the latest ${num(skip)} bars` : ''}, and holds ${held}.`),
    ...(notReady.length ? [`if ${notReady.join(' or ')}:`, '    return'] : []),
    ...(gates.length
      ? [
          `if ${gates.map((g) => `not (${g})`).join(' or ')}:`,
          '    # The market filter is off: hold cash until it is on again.',
          '    self.liquidate()',
          '    return',
        ]
      : []),
    'ready = [s for s in self._symbols if self._closes[s].is_ready]',
    'if not ready:',
    '    return',
    `scores = {s: self._closes[s][${num(skip)}] / self._closes[s][${num(period)}] - 1 for s in ready}`,
    'ranked = sorted(ready, key=lambda s: scores[s], reverse=True)',
    longs ? `longs = ranked[:${num(top)}]` : 'longs = []',
    shorts ? `shorts = [s for s in ranked[-${num(top)}:] if s not in longs]` : 'shorts = []',
    'for symbol in self._symbols:',
    `    if symbol not in longs and symbol not in shorts and self.portfolio[${traded('symbol')}].invested:`,
    `        self.liquidate(${traded('symbol')})`,
  ];
  if (longs) body.push('for symbol in longs:', `    self.set_holdings(${traded('symbol')}, ${weight})`);
  if (shorts) body.push('for symbol in shorts:', `    self.set_holdings(${traded('symbol')}, -${weight})`);
  const methods: Method[] = [{ signature: 'def _rebalance(self):', body }];
  if (target !== undefined)
    methods.push({
      signature: 'def _scaled(self, symbol):',
      body: [
        ...methodDoc(`The holding's weight: ${num(target * 100)}% annual volatility over its realised volatility, split over ${slots}.`),
        'closes = np.array(list(self._closes[symbol]))[::-1]',
        `volatility = np.std(np.diff(np.log(closes))) * ${num(Number(Math.sqrt(barsPerYear(plan.bar, plan.instruments)).toFixed(4)))}`,
        `return min(1, ${num(target)} / max(volatility, 1e-6)) / ${slots}`,
      ],
    });
  return methods;
}

/** `_trade_pair`: hedge ratio, spread z-score, and the orders on both legs. */
export function pairsMethod(plan: ComposePlan, traded: (symbol: string) => string): Method {
  const { entry, exit } = plan.signal.params as { entry: number; exit: number };
  const stopZ = plan.risk.stopLoss?.unit === 'std' ? plan.risk.stopLoss.amount : undefined;
  const stop = plan.risk.stopLoss;
  // A stop in a fraction or dollars is on the book's value since the spread was opened.
  const valueStop =
    stop?.unit === 'fraction'
      ? `self.portfolio.total_portfolio_value <= self._pair_value * (1 - ${num(stop.amount)})`
      : stop?.unit === 'usd'
        ? `self.portfolio.total_portfolio_value <= self._pair_value - ${num(stop.amount)}`
        : undefined;
  const fraction = plan.sizing?.kind === 'fixed-fraction' ? plan.sizing.fraction : undefined;
  const body = [
    ...methodDoc('Trades the spread of the two legs on its z-score once both windows are full.'),
    'first, second = self._symbols[0], self._symbols[1]',
    'if not (self._closes[first].is_ready and self._closes[second].is_ready):',
    '    return',
    '# Oldest first; the hedge ratio is the least-squares slope of log(first) on log(second).',
    'a = np.log(np.array(list(self._closes[first]))[::-1])',
    'b = np.log(np.array(list(self._closes[second]))[::-1])',
    'beta = np.polyfit(b, a, 1)[0]',
    'spread = a - beta * b',
    'deviation = spread.std()',
    'if deviation <= 0:',
    '    return',
    'z = (spread[-1] - spread.mean()) / deviation',
    `first_leg, second_leg = ${traded('first')}, ${traded('second')}`,
    'side = self._pair_side',
    stopZ === undefined
      ? `reverted = abs(z) < ${float(exit)}`
      : `reverted = abs(z) < ${float(exit)} or abs(z) > ${float(stopZ)}  # back inside the exit band, or the spread stop`,
    ...(valueStop ? [`reverted = reverted or ${valueStop}  # the stop on the pair's value`] : []),
    'if side != 0 and reverted:',
    '    self.liquidate(first_leg)',
    '    self.liquidate(second_leg)',
    '    self._pair_side = 0',
    'elif side == 0:',
    `    opened = -1 if z > ${float(entry)} else 1 if z < -${float(entry)} else 0`,
    '    if opened != 0:',
    ...(fraction === undefined
      ? [
          '        # Long the spread: first leg long, second short by the hedge ratio; gross exposure 1.',
          '        gross = 1 + abs(beta)',
          '        self.set_holdings(first_leg, opened / gross)',
          '        self.set_holdings(second_leg, -opened * beta / gross)',
        ]
      : [
          `        # Long the spread: first leg long ${num(fraction)} of the portfolio, second short by the hedge ratio.`,
          `        self.set_holdings(first_leg, opened * ${num(fraction)})`,
          `        self.set_holdings(second_leg, -opened * beta * ${num(fraction)})`,
        ]),
    '        self._pair_side = opened',
    ...(valueStop ? ['        self._pair_value = self.portfolio.total_portfolio_value'] : []),
  ];
  return { signature: 'def _trade_pair(self):', body };
}
