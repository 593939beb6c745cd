// The backtest results model: LEAN's result files (both the camelCase format of May 2024 on and the
// older PascalCase one) → one typed, JSON-serialisable model for the results panel and the CLI.
// Editor-agnostic: never imports `vscode`. Node's fs is used only by readBacktestFolder.ts and
// listBacktests.ts. What the webview also needs (points, downsampling, statistic values) lives in
// extension/shared/ and is re-exported here for the Node side.
export { downsample } from '../../../shared/downsample';
export { downsampleSeries } from './downsampleSeries';
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
export { numericStatistics, parseStatisticValue, type StatisticNumber } from '../../../shared/statisticValue';
export type * from './types';
