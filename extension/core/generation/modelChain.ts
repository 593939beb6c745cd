// Streams one chat completion through an ordered chain of OpenAI-compatible endpoints (the managed
// local server first, then a team's llama.cpp or vLLM, Ollama, or a hosted API), with the `openai`
// client. Fail-over rules (from the client's error classes):
//   - next endpoint: connection refused or reset, no first token within the timeout, 408, 409, 429, 5xx;
//   - stop with a configuration error: 401, 403, 404 (wrong key, model or URL) and 400/422 (the
//     endpoint rejected the request); the user must fix these, so trying others would hide them;
//   - stop at once: the user's cancel (CancelledError, from ../cancellation);
//   - never after the first token: a stream that dies mid-answer is an error, not a fail-over, so the
//     user never sees two models' text spliced together.
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { throwIfCancelled } from '../cancellation';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelEndpoint {
  /** What the user calls it in settings and messages ("local", "OpenAI", "team-vllm"). */
  name: string;
  baseURL: string;
  model: string;
  /** Read from SecretStorage or the environment by the caller; never from settings files. */
  apiKey?: string | undefined;
}

export interface ChainOptions {
  signal?: AbortSignal | undefined;
  /** How long an endpoint may take to send its first token before the chain moves on. */
  firstTokenTimeoutMs: number;
  /** Longest pause between two chunks once the answer streams. */
  idleTimeoutMs?: number;
  maxTokens?: number;
  temperature?: number;
  /** Called when an endpoint is tried, and when the chain moves past one (with the reason). */
  onAttempt?: (endpoint: ModelEndpoint) => void;
  onFailover?: (endpoint: ModelEndpoint, reason: string) => void;
  /** The answer's text as it streams, after the first token. */
  onText?: (delta: string, endpoint: ModelEndpoint) => void;
}

export interface ChainAnswer {
  text: string;
  endpoint: ModelEndpoint;
  finishReason: string;
  /** Endpoints passed over before this one answered, with why. */
  failovers: { endpoint: string; reason: string }[];
}

/** An endpoint answered 400/401/403/404/422: its settings or key need fixing. */
export class ModelConfigurationError extends Error {
  constructor(
    readonly endpoint: ModelEndpoint,
    readonly status: number,
    detail: string,
  ) {
    super(
      `${endpoint.name} (${endpoint.baseURL}, model ${endpoint.model}) answered ${status}: ${detail}. ${configurationHint(status, endpoint)}`,
    );
  }
}

/** The answer stopped after its first token; the partial text is kept for the caller. */
export class StreamInterruptedError extends Error {
  constructor(
    readonly endpoint: ModelEndpoint,
    readonly partialText: string,
    reason: string,
  ) {
    super(
      `${endpoint.name} stopped answering mid-stream (${reason}); the partial answer was kept. Try again, or move another endpoint first.`,
    );
  }
}

/** Every endpoint failed in a way that allows fail-over. */
export class ChainExhaustedError extends Error {
  constructor(readonly failures: { endpoint: string; reason: string }[]) {
    super(
      failures.length
        ? `no model endpoint answered: ${failures.map((f) => `${f.endpoint}: ${f.reason}`).join('; ')}`
        : 'no model endpoint is configured',
    );
  }
}

function configurationHint(status: number, endpoint: ModelEndpoint): string {
  if (status === 401 || status === 403)
    return `Set its API key with "LEAN: Set API Key" (or the ${apiKeyVariable(endpoint.name)} environment variable for the CLI).`;
  if (status === 404) return 'Check the base URL (it usually ends in /v1) and the model name in the endpoint settings.';
  return 'Check the endpoint settings; the request may use a parameter this server does not support.';
}

/** The environment variable the CLI reads for an endpoint's key: `LEAN_AUTHOR_KEY_<NAME>`. */
export function apiKeyVariable(name: string): string {
  return `LEAN_AUTHOR_KEY_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export async function completeWithFallback(
  endpoints: ModelEndpoint[],
  messages: ChatMessage[],
  options: ChainOptions,
): Promise<ChainAnswer> {
  const failovers: ChainAnswer['failovers'] = [];
  for (const endpoint of endpoints) {
    throwIfCancelled(options.signal);
    options.onAttempt?.(endpoint);
    const outcome = await attempt(endpoint, messages, options);
    if (outcome.kind === 'answer') return { ...outcome.answer, failovers };
    failovers.push({ endpoint: endpoint.name, reason: outcome.reason });
    options.onFailover?.(endpoint, outcome.reason);
  }
  throw new ChainExhaustedError(failovers);
}

type Attempt = { kind: 'answer'; answer: Omit<ChainAnswer, 'failovers'> } | { kind: 'failover'; reason: string };

async function attempt(endpoint: ModelEndpoint, messages: ChatMessage[], options: ChainOptions): Promise<Attempt> {
  const client = new OpenAI({
    baseURL: endpoint.baseURL,
    // Local servers take any key; the client refuses an empty one.
    apiKey: endpoint.apiKey || 'no-key',
    maxRetries: 0,
    timeout: options.firstTokenTimeoutMs,
  });
  const abort = new AbortController();
  const onUserAbort = () => abort.abort();
  options.signal?.addEventListener('abort', onUserAbort, { once: true });
  let timedOut = '';
  let timer = setTimeout(() => {
    timedOut = `no answer within ${Math.round(options.firstTokenTimeoutMs / 1000)} s`;
    abort.abort();
  }, options.firstTokenTimeoutMs);
  let text = '';
  let started = false;
  let finishReason = '';
  try {
    const stream = await client.chat.completions.create(
      {
        model: endpoint.model,
        messages,
        stream: true,
        ...(options.maxTokens ? { max_tokens: options.maxTokens } : {}),
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      },
      { signal: abort.signal },
    );
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content ?? '';
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (!delta) continue;
      if (!started) started = true;
      text += delta;
      options.onText?.(delta, endpoint);
      clearTimeout(timer);
      const idle = options.idleTimeoutMs ?? 60_000;
      timer = setTimeout(() => {
        timedOut = `no new text for ${Math.round(idle / 1000)} s`;
        abort.abort();
      }, idle);
    }
    if (!started) return { kind: 'failover', reason: 'answered with no text' };
    // Every OpenAI-compatible server ends a complete answer with a finish reason; without one the
    // connection was cut and the text is partial.
    if (!finishReason) throw new StreamInterruptedError(endpoint, text, 'the stream ended without a finish reason');
    return { kind: 'answer', answer: { text, endpoint, finishReason } };
  } catch (error) {
    if (error instanceof StreamInterruptedError) throw error;
    throwIfCancelled(options.signal);
    const reason = timedOut || describe(error);
    if (started) throw new StreamInterruptedError(endpoint, text, reason);
    if (error instanceof APIError && !(error instanceof APIConnectionError) && !(error instanceof APIUserAbortError)) {
      const status = error.status ?? 0;
      if ([400, 401, 403, 404, 422].includes(status)) throw new ModelConfigurationError(endpoint, status, apiMessage(error));
    }
    return { kind: 'failover', reason };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onUserAbort);
  }
}

function describe(error: unknown): string {
  if (error instanceof APIUserAbortError) return 'aborted';
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause;
    const code = cause?.code ?? cause?.cause?.code;
    return code === 'ECONNREFUSED' ? 'connection refused (is the server running?)' : `connection failed${code ? ` (${code})` : ''}`;
  }
  if (error instanceof APIError) return `HTTP ${error.status ?? '?'}${error.status === 429 ? ' (rate limited)' : ''}: ${apiMessage(error)}`;
  return error instanceof Error ? error.message : String(error);
}

function apiMessage(error: APIError): string {
  const body = error.error as { message?: string } | undefined;
  return body?.message ?? error.message;
}
