// Backtest reports (`lean-author report`, Export Report): one run's results as JSON for scripts, a
// self-contained HTML page, or Markdown with PNG charts. The backtest panel's view model is beside it in
// ../panel/. Bundled as dist/report.js, which the extension loads on first use. Editor-agnostic: never
// imports `vscode`. The renderers (jsonReport, htmlReport, markdownReport, svgChart) are pure functions
// of a ReportSource; file access is in readReportSource.ts and writeReport.ts, PNG rendering (resvg's
// wasm) in png.ts. Number and date formatting is shared with the webview: extension/shared/format.ts.
export { chartLines, scaleBenchmark, seriesValues, DISPLAY_POINTS, type ChartLines } from './chartData';
export { escapeHtml, escapeMarkdown } from './escape';
export { HTML_MAX_LOG_LINES, HTML_MAX_ROWS, renderHtmlReport } from './htmlReport';
export {
  backtestPeriod,
  buildJsonReport,
  JSON_REPORT_VERSION,
  jsonReportText,
  runtimeErrors,
  summariseSeries,
  type JsonReport,
  type SeriesSummary,
} from './jsonReport';
export { MARKDOWN_MAX_ROWS, renderMarkdownReport, type MarkdownImages } from './markdownReport';
export { svgToPng, type PngOptions } from './png';
export { readReportSource } from './readReportSource';
export { describeCharts, drawdownChartSvg, equityChartSvg } from './reportCharts';
export { sourceName, type ReportSource } from './source';
export { statisticCards, type StatisticCard } from './statisticCards';
export { renderSvgChart, type ChartLine, type SvgChartOptions } from './svgChart';
export {
  REPORT_FORMATS,
  ReportExistsError,
  writeReport,
  writeReportFrom,
  type ReportFormat,
  type WriteReportOptions,
  type WrittenReport,
} from './writeReport';
