// Backtest reports (`lean-author report`): one run's results as JSON for scripts, a self-contained HTML
// page, or Markdown with PNG charts; and the backtest panel's view model (panelModel, compareModel) with
// the messages the host posts it (panelData). Bundled as dist/report.js, which the extension loads on
// first use. Editor-agnostic: never imports `vscode`. The renderers (jsonReport, htmlReport,
// markdownReport, svgChart) and the view model are pure functions of a ReportSource; file access is in
// readReportSource.ts, panelData.ts and writeReport.ts, PNG rendering (resvg's wasm) in png.ts.
export { chartLines, scaleBenchmark, seriesValues, DISPLAY_POINTS, type ChartLines } from './chartData';
export { escapeHtml, escapeMarkdown } from './escape';
export { formatMoneyAmount, formatStatistic, isMoneyStatistic } from './format';
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
export { buildCompareView, compareRow, formatDifference } from './compareModel';
export { compareMessage, finishedRunMessage, historyOfRun, historyView, latestRunMessage, projectOfRun, runMessage } from './panelData';
export { errorViews, lastLocation, type RunnerError } from './panelErrors';
export { buildRunView, failedRunView, type RunViewOptions } from './panelModel';
export { displayPoints, uniqueTimes } from './displayPoints';
export { benchmarkView, equityView, exposureView, lineView } from './panelSeries';
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
