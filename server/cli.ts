// `lean-author`: the product's command-line tool. Uses commander (well kept, typed, generates --help)
// rather than hand-written argument parsing. Exit codes: 0 ok, 1 problems found, 2 usage or not built.
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { createValidator, type LeanDiagnostic } from '../extension/core/validation/index';
import { version } from '../package.json';

interface FileReport {
  file: string;
  diagnostics: LeanDiagnostic[];
  error?: string;
}

// A short-lived command: V8's optimising wasm tier compiles in the background and holds the process
// open at exit (about 70 ms here) for code that a run of a few hundred files never needs.
setFlagsFromString('--liftoff-only');

const program = new Command()
  .name('lean-author')
  .description('LEAN Strategy Author: generate, validate and backtest QuantConnect LEAN algorithms.')
  .version(version)
  .exitOverride();

program
  .command('validate')
  .description('Check LEAN algorithms against Python syntax and the LEAN API; print diagnostics.')
  .argument('<files...>', 'Python files to check')
  .option('--json', 'print one JSON array of diagnostics (1-based line and column)')
  .action(async (files: string[], options: { json?: boolean }) => {
    process.exitCode = await validate(files, options.json === true);
  });

for (const [name, feature] of [
  ['generate', 'strategy generation'],
  ['serve', 'the local model server'],
  ['backtest', 'backtests in Docker'],
  ['report', 'backtest reports'],
  ['dataset', 'the training dataset export'],
  ['eval', 'model evaluation'],
] as const) {
  program
    .command(name, { hidden: false })
    .description(`(not built yet) ${feature}`)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write(`lean-author ${name}: ${feature} is not built yet in version ${version}.\n`);
      process.exitCode = 2;
    });
}

async function validate(files: string[], json: boolean): Promise<number> {
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

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`lean-author: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
