// `lean-author eval --prompts FILE`: held-out prompts through the product's own generation path (the
// managed local server with optional LoRA adapters, or endpoints; the chain, validator and repair loop
// of `lean-author generate`), scored by QuantCode-Bench-style stages for the first answer and after the
// repair rounds; with --backtest, clean answers also run in LEAN's image. Progress goes to stderr; the
// result is a JSON file (--out, --json) and a Markdown table (stdout, and beside --out).
// Exit codes: 0 evaluated (whatever the scores), 2 usage, configuration or an unreachable model, 130 cancelled.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { version } from '../package.json';
import { chooseImage } from '../extension/core/backtest/backtestRunner';
import { DockerError } from '../extension/core/backtest/dockerConnection';
import { BacktestSetupError } from '../extension/core/backtest/leanWorkspace';
import { runFolderName } from '../extension/core/backtest/outputFolder';
import { checkBacktestSetup, createBacktester, type BacktestStageOptions } from '../extension/core/evaluation/backtestStage';
import { EvalInputError, parsePrompts } from '../extension/core/evaluation/evalPrompts';
import { markdownReport, type EvalResult } from '../extension/core/evaluation/evalReport';
import { runEvaluation, type Backtester, type EvalProgress } from '../extension/core/evaluation/runEvaluation';
import { formatCount, highestStage, STAGE_TITLES } from '../extension/core/evaluation/stages';
import { findLeanWorkspace } from '../extension/core/generation/leanProject';
import { ChainExhaustedError, ModelConfigurationError } from '../extension/core/generation/modelChain';
import { LEAN_API_INDEX } from '../extension/core/validation/index';
import { loadValidator, readEndpoints, startLocalModel, type LocalModel } from './modelSetup';
import { UsageError } from './usageError';
import { isCancelled } from '../extension/core/cancellation';
import { cancelOnInterrupt, reportCancelled } from './cancelled';
import { defaultOf } from '../extension/core/defaults';

export interface EvalCommandOptions {
  prompts: string;
  limit?: number | undefined;
  localModel?: string | undefined;
  lora?: { path: string; scale: number }[] | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
  endpoints?: string | undefined;
  examples: number;
  repairRounds: number;
  maxTokens: number;
  temperature: number;
  /** Seconds an endpoint may take to start answering. */
  timeout: number;
  ctxSize: number;
  /** CPU threads of the local model server (default: the number of cores). */
  threads?: number | undefined;
  backtest: boolean;
  image?: string | undefined;
  dockerSocket?: string | undefined;
  /** The Lean CLI workspace for backtests (default: the one above the current folder). */
  workspace?: string | undefined;
  backtestTimeout: number;
  label?: string | undefined;
  json: boolean;
  out?: string | undefined;
}

export async function evalCommand(options: EvalCommandOptions): Promise<number> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const promptsFile = path.resolve(options.prompts);
  let text: string;
  try {
    text = readFileSync(promptsFile, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the prompts file ${promptsFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Pass a dataset split (test.jsonl) or a text file with one prompt a line.`,
    );
  }
  let prompts;
  try {
    prompts = parsePrompts(text, promptsFile);
  } catch (error) {
    if (error instanceof EvalInputError) throw new UsageError(error.message);
    throw error;
  }
  const promptsInFile = prompts.length;
  if (options.limit !== undefined) {
    if (options.limit < 1) throw new UsageError('--limit must be at least 1.');
    prompts = prompts.slice(0, options.limit);
  }
  if (options.lora?.length && !options.localModel)
    throw new UsageError('--lora needs --local-model: adapters are loaded by the local model server on top of its GGUF.');
  const endpoints = readEndpoints(options);
  if (!options.localModel && endpoints.length === 0)
    throw new UsageError('there is no model to evaluate. Pass --local-model GGUF (with --lora), --base-url and --model, or --endpoints.');

  // The prompts finished before a cancel are still written, so say at once that it is stopping.
  const interrupt = cancelOnInterrupt(() => say('Cancelling…'));
  const { signal } = interrupt;
  const createdAt = new Date();
  let backtest: Backtester | undefined;
  let image: string | null = null;
  let local: LocalModel | undefined;
  const validator = await loadValidator();
  try {
    if (options.backtest) {
      const setup = backtestSetup(options, createdAt);
      image = await checkBacktestSetup(setup);
      say(`Backtests run in ${image}; the projects go to ${setup.projectsDir}.`);
      backtest = createBacktester(setup);
    }
    if (options.localModel) {
      const adapters = (options.lora ?? []).map((a) => `${path.basename(a.path)}@${a.scale}`);
      say(
        `Starting the local model server on ${path.basename(options.localModel)}${adapters.length ? ` with LoRA ${adapters.join(', ')}` : ''}…`,
      );
      local = await startLocalModel(options.localModel, {
        ...(options.lora ? { lora: options.lora } : {}),
        contextSize: options.ctxSize,
        threads: options.threads,
        signal,
      });
      endpoints.unshift(local.endpoint);
    }
    const first = endpoints[0]!;
    const label = options.label ?? defaultLabel(first.model, options.lora ?? []);
    say(
      `Evaluating ${prompts.length} prompt(s) with ${first.model} (${first.name}): ${options.examples} worked example(s), ` +
        `≤${options.repairRounds} repair round(s), max ${options.maxTokens} tokens, temperature ${options.temperature}.`,
    );
    const run = await runEvaluation({
      prompts,
      endpoints,
      examples: options.examples,
      repairRounds: options.repairRounds,
      maxTokens: options.maxTokens,
      temperature: options.temperature,
      firstTokenTimeoutMs: options.timeout * 1000,
      index: LEAN_API_INDEX,
      validate: (code, request) => validator.validate(code, { fileName: 'main.py', request }),
      backtest,
      signal,
      onProgress: (event) => progress(event, say),
    });
    const result: EvalResult = {
      tool: 'lean-author eval',
      version,
      label,
      createdAt: createdAt.toISOString(),
      model: {
        endpoints: endpoints.map((e) => ({ name: e.name, baseURL: e.baseURL, model: e.model })),
        localModel: options.localModel ? path.resolve(options.localModel) : null,
        adapters: (options.lora ?? []).map((a) => ({ path: path.resolve(a.path), scale: a.scale })),
        loadedAdapters: local?.adapters ?? [],
      },
      settings: {
        prompts: promptsFile,
        promptsInFile,
        limit: options.limit ?? null,
        examples: options.examples,
        repairRounds: options.repairRounds,
        maxTokens: options.maxTokens,
        temperature: options.temperature,
        contextSize: options.localModel ? options.ctxSize : null,
        threads: options.localModel ? (options.threads ?? null) : null,
        backtest: options.backtest,
        image,
      },
      ...run,
    };
    const markdown = markdownReport(result);
    if (options.out) {
      const out = path.resolve(options.out);
      const md = out.endsWith('.json') ? `${out.slice(0, -'.json'.length)}.md` : `${out}.md`;
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(md, markdown);
      say(`Wrote ${out} and ${md}.`);
    }
    if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(markdown);
    say(summaryLine(result));
    if (run.cancelled) return reportCancelled(`after ${run.rows.length} of ${prompts.length} prompt(s)`);
    return 0;
  } catch (error) {
    if (isCancelled(error, signal)) return reportCancelled('before any prompt was evaluated');
    if (error instanceof ChainExhaustedError || error instanceof ModelConfigurationError) throw new UsageError(error.message);
    if (error instanceof BacktestSetupError || error instanceof DockerError) throw new UsageError(error.message);
    throw error;
  } finally {
    interrupt.dispose();
    validator.dispose();
    await local?.server.stop();
  }
}

function backtestSetup(options: EvalCommandOptions, createdAt: Date): BacktestStageOptions {
  const workspaceDir = options.workspace ? path.resolve(options.workspace) : findLeanWorkspace(process.cwd());
  if (!workspaceDir)
    throw new UsageError(
      'no lean.json was found above the current folder, and --backtest needs a Lean CLI workspace: pass --workspace, or run in a folder made by `lean init`.',
    );
  const image = options.image ?? process.env['LEAN_AUTHOR_IMAGE'];
  const label = (options.label ?? 'eval').replace(/[^A-Za-z0-9_.-]+/g, '-');
  return {
    workspaceDir,
    projectsDir: path.join(workspaceDir, 'lean-author-eval', `${label}_${runFolderName(createdAt)}`),
    image: chooseImage(image, {}),
    docker: { socket: options.dockerSocket ?? process.env['LEAN_AUTHOR_DOCKER_SOCKET'] },
    timeoutMs: options.backtestTimeout * 1000,
    memoryMb: defaultOf('backtest.memoryMb'),
    cpus: defaultOf('backtest.cpus'),
  };
}

function defaultLabel(model: string, lora: { path: string }[]): string {
  return lora.length ? `${model}+${lora.map((a) => path.basename(a.path, '.gguf')).join('+')}` : model;
}

function progress(event: EvalProgress, say: (line: string) => void): void {
  if (event.type !== 'row') return;
  const { row, index, total } = event;
  const counter = `[${String(index + 1).padStart(String(total).length)}/${total}]`;
  const prompt = row.prompt.length > 70 ? `${row.prompt.slice(0, 69)}…` : row.prompt;
  if (row.error) {
    say(`${counter} no answer (${row.error}) · ${prompt}`);
    return;
  }
  const repaired =
    row.withRepair.round === row.noRepair.round ? 'same code' : `${highestStage(row.withRepair)} (round ${row.withRepair.round})`;
  say(
    `${counter} no repair: ${highestStage(row.noRepair)} · with repair: ${repaired} · errors by round ${row.rounds.map((r) => r.errors).join('→')} · ` +
      `${(row.durationMs / 1000).toFixed(1)} s · ${prompt}`,
  );
}

function summaryLine(result: EvalResult): string {
  const { summary } = result;
  const part = (counts: EvalResult['summary']['noRepair']) =>
    result.stages.map((stage) => `${STAGE_TITLES[stage].toLowerCase()} ${formatCount(counts[stage], summary.prompts)}`).join(', ');
  return (
    `${result.label} over ${summary.prompts} prompt(s) in ${(result.durationMs / 1000).toFixed(0)} s: ` +
    `no repair: ${part(summary.noRepair)}; with repair: ${part(summary.withRepair)}.`
  );
}
