// The tests' own account of the statistic cards: which LEAN statistic each card label shows. Written out
// here, independently of the product's list (extension/core/report/statisticCards.ts), so the panel
// model, the panel in Chromium and the exported HTML report are all checked against the same oracle and
// a change to the product's cards has to be made here as well, on purpose.

/** The LEAN statistics behind each card label, in the order the cards are shown and LEAN's names are tried. */
export const CARD_STATISTIC: Readonly<Record<string, readonly string[]>> = {
  'Net Profit': ['Net Profit'],
  'Compounding Annual Return': ['Compounding Annual Return'],
  'Sharpe Ratio': ['Sharpe Ratio'],
  'Sortino Ratio': ['Sortino Ratio'],
  Drawdown: ['Drawdown'],
  'Win Rate': ['Win Rate'],
  'Profit-Loss Ratio': ['Profit-Loss Ratio'],
  // Older LEAN versions say "Total Trades".
  'Total Orders': ['Total Orders', 'Total Trades'],
  Fees: ['Total Fees'],
  Capacity: ['Estimated Strategy Capacity'],
};

/** The statistic a card shows: its name in LEAN's statistics and LEAN's text for it. */
export interface CardStatistic {
  statistic: string;
  lean: string;
}

/**
 * The statistic behind the card labelled `label`: the first of its LEAN names that `statistics` has, or
 * undefined when it has none of them. Throws for a label that no card has.
 */
export function cardStatistic(label: string, statistics: Readonly<Record<string, string>>): CardStatistic | undefined {
  const names = CARD_STATISTIC[label];
  if (!names) throw new Error(`no statistic card is labelled ${JSON.stringify(label)}`);
  const statistic = names.find((name) => statistics[name] !== undefined);
  return statistic === undefined ? undefined : { statistic, lean: statistics[statistic] as string };
}

/** The labels of the cards these statistics call for, in the order they are shown. */
export function expectedCardLabels(statistics: Readonly<Record<string, string>>): string[] {
  return Object.keys(CARD_STATISTIC).filter((label) => cardStatistic(label, statistics) !== undefined);
}
