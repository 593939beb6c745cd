// The expected request of an intent case as a StrategyRequest, so the request-conformance check can
// judge generated code against what the prompt really asks rather than against the reader's reading.
// Expectations carry no spans: every field quotes the whole prompt.
import type { Read, Signal, Span, StrategyRequest } from '../../extension/core/request/types';
import type { IntentCase } from './intentSet';

export function expectedAsRequest(item: IntentCase): StrategyRequest {
  const span: Span = { start: 0, end: item.prompt.length };
  const read = <T>(value: T): Read<T> => ({ value, span });
  const e = item.expect;
  const risk: StrategyRequest['risk'] = {};
  if (e.risk?.stopLoss) risk.stopLoss = read(e.risk.stopLoss);
  if (e.risk?.trailingStop) risk.trailingStop = read(e.risk.trailingStop);
  if (e.risk?.takeProfit) risk.takeProfit = read(e.risk.takeProfit);
  if (e.risk?.timeExit) risk.timeExit = read(e.risk.timeExit);
  if (e.risk?.maxDrawdown !== undefined) risk.maxDrawdown = read(e.risk.maxDrawdown);
  if (e.risk?.flatBy) risk.flatBy = read(e.risk.flatBy);
  return {
    prompt: item.prompt,
    instruments: e.instruments.map((i) => ({
      symbol: i.symbol,
      securityType: i.type,
      market: i.market,
      marketStated: true,
      span,
      ...(i.type === 'future' ? { future: { root: i.symbol } } : {}),
      ...(i.option
        ? {
            option: {
              underlying: i.symbol,
              ...(i.option.right ? { right: read(i.option.right) } : {}),
              ...(i.option.delta !== undefined ? { delta: read(i.option.delta) } : {}),
              ...(i.option.daysToExpiry !== undefined ? { daysToExpiry: read(i.option.daysToExpiry) } : {}),
              ...(i.option.moneyness ? { moneyness: read(i.option.moneyness) } : {}),
            },
          }
        : {}),
    })),
    markets: [],
    ...(e.bar ? { bar: read(e.bar) } : {}),
    ...(e.direction ? { direction: read(e.direction) } : {}),
    signals: (e.signals ?? []).map((s): Signal => ({
      kind: s.kind,
      span,
      params: Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, read(v)])),
    })),
    ...(e.sizing ? { sizing: read(e.sizing) } : {}),
    risk,
    ...(e.schedule ? { schedule: read(e.schedule) } : {}),
    ...(e.universe ? { universe: read(e.universe) } : {}),
    filters: (e.filters ?? []).map((f) => read(f)),
    period: {
      ...(e.period?.start ? { start: read(e.period.start) } : {}),
      ...(e.period?.end ? { end: read(e.period.end) } : {}),
    },
    ...(e.cash !== undefined ? { cash: read(e.cash) } : {}),
    problems: [],
    unread: [],
  };
}
