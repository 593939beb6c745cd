// The headline statistics shown as cards, in this order; a statistic the run lacks is left out.
// Older LEAN versions named some differently, so each card lists the names to look for. A card keeps
// LEAN's text; the panel and the reports show it through formatStatistic (format.ts), which reads money
// as money ("$3400000.00" → "$3.4M").
import { parseStatisticValue } from '../backtest/results/index';

interface CardSpec {
  label: string;
  names: readonly string[];
  /** Colour the value by its sign (gains green, losses red). */
  signed: boolean;
}

const CARDS: readonly CardSpec[] = [
  { label: 'Net Profit', names: ['Net Profit'], signed: true },
  { label: 'Compounding Annual Return', names: ['Compounding Annual Return'], signed: true },
  { label: 'Sharpe Ratio', names: ['Sharpe Ratio'], signed: true },
  { label: 'Sortino Ratio', names: ['Sortino Ratio'], signed: true },
  { label: 'Drawdown', names: ['Drawdown'], signed: false },
  { label: 'Win Rate', names: ['Win Rate'], signed: false },
  { label: 'Profit-Loss Ratio', names: ['Profit-Loss Ratio'], signed: false },
  { label: 'Total Orders', names: ['Total Orders', 'Total Trades'], signed: false },
  { label: 'Fees', names: ['Total Fees'], signed: false },
  { label: 'Capacity', names: ['Estimated Strategy Capacity'], signed: false },
];

export interface StatisticCard {
  label: string;
  /** As LEAN wrote it; shown through formatStatistic(label, value). */
  value: string;
  tone: 'positive' | 'negative' | 'neutral';
}

export function statisticCards(statistics: Record<string, string>): StatisticCard[] {
  const cards: StatisticCard[] = [];
  for (const spec of CARDS) {
    const value = spec.names.map((name) => statistics[name]).find((v) => v !== undefined && v.trim() !== '');
    if (value === undefined) continue;
    const n = spec.signed ? parseStatisticValue(value)?.value : undefined;
    cards.push({ label: spec.label, value, tone: n === undefined || n === 0 ? 'neutral' : n > 0 ? 'positive' : 'negative' });
  }
  return cards;
}
