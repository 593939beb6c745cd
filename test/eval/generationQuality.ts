// `npm run eval:generation`: for every prompt in generationPrompts.ts, generates a strategy with the
// offline template generator and with SmolLM2-135M on the local model server (scripts/fetch-model.sh),
// with up to LEAN_AUTHOR_EVAL_ROUNDS repair rounds (default 2), once with one worked example in the
// prompt and once with none, and prints the share that is validator-clean (no error diagnostics):
// offline, model without repair (round 0), model with repair. Clean is not the same as right: a tiny
// model may copy the worked example, so the share whose code names every ticker of the request is
// printed beside it. Measures; asserts nothing. Per-prompt rows go to test-results/generation-quality.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateStrategy, type GenerationOutcome } from '../../extension/core/generation/generate';
import { readPrompt } from '../../extension/core/generation/promptReader';
import { ManagedServer } from '../../extension/core/modelServer/managedServer';
import { createValidator, LEAN_API_INDEX } from '../../extension/core/validation/index';
import { repoRoot } from '../e2e/tools';
import { GENERATION_PROMPTS } from './generationPrompts';

const ROUNDS = Number(process.env['LEAN_AUTHOR_EVAL_ROUNDS'] ?? 2);
const MODEL = process.env['LEAN_AUTHOR_EVAL_MODEL'] ?? path.join(repoRoot, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');

async function main(): Promise<void> {
  const validator = await createValidator({
    runtimeWasm: path.join(repoRoot, 'dist', 'wasm', 'web-tree-sitter.wasm'),
    pythonWasm: path.join(repoRoot, 'dist', 'wasm', 'tree-sitter-python.wasm'),
  });
  const validate = (code: string) => validator.validate(code, { fileName: 'main.py' });
  const server = new ManagedServer({
    node: process.execPath,
    cli: path.join(repoRoot, 'dist', 'cli.js'),
    modelPath: MODEL,
    host: '127.0.0.1',
    port: 0,
    parallel: 1,
    contextSize: 4096,
  });
  const ready = await server.start();
  const endpoint = { name: 'local', baseURL: `${ready.url}/v1`, model: ready.model };
  const common = {
    maxRepairRounds: ROUNDS,
    firstTokenTimeoutMs: 120_000,
    maxTokens: Number(process.env['LEAN_AUTHOR_EVAL_MAX_TOKENS'] ?? 600),
    temperature: 0,
    examples: 1,
    index: LEAN_API_INDEX,
    validate,
    offlineFallback: false,
  };
  type Variant = { round0: boolean; repaired: boolean; errorsByRound: number[]; namesTickers: boolean };
  const rows: { prompt: string; offline: boolean; offlineNamesTickers: boolean; withExample: Variant; noExample: Variant }[] = [];
  const namesTickers = (prompt: string, code: string) => readPrompt(prompt).spec.tickers.every((t) => code.includes(`"${t}"`));
  const variant = (prompt: string, outcome: GenerationOutcome): Variant => ({
    round0: outcome.rounds[0]!.errors === 0,
    repaired: outcome.clean,
    errorsByRound: outcome.rounds.map((r) => r.errors),
    namesTickers: outcome.clean && namesTickers(prompt, outcome.code),
  });
  try {
    for (const [i, prompt] of GENERATION_PROMPTS.entries()) {
      const offline = await generateStrategy({ ...common, prompt, endpoints: [], offline: true });
      const withExample = await generateStrategy({ ...common, prompt, endpoints: [endpoint], offline: false });
      const noExample = await generateStrategy({ ...common, examples: 0, prompt, endpoints: [endpoint], offline: false });
      const row = {
        prompt,
        offline: offline.clean,
        offlineNamesTickers: offline.clean && namesTickers(prompt, offline.code),
        withExample: variant(prompt, withExample),
        noExample: variant(prompt, noExample),
      };
      rows.push(row);
      console.log(
        `${String(i + 1).padStart(2)}. offline ${row.offline ? 'clean' : 'ERRORS'} | errors by round, 1 example: ${row.withExample.errorsByRound.join(' → ')}; no example: ${row.noExample.errorsByRound.join(' → ')} | ${prompt}`,
      );
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
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'test-results', 'generation-quality.json'), `${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
