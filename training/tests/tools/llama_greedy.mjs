// llama.cpp's greedy next-token choices (node-llama-cpp, the engine `lean-author serve` runs) for given
// token ids, optionally with LoRA adapters. The conversion tests compare them with transformers + PEFT.
//   node llama_greedy.mjs REQUEST.json
// REQUEST: {"model": "base.gguf", "lora": [{"path": "adapter.gguf", "scale": 1}], "tokens": 32,
//           "prompts": [[ids...]], "forced": [[ids...]]}
// Without "forced", each prompt is continued greedily for "tokens" tokens. With "forced" (one list per
// prompt), decoding is teacher-forced: output i is llama.cpp's greedy choice after the prompt plus the
// first i forced tokens, so one early disagreement does not make every later position differ.
// Prints {"outputs": [[ids...], ...]} on stdout.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';

// More threads than cores makes llama.cpp's spinning workers stall on a busy machine.
const threads = Math.max(1, Math.min(4, os.availableParallelism()));

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: threads });
const model = await llama.loadModel({ modelPath: request.model });
const adapters = (request.lora ?? []).map((a) => ({ filePath: a.path, scale: a.scale ?? 1 }));
const context = await model.createContext({ contextSize: 1024, threads, ...(adapters.length ? { lora: { adapters } } : {}) });
const sequence = context.getSequence();

/** The greedy token after appending `tokens` to the sequence; the returned token itself is not appended. */
async function nextToken(tokens) {
  for await (const token of sequence.evaluate(tokens, { temperature: 0 })) return token;
  throw new Error('llama.cpp generated nothing');
}

const outputs = [];
for (const [i, prompt] of request.prompts.entries()) {
  const forced = request.forced?.[i];
  const ids = [];
  if (forced) {
    ids.push(await nextToken(prompt));
    for (const token of forced.slice(0, -1)) ids.push(await nextToken([token]));
  } else {
    for await (const token of sequence.evaluate(prompt, { temperature: 0 })) {
      ids.push(token);
      if (ids.length >= request.tokens || token === model.tokens.eos) break;
    }
  }
  outputs.push(ids);
  await sequence.clearHistory();
}
process.stdout.write(JSON.stringify({ outputs }) + '\n');
await context.dispose();
await model.dispose();
await llama.dispose();
