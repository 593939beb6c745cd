// Risk overlays of a composed strategy: stop loss, trailing stop and take profit at any distance the
// request names (a fraction of the entry, an ATR or standard-deviation multiple, pips, dollars), a time
// exit, flat by a time of day, and a maximum drawdown that stops trading. Orders placed with
// set_holdings carry no stop of their own, so the distances are checked on every bar the rules read,
// against the position's average price (LEAN's `SecurityHolding.AveragePrice`) and its best price since entry.
import type { Distance } from '../../request/types';
import { num } from '../templates/python';
import type { PlannedRisk } from './composeTypes';
import type { IndicatorPart } from './signalBlocks';

/** The per-symbol indicators the distances need: an ATR for ATR multiples, a deviation for std multiples. */
export function riskIndicators(risk: PlannedRisk, sizingAtr: boolean): IndicatorPart[] {
  const distances = [risk.stopLoss, risk.trailingStop, risk.takeProfit].filter((d): d is Distance => d !== undefined);
  const out: IndicatorPart[] = [];
  if (sizingAtr || distances.some((d) => d.unit === 'atr'))
    out.push({ name: 'atr', create: 'AverageTrueRange(14, MovingAverageType.WILDERS)', feed: 'bar' });
  if (distances.some((d) => d.unit === 'std')) out.push({ name: 'price_deviation', create: 'StandardDeviation(20)', feed: 'close' });
  return out;
}

/** The price distance as a Python expression, where `entry` is the average entry price. */
export function distanceExpression(distance: Distance): string {
  switch (distance.unit) {
    case 'fraction':
      return `entry * ${num(distance.amount)}`;
    case 'atr':
      return `${num(distance.amount)} * self._atr[symbol].current.value`;
    case 'std':
      return `${num(distance.amount)} * self._price_deviation[symbol].current.value`;
    case 'pips':
      // A pip is ten of the pair's smallest price steps (0.0001 for EURUSD, 0.01 for USDJPY).
      return `${num(distance.amount)} * 10 * self.securities[traded].symbol_properties.minimum_price_variation`;
    case 'usd':
      return num(distance.amount);
  }
}

/** A trailing distance measured from the best price (`best` is the side-signed best price). */
function trailingDistance(distance: Distance): string {
  return distance.unit === 'fraction' ? `abs(best) * ${num(distance.amount)}` : distanceExpression(distance);
}

export function distanceWords(distance: Distance): string {
  switch (distance.unit) {
    case 'fraction':
      return `${num(Number((distance.amount * 100).toFixed(4)))}%`;
    case 'atr':
      return `${num(distance.amount)} ATR`;
    case 'std':
      return `${num(distance.amount)} standard deviations`;
    case 'pips':
      return `${num(distance.amount)} pips`;
    case 'usd':
      return `$${num(distance.amount)}`;
  }
}

export function hasExits(risk: PlannedRisk): boolean {
  return Boolean(risk.stopLoss || risk.trailingStop || risk.takeProfit || risk.timeExit);
}

/** Python `timedelta` keyword for a time-exit unit. */
const TIME_UNITS: Readonly<Record<string, string>> = { second: 'seconds', minute: 'minutes', hour: 'hours', day: 'days', week: 'weeks' };

/**
 * The body of `_risk_exit(self, symbol, traded)`: returns the reason a held position must close now,
 * or None. `self._best[symbol]` is the best price since entry, `self._entered[symbol]` the entry time,
 * `self._bars_held[symbol]` the bars since entry.
 */
export function riskExitBody(risk: PlannedRisk): string[] {
  const lines = [
    'holding = self.portfolio[traded]',
    'price = self.securities[traded].price',
    'entry = holding.average_price',
    'side = 1 if holding.is_long else -1',
    'move = side * (price - entry)',
  ];
  if (risk.trailingStop) lines.push('best = self._best[symbol] = max(side * price, self._best.get(symbol, side * price))');
  if (risk.timeExit?.unit === 'bar') lines.push('self._bars_held[symbol] = self._bars_held.get(symbol, 0) + 1');
  const checks: [string, string][] = [];
  if (risk.stopLoss) checks.push([`move <= -(${distanceExpression(risk.stopLoss)})`, 'stop loss']);
  if (risk.takeProfit) checks.push([`move >= ${distanceExpression(risk.takeProfit)}`, 'take profit']);
  if (risk.trailingStop) checks.push([`best - side * price >= ${trailingDistance(risk.trailingStop)}`, 'trailing stop']);
  if (risk.timeExit) {
    const { count, unit } = risk.timeExit;
    checks.push([
      unit === 'bar'
        ? `self._bars_held[symbol] >= ${num(count)}`
        : `self.time - self._entered.get(symbol, self.time) >= timedelta(${TIME_UNITS[unit]}=${num(count)})`,
      'time exit',
    ]);
  }
  for (const [condition, reason] of checks) lines.push(`if ${condition}:`, `    return "${reason}"`);
  lines.push('return None');
  return lines;
}

/** Lines run when a position opens: the state the exits measure from. */
export function entryStateLines(risk: PlannedRisk): string[] {
  const lines: string[] = [];
  if (risk.trailingStop) lines.push('self._best.pop(symbol, None)');
  if (risk.timeExit?.unit === 'bar') lines.push('self._bars_held[symbol] = 0');
  else if (risk.timeExit) lines.push('self._entered[symbol] = self.time');
  return lines;
}

/** The dictionaries the exits keep, created in initialize. */
export function riskStateLines(risk: PlannedRisk): string[] {
  const lines: string[] = [];
  if (risk.trailingStop) lines.push('self._best = {}');
  if (risk.timeExit?.unit === 'bar') lines.push('self._bars_held = {}');
  else if (risk.timeExit) lines.push('self._entered = {}');
  if (hasExits(risk)) lines.push('self._stopped = set()');
  if (risk.maxDrawdown !== undefined) lines.push('self._equity_peak = 0.0', 'self._halted = False');
  return lines;
}

/** The body of `_drawdown_halted(self)`: liquidates and stops trading once equity falls far enough below its peak. */
export function drawdownBody(maxDrawdown: number): string[] {
  return [
    'if self._halted:',
    '    return True',
    'equity = self.portfolio.total_portfolio_value',
    'self._equity_peak = max(self._equity_peak, equity)',
    `if equity < self._equity_peak * (1 - ${num(maxDrawdown)}):`,
    '    self.liquidate()',
    `    self.log(f"Maximum drawdown of ${num(maxDrawdown * 100)}% reached; trading stops.")`,
    '    self._halted = True',
    'return self._halted',
  ];
}

/** `(hour, minute)` of an "HH:MM" time, for schedule calls and comparisons. */
export function clockParts(hhmm: string): [number, number] {
  const [h, m] = hhmm.split(':').map(Number);
  return [h ?? 0, m ?? 0];
}
