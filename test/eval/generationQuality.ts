// `npm run eval:generation`: for every prompt in generationPrompts.ts, generates a strategy with the
// offline template generator and with SmolLM2-135M on the local model server (scripts/fetch-model.sh),
// with up to LEAN_AUTHOR_EVAL_ROUNDS repair rounds (default 2), once with one worked example in the
// prompt and once with none, and prints the share that is validator-clean (no error diagnostics):
// offline, model without repair (round 0), model with repair. Clean is not the same as right: a tiny
// model may copy the worked example, so the share whose code names every ticker of the request is
// printed beside it. Measures; asserts nothing. Per-prompt rows go to test-results/generation-quality.json.
// The model runs use the evaluation core of `lean-author eval` (extension/core/evaluation); use that
// command to evaluate other prompts, models or adapters.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalPrompt } from '../../extension/core/evaluation/evalPrompts';
import { runEvaluation, type EvalRow } from '../../extension/core/evaluation/runEvaluation';
import { generateStrategy } from '../../extension/core/generation/generate';
import { readPrompt } from '../../extension/core/generation/promptReader';
import { ManagedServer } from '../../extension/core/modelServer/managedServer';
import { createValidator, LEAN_API_INDEX } from '../../extension/core/validation/index';
import { repositoryRoot } from '../repositoryRoot';
import { GENERATION_PROMPTS } from './generationPrompts';

const root = repositoryRoot();

const ROUNDS = Number(process.env['LEAN_AUTHOR_EVAL_ROUNDS'] ?? 2);
const MODEL = process.env['LEAN_AUTHOR_EVAL_MODEL'] ?? path.join(root, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');

async function main(): Promise<void> {
  const validator = await createValidator({
    runtimeWasm: path.join(root, 'dist', 'wasm', 'web-tree-sitter.wasm'),
    pythonWasm: path.join(root, 'dist', 'wasm', 'tree-sitter-python.wasm'),
  });
  const validate = (code: string) => validator.validate(code, { fileName: 'main.py' });
  const server = new ManagedServer({
    node: process.execPath,
    cli: path.join(root, 'dist', 'cli.js'),
    modelPath: MODEL,
    host: '127.0.0.1',
    port: 0,
    parallel: 1,
    contextSize: 4096,
  });
  const ready = await server.start();
  const endpoint = { name: 'local', baseURL: `${ready.url}/v1`, model: ready.model };
  const prompts: EvalPrompt[] = GENERATION_PROMPTS.map((prompt, i) => ({ id: `prompt-${i + 1}`, prompt, meta: null, system: null }));
  // The model runs go through `lean-author eval`'s core (the product's generation path and its stages).
  const evaluation = (examples: number) =>
    runEvaluation({
      prompts,
      endpoints: [endpoint],
      examples,
      repairRounds: ROUNDS,
      maxTokens: Number(process.env['LEAN_AUTHOR_EVAL_MAX_TOKENS'] ?? 600),
      temperature: 0,
      firstTokenTimeoutMs: 120_000,
      index: LEAN_API_INDEX,
      validate,
      onProgress: (event) => {
        if (event.type === 'row')
          console.log(
            `${String(event.index + 1).padStart(2)}. ${examples} example(s): errors by round ${event.row.rounds.map((r) => r.errors).join(' → ')} | ${event.row.prompt}`,
          );
      },
    });
  type Variant = { round0: boolean; repaired: boolean; errorsByRound: number[]; namesTickers: boolean };
  const namesTickers = (prompt: string, code: string) => readPrompt(prompt).spec.tickers.every((t) => code.includes(`"${t}"`));
  const variant = (row: EvalRow): Variant => ({
    round0: row.noRepair.clean,
    repaired: row.withRepair.clean,
    errorsByRound: row.rounds.map((r) => r.errors),
    namesTickers: row.withRepair.clean && namesTickers(row.prompt, row.withRepair.code),
  });
  let rows: { prompt: string; offline: boolean; offlineNamesTickers: boolean; withExample: Variant; noExample: Variant }[];
  try {
    const withExample = await evaluation(1);
    const noExample = await evaluation(0);
    rows = [];
    for (const [i, prompt] of GENERATION_PROMPTS.entries()) {
      const offline = await generateStrategy({
        prompt,
        endpoints: [],
        offline: true,
        offlineFallback: false,
        maxRepairRounds: 0,
        firstTokenTimeoutMs: 0,
        maxTokens: 0,
        temperature: 0,
        examples: 0,
        index: LEAN_API_INDEX,
        validate,
      });
      rows.push({
        prompt,
        offline: offline.clean,
        offlineNamesTickers: offline.clean && namesTickers(prompt, offline.code),
        withExample: variant(withExample.rows[i]!),
        noExample: variant(noExample.rows[i]!),
      });
    }
  } finally {
    await server.stop();
    validator.dispose();
  }
  const share = (pick: (r: (typeof rows)[number]) => boolean) =>
    `${String(rows.filter(pick).length).padStart(2)}/${rows.length} (${((100 * rows.filter(pick).length) / rows.length).toFixed(0)}%)`;
  console.log(
    `\nValidator-clean code (no error diagnostics) over ${rows.length} prompts; in brackets, clean and naming every requested ticker:`,
  );
  console.log(`  offline template generator:                  ${share((r) => r.offline)} [${share((r) => r.offlineNamesTickers)}]`);
  for (const [label, pick] of [
    ['1 worked example', (r: (typeof rows)[number]) => r.withExample],
    ['no example', (r: (typeof rows)[number]) => r.noExample],
  ] as const) {
    console.log(`  ${ready.model}, ${label}, no repair:  ${share((r) => pick(r).round0)}`);
    console.log(
      `  ${ready.model}, ${label}, ≤${ROUNDS} repairs:  ${share((r) => pick(r).repaired)} [${share((r) => pick(r).namesTickers)}]`,
    );
  }
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  writeFileSync(path.join(root, 'test-results', 'generation-quality.json'), `${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
