// Display text for LEAN's statistics (format.ts): money reads as money everywhere a statistic is shown
// (panel cards, statistics tab, compare table, HTML and Markdown reports), other statistics as LEAN wrote them.
import { describe, expect, it } from 'vitest';
import { parseStatisticValue } from '../../extension/core/backtest/results/index';
import { formatMoneyAmount, formatStatistic } from '../../extension/shared/format';

describe('formatStatistic', () => {
  it.each([
    // LEAN's capacity estimates (both full fixtures), short from a million up
    ['Estimated Strategy Capacity', '$3400000.00', '$3.4M'],
    ['Estimated Strategy Capacity', '$30000000.00', '$30M'],
    ['Estimated Strategy Capacity', '$0', '$0'],
    ['Estimated Strategy Capacity', '$1234567.89', '$1.23M'],
    ['Estimated Strategy Capacity', '$2500000000', '$2.5B'],
    // below a million: grouped, LEAN's decimals kept, so the value is exact
    ['Total Fees', '$357.22', '$357.22'],
    ['Total Fees', '$0.65', '$0.65'],
    ['Equity', '$98,118.51', '$98,118.51'],
    ['Net Profit', '$-1,728.37', '-$1,728.37'],
    ['Fees', '-$357.22', '-$357.22'],
    ['Holdings', '$0.00', '$0.00'],
    ['Volume', '$28,128,865.13', '$28.13M'],
    ['Volume', '€999999.50', '€999,999.50'],
    ['Volume', '-€1500000', '-€1.5M'],
    // the plain-number equities are money in the account currency; LEAN wrote no symbol, so none is added
    ['Start Equity', '100000', '100,000'],
    ['End Equity', '98118.51', '98,118.51'],
    ['End Equity', '12345678.9', '12.35M'],
    // everything else as LEAN wrote it
    ['Net Profit', '-1.881%', '-1.881%'],
    ['Return', '-1.88 %', '-1.88 %'],
    ['Total Orders', '301', '301'],
    ['Portfolio Turnover', '918.07%', '918.07%'],
    ['Sharpe Ratio', '-2.036', '-2.036'],
    ['Lowest Capacity Asset', 'SPY R735QTJ8XC9X', 'SPY R735QTJ8XC9X'],
    ['Drawdown Recovery', '0', '0'],
    ['Anything', '', ''],
  ])('%s %s → %s', (name, lean, shown) => {
    expect(formatStatistic(name, lean)).toBe(shown);
  });

  it('keeps amounts below a million exact and rounds the short form to within 0.5%', () => {
    for (const lean of ['$357.22', '$98,118.51', '$-1,728.37', '$999,999.99', '$3400000.00', '$28,128,865.13', '$1234567.89']) {
      const exact = parseStatisticValue(lean)?.value as number;
      const shown = parseStatisticValue(formatStatistic('Volume', lean))?.value as number;
      if (Math.abs(exact) < 1e6) expect(shown).toBe(exact);
      else expect(Math.abs(shown - exact) / Math.abs(exact)).toBeLessThan(0.005);
    }
  });
});

describe('formatMoneyAmount', () => {
  it('writes signs, a plus for differences, and no sign on zero', () => {
    expect(formatMoneyAmount(26_600_000, '$', 2, true)).toBe('+$26.6M');
    expect(formatMoneyAmount(-293.4, '$', 2, true)).toBe('-$293.40');
    expect(formatMoneyAmount(-0.001, '$', 2)).toBe('$0.00');
    expect(formatMoneyAmount(1e12, '£', 0)).toBe('£1T');
  });
});
