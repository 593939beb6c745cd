// Risk overlays shared by every family: fixed and trailing stops, position sizing and a drawdown
// guard. Orders placed with set_holdings carry no stop of their own, so stops are checked on every bar
// against the position's entry price and its best price since entry.
import { methodDoc, num, percent, type Method } from './python';
import type { RiskSpec, StrategySpec } from './types';

export interface RiskShape {
  /** `symbol`: each position has its own stop. `pair`: both legs share one stop on their combined return. */
  unit: 'symbol' | 'pair';
  /** The family opens short positions, so trailing stops must follow the low as well as the high. */
  shorts: boolean;
  /**
   * After a stop the family stays out until its own exit signal fires, so a signal that is still on is
   * not bought again on the next bar. Families that only trade at scheduled rebalances do not need it.
   */
  lockout: boolean;
}

export function hasStops(risk: RiskSpec): boolean {
  return risk.stopLossPct !== undefined || risk.trailingStopPct !== undefined;
}

export function hasDrawdownGuard(risk: RiskSpec): boolean {
  return risk.maxDrawdownPct !== undefined;
}

/** Attributes the overlays keep, assigned at the end of initialize. */
export function riskInitLines(risk: RiskSpec, shape: RiskShape): string[] {
  const lines: string[] = [];
  if (risk.stopLossPct !== undefined) lines.push(`self._stop_loss = ${num(risk.stopLossPct)}`);
  if (risk.trailingStopPct !== undefined) {
    lines.push(`self._trailing_stop = ${num(risk.trailingStopPct)}`);
    if (shape.unit === 'pair') lines.push('self._best_return = None');
    else lines.push(shape.shorts ? 'self._best_price = {}' : 'self._high_water = {}');
  }
  if (hasStops(risk) && shape.lockout) lines.push(shape.unit === 'pair' ? 'self._stopped = False' : 'self._stopped = set()');
  if (risk.maxDrawdownPct !== undefined) {
    lines.push(`self._max_drawdown = ${num(risk.maxDrawdownPct)}`, 'self._equity_peak = 0.0', 'self._halted = False');
  }
  return lines;
}

/** Helper methods the overlays need: `_check_stops` and `_drawdown_halted`, as configured. */
export function riskMethods(risk: RiskSpec, shape: RiskShape): Method[] {
  const methods: Method[] = [];
  if (hasStops(risk)) methods.push(shape.unit === 'pair' ? pairStops(risk, shape) : symbolStops(risk, shape));
  if (hasDrawdownGuard(risk)) methods.push(drawdownGuard());
  return methods;
}

/** `if <first>: reason = ...` / `elif <second>: ...` / `else: return False` over the configured stops. */
function stopChain(risk: RiskSpec, stopLoss: string, trailing: string): string[] {
  const checks: [string, string][] = [];
  if (risk.stopLossPct !== undefined) checks.push([stopLoss, 'Stop loss']);
  if (risk.trailingStopPct !== undefined) checks.push([trailing, 'Trailing stop']);
  const lines: string[] = [];
  checks.forEach(([condition, reason], i) => {
    lines.push(`${i === 0 ? 'if' : 'elif'} ${condition}:`, `    reason = "${reason}"`);
  });
  lines.push('else:', '    return False');
  return lines;
}

function symbolStops(risk: RiskSpec, shape: RiskShape): Method {
  const trailing = risk.trailingStopPct !== undefined;
  const memory = shape.shorts ? '_best_price' : '_high_water';
  const body = [
    ...methodDoc(
      'Liquidates symbol and returns True when its stop is hit.',
      shape.shorts && trailing ? 'Longs trail their highest price since entry, shorts their lowest.' : undefined,
    ),
    'holding = self.portfolio[symbol]',
    'if not holding.invested:',
  ];
  if (trailing) body.push(`    self.${memory}.pop(symbol, None)`);
  body.push('    return False');
  if (trailing) {
    body.push('price = holding.price');
    if (shape.shorts) {
      body.push(
        `best = self.${memory}.get(symbol, holding.average_price)`,
        'best = max(best, price) if holding.is_long else min(best, price)',
        `self.${memory}[symbol] = best`,
      );
    } else {
      body.push(`high = max(self.${memory}.get(symbol, holding.average_price), price)`, `self.${memory}[symbol] = high`);
    }
  }
  body.push(
    ...stopChain(
      risk,
      'holding.unrealized_profit_percent <= -self._stop_loss',
      shape.shorts ? 'abs(price - best) >= best * self._trailing_stop' : 'price <= high * (1 - self._trailing_stop)',
    ),
    'self.liquidate(symbol, tag=reason)',
  );
  if (trailing) body.push(`self.${memory}.pop(symbol, None)`);
  if (shape.lockout) body.push('self._stopped.add(symbol)');
  body.push('return True');
  return { signature: 'def _check_stops(self, symbol: Symbol) -> bool:', body };
}

function pairStops(risk: RiskSpec, shape: RiskShape): Method {
  const trailing = risk.trailingStopPct !== undefined;
  const body = [
    '"""Closes both legs and returns True when the stop on their combined return is hit."""',
    'if not self.portfolio.invested:',
  ];
  if (trailing) body.push('    self._best_return = None');
  body.push(
    '    return False',
    'cost = self.portfolio.total_absolute_holdings_cost',
    'pair_return = self.portfolio.total_unrealized_profit / cost',
  );
  if (trailing) {
    body.push('best = pair_return if self._best_return is None else max(self._best_return, pair_return)', 'self._best_return = best');
  }
  body.push(
    ...stopChain(risk, 'pair_return <= -self._stop_loss', '1 + pair_return <= (1 + best) * (1 - self._trailing_stop)'),
    'self.liquidate(tag=reason)',
  );
  if (trailing) body.push('self._best_return = None');
  if (shape.lockout) body.push('self._stopped = True');
  body.push('return True');
  return { signature: 'def _check_stops(self) -> bool:', body };
}

function drawdownGuard(): Method {
  return {
    signature: 'def _drawdown_halted(self) -> bool:',
    body: [
      '"""Liquidates once equity falls the maximum drawdown below its peak; True from then on."""',
      'if self._halted:',
      '    return True',
      'equity = self.portfolio.total_portfolio_value',
      'self._equity_peak = max(self._equity_peak, equity)',
      'if equity > self._equity_peak * (1 - self._max_drawdown):',
      '    return False',
      'self.liquidate(tag="Max drawdown")',
      'self._halted = True',
      'self.debug(f"{self.time}: equity {equity:,.0f} is past the drawdown limit; trading stopped")',
      'return True',
    ],
  };
}

/** The docstring paragraph on sizing and, when the spec has overlays, risk. */
export function riskSentence(spec: StrategySpec, sizing: string): string {
  const { risk } = spec;
  const parts: string[] = [];
  if (risk.stopLossPct !== undefined) parts.push(`a ${percent(risk.stopLossPct)} stop loss`);
  if (risk.trailingStopPct !== undefined) parts.push(`a ${percent(risk.trailingStopPct)} trailing stop`);
  if (risk.maxDrawdownPct !== undefined)
    parts.push(`no more trading after a ${percent(risk.maxDrawdownPct)} drawdown from the equity peak`);
  const sizingText = `Sizing: ${sizing}.`;
  if (parts.length === 0) return sizingText;
  const last = parts.pop()!;
  return `${sizingText} Risk: ${parts.length ? `${parts.join(', ')} and ${last}` : last}.`;
}

/** A Python weight expression: the spec's position size, or the family's own when it sets none. */
export function weightExpression(spec: StrategySpec, familyDefault: string): string {
  return spec.risk.positionSize !== undefined ? num(spec.risk.positionSize) : familyDefault;
}

/** Prose for the sizing, e.g. "50% of the portfolio per position". */
export function sizingWords(spec: StrategySpec, familyDefault: string, unit = 'position'): string {
  return spec.risk.positionSize !== undefined ? `${percent(spec.risk.positionSize)} of the portfolio per ${unit}` : familyDefault;
}
