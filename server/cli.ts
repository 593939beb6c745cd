// `lean-author`: the product's command-line tool. Uses commander (well kept, typed, generates --help)
// rather than hand-written argument parsing. Exit codes: 0 ok, 1 problems found, 2 usage, 3 the offline generator
// cannot write what was asked (generate: nothing written), 130 cancelled.
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../package.json';
import path from 'node:path';
import { defaultOf, EVAL_DEFAULTS, NUMBER_SETTINGS, type NumberSetting } from '../extension/core/defaults';
import { requireWithCodeCache, saveCodeCaches } from './codeCache';
import { isUsageError } from './usageError';
import type * as BacktestModule from './backtestCommand';
import type { BacktestCommandOptions } from './backtestCommand';
import type * as DatasetModule from './datasetCommand';
import type * as EvalModule from './evalCommand';
import type { EvalCommandOptions } from './evalCommand';
import type * as GenerateModule from './generateCommand';
import type { GenerateOptions } from './generateCommand';
import type * as PullModule from './pull/pullCommand';
import type * as ReportModule from './reportCommand';
import type * as ServeModule from './serve/serveCommand';
import type * as ValidateModule from './validateCommand';

interface Commands {
  validate: typeof ValidateModule;
  serve: typeof ServeModule;
  generate: typeof GenerateModule;
  backtest: typeof BacktestModule;
  pull: typeof PullModule;
  report: typeof ReportModule;
  dataset: typeof DatasetModule;
  eval: typeof EvalModule;
}

/**
 * Each command is its own bundle (dist/cli-<name>.js, see esbuild.config.mjs), loaded when it runs.
 * Reason: the commands between them pull in dockerode, ssh2, openai, zod and the report renderer;
 * loading all of that (1.7 MB of JavaScript) cost `validate`, a short-lived command that editors and
 * pre-commit hooks run on every save, about 250 ms of start-up before it read its first file.
 * A usage error from any bundle is recognised by its name (see usageError.ts).
 */
function command<K extends keyof Commands>(name: K): Commands[K] {
  // A runtime path, not a literal: esbuild must leave this require alone so each command stays separate.
  const bundle = path.join(__dirname, `cli-${name}.js`);
  // `validate` is run over and over and briefly, so its start-up counts: it loads through a V8 code cache.
  // (Not the others: a script compiled by node:vm cannot import(), which the model commands need.)
  return (name === 'validate' ? requireWithCodeCache(bundle) : require(bundle)) as Commands[K];
}

function integer(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`--${name} must be a whole number, not "${value}"`);
  return n;
}

/** A parser for a flag that sets one of the product's number settings: its range is the setting's (extension/core/defaults.ts). */
function inRange(key: NumberSetting, flag: string): (value: string) => number {
  const { minimum, maximum, integer: whole } = NUMBER_SETTINGS[key];
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < minimum || n > maximum)
      throw new InvalidArgumentError(
        `--${flag} must be a ${whole ? 'whole number' : 'number'} from ${minimum} to ${maximum}, not "${value}"`,
      );
    return n;
  };
}

/**
 * Runs a command's work and sets the exit code it returns. A usage error (a bad flag, a missing file, no
 * engine) prints `lean-author NAME: message` and exits with 2; anything else reaches the handler below.
 */
async function run(name: string, work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (!isUsageError(error)) throw error;
    process.stderr.write(`lean-author ${name}: ${error.message}\n`);
    process.exitCode = 2;
  }
}

/** `PATH[:SCALE]`, repeatable. The scale is split off only when it is a number, so `C:\x.gguf` stays a path. */
function loraAdapter(value: string, previous: { path: string; scale: number }[] = []): { path: string; scale: number }[] {
  const match = /^(.+):(-?\d+(?:\.\d+)?)$/.exec(value);
  const scale = match ? Number(match[2]) : 1;
  if (!Number.isFinite(scale) || Math.abs(scale) > 10)
    throw new InvalidArgumentError(`the LoRA scale in "${value}" must be between -10 and 10`);
  return [...previous, { path: match ? match[1]! : value, scale }];
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
    const { validateCommand } = command('validate');
    await run('validate', () => validateCommand(files, options.json === true));
    saveCodeCaches();
  });

program
  .command('serve')
  .description('Serve a GGUF model over an OpenAI-compatible HTTP API (llama.cpp through node-llama-cpp).')
  .requiredOption('--model <path>', 'GGUF model file')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on (0 picks a free one)', (v) => integer(v, 'port'), 8080)
  .option('--parallel <n>', 'sequences generating at once', inRange('localServer.parallel', 'parallel'), defaultOf('localServer.parallel'))
  .option(
    '--ctx-size <n>',
    'context size in tokens, shared by the sequences',
    inRange('localServer.contextSize', 'ctx-size'),
    defaultOf('localServer.contextSize'),
  )
  .option('--threads <n>', 'CPU threads (default: the number of cores)', (v) => integer(v, 'threads'))
  .option('--lora <path[:scale]>', 'LoRA adapter GGUF with an optional scale (default 1); repeat for several', loraAdapter)
  .option('--api-key <key>', 'require this bearer token (or set LEAN_AUTHOR_API_KEY)')
  .action(
    async (options: {
      model: string;
      host: string;
      port: number;
      parallel: number;
      ctxSize: number;
      threads?: number;
      lora?: { path: string; scale: number }[];
      apiKey?: string;
    }) => {
      const { serveCommand } = command('serve');
      await run('serve', async () => {
        await serveCommand({ ...options, apiKey: options.apiKey ?? process.env['LEAN_AUTHOR_API_KEY'] });
        return 0;
      });
    },
  );

program
  .command('generate')
  .description(
    'Write a Lean CLI project (<name>/main.py, config.json, generation.json) from a plain-language strategy description. ' +
      'Uses --local-model, then --endpoints / --base-url in order, with validator-driven repair rounds; with none of them, the offline generator.',
  )
  .argument('<prompt>', 'the strategy, e.g. "RSI mean reversion on AAPL and MSFT with a 5% stop"')
  .option(
    '--out <dir>',
    'folder to create the project in (default: the Lean CLI workspace above the current folder, else the current folder)',
  )
  .option('--name <name>', 'project name (default: suggested from the prompt)')
  .option('--offline', 'use the offline generator only')
  .option('--json', 'print the outcome as JSON')
  .option('--local-model <gguf>', 'start the local model server on this GGUF model for the run (first in the chain)')
  .option('--endpoints <file>', 'JSON list of {"name","baseURL","model"} (or LEAN_AUTHOR_ENDPOINTS); keys from LEAN_AUTHOR_KEY_<NAME>')
  .option('--base-url <url>', 'one OpenAI-compatible endpoint (or LEAN_AUTHOR_BASE_URL); key from LEAN_AUTHOR_API_KEY or OPENAI_API_KEY')
  .option('--model <name>', 'the model at --base-url (or LEAN_AUTHOR_MODEL)')
  .option(
    '--repair-rounds <n>',
    'validator-driven repair rounds after the first answer',
    inRange('generation.repairRounds', 'repair-rounds'),
    defaultOf('generation.repairRounds'),
  )
  .option(
    '--timeout <seconds>',
    'how long an endpoint may take to start answering before the next is tried',
    inRange('generation.firstTokenTimeoutSeconds', 'timeout'),
    defaultOf('generation.firstTokenTimeoutSeconds'),
  )
  // Any positive count, below the setting's minimum too: short answers make quick measurements and tests.
  .option('--max-tokens <n>', 'longest answer in tokens', (v) => integer(v, 'max-tokens'), defaultOf('generation.maxTokens'))
  .option(
    '--examples <n>',
    'worked examples in the prompt (0 to 2)',
    inRange('generation.examples', 'examples'),
    defaultOf('generation.examples'),
  )
  .option('--backtest', 'run the backtest of the generated project afterwards (see `lean-author backtest`)')
  .action(async (prompt: string, options: Omit<GenerateOptions, 'prompt' | 'offline' | 'json'> & { offline?: boolean; json?: boolean }) => {
    const { generateCommand } = command('generate');
    await run('generate', () => generateCommand({ ...options, prompt, offline: options.offline === true, json: options.json === true }));
  });

program
  .command('backtest')
  .description(
    "Run a Lean CLI project's backtest in LEAN's Docker image, as `lean backtest` does; results go to <project>/backtests/<timestamp>/.",
  )
  .argument('<project>', 'the project folder (holding main.py), inside a Lean CLI workspace (lean.json)')
  .option('--image <image>', "engine image (default: the project's engine-image, else quantconnect/lean:latest; or LEAN_AUTHOR_IMAGE)")
  .option(
    '--timeout <seconds>',
    'stop the backtest after this long',
    inRange('backtest.timeoutSeconds', 'timeout'),
    defaultOf('backtest.timeoutSeconds'),
  )
  .option('--docker-socket <path>', 'Docker-API socket (default: DOCKER_HOST, then /var/run/docker.sock; or LEAN_AUTHOR_DOCKER_SOCKET)')
  .option('--allow-network', 'give the container network access (off by default)')
  .option('--memory <mb>', 'memory limit in MB (0: none)', inRange('backtest.memoryMb', 'memory'), defaultOf('backtest.memoryMb'))
  .option('--cpus <n>', 'CPU limit (0: none)', inRange('backtest.cpus', 'cpus'), defaultOf('backtest.cpus'))
  .option('--json', 'print the run (status, output folder, errors, statistics) as JSON')
  .action(
    async (
      project: string,
      options: Omit<BacktestCommandOptions, 'json' | 'allowNetwork'> & { json?: boolean; allowNetwork?: boolean },
    ) => {
      const { backtestCommand } = command('backtest');
      await run('backtest', () =>
        backtestCommand(project, { ...options, json: options.json === true, allowNetwork: options.allowNetwork === true }),
      );
    },
  );

program
  .command('pull')
  .description(
    'Download a GGUF model (hf:<user>/<repo>:<quant>, hf:<user>/<repo>/<file>.gguf or an http(s) URL). HF_ENDPOINT selects a mirror.',
  )
  .argument('<uri>', 'model URI')
  .option('--dir <dir>', 'folder to download into', '.')
  .option('--json', 'print progress and the result as JSON lines')
  .action(async (uri: string, options: { dir: string; json?: boolean }) => {
    const { pullCommand } = command('pull');
    await run('pull', () => pullCommand({ uri, dir: options.dir, json: options.json === true }));
  });

program
  .command('report')
  .description(
    'Write a backtest report of a run folder (<project>/backtests/<run>/) or a result file: a self-contained HTML page, ' +
      'Markdown with PNG charts, or JSON. Written into the run folder unless --out; an existing report is never replaced ' +
      '(report-2.html ... is taken) unless --overwrite.',
  )
  .argument('<backtest-dir>', 'the run folder, or a LEAN result file such as an old result.json')
  .addOption(new Option('--format <format>', 'report format').choices(['html', 'md', 'json']).default('html'))
  .option('--out <path>', 'the report file, or a folder for the default names (json without --out prints to stdout)')
  .option('--overwrite', 'replace existing report files')
  .action(async (backtest: string, options: { format: 'html' | 'md' | 'json'; out?: string; overwrite?: boolean }) => {
    const { reportCommand } = command('report');
    await run('report', () => reportCommand(backtest, { format: options.format, out: options.out, overwrite: options.overwrite === true }));
  });

program
  .command('dataset')
  .description(
    'Print the template library as JSON lines for the training dataset: one record per template spec (id, family, spec, ' +
      'parameter definitions, description, code). --system-prompt prints the system prompt instead; --read-prompts prints ' +
      "what the product makes of each prompt at inference (the reader's spec and the zero-example chat messages).",
  )
  .option('--out <file>', 'write the JSON lines to this file instead of stdout')
  .option('--max-per-family <n>', 'at most this many specs per family, spread over its parameter grid', (v) => integer(v, 'max-per-family'))
  .option('--families <ids>', 'comma-separated family ids (default: all)')
  .option('--seed <n>', "picks each spec's backtest window and starting cash", (v) => integer(v, 'seed'), 0)
  .option('--system-prompt', "print the product's system prompt (the zero-example prompt without indicator signatures)")
  .option('--held-out', 'print the wordings and signal numbers the dataset holds out for its test split, as one JSON object')
  .option('--read-prompts <file>', 'JSON lines of {"id","prompt"} (- for stdin): print the reading and the chat messages of each')
  .option(
    '--composed <n>',
    "draw this many requests from the composer's combinations: prompt phrased from each, code written from the prompt",
    (v) => integer(v, 'composed'),
  )
  .action(
    async (options: {
      out?: string;
      maxPerFamily?: number;
      families?: string;
      seed: number;
      systemPrompt?: boolean;
      heldOut?: boolean;
      readPrompts?: string;
      composed?: number;
    }) => {
      const { datasetCommand } = command('dataset');
      await run('dataset', () =>
        datasetCommand({ ...options, systemPrompt: options.systemPrompt === true, heldOut: options.heldOut === true }),
      );
    },
  );

program
  .command('eval')
  .description(
    "Evaluate a model on held-out prompts through the product's generation path (local server with LoRA adapters, or endpoints; " +
      'the chain, validator and repair rounds of `generate`). Scores each prompt by stages gated in order (code extracted, parses, ' +
      'validator-clean; with --backtest also backtest ran and at least one trade), for the first answer and after repair. ' +
      'Progress on stderr; a Markdown table on stdout (JSON with --json); --out writes the JSON and a .md beside it.',
  )
  .requiredOption(
    '--prompts <file>',
    'a dataset split (train.jsonl/test.jsonl: the user message of each "prompt", and "meta") or one prompt a line',
  )
  .option('--limit <n>', 'evaluate only the first n prompts', (v) => integer(v, 'limit'))
  .option('--local-model <gguf>', 'start the local model server on this GGUF model (first in the chain)')
  .option('--lora <path[:scale]>', 'LoRA adapter GGUF for the local model server, with an optional scale; repeat for several', loraAdapter)
  .option('--endpoints <file>', 'JSON list of {"name","baseURL","model"} (or LEAN_AUTHOR_ENDPOINTS); keys from LEAN_AUTHOR_KEY_<NAME>')
  .option('--base-url <url>', 'one OpenAI-compatible endpoint (or LEAN_AUTHOR_BASE_URL); key from LEAN_AUTHOR_API_KEY or OPENAI_API_KEY')
  .option('--model <name>', 'the model at --base-url (or LEAN_AUTHOR_MODEL)')
  .option(
    '--examples <n>',
    'worked examples in the prompt (0 to 2; the training data has 0)',
    inRange('generation.examples', 'examples'),
    EVAL_DEFAULTS.examples,
  )
  .option(
    '--repair-rounds <n>',
    'validator-driven repair rounds after the first answer',
    inRange('generation.repairRounds', 'repair-rounds'),
    defaultOf('generation.repairRounds'),
  )
  // Any positive count, below the setting's minimum too: short answers make quick measurements and tests.
  .option('--max-tokens <n>', 'longest answer in tokens', (v) => integer(v, 'max-tokens'), defaultOf('generation.maxTokens'))
  .option(
    '--temperature <t>',
    'sampling temperature (0: greedy, reproducible)',
    inRange('generation.temperature', 'temperature'),
    EVAL_DEFAULTS.temperature,
  )
  .option(
    '--timeout <seconds>',
    'how long an endpoint may take to start answering',
    inRange('generation.firstTokenTimeoutSeconds', 'timeout'),
    EVAL_DEFAULTS.firstTokenTimeoutSeconds,
  )
  .option(
    '--ctx-size <n>',
    'context size of the local model server in tokens',
    inRange('localServer.contextSize', 'ctx-size'),
    defaultOf('localServer.contextSize'),
  )
  .option('--threads <n>', 'CPU threads of the local model server (default: the number of cores; 1 is faster on a busy machine)', (v) =>
    integer(v, 'threads'),
  )
  .option('--backtest', "backtest every validator-clean answer in LEAN's image (needs a Docker-API engine and the image)")
  .option('--workspace <dir>', 'Lean CLI workspace (lean.json, data) for the backtest projects (default: the one above the current folder)')
  .option('--image <image>', 'engine image (default: quantconnect/lean:latest; or LEAN_AUTHOR_IMAGE)')
  .option('--docker-socket <path>', 'Docker-API socket (default: DOCKER_HOST, then /var/run/docker.sock; or LEAN_AUTHOR_DOCKER_SOCKET)')
  .option(
    '--backtest-timeout <seconds>',
    'stop one backtest after this long',
    inRange('backtest.timeoutSeconds', 'backtest-timeout'),
    EVAL_DEFAULTS.backtestTimeoutSeconds,
  )
  .option('--label <name>', 'name of this run in tables (default: the model, plus the adapters)')
  .option('--json', 'print the result as JSON instead of the Markdown table')
  .option('--out <file>', 'write the JSON result to this file, and the Markdown table beside it (.md)')
  .action(async (options: Omit<EvalCommandOptions, 'json' | 'backtest'> & { json?: boolean; backtest?: boolean }) => {
    const { evalCommand } = command('eval');
    await run('eval', () => evalCommand({ ...options, json: options.json === true, backtest: options.backtest === true }));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`lean-author: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
