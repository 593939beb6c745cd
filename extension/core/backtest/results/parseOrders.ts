// Orders: `{ "<id>": {id, symbol, type, status, direction, securityType, time, price, quantity, ...} }`.
// Enums are numbers here and become member names. An order is skipped (with a warning) only when it is
// not an object or has no usable id; any other bad field is left null with a warning.
import { OrderDirection, OrderStatus, OrderType, SecurityType } from './leanEnums';
import {
  childPath,
  enumField,
  enumNumber,
  int,
  isObject,
  kindOf,
  num,
  readFields,
  str,
  symbol,
  symbolOf,
  time,
  type Warnings,
} from './fields';
import type { Order } from './types';

const orderFields = {
  id: int,
  symbol,
  type: enumNumber,
  status: enumNumber,
  direction: enumNumber,
  securityType: enumNumber,
  time,
  createdTime: time,
  lastFillTime: time,
  canceledTime: time,
  price: num,
  priceCurrency: str,
  quantity: num,
  value: num,
  tag: str,
  limitPrice: num,
  stopPrice: num,
  triggerPrice: num,
};

/** Orders sorted by id, from LEAN's id → order object (an array of orders is accepted too). */
export function parseOrders(value: unknown, path: string, warnings: Warnings): Order[] {
  if (value === undefined || value === null) return [];
  let entries: [string | number, unknown][];
  if (Array.isArray(value)) entries = value.map((order, i) => [i, order]);
  else if (isObject(value)) entries = Object.entries(value);
  else {
    warnings.add(path, `expected an object of id → order, found ${kindOf(value)}; no orders read`);
    return [];
  }
  const orders: Order[] = [];
  for (const [key, raw] of entries) {
    const at = childPath(path, key);
    if (!isObject(raw)) {
      warnings.add(at, `expected an order object, found ${kindOf(raw)}; order skipped`);
      continue;
    }
    const f = readFields(raw, orderFields, at, warnings);
    const id = f.id ?? (typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : undefined);
    if (id === undefined) {
      warnings.add(at, 'order has no id; order skipped');
      continue;
    }
    const { symbol: ticker, symbolId } = symbolOf(f.symbol);
    if (ticker === null) warnings.add(childPath(at, 'symbol'), 'order has no symbol');
    orders.push({
      id,
      symbol: ticker ?? '',
      symbolId,
      type: enumField(OrderType, f.type, childPath(at, 'type'), warnings),
      status: enumField(OrderStatus, f.status, childPath(at, 'status'), warnings),
      direction: enumField(OrderDirection, f.direction, childPath(at, 'direction'), warnings),
      securityType: enumField(SecurityType, f.securityType, childPath(at, 'securityType'), warnings),
      time: f.time ?? null,
      createdTime: f.createdTime ?? null,
      lastFillTime: f.lastFillTime ?? null,
      canceledTime: f.canceledTime ?? null,
      price: f.price ?? null,
      priceCurrency: f.priceCurrency ?? null,
      quantity: f.quantity ?? null,
      value: f.value ?? null,
      tag: f.tag ?? '',
      limitPrice: f.limitPrice ?? null,
      stopPrice: f.stopPrice ?? null,
      triggerPrice: f.triggerPrice ?? null,
    });
  }
  return orders.sort((a, b) => a.id - b.id);
}
