// Pieces shared by the families that trade a basket at scheduled rebalances (momentum rotation and
// the alpha factor): subscriptions, the schedule, and an on_data that only runs the risk overlays.
import { block, resolution, str, wrapList, type Method } from './python';
import { hasDrawdownGuard, hasStops } from './risk';
import type { StrategySpec } from './types';

export type Rebalance = 'daily' | 'weekly' | 'monthly';

/**
 * Subscribes every ticker into `self._symbols` and creates, per symbol, the daily indicators named by
 * `indicators` (attribute without underscore → Python call for `symbol`). Indicators are daily whatever
 * the data resolution, because the lookbacks are in trading days.
 */
export function basketLines(spec: StrategySpec, indicators: { name: string; create: string }[]): string[] {
  return [
    ...wrapList('tickers = ', spec.tickers.map(str), '', 2),
    'self._symbols = []',
    ...indicators.map((indicator) => `self._${indicator.name} = {}`),
    ...block('for ticker in tickers:', [
      `symbol = self.add_equity(ticker, ${resolution(spec.resolution)}).symbol`,
      'self._symbols.append(symbol)',
      ...indicators.map((indicator) => `self._${indicator.name}[symbol] = ${indicator.create}`),
    ]),
  ];
}

/** `self.schedule.on(...)` calling `self._rebalance` 30 minutes after the open of the first ticker's market. */
export function scheduleLines(rebalance: Rebalance): string[] {
  const dateRule = { daily: 'every_day', weekly: 'week_start', monthly: 'month_start' }[rebalance];
  return [
    'self.schedule.on(',
    `    self.date_rules.${dateRule}(self._symbols[0]),`,
    '    self.time_rules.after_market_open(self._symbols[0], 30),',
    '    self._rebalance,',
    ')',
  ];
}

/** on_data for the risk overlays between rebalances, or none when the spec has no overlay that needs it. */
export function riskOnData(spec: StrategySpec): Method | undefined {
  const stops = hasStops(spec.risk);
  const guard = hasDrawdownGuard(spec.risk);
  if (!stops && !guard) return undefined;
  const body = block(`if self.is_warming_up${guard ? ' or self._drawdown_halted()' : ''}:`, ['return']);
  if (stops) {
    body.push(...block('for symbol in self._symbols:', block('if data.bars.contains_key(symbol):', ['self._check_stops(symbol)'])));
  }
  return { signature: 'def on_data(self, data: Slice):', body };
}

/** The first lines of `_rebalance`: nothing happens while warming up or after the drawdown guard fired. */
export function rebalanceGuard(spec: StrategySpec): string[] {
  return block(`if self.is_warming_up${hasDrawdownGuard(spec.risk) ? ' or self._drawdown_halted()' : ''}:`, ['return']);
}

/** Liquidates every holding that is not in `keep` (a Python expression for a list of symbols or a test). */
export function liquidateOthers(condition: string): string[] {
  return block('for symbol in self._symbols:', block(`if ${condition} and self.portfolio[symbol].invested:`, ['self.liquidate(symbol)']));
}
