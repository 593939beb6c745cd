// `lean-author`: the product's command-line tool. Uses commander (well kept, typed, generates --help)
// rather than hand-written argument parsing. Exit codes: 0 ok, 1 problems found, 2 usage or not built.
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError } from 'commander';
import { version } from '../package.json';
import { validateCommand } from './validateCommand';

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
    process.exitCode = await validateCommand(files, options.json === true);
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

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`lean-author: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
