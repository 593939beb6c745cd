// totalPerformance: `{tradeStatistics, portfolioStatistics, closedTrades}` (LEAN's PerformanceStatistics).
// The two statistics objects are kept as written, except that PascalCase property names from older
// files are camelCased so consumers see one set of keys.
import { TradeDirection } from './leanEnums';
import {
  bool,
  childPath,
  enumField,
  enumNumber,
  getField,
  isObject,
  kindOf,
  num,
  numberList,
  readFields,
  str,
  symbol,
  symbolOf,
  time,
  type Warnings,
} from './fields';
import { timeSpanSeconds } from './time';
import type { ClosedTrade, TotalPerformance } from './types';

export function parseTotalPerformance(value: unknown, path: string, warnings: Warnings): TotalPerformance | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    warnings.add(path, `expected an object, found ${kindOf(value)}; ignored`);
    return null;
  }
  return {
    tradeStatistics: statisticsObject(getField(value, 'tradeStatistics'), childPath(path, 'tradeStatistics'), warnings),
    portfolioStatistics: statisticsObject(getField(value, 'portfolioStatistics'), childPath(path, 'portfolioStatistics'), warnings),
    closedTrades: parseClosedTrades(getField(value, 'closedTrades'), childPath(path, 'closedTrades'), warnings),
  };
}

function statisticsObject(value: unknown, path: string, warnings: Warnings): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (value === undefined || value === null) return out;
  if (!isObject(value)) {
    warnings.add(path, `expected an object, found ${kindOf(value)}; ignored`);
    return out;
  }
  for (const [key, entry] of Object.entries(value)) {
    const name = key.charAt(0).toLowerCase() + key.slice(1);
    if (typeof entry === 'string' || typeof entry === 'number') out[name] = entry;
    else if (entry !== null) warnings.add(childPath(path, key), `expected a string or number, found ${kindOf(entry)}; ignored`);
  }
  return out;
}

const tradeFields = {
  symbol,
  direction: enumNumber,
  entryTime: time,
  entryPrice: num,
  exitTime: time,
  exitPrice: num,
  quantity: num,
  profitLoss: num,
  totalFees: num,
  mae: num,
  mfe: num,
  duration: str,
  endTradeDrawdown: num,
  isWin: bool,
  orderIds: numberList,
};

function parseClosedTrades(value: unknown, path: string, warnings: Warnings): ClosedTrade[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.add(path, `expected an array of trades, found ${kindOf(value)}; no trades read`);
    return [];
  }
  const trades: ClosedTrade[] = [];
  value.forEach((raw: unknown, i) => {
    const at = childPath(path, i);
    if (!isObject(raw)) {
      warnings.add(at, `expected a trade object, found ${kindOf(raw)}; trade skipped`);
      return;
    }
    const f = readFields(raw, tradeFields, at, warnings);
    const { symbol: ticker, symbolId } = symbolOf(f.symbol);
    trades.push({
      symbol: ticker ?? '',
      symbolId,
      direction: enumField(TradeDirection, f.direction, childPath(at, 'direction'), warnings),
      entryTime: f.entryTime ?? null,
      entryPrice: f.entryPrice ?? null,
      exitTime: f.exitTime ?? null,
      exitPrice: f.exitPrice ?? null,
      quantity: f.quantity ?? null,
      profitLoss: f.profitLoss ?? null,
      totalFees: f.totalFees ?? null,
      mae: f.mae ?? null,
      mfe: f.mfe ?? null,
      duration: f.duration ?? null,
      durationSeconds: f.duration === undefined ? null : timeSpanSeconds(f.duration),
      endTradeDrawdown: f.endTradeDrawdown ?? null,
      isWin: f.isWin ?? null,
      orderIds: f.orderIds ?? [],
    });
  });
  return trades;
}
