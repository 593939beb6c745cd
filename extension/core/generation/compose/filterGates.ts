// Filters that gate a composed strategy's entries: a trend filter on the traded price or on another
// symbol, a VIX level, a volatility regime (calm or volatile against its own one-year average), and a
// time-of-day window. Each gives the indicators it keeps, the setup lines, what must be ready before an
// entry, and the condition an entry needs. Exits are never gated: a filter stops new trades only.
import type { PlannedFilter } from './composeTypes';
import { num, str } from '../templates/python';
import type { ComposePlan, PlannedInstrument } from './composeTypes';
import { clockParts } from './riskOverlays';
import { addCall } from './instrumentAdapters';
import { planBar, warmUpDays } from './barBuilding';

/** Daily bars of a US equity: what a filter on daily closes is warmed on. */
const DAILY = planBar({ size: 1, unit: 'day' });
const SPY: PlannedInstrument = { symbol: 'SPY', type: 'etf', market: 'usa' };
import type { IndicatorPart } from './signalBlocks';

export interface FilterParts {
  indicators: IndicatorPart[];
  initialize: string[];
  notReady: string[];
  gates: string[];
  /** The symbols the filters subscribe to for reference only (never traded), as Python expressions. */
  references: string[];
  /** Bars of the plan's bar size the filters need, and calendar days for filters on daily data. */
  warmUpBars: number;
  warmUpDays: number;
}

/** A year of trading days: the window the volatility regime is compared over. */
const REGIME_WINDOW = 252;

export function filterParts(plan: ComposePlan): FilterParts {
  const parts: FilterParts = { indicators: [], initialize: [], notReady: [], gates: [], references: [], warmUpBars: 0, warmUpDays: 0 };
  plan.filters.forEach((filter, i) => addFilter(plan, filter, i, parts));
  return parts;
}

function addFilter(plan: ComposePlan, filter: PlannedFilter, i: number, parts: FilterParts): void {
  const suffix = i === 0 ? '' : `_${i + 1}`;
  switch (filter.kind) {
    case 'trend': {
      const cls = filter.average === 'ema' ? 'ExponentialMovingAverage' : 'SimpleMovingAverage';
      const helper = filter.average === 'ema' ? 'ema' : 'sma';
      const compare = filter.side === 'above' ? '>' : '<';
      if (filter.symbol) {
        const reference: PlannedInstrument = plan.references?.[filter.symbol] ?? { symbol: filter.symbol, type: 'etf', market: 'usa' };
        const name = `self._reference${suffix}`;
        parts.initialize.push(
          `${name} = ${addCall(reference, str(reference.symbol), 'DAILY')}.symbol`,
          `${name}_trend = self.${helper}(${name}, ${num(filter.period)}, Resolution.DAILY)`,
          // Warmed from history at once: a universe strategy has no algorithm warm-up to do it.
          ...(plan.universe ? [`self.warm_up_indicator(${name}, ${name}_trend, Resolution.DAILY)`] : []),
        );
        parts.references.push(name);
        parts.notReady.push(`not ${name}_trend.is_ready`);
        parts.gates.push(`self.securities[${name}].price ${compare} ${name}_trend.current.value`);
        parts.warmUpDays = Math.max(parts.warmUpDays, warmUpDays(DAILY, [SPY], filter.period));
      } else if ('daily' in filter) {
        // LEAN's helper consolidates the intraday data into daily bars for the average.
        parts.indicators.push({
          name: `trend${suffix}`,
          create: `self.${helper}(symbol, ${num(filter.period)}, Resolution.DAILY)`,
          feed: 'auto',
        });
        parts.gates.push(`price ${compare} self._trend${suffix}[symbol].current.value`);
        parts.warmUpDays = Math.max(parts.warmUpDays, warmUpDays(DAILY, [SPY], filter.period));
      } else {
        parts.indicators.push({ name: `trend${suffix}`, create: `${cls}(${num(filter.period)})`, feed: 'close' });
        parts.gates.push(`price ${compare} self._trend${suffix}[symbol].current.value`);
        parts.warmUpBars = Math.max(parts.warmUpBars, filter.period);
      }
      return;
    }
    case 'vix': {
      parts.initialize.push('self._vix = self.add_index("VIX", Resolution.DAILY, Market.USA).symbol');
      parts.references.push('self._vix');
      parts.notReady.push('not self.securities[self._vix].has_data');
      if (filter.below !== undefined) parts.gates.push(`self.securities[self._vix].price < ${num(filter.below)}`);
      if (filter.above !== undefined) parts.gates.push(`self.securities[self._vix].price > ${num(filter.above)}`);
      return;
    }
    case 'volatility': {
      const period = filter.period ?? 20;
      parts.indicators.push(
        { name: `regime_volatility${suffix}`, create: `StandardDeviation(${num(period)})`, feed: 'return' },
        { name: `regime_average${suffix}`, create: `SimpleMovingAverage(${REGIME_WINDOW})`, feed: { of: `regime_volatility${suffix}` } },
      );
      const compare = filter.regime === 'low' ? '<' : '>';
      parts.gates.push(
        `self._regime_volatility${suffix}[symbol].current.value ${compare} self._regime_average${suffix}[symbol].current.value`,
      );
      parts.warmUpBars = Math.max(parts.warmUpBars, period + REGIME_WINDOW + 1);
      return;
    }
    case 'time-of-day': {
      const now = '(self.time.hour, self.time.minute)';
      if (filter.after) parts.gates.push(`${now} >= (${clockParts(filter.after).join(', ')})`);
      if (filter.before) parts.gates.push(`${now} < (${clockParts(filter.before).join(', ')})`);
      return;
    }
  }
}
