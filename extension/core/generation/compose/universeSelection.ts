// Universes: the symbols traded are chosen by LEAN's universe selection instead of a fixed list.
// - etf-constituents: `self.universe.etf(ticker, ...)`; ranked by the constituent's weight in the ETF
//   (a market-cap proxy for cap-weighted ETFs), or, for any other ranking, the members are kept and a
//   fundamental universe ranks them (ETF constituent data carries no volume or ratios).
// - fundamental: one pass over LEAN's `Fundamental` objects: price floor, ranking, count.
// Members are tracked as they arrive (`on_securities_changed`), their indicators warmed from history,
// and removed members are sold and forgotten (LEAN: Algorithm/QCAlgorithm.Universe.cs,
// Common/Data/UniverseSelection/ETFConstituentUniverse.cs, Common/Data/Fundamental/Fundamental.cs).
import type { Universe, UniverseRank } from '../../request/types';
import { methodDoc, num, str, type Method } from '../templates/python';

/** How each ranking reads from a `Fundamental` object, and whether the best are the highest. */
const RANKS: Readonly<Record<Exclude<UniverseRank, 'momentum'>, { key: string; highest: boolean; positive?: boolean }>> = {
  'dollar-volume': { key: 'f.dollar_volume', highest: true },
  volume: { key: 'f.volume', highest: true },
  'market-cap': { key: 'f.market_cap', highest: true },
  'pe-ratio': { key: 'f.valuation_ratios.pe_ratio', highest: false, positive: true },
  'dividend-yield': { key: 'f.valuation_ratios.trailing_dividend_yield', highest: true },
};

/** Whether the composer can select this universe; a momentum ranking is the rotation's job, not selection's. */
export function selectable(universe: Universe): boolean {
  return universe.by !== 'momentum';
}

export function universeInitLines(universe: Universe, resolution: string): string[] {
  const lines = [`self.universe_settings.resolution = Resolution.${resolution}`];
  if (universe.kind === 'fundamental') return [...lines, 'self.add_universe(self._select)'];
  lines.push(`self.add_universe(self.universe.etf(${str(universe.etf)}, self.universe_settings, self._select_members))`);
  if (universe.by && universe.by !== 'market-cap') lines.push('self._members = set()', 'self.add_universe(self._select)');
  return lines;
}

function fundamentalBody(
  count: number | undefined,
  by: UniverseRank | undefined,
  minPrice: number | undefined,
  members: boolean,
): string[] {
  const conditions = ['f.has_fundamental_data'];
  if (members) conditions.push('f.symbol in self._members');
  if (minPrice !== undefined) conditions.push(`f.price > ${num(minPrice)}`);
  const rank = by && by !== 'momentum' ? RANKS[by] : undefined;
  if (rank?.positive) conditions.push(`${rank.key} > 0`);
  const lines = [`candidates = [f for f in fundamental if ${conditions.join(' and ')}]`];
  if (rank) lines.push(`candidates = sorted(candidates, key=lambda f: ${rank.key}, reverse=${rank.highest ? 'True' : 'False'})`);
  lines.push(`return [f.symbol for f in candidates${count !== undefined ? `[:${num(count)}]` : ''}]`);
  return lines;
}

export function universeMethods(universe: Universe): Method[] {
  if (universe.kind === 'fundamental')
    return [
      {
        signature: 'def _select(self, fundamental):',
        body: [
          ...methodDoc('The universe: US equities by the ranking asked for.'),
          ...fundamentalBody(universe.count, universe.by, universe.minPrice, false),
        ],
      },
    ];
  const ranked = universe.by && universe.by !== 'market-cap';
  const methods: Method[] = [];
  if (ranked) {
    methods.push({
      signature: 'def _select_members(self, constituents):',
      body: [
        ...methodDoc(`Keeps ${universe.etf}'s holdings; the fundamental universe ranks them.`),
        'self._members = {c.symbol for c in constituents}',
        'return []',
      ],
    });
    methods.push({
      signature: 'def _select(self, fundamental):',
      body: [
        ...methodDoc(`${universe.etf}'s holdings by the ranking asked for.`),
        ...fundamentalBody(universe.count, universe.by, undefined, true),
      ],
    });
  } else {
    const body = [
      ...methodDoc(
        `${universe.etf}'s holdings${universe.count !== undefined ? `, the ${num(universe.count)} largest by their weight in the ETF` : ''}.`,
      ),
    ];
    if (universe.count !== undefined)
      body.push(
        'largest = sorted([c for c in constituents if c.weight], key=lambda c: c.weight, reverse=True)',
        `return [c.symbol for c in largest[:${num(universe.count)}]]`,
      );
    else body.push('return [c.symbol for c in constituents]');
    methods.push({ signature: 'def _select_members(self, constituents):', body });
  }
  return methods;
}

/** `on_securities_changed`: new members are tracked; members that leave are sold and forgotten. */
export function securitiesChanged(indicatorNames: readonly string[], consolidated: boolean, references: readonly string[]): Method {
  const forget = indicatorNames.map((name) => `self._${name}.pop(symbol, None)`);
  return {
    signature: 'def on_securities_changed(self, changes):',
    body: [
      ...methodDoc('Tracks new universe members and sells and forgets those that left.'),
      'for security in changes.added_securities:',
      // The filters' reference symbols (SPY's trend, the VIX) arrive here too, and are never traded.
      `    if security.symbol not in self._symbols${references.length ? ` and security.symbol not in (${references.join(', ')}${references.length === 1 ? ',' : ''})` : ''}:`,
      '        self._track(security)',
      'for security in changes.removed_securities:',
      '    symbol = security.symbol',
      '    if symbol not in self._symbols:',
      '        continue',
      '    self.liquidate(symbol)',
      '    self._symbols.remove(symbol)',
      ...(consolidated ? ['    self.subscription_manager.remove_consolidator(symbol, self._consolidators.pop(symbol))'] : []),
      ...forget.map((l) => `    ${l}`),
    ],
  };
}
