// `lean-author generate "<prompt>"`: writes a Lean CLI project from a plain-language request and says
// what happened (which model answered, the repair rounds, what the validator still reports).
// Endpoints come from flags, a JSON file or the environment; keys only from the environment. With no
// model and no endpoint it uses the offline generator and says so.
// Exit codes: 0 clean code written, 1 written with errors left, 2 usage or configuration, 130 cancelled.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateStrategy, type GenerationOutcome } from '../extension/core/generation/generate';
import { backtestCommand, backtestReport } from './backtestCommand';
import { checkProjectName, findLeanWorkspace, projectFiles } from '../extension/core/generation/leanProject';
import { ModelConfigurationError, StreamInterruptedError } from '../extension/core/generation/modelChain';
import { suggestProjectName } from '../extension/core/generation/promptReader';
import { isOfflineDeclined, type OfflineDeclinedError } from '../extension/core/generation/offlineGenerator';
import type { GenerationEvent } from '../extension/core/generation/repairLoop';
import type { ManagedServer } from '../extension/core/modelServer/managedServer';
import { LEAN_API_INDEX } from '../extension/core/validation/index';
import { loadValidator, readEndpoints, startLocalModel } from './modelSetup';
import { UsageError } from './usageError';
import { isCancelled } from '../extension/core/cancellation';
import { cancelOnInterrupt, reportCancelled } from './cancelled';
import { BOOLEAN_SETTINGS, defaultOf } from '../extension/core/defaults';

export interface GenerateOptions {
  prompt: string;
  out?: string | undefined;
  name?: string | undefined;
  offline: boolean;
  json: boolean;
  baseUrl?: string | undefined;
  model?: string | undefined;
  endpoints?: string | undefined;
  localModel?: string | undefined;
  repairRounds: number;
  timeout: number;
  maxTokens: number;
  examples: number;
  /** Run the generated project's backtest afterwards (`lean-author backtest` with its defaults). */
  backtest?: boolean | undefined;
}

export async function generateCommand(options: GenerateOptions): Promise<number> {
  const prompt = options.prompt.trim();
  if (!prompt)
    throw new UsageError('the prompt is empty. Describe the strategy, e.g. "RSI mean reversion on AAPL and MSFT with a 5% stop".');
  const name = options.name ?? suggestProjectName(prompt);
  const nameProblem = checkProjectName(name);
  if (nameProblem) throw new UsageError(`the project name "${name}" does not work: ${nameProblem}`);
  const outDir = path.resolve(options.out ?? findLeanWorkspace(process.cwd()) ?? process.cwd());
  const projectDir = path.join(outDir, name);
  if (existsSync(projectDir))
    throw new UsageError(`${projectDir} already exists and is left untouched. Choose another --name, or move the folder away.`);

  const say = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  const interrupt = cancelOnInterrupt();
  const { signal } = interrupt;
  const endpoints = readEndpoints(options);
  let local: ManagedServer | undefined;
  const validator = await loadValidator();
  try {
    if (options.localModel && !options.offline) {
      say(`Starting the local model server on ${path.basename(options.localModel)}…`);
      const started = await startLocalModel(options.localModel, { signal });
      local = started.server;
      endpoints.unshift(started.endpoint);
    }
    if (!options.offline && endpoints.length === 0)
      say('No model is set up (no --local-model, --base-url or --endpoints), so the offline generator writes the strategy.');
    const outcome = await generateStrategy({
      prompt,
      className: name,
      endpoints,
      offline: options.offline,
      offlineFallback: true,
      maxRepairRounds: options.repairRounds,
      firstTokenTimeoutMs: options.timeout * 1000,
      maxTokens: options.maxTokens,
      temperature: 0.2,
      examples: options.examples,
      index: LEAN_API_INDEX,
      validate: (code, request) => validator.validate(code, { fileName: 'main.py', request }),
      signal,
      onEvent: (event) => reportEvent(event, say),
    });
    const files = projectFiles(name, prompt, outcome);
    mkdirSync(projectDir, { recursive: true });
    for (const file of files) writeFileSync(path.join(outDir, file.path), file.content, { flag: 'wx' });
    if (!options.json) printSummary(projectDir, outcome);
    if (!options.backtest || !outcome.clean) {
      if (options.backtest) say('Not running the backtest: the validator still reports errors. Fix them, then run `lean-author backtest`.');
      if (options.json) process.stdout.write(`${JSON.stringify(summary(projectDir, files, outcome), null, 2)}\n`);
      return outcome.clean ? 0 : 1;
    }
    const backtestOptions = {
      timeout: defaultOf('backtest.timeoutSeconds'),
      json: options.json,
      allowNetwork: BOOLEAN_SETTINGS['backtest.allowNetwork'],
      memory: defaultOf('backtest.memoryMb'),
      cpus: defaultOf('backtest.cpus'),
    };
    if (!options.json) return backtestCommand(projectDir, backtestOptions);
    const result = await backtestReport(projectDir, backtestOptions);
    const backtest = { ...result.run, statistics: result.statistics };
    process.stdout.write(`${JSON.stringify({ ...summary(projectDir, files, outcome), backtest }, null, 2)}\n`);
    return result.code;
  } catch (error) {
    if (isCancelled(error, signal)) return reportCancelled('before anything was written');
    if (isOfflineDeclined(error)) return declined(error, options.json === true);
    if (error instanceof ModelConfigurationError || error instanceof StreamInterruptedError) throw new UsageError(error.message);
    throw error;
  } finally {
    interrupt.dispose();
    validator.dispose();
    await local?.stop();
  }
}

/** The offline generator cannot write the strategy: say what was understood and what cannot be done; exit 3, nothing written. */
function declined(error: OfflineDeclinedError, json: boolean): number {
  const understood = error.request.instruments.map((i) => `${i.symbol} (${i.securityType} on ${i.market})`);
  if (json) {
    const record = { written: false, declined: error.message, understood: error.request.instruments, unfulfilled: error.unfulfilled };
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  } else {
    const lines = [`Nothing was written. ${error.message}`];
    if (understood.length) lines.push(`Understood: ${understood.join(', ')}.`);
    for (const sentence of error.unfulfilled) if (sentence !== error.message) lines.push(`  not done: ${sentence}`);
    process.stderr.write(`${lines.join('\n')}\n`);
  }
  return 3;
}

function reportEvent(event: GenerationEvent, say: (line: string) => void): void {
  if (event.type === 'attempt')
    say(`${event.round ? `Repair round ${event.round}: asking` : 'Asking'} ${event.endpoint.name} (${event.endpoint.model})…`);
  else if (event.type === 'failover') say(`  ${event.endpoint.name} did not answer: ${event.reason}; trying the next endpoint.`);
  else if (event.type === 'round')
    say(
      `  ${event.round.endpoint} answered in ${(event.round.durationMs / 1000).toFixed(1)} s: ${event.round.errors} error(s), ${event.round.warnings} warning(s).`,
    );
}

function summary(projectDir: string, files: { path: string }[], outcome: GenerationOutcome) {
  return {
    project: projectDir,
    files: files.map((f) => f.path),
    source: outcome.source,
    endpoint: outcome.endpoint ?? null,
    offlineReason: outcome.offlineReason ?? null,
    unfulfilled: outcome.unfulfilled,
    clean: outcome.clean,
    rounds: outcome.rounds.length,
    chosenRound: outcome.chosen,
    diagnostics: outcome.diagnostics.map((d) => ({ line: d.range.startLine + 1, code: d.code, severity: d.severity, message: d.message })),
    durationMs: outcome.durationMs,
  };
}

function printSummary(projectDir: string, outcome: GenerationOutcome): void {
  const by =
    outcome.source === 'offline'
      ? `the offline generator (${outcome.offlineReason})`
      : `${outcome.endpoint!.name} (${outcome.endpoint!.model}) in ${outcome.rounds.length} round(s)`;
  const lines = [`Wrote ${path.join(projectDir, 'main.py')}, config.json and generation.json`, `Written by ${by}.`];
  for (const note of outcome.notes) lines.push(`  note: ${note}`);
  for (const sentence of outcome.unfulfilled) lines.push(`  not done: ${sentence}`);
  const shown = outcome.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  lines.push(
    outcome.clean
      ? `The validator reports no errors${shown.length ? ` (${shown.length} warning(s))` : ''}.`
      : 'The validator still reports:',
  );
  for (const d of shown) lines.push(`  main.py:${d.range.startLine + 1}: ${d.severity} [${d.code}] ${d.message}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
