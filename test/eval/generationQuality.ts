// `npm run eval:generation`: for every prompt in generationPrompts.ts, generates a strategy with the
// offline template generator and with SmolLM2-135M on the local model server (scripts/fetch-model.sh),
// with up to LEAN_AUTHOR_EVAL_ROUNDS repair rounds (default 2), and prints the share that is
// validator-clean (no error diagnostics): offline, model without repair (round 0), model with repair.
// Measures; asserts nothing. Writes the per-prompt rows to test-results/generation-quality.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateStrategy } from '../../extension/core/generation/generate';
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
    maxTokens: 700,
    temperature: 0,
    examples: 1,
    index: LEAN_API_INDEX,
    validate,
    offlineFallback: false,
  };
  const rows: {
    prompt: string;
    offline: boolean;
    modelRound0: boolean;
    modelRepaired: boolean;
    rounds: number;
    errorsByRound: number[];
  }[] = [];
  try {
    for (const [i, prompt] of GENERATION_PROMPTS.entries()) {
      const offline = await generateStrategy({ ...common, prompt, endpoints: [], offline: true });
      const model = await generateStrategy({ ...common, prompt, endpoints: [endpoint], offline: false });
      const row = {
        prompt,
        offline: offline.clean,
        modelRound0: model.rounds[0]!.errors === 0,
        modelRepaired: model.clean,
        rounds: model.rounds.length,
        errorsByRound: model.rounds.map((r) => r.errors),
      };
      rows.push(row);
      console.log(
        `${String(i + 1).padStart(2)}. offline ${row.offline ? 'clean' : 'ERRORS'} | ${ready.model}: errors by round ${row.errorsByRound.join(' → ')} | ${prompt}`,
      );
    }
  } finally {
    await server.stop();
    validator.dispose();
  }
  const share = (pick: (r: (typeof rows)[number]) => boolean) =>
    `${rows.filter(pick).length}/${rows.length} (${((100 * rows.filter(pick).length) / rows.length).toFixed(0)}%)`;
  console.log(`\nValidator-clean code (no error diagnostics) over ${rows.length} prompts:`);
  console.log(`  offline template generator:            ${share((r) => r.offline)}`);
  console.log(`  ${ready.model}, no repair:    ${share((r) => r.modelRound0)}`);
  console.log(`  ${ready.model}, ≤${ROUNDS} repair rounds: ${share((r) => r.modelRepaired)}`);
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'test-results', 'generation-quality.json'), `${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
