// Local model server speed, in one run, on the same model, prompt, token count and threads:
//   - against node-llama-cpp called in-process (the goal: at most 20 ms added to the first token, at
//     least 95% of the throughput);
//   - against llama-cpp-python's OpenAI-compatible server (llama-cpp-python[server] from PyPI, which
//     compiles llama.cpp; installed on demand by scripts/fetch-bench-peer.sh), as a peer.
// Two workloads, both a long system prompt and a user message as the repair loop sends them: distinct
// prompts (each run differs from the first words of the system prompt, so no cache helps) and a
// repeated prompt (the same one each run, after one warm-up that fills the prompt cache). Figures are
// time to first token and generation throughput (tokens per second after the first token), medians.
// Printed, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONTEXT_SIZE, modelPath, startServer } from '../integration/serveProcess';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();

const PEER_PYTHON = path.join(root, '.cache', 'bench-peer', 'venv', 'bin', 'python');
const TOKENS = 128;
const RUNS = Number(process.env['LEAN_AUTHOR_SERVER_BENCH_RUNS'] ?? 5);
// LEAN_AUTHOR_BENCH_THREADS=1 on a busy machine: llama.cpp's threads wait for each other by spinning,
// so two threads on two cores that other jobs share can run many times slower than one.
const THREADS = Number(process.env['LEAN_AUTHOR_BENCH_THREADS'] ?? os.availableParallelism());

const USER = 'Write a Python class for a QuantConnect LEAN algorithm that buys SPY when its RSI is below 30.';
const RULES = [
  'Subclass QCAlgorithm and import everything from AlgorithmImports.',
  'In initialize, set the start date, the end date and the starting cash.',
  'Add each security with add_equity and keep the Symbol it returns.',
  'Create indicators with the helper methods, such as self.rsi and self.sma, in initialize.',
  'Read an indicator only after is_ready is true.',
  'Trade in on_data with set_holdings or market_order; never call print, use self.debug.',
  'Use snake_case for the Python API: set_start_date, add_equity, set_holdings.',
  'Warm indicators up with set_warm_up when they need history.',
  'Keep state in attributes set in initialize, not in globals.',
  'Answer with one Python code block and nothing else.',
];
/** About 700 tokens: the long system prompt every repair round repeats. */
const SYSTEM = [
  'You write QuantConnect LEAN algorithms in Python for the LEAN engine.',
  ...RULES.map((rule, i) => `Rule ${i + 1}: ${rule}`),
  ...RULES.map((rule, i) => `Reminder ${i + 1}: ${rule}`),
  ...RULES.map((rule, i) => `Checklist ${i + 1}: ${rule}`),
].join('\n');

type Messages = { role: 'system' | 'user'; content: string }[];
const distinct = (i: number): Messages => [
  { role: 'system', content: `Session ${i + 1} of the bench. ${SYSTEM}` },
  { role: 'user', content: USER },
];
const repeated = (): Messages => [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: USER },
];

interface Sample {
  ttftMs: number;
  tokensPerSecond: number;
  tokens: number;
  promptTokens?: number | undefined;
  cachedTokens?: number | undefined;
}

interface Row {
  name: string;
  distinct: Sample[];
  repeated: Sample[];
}

export async function runServerBench(): Promise<void> {
  const inProcess = await loadInProcess();
  // The same start-up as the integration tests', on the bench's thread count.
  const ours = await startServer('--threads', String(THREADS));
  const peer = await startPeer();
  const rows: [Row, Row, Row] = [
    { name: 'in-process node-llama-cpp', distinct: [], repeated: [] },
    { name: 'lean-author serve (HTTP)', distinct: [], repeated: [] },
    { name: 'llama-cpp-python server', distinct: [], repeated: [] },
  ];
  try {
    // Interleaved, so that a change in the machine's load hits all three alike. Run 0 warms up (for
    // the repeated prompt, it fills the cache) and is not counted.
    for (const workload of ['distinct', 'repeated'] as const) {
      for (let i = 0; i < RUNS + 1; i++) {
        const messages = workload === 'distinct' ? distinct(i) : repeated();
        const samples = [
          await inProcess.once(messages, workload === 'distinct'),
          await streamOnce(ours.url, messages),
          peer.server ? await streamOnce(peer.server.url, messages) : undefined,
        ];
        process.stdout.write(
          `server bench, ${workload} ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`}: first token ` +
            `${samples
              .map((x, k) => (x ? `${['in-process', 'ours', 'peer'][k]} ${x.ttftMs.toFixed(1)} ms` : ''))
              .filter(Boolean)
              .join(', ')}\n`,
        );
        if (i > 0) samples.forEach((x, k) => x && rows[k]![workload].push(x));
      }
    }
    // Prompt sizes as each server counts them (the peer reports usage only without streaming).
    const ourPrompt = await promptUsage(ours.url, repeated());
    const peerPrompt = peer.server ? await promptUsage(peer.server.url, repeated()) : undefined;
    report(peer.server ? rows : [rows[0], rows[1]], ourPrompt, peerPrompt, peer.missing);
  } finally {
    ours.child.kill('SIGTERM');
    peer.server?.child.kill('SIGTERM');
    await inProcess.dispose();
  }
}

function report(rows: Row[], ourPrompt: number, peerPrompt: number | undefined, peerMissing: string | undefined): void {
  const m = (xs: Sample[], k: 'ttftMs' | 'tokensPerSecond' | 'tokens') => median(xs.map((x) => x[k]));
  console.log(
    `\nLocal model server (SmolLM2-135M Q4_1, CPU, ${THREADS} threads, context ${CONTEXT_SIZE}, up to ${TOKENS} tokens, greedy, streaming, median of ${RUNS})`,
  );
  console.log(
    `  prompt: a ${ourPrompt}-token system prompt and user message${peerPrompt ? ` (${peerPrompt} tokens as the peer counts them)` : ''}`,
  );
  console.log(`  ${''.padEnd(28)}${'distinct prompts'.padEnd(38)}repeated prompt`);
  for (const row of rows) {
    const cell = (xs: Sample[]) =>
      `first token ${m(xs, 'ttftMs').toFixed(1).padStart(6)} ms ${m(xs, 'tokensPerSecond').toFixed(1).padStart(6)} tok/s`.padEnd(38);
    console.log(`  ${row.name.padEnd(28)}${cell(row.distinct)}${cell(row.repeated)}`);
  }
  const [inProcess, ours, peer] = rows as [Row, Row, Row | undefined];
  const cached = ours.repeated.map((s) => s.cachedTokens ?? 0);
  console.log(`  tokens generated (median): ours ${m(ours.distinct, 'tokens')}${peer ? `, peer ${m(peer.distinct, 'tokens')}` : ''}`);
  console.log(`  ours, repeated prompt: ${median(cached)} of ${ourPrompt} prompt tokens reused from the KV cache`);
  const d = (k: 'ttftMs' | 'tokensPerSecond') => m(ours.distinct, k);
  console.log(
    `  HTTP vs in-process (distinct prompts): first token ${signed(d('ttftMs') - m(inProcess.distinct, 'ttftMs'))} ms (goal ≤ +20 ms), ` +
      `throughput ${((100 * d('tokensPerSecond')) / m(inProcess.distinct, 'tokensPerSecond')).toFixed(1)}% (goal ≥ 95%)`,
  );
  if (!peer) {
    console.log(`  ${peerMissing ?? 'peer not installed: run bash scripts/fetch-bench-peer.sh'}`);
    return;
  }
  for (const workload of ['distinct', 'repeated'] as const) {
    const ttft = m(ours[workload], 'ttftMs') / m(peer[workload], 'ttftMs');
    const rate = m(ours[workload], 'tokensPerSecond') / m(peer[workload], 'tokensPerSecond');
    console.log(
      `  ours / llama-cpp-python, ${workload.padEnd(8)}: first token ${ttft.toFixed(2)}x (lower is better), throughput ${rate.toFixed(2)}x (higher is better)`,
    );
  }
}

/** node-llama-cpp in this process: the model loaded once, one sequence, LlamaChat per request as the server does. */
async function loadInProcess(): Promise<{ once: (messages: Messages, clear: boolean) => Promise<Sample>; dispose: () => Promise<void> }> {
  const { getLlama, LlamaChat, LlamaLogLevel, resolveChatWrapper } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: THREADS });
  const model = await llama.loadModel({ modelPath: modelPath });
  const context = await model.createContext({ contextSize: CONTEXT_SIZE, sequences: 1, threads: THREADS });
  const sequence = context.getSequence();
  const chatWrapper = resolveChatWrapper(model);
  const once = async (messages: Messages, clear: boolean): Promise<Sample> => {
    // Distinct prompts start from an empty sequence; the repeated one keeps it, so that LlamaChat
    // reuses the evaluated prefix as node-llama-cpp does on its own.
    if (clear) await sequence.clearHistory();
    // Timed from before the chat object is made, as the server makes one per request.
    const t0 = performance.now();
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper });
    const before = sequence.tokenMeter.getState();
    let first = 0;
    await chat.generateResponse(
      [
        { type: 'system', text: messages[0]!.content },
        { type: 'user', text: messages[1]!.content },
        { type: 'model', response: [] },
      ],
      { maxTokens: TOKENS, temperature: 0, onTextChunk: () => (first ||= performance.now()) },
    );
    const end = performance.now();
    const produced = sequence.tokenMeter.diff(before).usedOutputTokens;
    chat.dispose({ disposeSequence: false });
    return { ttftMs: first - t0, tokensPerSecond: (produced - 1) / ((end - first) / 1000), tokens: produced };
  };
  const dispose = async () => {
    await context.dispose();
    await model.dispose();
    await llama.dispose();
  };
  return { once, dispose };
}

interface Running {
  url: string;
  child: ChildProcess;
}

/** llama-cpp-python's server on the same model, context, batch and threads; undefined when it is not installed. */
async function startPeer(): Promise<{ server?: Running; missing?: string }> {
  if (!existsSync(PEER_PYTHON))
    return { missing: 'peer not installed: run bash scripts/fetch-bench-peer.sh (builds llama-cpp-python, several minutes)' };
  const port = await freePort();
  const child = spawn(
    PEER_PYTHON,
    [
      '-m',
      'llama_cpp.server',
      '--model',
      modelPath,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--n_ctx',
      String(CONTEXT_SIZE),
      '--n_batch',
      '512',
      '--n_threads',
      String(THREADS),
      '--n_threads_batch',
      String(THREADS),
      '--verbose',
      'false',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(() => ok(`${url}/v1/models`), child);
  } catch (error) {
    child.kill('SIGKILL');
    return {
      missing: `peer did not start (${error instanceof Error ? error.message : String(error)}): ${err.trim().split('\n').slice(-3).join(' ')}`,
    };
  }
  return { server: { url, child } };
}

async function streamOnce(url: string, messages: Messages): Promise<Sample> {
  const t0 = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages, max_tokens: TOKENS, temperature: 0, stream: true, stream_options: { include_usage: true } }),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  let first = 0;
  let chunks = 0;
  let usage: { completion_tokens: number; prompt_tokens: number; prompt_tokens_details?: { cached_tokens?: number } } | undefined;
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true }).replace(/\r\n/g, '\n');
    for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
      const line = buffer.slice(0, at).replace(/^data: /, '');
      buffer = buffer.slice(at + 2);
      if (!line.startsWith('{')) continue;
      const event = JSON.parse(line) as { choices: { delta: { content?: string | null } }[]; usage?: typeof usage };
      if (event.choices[0]?.delta.content) {
        first ||= performance.now();
        chunks++;
      }
      if (event.usage) usage = event.usage;
    }
  }
  const end = performance.now();
  // Our server reports usage; llama-cpp-python does not when streaming, and sends one chunk a token.
  const tokens = usage?.completion_tokens ?? chunks;
  return {
    ttftMs: first - t0,
    tokensPerSecond: (tokens - 1) / ((end - first) / 1000),
    tokens,
    promptTokens: usage?.prompt_tokens,
    cachedTokens: usage?.prompt_tokens_details?.cached_tokens,
  };
}

async function promptUsage(url: string, messages: Messages): Promise<number> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages, max_tokens: 1, temperature: 0 }),
  });
  return ((await response.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens;
}

async function waitFor(ready: () => Promise<boolean>, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (await ready()) return;
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not ready after 120 s');
}

const ok = (url: string) =>
  fetch(url)
    .then((r) => r.ok)
    .catch(() => false);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
