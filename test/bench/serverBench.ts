// Local model server speed against node-llama-cpp called in-process, on the same model, prompt and
// token count, in one run: time to first token and generation throughput (tokens per second after the
// first token). Printed, never asserted.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../e2e/tools';

const MODEL = path.join(repoRoot, '.cache', 'models', 'SmolLM2-135M-Instruct.Q4_1.gguf');
const PROMPT = 'Write a Python class for a QuantConnect LEAN algorithm that buys SPY when its RSI is below 30.';
const TOKENS = 128;
const RUNS = 5;

interface Sample {
  ttftMs: number;
  tokensPerSecond: number;
}

export async function runServerBench(): Promise<void> {
  const inProcess = await measureInProcess();
  const http = await measureHttp();
  const m = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
  console.log(`\nLocal model server vs in-process node-llama-cpp (SmolLM2-135M Q4_1, CPU, ${TOKENS} tokens, greedy, median of ${RUNS})`);
  console.log(
    `  in-process        first token ${m(inProcess, 'ttftMs').toFixed(1)} ms   ${m(inProcess, 'tokensPerSecond').toFixed(1)} tokens/s`,
  );
  console.log(`  HTTP (streaming)  first token ${m(http, 'ttftMs').toFixed(1)} ms   ${m(http, 'tokensPerSecond').toFixed(1)} tokens/s`);
  console.log(
    `  throughput ratio HTTP / in-process: ${((100 * m(http, 'tokensPerSecond')) / m(inProcess, 'tokensPerSecond')).toFixed(1)}%   goal ≥ 95%`,
  );
  console.log(`  added to the first token: ${(m(http, 'ttftMs') - m(inProcess, 'ttftMs')).toFixed(1)} ms   goal ≤ 20 ms`);
}

async function measureInProcess(): Promise<Sample[]> {
  const { getLlama, LlamaChat, LlamaLogLevel, resolveChatWrapper } = await import('node-llama-cpp');
  const threads = os.availableParallelism();
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: threads });
  const model = await llama.loadModel({ modelPath: MODEL });
  const context = await model.createContext({ contextSize: 2048, sequences: 1, threads });
  const sequence = context.getSequence();
  const chatWrapper = resolveChatWrapper(model);
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    // Timed from before the chat object is made, as the server makes one per request.
    const t0 = performance.now();
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper });
    const before = sequence.tokenMeter.getState();
    let first = 0;
    await chat.generateResponse(
      [
        { type: 'user', text: PROMPT },
        { type: 'model', response: [] },
      ],
      { maxTokens: TOKENS, temperature: 0, onTextChunk: () => (first ||= performance.now()) },
    );
    const end = performance.now();
    const produced = sequence.tokenMeter.diff(before).usedOutputTokens;
    chat.dispose({ disposeSequence: false });
    await sequence.clearHistory();
    if (i > 0) samples.push({ ttftMs: first - t0, tokensPerSecond: (produced - 1) / ((end - first) / 1000) });
  }
  await context.dispose();
  await model.dispose();
  await llama.dispose();
  return samples;
}

async function measureHttp(): Promise<Sample[]> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'dist', 'cli.js'), 'serve', '--model', MODEL, '--port', '0', '--ctx-size', '2048'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  try {
    let url = '';
    for (
      let i = 0;
      i < 300 &&
      !(
        url &&
        (await fetch(`${url}/health`)
          .then((r) => r.ok)
          .catch(() => false))
      );
      i++
    ) {
      url ||= /listening on (\S+)/.exec(out)?.[1] ?? '';
      await new Promise((r) => setTimeout(r, 100));
    }
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ role: 'user', content: PROMPT }],
          max_tokens: TOKENS,
          temperature: 0,
          stream: true,
          stream_options: { include_usage: true },
        }),
      });
      let first = 0;
      let produced = 0;
      let buffer = '';
      const decoder = new TextDecoder();
      for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(bytes, { stream: true });
        for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
          const line = buffer.slice(0, at).replace(/^data: /, '');
          buffer = buffer.slice(at + 2);
          if (line === '[DONE]') continue;
          const event = JSON.parse(line) as { choices: { delta: { content?: string } }[]; usage?: { completion_tokens: number } };
          if (!first && event.choices[0]?.delta.content) first = performance.now();
          if (event.usage) produced = event.usage.completion_tokens;
        }
      }
      const end = performance.now();
      if (i > 0) samples.push({ ttftMs: first - t0, tokensPerSecond: (produced - 1) / ((end - first) / 1000) });
    }
    return samples;
  } finally {
    child.kill('SIGTERM');
  }
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
