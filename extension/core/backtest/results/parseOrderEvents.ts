// `<id>-order-events.json`: an array of LEAN's SerializedOrderEvent, written beside the result file.
// Unlike orders in the result file, status and direction are camelCase strings here ("filled",
// "partiallyFilled", "buy"); they are given the same member names as orders ("Filled", "Buy"), so the
// two tables can be joined. `symbol` is the security identifier and `symbolValue` the ticker.
import { parseJsonText } from './jsonText';
import { OrderDirection, OrderStatus } from './leanEnums';
import {
  bool,
  childPath,
  enumField,
  enumText,
  int,
  isObject,
  kindOf,
  num,
  readFields,
  str,
  symbolOf,
  symbolText,
  time,
  Warnings,
} from './fields';
import type { OrderEvent } from './types';

const eventFields = {
  id: str,
  orderId: int,
  orderEventId: int,
  symbol: symbolText,
  symbolValue: str,
  time,
  status: enumText,
  direction: enumText,
  fillPrice: num,
  fillPriceCurrency: str,
  fillQuantity: num,
  quantity: num,
  orderFeeAmount: num,
  orderFeeCurrency: str,
  message: str,
  isAssignment: bool,
  limitPrice: num,
  stopPrice: num,
  triggerPrice: num,
};

/** Order events sorted by time (file order among equal times); events without an order id are skipped. */
export function parseOrderEvents(value: unknown, path: string, warnings: Warnings): OrderEvent[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.add(path, `expected an array of order events, found ${kindOf(value)}; no order events read`);
    return [];
  }
  const events: OrderEvent[] = [];
  value.forEach((raw: unknown, i) => {
    const at = childPath(path, i);
    if (!isObject(raw)) {
      warnings.add(at, `expected an order event object, found ${kindOf(raw)}; event skipped`);
      return;
    }
    const f = readFields(raw, eventFields, at, warnings);
    if (f.orderId === undefined) {
      warnings.add(at, 'order event has no orderId; event skipped');
      return;
    }
    const fromSymbol = typeof f.symbol === 'string' ? { symbol: null, symbolId: f.symbol } : symbolOf(f.symbol);
    events.push({
      id: f.id ?? null,
      orderId: f.orderId,
      orderEventId: f.orderEventId ?? null,
      symbol: f.symbolValue ?? fromSymbol.symbol ?? fromSymbol.symbolId ?? '',
      symbolId: fromSymbol.symbolId,
      time: f.time ?? null,
      status: enumField(OrderStatus, f.status, childPath(at, 'status'), warnings),
      direction: enumField(OrderDirection, f.direction, childPath(at, 'direction'), warnings),
      fillPrice: f.fillPrice ?? null,
      fillPriceCurrency: f.fillPriceCurrency ?? null,
      fillQuantity: f.fillQuantity ?? null,
      quantity: f.quantity ?? null,
      orderFeeAmount: f.orderFeeAmount ?? null,
      orderFeeCurrency: f.orderFeeCurrency ?? null,
      message: f.message === undefined || f.message === '' ? null : f.message,
      isAssignment: f.isAssignment ?? null,
      limitPrice: f.limitPrice ?? null,
      stopPrice: f.stopPrice ?? null,
      triggerPrice: f.triggerPrice ?? null,
    });
  });
  // Array.prototype.sort is stable, so events at the same time keep their file order; timeless ones go last.
  return events.sort((a, b) => (a.time === b.time ? 0 : a.time === null ? 1 : b.time === null ? -1 : a.time - b.time));
}

/**
 * Parses the text of an order-events file named `file` (used in messages). Throws a
 * BacktestResultsError when the file is empty, cut off or not JSON.
 */
export function parseOrderEventsText(text: string, file: string): { orderEvents: OrderEvent[]; warnings: string[] } {
  const warnings = new Warnings(file);
  const orderEvents = parseOrderEvents(parseJsonText(text, file), '', warnings);
  return { orderEvents, warnings: warnings.list };
}
