// The orders and closed-trades tables' columns, formatted as the reports format them (same helpers).
import { formatDateTime, formatDuration, formatMoney, formatNumber } from '../../extension/shared/format';
import type { OrderRow, TradeRow } from '../../extension/shared/protocol';
import type { Column } from './dataTable';

function sign(value: number | null): 'positive' | 'negative' | 'neutral' {
  return value === null || value === 0 ? 'neutral' : value > 0 ? 'positive' : 'negative';
}

export function orderColumns(currency: string | null): Column<OrderRow>[] {
  return [
    { id: 'id', header: 'Id', numeric: true, sortValue: (o) => o.id, text: (o) => String(o.id) },
    { id: 'time', header: 'Time (UTC)', sortValue: (o) => o.time, text: (o) => formatDateTime(o.time) },
    { id: 'symbol', header: 'Symbol', sortValue: (o) => o.symbol, text: (o) => o.symbol },
    { id: 'type', header: 'Type', sortValue: (o) => o.type, text: (o) => o.type },
    { id: 'direction', header: 'Direction', sortValue: (o) => o.direction, text: (o) => o.direction },
    { id: 'quantity', header: 'Quantity', numeric: true, sortValue: (o) => o.quantity, text: (o) => formatNumber(o.quantity, 8) },
    { id: 'price', header: 'Price', numeric: true, sortValue: (o) => o.price, text: (o) => formatNumber(o.price) },
    { id: 'value', header: 'Value', numeric: true, sortValue: (o) => o.value, text: (o) => formatMoney(o.value, currency) },
    { id: 'status', header: 'Status', sortValue: (o) => o.status, text: (o) => o.status },
    { id: 'tag', header: 'Tag', sortValue: (o) => o.tag || null, text: (o) => o.tag },
  ];
}

export function tradeColumns(currency: string | null): Column<TradeRow>[] {
  return [
    { id: 'symbol', header: 'Symbol', sortValue: (t) => t.symbol, text: (t) => t.symbol },
    { id: 'direction', header: 'Direction', sortValue: (t) => t.direction, text: (t) => t.direction },
    { id: 'entryTime', header: 'Entry (UTC)', sortValue: (t) => t.entryTime, text: (t) => formatDateTime(t.entryTime) },
    { id: 'entryPrice', header: 'Entry price', numeric: true, sortValue: (t) => t.entryPrice, text: (t) => formatNumber(t.entryPrice) },
    { id: 'exitTime', header: 'Exit (UTC)', sortValue: (t) => t.exitTime, text: (t) => formatDateTime(t.exitTime) },
    { id: 'exitPrice', header: 'Exit price', numeric: true, sortValue: (t) => t.exitPrice, text: (t) => formatNumber(t.exitPrice) },
    { id: 'quantity', header: 'Quantity', numeric: true, sortValue: (t) => t.quantity, text: (t) => formatNumber(t.quantity, 8) },
    {
      id: 'profitLoss',
      header: 'P&L',
      numeric: true,
      sortValue: (t) => t.profitLoss,
      text: (t) => formatMoney(t.profitLoss, currency),
      tone: (t) => sign(t.profitLoss),
    },
    { id: 'fees', header: 'Fees', numeric: true, sortValue: (t) => t.fees, text: (t) => formatMoney(t.fees, currency) },
    { id: 'mae', header: 'MAE', numeric: true, sortValue: (t) => t.mae, text: (t) => formatMoney(t.mae, currency) },
    { id: 'mfe', header: 'MFE', numeric: true, sortValue: (t) => t.mfe, text: (t) => formatMoney(t.mfe, currency) },
    {
      id: 'duration',
      header: 'Duration',
      numeric: true,
      sortValue: (t) => t.durationSeconds,
      text: (t) => formatDuration(t.durationSeconds),
    },
  ];
}
