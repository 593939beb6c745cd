// Loads the report core (dist/report.js: the results model, the reports and the backtest panel's view
// model) on first use, so activation stays small.
import path from 'node:path';
import type * as ReportModule from '../core/report/index';

export type Report = typeof ReportModule;

let loaded: Report | undefined;

export function loadReport(): Report {
  // A runtime path, not a literal: esbuild must leave this require alone so the chunk stays separate.
  loaded ??= require(path.join(__dirname, 'report.js')) as Report;
  return loaded;
}

/** resvg's wasm as shipped in dist/wasm (the Markdown report's PNG charts). */
export function resvgWasm(): string {
  return path.join(__dirname, 'wasm', 'resvg.wasm');
}
