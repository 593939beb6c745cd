// The editor-agnostic cores, each a separate bundle in dist/ (esbuild.config.mjs), loaded on first use so
// that activating the extension costs only the small extension.js. This is the one place that loads them.
import path from 'node:path';
import type * as BacktestModule from '../core/backtest/index';
import type * as GenerationModule from '../core/generation/index';
import type * as PanelModule from '../core/panel/index';
import type * as ReportModule from '../core/report/index';
import type * as TrainingModule from '../core/training/index';
import type * as ValidationModule from '../core/validation/index';

export type Backtest = typeof BacktestModule;
export type Generation = typeof GenerationModule;
export type Panel = typeof PanelModule;
export type Report = typeof ReportModule;
export type Training = typeof TrainingModule;
export type { Validator, ValidationSession } from '../core/validation/index';

/** The chunks' names, as esbuild writes them to dist/<name>.js, and what each one exports. */
interface Chunks {
  backtest: Backtest;
  generation: Generation;
  panel: Panel;
  report: Report;
  training: Training;
  validation: typeof ValidationModule;
}

const loaded = new Map<keyof Chunks, unknown>();

/** Requires dist/<name>.js once; later calls return the same module. */
function chunk<K extends keyof Chunks>(name: K): Chunks[K] {
  let module = loaded.get(name);
  if (module === undefined) {
    // A runtime path, not a literal: esbuild must leave this require alone so the chunk stays separate.
    module = require(path.join(__dirname, `${name}.js`));
    loaded.set(name, module);
  }
  return module as Chunks[K];
}

/** dockerode and the LEAN runner. */
export const loadBacktest = (): Backtest => chunk('backtest');
/** The openai client, the templates and the repair loop. */
export const loadGeneration = (): Generation => chunk('generation');
/** The backtest panel's view model. */
export const loadPanel = (): Panel => chunk('panel');
/** The HTML, Markdown and JSON reports. */
export const loadReport = (): Report => chunk('report');
/** The training tasks and the GGUF header reader of Use Adapter. */
export const loadTraining = (): Training => chunk('training');

/** resvg's wasm as shipped in dist/wasm (the Markdown report's PNG charts). */
export function resvgWasm(): string {
  return path.join(__dirname, 'wasm', 'resvg.wasm');
}

/** The LEAN API index of this build (it lives in the validation chunk). */
export function apiIndex(): ValidationModule.LeanApiIndex {
  return chunk('validation').LEAN_API_INDEX;
}

/** The request a generation.json's text records (the reader lives in the validation chunk, with zod). */
export function requestOfRecord(text: string): ReturnType<typeof ValidationModule.requestOfRecord> {
  return chunk('validation').requestOfRecord(text);
}

let validator: Promise<ValidationModule.Validator> | undefined;

/** The validator, with web-tree-sitter and the Python grammar from dist/wasm. */
export function loadValidator(): Promise<ValidationModule.Validator> {
  validator ??= (async () => {
    const wasm = path.join(__dirname, 'wasm');
    return chunk('validation').createValidator({
      runtimeWasm: path.join(wasm, 'web-tree-sitter.wasm'),
      pythonWasm: path.join(wasm, 'tree-sitter-python.wasm'),
    });
  })();
  // A failed load is retried next time instead of being cached forever.
  validator.catch(() => (validator = undefined));
  return validator;
}
