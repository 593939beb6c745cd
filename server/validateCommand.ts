// `lean-author validate`: checks files with the same validator the editor uses and prints the results
// in the order the files were given. (Splitting large batches over worker threads was measured: on
// two cores a worker's start-up ate what it saved for a few hundred files, so it was left out.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createValidator, type LeanDiagnostic } from '../extension/core/validation/index';

export interface FileReport {
  file: string;
  diagnostics: LeanDiagnostic[];
  error?: string;
}

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
    for (const r of reports) {
      for (const d of r.diagnostics) {
        process.stdout.write(`${r.file}:${d.range.startLine + 1}:${d.range.startColumn + 1}: ${d.severity} [${d.code}] ${d.message}\n`);
      }
    }
  }
  for (const r of reports) if (r.error) process.stderr.write(`lean-author validate: ${r.error}\n`);
  const errors = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
  if (!json) process.stderr.write(`${reports.length} file(s) checked, ${errors} error(s)\n`);
  if (reports.some((r) => r.error)) return 2;
  return errors > 0 ? 1 : 0;
}

export async function validateFiles(files: string[]): Promise<FileReport[]> {
  const wasm = path.join(__dirname, 'wasm');
  const validator = await createValidator({
    runtimeWasm: path.join(wasm, 'web-tree-sitter.wasm'),
    pythonWasm: path.join(wasm, 'tree-sitter-python.wasm'),
  });
  // Reading overlaps with validating: the reads are all started at once, validation goes in order.
  const texts = files.map((file) =>
    readFile(file, 'utf8').then(
      (text) => ({ text }),
      (error: NodeJS.ErrnoException) => ({ error: error.code ?? String(error) }),
    ),
  );
  const reports: FileReport[] = [];
  for (const [i, file] of files.entries()) {
    const read = await texts[i]!;
    if ('error' in read) reports.push({ file, diagnostics: [], error: `cannot read ${file}: ${read.error}` });
    else reports.push({ file, diagnostics: validator.validate(read.text, { fileName: path.basename(file) }) });
  }
  validator.dispose();
  return reports;
}
