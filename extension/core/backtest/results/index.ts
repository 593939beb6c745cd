// The backtest results model: LEAN's result files (both the camelCase format of May 2024 on and the
// older PascalCase one) → one typed, JSON-serialisable model for the results panel and the CLI.
// Editor-agnostic: never imports `vscode`. Node's fs is used only by readBacktestFolder.ts and
// listBacktests.ts; a webview bundle should import types.ts, downsample.ts and statisticValue.ts
// directly, since this index pulls those two in.
export { downsample, downsampleSeries } from './downsample';
export { BacktestResultsError } from './errors';
export type {
  AccountTypeName,
  ChartTypeName,
  OrderDirectionName,
  OrderStatusName,
  OrderTypeName,
  SecurityTypeName,
  SeriesTypeName,
  TradeDirectionName,
  UnknownName,
} from './leanEnums';
export { listBacktests, type BacktestHistoryEntry } from './listBacktests';
export { parseOrderEventsText } from './parseOrderEvents';
export { parseBacktestResult, parseBacktestResultText, type ParseOptions } from './parseResult';
export { readBacktestFolder, readBacktestResultFile, type BacktestFiles, type BacktestFolder } from './readBacktestFolder';
export { numericStatistics, parseStatisticValue, type StatisticNumber } from './statisticValue';
export type * from './types';
