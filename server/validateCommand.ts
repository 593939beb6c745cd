// `lean-author validate`: checks files with the same validator the editor uses and prints the results
// in the order the files were given. Many files are validated on a small pool of threads when the
// machine has idle cores: this one and worker threads that load only the validation bundle
// (dist/validation.js), all taking files from one shared counter (extension/core/validation/fileBatch.ts).
// LEAN_AUTHOR_VALIDATE_THREADS=N sets the number of threads (1: this thread only); the benchmark
// prints both.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  createValidator,
  validateShare,
  validateFile,
  type FileReport,
  type FileWorkerData,
  type FileWorkerMessage,
} from '../extension/core/validation/index';

export type { FileReport } from '../extension/core/validation/index';

/** Below this many files per thread, a worker's start-up (its own runtime and parser) costs more than it saves. */
const FILES_PER_THREAD = 48;
const MAX_THREADS = 8;

export async function validateCommand(files: string[], json: boolean): Promise<number> {
  // `lean-author validate ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const reports = await validateFiles(files);
  if (json) {
    const rows = reports.flatMap((r) =>
      r.diagnostics.map((d) => ({
        file: r.file,
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: d.range.startLine + 1,
        column: d.range.startColumn + 1,
        endLine: d.range.endLine + 1,
        endColumn: d.range.endColumn + 1,
      })),
    );
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    let out = '';
    for (const r of reports) {
      for (const d of r.diagnostics) {
        out += `${r.file}:${d.range.startLine + 1}:${d.range.startColumn + 1}: ${d.severity} [${d.code}] ${d.message}\n`;
      }
    }
    if (out) process.stdout.write(out);
  }
  for (const r of reports) if (r.error) process.stderr.write(`lean-author validate: ${r.error}\n`);
  for (const r of reports) if (r.warning) process.stderr.write(`lean-author validate: warning: ${r.warning}\n`);
  const errors = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
  if (!json) process.stderr.write(`${reports.length} file(s) checked, ${errors} error(s)\n`);
  if (reports.some((r) => r.error)) return 2;
  return errors > 0 ? 1 : 0;
}

export async function validateFiles(files: string[], threads = threadCount(files.length)): Promise<FileReport[]> {
  const wasm = path.join(__dirname, 'wasm');
  const assets = { runtimeWasm: path.join(wasm, 'web-tree-sitter.wasm'), pythonWasm: path.join(wasm, 'tree-sitter-python.wasm') };
  const reports: (FileReport | undefined)[] = new Array<FileReport | undefined>(files.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  // Workers start first: they come up while this thread loads its own parser and validates.
  const bundle = path.join(__dirname, 'validation.js');
  const workers = threads > 1 && existsSync(bundle) ? startWorkers(threads - 1, bundle, { files, next, assets }, reports) : [];
  const validator = await createValidator(assets);
  try {
    validateShare(validator, files, next, (index, report) => (reports[index] = report));
    await Promise.all(workers);
    // A file taken by a worker that then failed is validated here.
    for (const [index, file] of files.entries()) reports[index] ??= validateFile(validator, file);
  } finally {
    validator.dispose();
  }
  return reports as FileReport[];
}

/**
 * Threads for `count` files: this one plus a worker per idle core. Cores that other processes keep
 * busy (the load average, as `make -l` reads it) are not counted: there a worker's start-up only
 * takes time from this thread.
 */
function threadCount(count: number): number {
  const configured = Number(process.env['LEAN_AUTHOR_VALIDATE_THREADS']);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, MAX_THREADS);
  const idle = availableParallelism() - Math.round(loadavg()[0] ?? 0);
  return Math.max(1, Math.min(idle, MAX_THREADS, Math.floor(count / FILES_PER_THREAD)));
}

/** Starts `count` workers on the validation bundle; each promise settles when its worker has stopped, however it stopped. */
function startWorkers(count: number, bundle: string, data: FileWorkerData, reports: (FileReport | undefined)[]): Promise<void>[] {
  const code = `require(${JSON.stringify(bundle)}).runValidationWorker();`;
  return Array.from(
    { length: count },
    () =>
      new Promise<void>((resolve) => {
        let worker: Worker;
        try {
          worker = new Worker(code, { eval: true, workerData: data });
        } catch {
          resolve(); // no worker: this thread takes its files
          return;
        }
        worker.on('message', (message: FileWorkerMessage) => {
          if ('index' in message) reports[message.index] = message.report;
        });
        worker.on('error', () => undefined); // a file it took and did not report is validated again on this thread
        worker.on('exit', () => resolve());
      }),
  );
}
