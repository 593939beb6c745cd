// The typed model of one LEAN backtest: what the results panel (charts, statistic cards, order tables,
// run history, compare view) and `lean-author report --format json` consume. Plain data only, so it
// survives JSON.stringify and postMessage unchanged. Conventions:
// - every time is unix seconds (LEAN's ISO strings and the order-events file's doubles alike);
// - a field LEAN usually writes but this file lacked (or had with the wrong type) is `null`;
// - dictionary keys that LEAN writes as data (statistic, chart, series and parameter names) are kept
//   exactly as written; property names are camelCase whichever format the file used.
import type {
  AccountTypeName,
  ChartTypeName,
  OrderDirectionName,
  OrderStatusName,
  OrderTypeName,
  SecurityTypeName,
  SeriesTypeName,
  TradeDirectionName,
} from './leanEnums';

/** Which key casing the result file used: camelCase since LEAN's May 2024 refactor, PascalCase before. */
export type ResultFormat = 'camelCase' | 'PascalCase';

import type { CandlePoint, ValuePoint } from '../../../shared/points';

export type { CandlePoint, ValuePoint };

interface SeriesBase {
  name: string;
  /** As LEAN writes it: '$', '%', '' ... */
  unit: string;
  seriesType: SeriesTypeName;
  /** Which y-axis pane the series is drawn on. */
  index: number | null;
  /** The pane's label where the algorithm set one (e.g. "Margin Used (%)"). */
  indexName: string | null;
  color: string | null;
}

export interface ValueSeries extends SeriesBase {
  kind: 'values';
  /** Sorted by time; null samples dropped. */
  points: ValuePoint[];
}

export interface CandleSeries extends SeriesBase {
  kind: 'candles';
  /** Sorted by time; null samples dropped; legacy `{x,y}` and `[x,y]` samples become flat candles. */
  points: CandlePoint[];
}

export type Series = ValueSeries | CandleSeries;

export interface Chart {
  name: string;
  chartType: ChartTypeName | null;
  /** Keyed by series name as written in the file, in file order. */
  series: Record<string, Series>;
}

/** The `state` dictionary (its keys stay PascalCase even in camelCase files). */
export interface BacktestState {
  /** "Completed", "RuntimeError", "Running", ... as written. */
  status: string | null;
  runtimeError: string | null;
  stackTrace: string | null;
  startTime: number | null;
  endTime: number | null;
  name: string | null;
  hostname: string | null;
  logCount: number | null;
  orderCount: number | null;
  insightCount: number | null;
}

export interface Order {
  id: number;
  /** The ticker as shown (`symbol.value`), e.g. "SPY" or "SPY   210716P00385000". */
  symbol: string;
  /** LEAN's security identifier (`symbol.id`), e.g. "SPY R735QTJ8XC9X". */
  symbolId: string | null;
  type: OrderTypeName;
  status: OrderStatusName;
  direction: OrderDirectionName;
  securityType: SecurityTypeName;
  time: number | null;
  createdTime: number | null;
  lastFillTime: number | null;
  canceledTime: number | null;
  price: number | null;
  priceCurrency: string | null;
  /** Signed: negative for sells. */
  quantity: number | null;
  value: number | null;
  tag: string;
  limitPrice: number | null;
  stopPrice: number | null;
  triggerPrice: number | null;
}

/** One line of `<id>-order-events.json` (status and direction are strings there; see `OrderStatusName`). */
export interface OrderEvent {
  /** "<algorithmId>-<orderId>-<orderEventId>". */
  id: string | null;
  orderId: number;
  orderEventId: number | null;
  symbol: string;
  symbolId: string | null;
  time: number | null;
  status: OrderStatusName;
  direction: OrderDirectionName;
  fillPrice: number | null;
  fillPriceCurrency: string | null;
  fillQuantity: number | null;
  quantity: number | null;
  orderFeeAmount: number | null;
  orderFeeCurrency: string | null;
  message: string | null;
  isAssignment: boolean | null;
  limitPrice: number | null;
  stopPrice: number | null;
  triggerPrice: number | null;
}

export interface ClosedTrade {
  symbol: string;
  symbolId: string | null;
  direction: TradeDirectionName;
  entryTime: number | null;
  entryPrice: number | null;
  exitTime: number | null;
  exitPrice: number | null;
  quantity: number | null;
  profitLoss: number | null;
  totalFees: number | null;
  /** Maximum adverse / favourable excursion, in account currency. */
  mae: number | null;
  mfe: number | null;
  /** .NET TimeSpan text as written ("2.21:31:00") and the same in seconds. */
  duration: string | null;
  durationSeconds: number | null;
  endTradeDrawdown: number | null;
  isWin: boolean | null;
  orderIds: number[];
}

/**
 * LEAN's trade and portfolio statistics objects. Values stay as written (LEAN serialises decimals as
 * strings: "-1371.15", durations as "02:32:16.8"); turn them into numbers with `parseStatisticValue`.
 */
export interface TotalPerformance {
  tradeStatistics: Record<string, string | number>;
  portfolioStatistics: Record<string, string | number>;
  closedTrades: ClosedTrade[];
}

export interface AlgorithmConfiguration {
  name: string | null;
  accountCurrency: string | null;
  /** LEAN's BrokerageName enum value, left as a number. */
  brokerage: number | null;
  accountType: AccountTypeName | null;
  parameters: Record<string, string>;
  startDate: number | null;
  endDate: number | null;
  tradingDaysPerYear: number | null;
  tags: string[];
}

export interface BacktestResults {
  format: ResultFormat;
  /** Known when read from a folder (the result file's name); null for a bare file. */
  algorithmId: string | null;
  state: BacktestState | null;
  /** Name → value exactly as LEAN writes them ("Net Profit": "-1.881%"). */
  statistics: Record<string, string>;
  runtimeStatistics: Record<string, string>;
  /** Keyed by chart name as written, in file order. */
  charts: Record<string, Chart>;
  /** Strategy Equity → Equity (candles in current LEAN, a line in old files). */
  equity: Series | null;
  /** Benchmark → Benchmark. */
  benchmark: Series | null;
  /** Drawdown → Equity Drawdown (percent, ≤ 0). */
  drawdown: Series | null;
  /** Every series of the Exposure chart ("Equity - Long Ratio", ...); empty when there is none. */
  exposure: Series[];
  /** Sorted by id. */
  orders: Order[];
  /** From `<id>-order-events.json` when read from a folder; sorted by time. */
  orderEvents: OrderEvent[];
  /** Realised profit per closing time (`profitLoss`), sorted by time. */
  profitLoss: ValuePoint[];
  totalPerformance: TotalPerformance | null;
  algorithmConfiguration: AlgorithmConfiguration | null;
  /** Lines of `<id>-log.txt` (the algorithm's own debug/log messages) when read from a folder. */
  logs: string[];
}

/** What a parse returns: the model plus what was skipped or repaired, one readable sentence each. */
export interface ParsedBacktest {
  results: BacktestResults;
  warnings: string[];
}
