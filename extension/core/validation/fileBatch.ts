// Validating many files on several threads, for `lean-author validate`. Every thread (the CLI's own
// and each worker) takes the next file from one shared counter until none is left, so a worker that
// starts late, or not at all, only takes fewer files; the CLI prints the reports in input order.
// Workers load this bundle (dist/validation.js), not the CLI's: the code they run is `runFileWorker`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { LeanDiagnostic } from '../diagnostic';
import { requestOfRecord } from '../request/requestRecord';
import type { Validator } from './validator';
import type { ParserAssets } from './pythonParser';

export interface FileReport {
  file: string;
  diagnostics: LeanDiagnostic[];
  error?: string;
  /** Said, but not a failure: a generation.json beside main.py that could not be read. */
  warning?: string;
}

/**
 * One file read and validated; an unreadable file is a report with an error, not an exception. A
 * project's main.py is also checked against the request its generation.json records, as in the editor.
 */
export function validateFile(validator: Validator, file: string): FileReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, diagnostics: [], error: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const fileName = path.basename(file);
  const { request, error } = fileName === 'main.py' ? recordedRequest(path.join(path.dirname(file), 'generation.json')) : {};
  return {
    file,
    diagnostics: validator.validate(text, { fileName, ...(request ? { request } : {}) }),
    ...(error ? { warning: error } : {}),
  };
}

function recordedRequest(record: string): ReturnType<typeof requestOfRecord> {
  let text: string;
  try {
    text = readFileSync(record, 'utf8');
  } catch {
    return {}; // No record: a project written by hand.
  }
  const read = requestOfRecord(text);
  return read.error ? { error: `${record}: ${read.error}; not checked against the request` } : read;
}

/** Validates files whose index `next` hands out (Atomics), until it passes the end; `report` gets each. */
export function validateShare(
  validator: Validator,
  files: readonly string[],
  next: Int32Array,
  report: (index: number, result: FileReport) => void,
): void {
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    report(index, validateFile(validator, files[index]!));
  }
}

/** What the CLI gives each worker. */
export interface FileWorkerData {
  files: string[];
  /** An Int32Array of one element over a SharedArrayBuffer: the index of the next file to take. */
  next: Int32Array;
  assets: ParserAssets;
}

/** A message from a worker: one file's report, or that it is done. */
export type FileWorkerMessage = { index: number; report: FileReport } | { done: true };

/** The body of a validation worker thread: validate files from the shared counter, post each report. */
export async function runFileWorker(createValidator: (assets: ParserAssets) => Promise<Validator>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runFileWorker runs in a worker thread');
  const { files, next, assets } = workerData as FileWorkerData;
  const validator = await createValidator(assets);
  try {
    validateShare(validator, files, next, (index, report) => port.postMessage({ index, report } satisfies FileWorkerMessage));
  } finally {
    validator.dispose();
  }
  port.postMessage({ done: true } satisfies FileWorkerMessage);
}
