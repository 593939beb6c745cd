// The compare view of two runs: every statistic side by side with its difference (b − a), and both
// equity curves for one chart. Differences are computed only where both values are numbers of the same
// unit (parseStatisticValue reads LEAN's "2.200%", "$3.44", "-0.5"); percentages differ in percentage points.
import { parseStatisticValue } from '../backtest/results/index';
import type { CompareRowView, CompareSideView, CompareView } from '../../shared/protocol';
import { seriesValues } from '../report/chartData';
import { decimalsIn, formatMoneyAmount, isMoneyStatistic } from '../../shared/format';
import { backtestPeriod } from '../report/jsonReport';
import { lineView } from './panelSeries';
import type { ReportSource } from '../report/source';

export function buildCompareView(a: ReportSource, b: ReportSource, maxPoints?: number): CompareView {
  const names = [...new Set([...Object.keys(a.results.statistics), ...Object.keys(b.results.statistics)])];
  return {
    a: side(a, maxPoints),
    b: side(b, maxPoints),
    rows: names.map((name) => compareRow(name, a.results.statistics[name] ?? null, b.results.statistics[name] ?? null)),
  };
}

export function compareRow(name: string, a: string | null, b: string | null): CompareRowView {
  const x = a === null ? null : parseStatisticValue(a);
  const y = b === null ? null : parseStatisticValue(b);
  if (!x || !y || x.unit !== y.unit) return { name, a, b, difference: null, tone: 'neutral' };
  const diff = roundOff(y.value - x.value);
  return {
    name,
    a,
    b,
    difference: formatDifference(diff, y.unit, Math.max(decimalsIn(a), decimalsIn(b)), isMoneyStatistic(name, y.unit)),
    tone: diff > 0 ? 'positive' : diff < 0 ? 'negative' : 'neutral',
  };
}

/**
 * "+1.25%", "-$357.22", "+0.72", "0" — as many decimals as the more precise input; money from a million
 * up short, as the statistics show it ("+$26.6M", see formatStatistic).
 */
export function formatDifference(value: number, unit: string, decimals: number, money = unit !== '' && unit !== '%'): string {
  const sign = value > 0 ? '+' : value < 0 ? '-' : '';
  const digits = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  if (Number(digits.replaceAll(',', '')) === 0) return unit === '%' ? '0%' : `${unit === '' ? '' : unit}0`;
  if (money) return formatMoneyAmount(value, unit, decimals, true);
  if (unit === '%') return `${sign}${digits}%`;
  return `${sign}${unit}${digits}`;
}

/** Floating-point noise off a difference of two decimals ("0.1 - 0.3"). */
function roundOff(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function side(source: ReportSource, maxPoints?: number): CompareSideView {
  const r = source.results;
  const equity = seriesValues(r.equity);
  return {
    folder: source.dir,
    title: source.title,
    run: source.run,
    period: backtestPeriod(r),
    status: r.state?.status ?? null,
    equity: equity.length > 0 ? lineView('Equity', r.equity?.unit || '$', equity, maxPoints) : null,
  };
}
