// Entry point of the backtest core, bundled as dist/backtest.js (it carries dockerode). The extension
// requires it on the first Run Backtest (and for the orphan sweep after activation); the CLI imports the
// modules directly.
export { chooseImage, DEFAULT_IMAGE, pullImage, runBacktest, sweepOrphans, type BacktestOptions, type BacktestRun } from './backtestRunner';
export { DockerError, type DockerSettings } from './dockerConnection';
export type { LeanRunError } from './leanErrors';
export { BacktestSetupError, resolveLeanProject } from './leanWorkspace';
export { listBacktests, readBacktestFolder, type BacktestFolder, type BacktestResults } from './results/index';
