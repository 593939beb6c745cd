// `lean-author serve` as a real process on the real SmolLM2-135M model (fetched by scripts/fetch-model.sh),
// reached with the real `openai` client and plain HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STABLE_CHUNK } from '../../server/serve/promptCache';
import { smolLm2Targets, writeTestLoraAdapter } from './testLoraAdapter';

import { cli, MODEL_ID, modelPath, startServer, stopServer, type Server } from './serveProcess';

const prompt = [{ role: 'user' as const, content: 'Name one stock market index.' }];

// A long system prompt, as the repair loop sends with every round (about 250 tokens).
const rules = Array.from(
  { length: 10 },
  (_, i) => `Rule ${i + 1}: a LEAN algorithm subclasses QCAlgorithm, sets its dates and cash in initialize and trades in on_data.`,
).join('\n');
const longPrompt = (user: string): OpenAI.ChatCompletionMessageParam[] => [
  { role: 'system', content: `You write QuantConnect LEAN algorithms in Python.\n${rules}` },
  { role: 'user', content: user },
];
const cached = (answer: OpenAI.ChatCompletion) => answer.usage?.prompt_tokens_details?.cached_tokens;

describe('lean-author serve on SmolLM2-135M', () => {
  let server: Server;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startServer('--parallel', '1');
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  }, 90_000);
  afterAll(async () => {
    expect(await stopServer(server)).toBe(0);
  });

  it('lists its model', async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([MODEL_ID]);
  });

  it('answers a non-streaming completion with text and consistent usage', async () => {
    const answer = await client.chat.completions.create({ model: MODEL_ID, messages: prompt, max_tokens: 16, temperature: 0 });
    const text = answer.choices[0]?.message.content ?? '';
    expect(text.trim().length).toBeGreaterThan(0);
    expect(answer.usage?.prompt_tokens).toBeGreaterThan(5);
    expect(answer.usage?.completion_tokens).toBeGreaterThan(0);
    expect(answer.usage?.completion_tokens).toBeLessThanOrEqual(16);
    expect(answer.usage?.total_tokens).toBe((answer.usage?.prompt_tokens ?? 0) + (answer.usage?.completion_tokens ?? 0));
    expect(['stop', 'length']).toContain(answer.choices[0]?.finish_reason);
  }, 30_000);

  it('streams the same greedy text as it answers without streaming, then [DONE]', async () => {
    const whole = await client.chat.completions.create({ messages: prompt, max_tokens: 16, temperature: 0, model: MODEL_ID });
    const stream = await client.chat.completions.create({
      messages: prompt,
      max_tokens: 16,
      temperature: 0,
      model: MODEL_ID,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      usage ??= chunk.usage ?? undefined;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(finish).toBe(whole.choices[0]?.finish_reason);
    expect(usage?.completion_tokens).toBe(whole.usage?.completion_tokens);
  }, 30_000);

  it('answers bad requests with OpenAI-shaped errors and keeps serving', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"messages": [');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const missing = await post('{"max_tokens": 5}');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe('messages');
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: prompt })).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
    const wrongTemperature = await post(JSON.stringify({ messages: prompt, temperature: 7 }));
    expect(wrongTemperature.status).toBe(400);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const after = await client.chat.completions.create({ model: MODEL_ID, messages: prompt, max_tokens: 4 });
    expect(after.choices[0]?.message.content?.length).toBeGreaterThan(0);
  }, 30_000);

  it('frees the sequence at once when a streaming client disconnects', async () => {
    const abort = new AbortController();
    const stream = await client.chat.completions.create(
      { model: MODEL_ID, messages: prompt, max_tokens: 2000, temperature: 0.8, stream: true },
      { signal: abort.signal },
    );
    for await (const _chunk of stream) {
      abort.abort();
      break;
    }
    // With one sequence, this would wait for the 2000-token generation if the slot were not freed.
    const started = Date.now();
    const next = await client.chat.completions.create({ model: MODEL_ID, messages: prompt, max_tokens: 8, temperature: 0 });
    expect(next.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 30_000);

  it('reuses the cached prompt prefix of a repeated request, with the same greedy text as without reuse', async () => {
    const ask = (messages: OpenAI.ChatCompletionMessageParam[], extra: Record<string, unknown> = {}) =>
      client.chat.completions.create({
        model: MODEL_ID,
        messages,
        max_tokens: 24,
        temperature: 0,
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const messages = longPrompt('Buy SPY when its RSI is below 30.');
    // cache_prompt: false (llama-server's switch) evaluates the whole prompt: the reference answer.
    const fresh = await ask(messages, { cache_prompt: false });
    const promptTokens = fresh.usage?.prompt_tokens ?? 0;
    expect(promptTokens).toBeGreaterThan(200);
    expect(cached(fresh)).toBe(0);
    const repeated = await ask(messages);
    // All but the last prompt token come from the cache: that one is evaluated alone, as every long
    // prompt's last token is, so that the numbers (and so the answer) cannot differ.
    expect(cached(repeated)).toBe(promptTokens - 1);
    expect(repeated.usage?.prompt_tokens).toBe(fresh.usage?.prompt_tokens);
    expect(repeated.choices[0]?.message.content).toBe(fresh.choices[0]?.message.content);

    // The conversation goes on, as in a repair round: the first prompt is reused, the rest evaluated.
    const next = [
      ...messages,
      { role: 'assistant' as const, content: fresh.choices[0]?.message.content ?? '' },
      { role: 'user' as const, content: 'The validator reports: undefined name "rsi". Fix it.' },
    ];
    const extended = await ask(next);
    const extendedTokens = extended.usage?.prompt_tokens ?? 0;
    // The first prompt (less a token or two where the answer joins it), unless fewer than 64 tokens
    // would then remain to evaluate before the last one.
    expect(cached(extended)).toBeGreaterThanOrEqual(Math.min(promptTokens - 4, extendedTokens - 1 - STABLE_CHUNK));
    expect(cached(extended)).toBeLessThanOrEqual(extendedTokens - 1 - STABLE_CHUNK);
    const extendedFresh = await ask(next, { cache_prompt: false });
    expect(cached(extendedFresh)).toBe(0);
    expect(extended.choices[0]?.message.content).toBe(extendedFresh.choices[0]?.message.content);
  }, 180_000);

  it('trusts nothing an aborted request evaluated', async () => {
    const messages = longPrompt('Write an algorithm that holds QQQ.');
    const abort = new AbortController();
    const stream = await client.chat.completions.create(
      { model: MODEL_ID, messages, max_tokens: 2000, temperature: 0, stream: true },
      { signal: abort.signal },
    );
    for await (const _chunk of stream) {
      abort.abort();
      break;
    }
    // One sequence: the next request gets the one the aborted request used, emptied.
    const after = await client.chat.completions.create({ model: MODEL_ID, messages, max_tokens: 16, temperature: 0 });
    expect(cached(after)).toBe(0);
    const again = await client.chat.completions.create({ model: MODEL_ID, messages, max_tokens: 16, temperature: 0 });
    expect(cached(again)).toBe((again.usage?.prompt_tokens ?? 0) - 1);
    expect(again.choices[0]?.message.content).toBe(after.choices[0]?.message.content);
  }, 180_000);

  it('answers 429 with Retry-After when every sequence is busy and the queue is full', async () => {
    const one = () =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: prompt, max_tokens: 24, temperature: 0 }),
      });
    // One sequence and a queue of four: of eight requests at once, at least three are turned away.
    const responses = await Promise.all(Array.from({ length: 8 }, one));
    const busy = responses.filter((r) => r.status === 429);
    expect(busy.length).toBeGreaterThanOrEqual(3);
    expect(busy[0]?.headers.get('retry-after')).toBe('1');
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

describe('lean-author serve with an API key', () => {
  it('rejects a wrong key with 401 and accepts the right one', async () => {
    const server = await startServer('--api-key', 'sekret');
    try {
      const wrong = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'nope', maxRetries: 0 });
      const error = await wrong.models.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(401);
      const right = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sekret', maxRetries: 0 });
      expect((await right.models.list()).data[0]?.id).toBe(MODEL_ID);
    } finally {
      await stopServer(server);
    }
  }, 90_000);
});

describe('lean-author serve with a bad model path', () => {
  it('exits with a message that says how to get a model', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--model', '/nonexistent/model.gguf', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/model file \/nonexistent\/model\.gguf does not exist.*fetch-model\.sh/);
  }, 30_000);
});

describe('lean-author serve under load (--parallel 2)', () => {
  let server: Server;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startServer('--parallel', '2');
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  }, 90_000);
  afterAll(async () => {
    await stopServer(server);
  });

  it('completes 8 concurrent streaming clients', async () => {
    const one = async (i: number) => {
      const stream = await client.chat.completions.create({
        model: MODEL_ID,
        messages: [{ role: 'user', content: `Give trading idea number ${i}.` }],
        max_tokens: 24,
        stream: true,
      });
      let text = '';
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish ??= chunk.choices[0]?.finish_reason;
      }
      return { text, finish };
    };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => one(i)));
    for (const r of results) {
      expect(r.text.length).toBeGreaterThan(0);
      expect(['stop', 'length']).toContain(r.finish);
    }
  }, 120_000);

  it('keeps its memory bounded over 100 sequential requests', async () => {
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    // Warm-up first: allocators and V8 grow to a working size, which is not a leak.
    for (let i = 0; i < 30; i++)
      await client.chat.completions.create({ model: MODEL_ID, messages: [{ role: 'user', content: `Warm-up ${i}.` }], max_tokens: 8 });
    const before = rss();
    for (let i = 0; i < 100; i++)
      await client.chat.completions.create({
        model: MODEL_ID,
        messages: [{ role: 'user', content: `Question ${i}: name a stock index.` }],
        max_tokens: 8,
      });
    const after = rss();
    console.log(`server RSS over 100 sequential requests: ${before.toFixed(1)} MiB before, ${after.toFixed(1)} MiB after`);
    expect(after - before).toBeLessThan(40);
  }, 900_000); // A hang guard: llama.cpp slows 25–35× when other processes share the 2 cores.
});

describe('lean-author serve with LoRA adapters', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-author-lora-'));
  const adapterPath = path.join(dir, 'test-adapter.gguf');
  let server: Server;
  let client: OpenAI;
  const greedy = async (extra: Record<string, unknown> = {}) => {
    const answer = await client.chat.completions.create({
      model: MODEL_ID,
      messages: prompt,
      max_tokens: 12,
      temperature: 0,
      ...extra,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    return answer.choices[0]?.message.content ?? '';
  };
  const setScale = (scale: number) => fetch(`${server.url}/lora-adapters`, { method: 'POST', body: JSON.stringify([{ id: 0, scale }]) });

  beforeAll(async () => {
    writeTestLoraAdapter(adapterPath, { architecture: 'llama', targets: smolLm2Targets(), rank: 4, seed: 7, amplitude: 0.5 });
    server = await startServer('--lora', `${adapterPath}:1`, '--parallel', '2');
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  }, 90_000);
  afterAll(async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the adapter at startup and lists it', async () => {
    expect(server.output()).toMatch(/with LoRA test-adapter\.gguf:1/);
    const listed = (await (await fetch(`${server.url}/lora-adapters`)).json()) as unknown;
    expect(listed).toEqual([{ id: 0, path: adapterPath, scale: 1 }]);
  });

  it('changes greedy output versus scale 0, through POST /lora-adapters', async () => {
    const adapted = await greedy();
    expect((await setScale(0)).status).toBe(200);
    expect(((await (await fetch(`${server.url}/lora-adapters`)).json()) as { scale: number }[])[0]?.scale).toBe(0);
    const base = await greedy();
    expect(adapted.length).toBeGreaterThan(0);
    expect(base.length).toBeGreaterThan(0);
    expect(adapted).not.toBe(base);
    // Back to 1: the same greedy text as before, so the switch is exact and repeatable.
    expect((await setScale(1)).status).toBe(200);
    expect(await greedy()).toBe(adapted);
  }, 60_000);

  it('applies a per-request lora field without changing the defaults', async () => {
    const adapted = await greedy();
    const base = await greedy({ lora: [] });
    expect(await greedy({ lora: [{ id: 0, scale: 0 }] })).toBe(base);
    expect(base).not.toBe(adapted);
    // Requests with different scales at once are serialised, never mixed on one context.
    const [a, b, c] = await Promise.all([greedy(), greedy({ lora: [{ id: 0, scale: 0 }] }), greedy()]);
    expect([a, b, c]).toEqual([adapted, base, adapted]);
    expect(((await (await fetch(`${server.url}/lora-adapters`)).json()) as { scale: number }[])[0]?.scale).toBe(1);
  }, 60_000);

  it('never reuses a prompt cache computed under other LoRA scales', async () => {
    const ask = async (extra: Record<string, unknown> = {}) => {
      const answer = await client.chat.completions.create({
        model: MODEL_ID,
        messages: longPrompt('Buy SPY when its RSI is below 30.'),
        max_tokens: 12,
        temperature: 0,
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      return {
        text: answer.choices[0]?.message.content ?? '',
        cached: cached(answer) ?? -1,
        reusable: (answer.usage?.prompt_tokens ?? 0) - 1,
      };
    };
    const adapted = await ask();
    const adaptedAgain = await ask();
    expect(adaptedAgain.cached).toBe(adaptedAgain.reusable);
    expect(adaptedAgain.text).toBe(adapted.text);
    // Scale 0 by POST /lora-adapters: the prompt is cached only under scale 1, so it is evaluated anew
    // and the answer is the scale-0 one.
    expect((await setScale(0)).status).toBe(200);
    const base = await ask();
    expect(base.cached).toBe(0);
    expect(base.text).not.toBe(adapted.text);
    // A per-request scale of 1 while the default is 0 finds the scale-1 cache again, and its answer;
    // then the default finds the scale-0 one.
    const perRequest = await ask({ lora: [{ id: 0, scale: 1 }] });
    expect(perRequest.cached).toBe(perRequest.reusable);
    expect(perRequest.text).toBe(adapted.text);
    const baseAgain = await ask();
    expect(baseAgain.cached).toBe(baseAgain.reusable);
    expect(baseAgain.text).toBe(base.text);
    // And the scale-0 answer is the one a request that bypasses the cache gets.
    expect((await ask({ lora: [{ id: 0, scale: 0 }], cache_prompt: false })).text).toBe(base.text);
    expect((await setScale(1)).status).toBe(200);
  }, 180_000);

  it('rejects unknown adapter ids and bad bodies with OpenAI-shaped errors', async () => {
    const unknown = await fetch(`${server.url}/lora-adapters`, { method: 'POST', body: JSON.stringify([{ id: 3, scale: 1 }]) });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'unknown_adapter',
      message: expect.stringMatching(/no LoRA adapter with id 3.*ids 0 to 0/),
    });
    const malformed = await fetch(`${server.url}/lora-adapters`, { method: 'POST', body: '[{"id": 0, "scale": "high"}]' });
    expect(malformed.status).toBe(400);
    await expect(greedy({ lora: [{ id: 9, scale: 1 }] })).rejects.toMatchObject({ status: 400, code: 'unknown_adapter' });
    expect(await greedy()).not.toBe('');
  }, 30_000);

  it('refuses to start with a missing adapter file', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--model', modelPath, '--lora', path.join(dir, 'missing.gguf'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(2);
    expect(stderr).toMatch(/LoRA adapter .*missing\.gguf does not exist/);
  }, 30_000);
});
