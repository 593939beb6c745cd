// The backtest panel's view model: a run's results (or two runs') → the messages the host posts the
// webview (extension/shared/protocol.ts). Editor-agnostic: never imports `vscode`. panelModel and
// compareModel are pure functions of a ReportSource (../report/source.ts); panelData.ts reads the run
// folders. Bundled as dist/panel.js, which the extension loads when the panel first shows something.
export { buildCompareView, compareRow, formatDifference } from './compareModel';
export { compareMessage, finishedRunMessage, historyOfRun, historyView, latestRunMessage, projectOfRun, runMessage } from './panelData';
export { errorViews, lastLocation, type RunnerError } from './panelErrors';
export { buildRunView, failedRunView, type RunViewOptions } from './panelModel';
export { benchmarkView, equityView, exposureView, lineView } from './panelSeries';
