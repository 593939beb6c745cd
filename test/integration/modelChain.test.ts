// Fail-over through the model chain with the real `openai` client over real HTTP: the model server on
// SmolLM2, a closed port, and stand-ins for hosted APIs that answer 429, 500, 401, hang, or cut the
// stream after the first token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../extension/core/cancellation';
import {
  ChainExhaustedError,
  completeWithFallback,
  ModelConfigurationError,
  StreamInterruptedError,
  type ModelEndpoint,
} from '../../extension/core/generation/modelChain';
import { closedPort, startOpenAiStandIn, type OpenAiStandIn } from './openAiStandIns';
import { MODEL_ID, startServer, stopServer, type Server } from './serveProcess';

const messages = [{ role: 'user' as const, content: 'Name one stock market index.' }];
const options = { firstTokenTimeoutMs: 20_000, maxTokens: 12, temperature: 0 };

describe('model chain fail-over', () => {
  let server: Server;
  let local: ModelEndpoint;
  let refused: ModelEndpoint;
  const standIns: Record<string, OpenAiStandIn> = {};
  const endpoint = (name: string): ModelEndpoint => ({ name, baseURL: standIns[name]!.baseURL, model: 'stand-in-model' });

  beforeAll(async () => {
    server = await startServer('--parallel', '2');
    local = { name: 'local', baseURL: `${server.url}/v1`, model: MODEL_ID };
    refused = { name: 'closed-port', baseURL: `http://127.0.0.1:${await closedPort()}/v1`, model: 'x' };
    standIns['rate-limited'] = await startOpenAiStandIn({ kind: 'status', status: 429, message: 'Rate limit reached' });
    standIns['broken'] = await startOpenAiStandIn({ kind: 'status', status: 500, message: 'upstream exploded' });
    standIns['unauthorized'] = await startOpenAiStandIn({ kind: 'status', status: 401, message: 'Incorrect API key provided' });
    standIns['missing-model'] = await startOpenAiStandIn({ kind: 'status', status: 404, message: 'The model does not exist' });
    standIns['hangs'] = await startOpenAiStandIn({ kind: 'hang' });
    // Answers at once: the endpoint after the hanging one, so the fail-over timing does not depend on how fast
    // the local model starts under the machine's load (the local model's own fail-over is tested above).
    standIns['answers'] = await startOpenAiStandIn({ kind: 'script', answers: ['```python\nprint(1)\n```'] });
    standIns['dies'] = await startOpenAiStandIn({ kind: 'die-after-first-token' });
  }, 90_000);
  afterAll(async () => {
    await stopServer(server);
    await Promise.all(Object.values(standIns).map((s) => s.close()));
  });

  it('answers from the local server when it is first', async () => {
    const answer = await completeWithFallback([local, endpoint('broken')], messages, options);
    expect(answer.endpoint.name).toBe('local');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.failovers).toEqual([]);
    expect(standIns['broken']!.requests).toHaveLength(0);
  }, 30_000);

  it('moves past a closed port, 429 and 500 to the model server, saying why', async () => {
    const attempts: string[] = [];
    const streamed: string[] = [];
    const answer = await completeWithFallback([refused, endpoint('rate-limited'), endpoint('broken'), local], messages, {
      ...options,
      onAttempt: (e) => attempts.push(e.name),
      onText: (delta) => streamed.push(delta),
    });
    expect(attempts).toEqual(['closed-port', 'rate-limited', 'broken', 'local']);
    expect(answer.endpoint.name).toBe('local');
    expect(streamed.join('')).toBe(answer.text);
    expect(answer.failovers.map((f) => f.endpoint)).toEqual(['closed-port', 'rate-limited', 'broken']);
    expect(answer.failovers[0]!.reason).toMatch(/connection refused/);
    expect(answer.failovers[1]!.reason).toMatch(/429.*Rate limit reached/);
    expect(answer.failovers[2]!.reason).toMatch(/500.*upstream exploded/);
  }, 30_000);

  it('moves past an endpoint that sends no first token within the timeout', async () => {
    const started = Date.now();
    const attempted: Record<string, number> = {};
    const answer = await completeWithFallback([endpoint('hangs'), endpoint('answers')], messages, {
      ...options,
      firstTokenTimeoutMs: 1_500,
      onAttempt: (e) => (attempted[e.name] = Date.now() - started),
    });
    expect(answer.endpoint.name).toBe('answers');
    expect(answer.failovers[0]).toEqual({ endpoint: 'hangs', reason: 'no answer within 2 s' });
    // The next endpoint is tried once the timeout has passed, not when the hanging one gives up (never).
    expect(attempted['answers']).toBeGreaterThanOrEqual(1_400);
    expect(attempted['answers']).toBeLessThan(6_000);
  }, 30_000);

  it('stops with a configuration error on 401 and 404, naming the fix, without trying later endpoints', async () => {
    const unauthorized = await completeWithFallback([endpoint('unauthorized'), local], messages, options).catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(ModelConfigurationError);
    expect((unauthorized as ModelConfigurationError).status).toBe(401);
    expect((unauthorized as Error).message).toMatch(
      /unauthorized .* answered 401: Incorrect API key provided\. Set its API key with "LEAN: Set API Key"/,
    );
    const missing = await completeWithFallback([endpoint('missing-model')], messages, options).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/404.*Check the base URL .* and the model name/);
  }, 30_000);

  it('does not fail over once the first token arrived: a clear error keeps the partial text', async () => {
    const error = await completeWithFallback([endpoint('dies'), local], messages, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as StreamInterruptedError).partialText).toBe('# region imports\n');
    expect((error as Error).message).toMatch(/dies stopped answering mid-stream/);
  }, 30_000);

  it('reports every reason when no endpoint answers', async () => {
    const error = await completeWithFallback([refused, endpoint('broken')], messages, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChainExhaustedError);
    expect((error as ChainExhaustedError).failures.map((f) => f.endpoint)).toEqual(['closed-port', 'broken']);
  }, 30_000);

  it("stops the whole chain on the user's cancel", async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const error = await completeWithFallback([endpoint('hangs'), local], messages, { ...options, signal: abort.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CancelledError);
  }, 30_000);
});
