// The OpenAI-compatible HTTP surface of `lean-author serve`, on node:http. Routes:
//   GET  /health                200 when the model is loaded, 503 while it loads (or failed)
//   GET  /v1/models             the one loaded model
//   POST /v1/chat/completions   OpenAI chat completions, streamed as server-sent events or not
//   GET  /lora-adapters         llama-server's LoRA list: [{id, path, scale}]
//   POST /lora-adapters         [{id, scale}] sets the default scales; adapters left out get 0
// Every error is OpenAI-shaped. A client that disconnects aborts its generation and frees its sequence.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import {
  chatCompletionRequest,
  invalidRequest,
  loraScales,
  messageText,
  openAiError,
  type ChatCompletionRequest,
  type OpenAiError,
} from './openaiProtocol';
import { EngineBusyError, UnknownAdapterError, type Completion, type LlamaEngine } from './llamaEngine';

export interface ServerState {
  engine: LlamaEngine | undefined;
  /** Set when loading the model failed: /health says why. */
  loadError: string | undefined;
  apiKey: string | undefined;
  modelId: string;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function createHttpServer(state: ServerState): http.Server {
  return http.createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, openAiError(500, `internal error: ${error instanceof Error ? error.message : String(error)}`, 'server_error'));
      else res.end();
    });
  });
}

async function handle(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health') {
    if (state.engine) return json(res, 200, { status: 'ok', model: state.modelId, gpu: state.engine.gpu, adapters: state.engine.adapters });
    return json(res, 503, state.loadError ? { status: 'error', error: state.loadError } : { status: 'loading model' });
  }
  if (!authorized(state, req))
    return send(
      res,
      openAiError(
        401,
        'Incorrect or missing API key: send it as "Authorization: Bearer <key>".',
        'invalid_request_error',
        'invalid_api_key',
      ),
    );
  if (req.method === 'GET' && url.pathname === '/v1/models') {
    return json(res, 200, { object: 'list', data: [{ id: state.modelId, object: 'model', created: 0, owned_by: 'lean-author' }] });
  }
  if (url.pathname === '/lora-adapters') return loraAdapters(state, req, res);
  if (url.pathname === '/v1/chat/completions') {
    if (req.method !== 'POST') return send(res, openAiError(405, 'Use POST for /v1/chat/completions.', 'invalid_request_error'));
    return chatCompletions(state, req, res);
  }
  return send(res, openAiError(404, `Unknown route ${req.method ?? ''} ${url.pathname}.`, 'invalid_request_error', 'unknown_url'));
}

async function loraAdapters(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const engine = state.engine;
  if (!engine) return send(res, notReady(state));
  if (req.method === 'GET') return json(res, 200, engine.adapters);
  if (req.method !== 'POST') return send(res, openAiError(405, 'Use GET or POST for /lora-adapters.', 'invalid_request_error'));
  const body = await readJson(req);
  if ('error' in body) return send(res, body.error);
  const parsed = loraScales.safeParse(body.value);
  if (!parsed.success) return send(res, invalidRequest(parsed.error));
  try {
    engine.setDefaultScales(parsed.data);
  } catch (error) {
    if (error instanceof UnknownAdapterError) return send(res, unknownAdapter(error));
    throw error;
  }
  return json(res, 200, { success: true });
}

async function chatCompletions(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readJson(req);
  if ('error' in body) return send(res, body.error);
  const raw = body.value;
  const parsed = chatCompletionRequest.safeParse(raw);
  if (!parsed.success) return send(res, invalidRequest(parsed.error));
  const request = parsed.data;
  if (request.model && request.model !== state.modelId) {
    return send(
      res,
      openAiError(
        404,
        `The model '${request.model}' does not exist here; this server serves '${state.modelId}'.`,
        'invalid_request_error',
        'model_not_found',
        'model',
      ),
    );
  }
  const engine = state.engine;
  if (!engine) return send(res, notReady(state));

  // A client that goes away mid-generation aborts it, which frees its sequence at once.
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort(new Error('client disconnected'));
  });
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const input = {
    messages: request.messages.map((m) => ({ role: m.role === 'developer' ? ('system' as const) : m.role, text: messageText(m.content) })),
    maxTokens: request.max_completion_tokens ?? request.max_tokens,
    temperature: request.temperature,
    topP: request.top_p,
    seed: request.seed,
    stop: request.stop === undefined ? undefined : [request.stop].flat(),
    lora: request.lora,
    cachePrompt: request.cache_prompt,
  };
  try {
    if (!request.stream) {
      const completion = await engine.complete(input, abort.signal);
      return json(res, 200, completionBody(id, created, state.modelId, completion));
    }
    await stream(res, request, id, created, state.modelId, (onText) => engine.complete(input, abort.signal, onText));
  } catch (error) {
    if (abort.signal.aborted) return;
    if (error instanceof UnknownAdapterError) return send(res, unknownAdapter(error));
    if (error instanceof EngineBusyError) {
      res.setHeader('Retry-After', '1');
      return send(
        res,
        openAiError(
          429,
          'The server is busy: every sequence is generating and the queue is full. Retry shortly.',
          'rate_limit_error',
          'server_busy',
        ),
      );
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    throw error;
  }
}

async function stream(
  res: http.ServerResponse,
  request: ChatCompletionRequest,
  id: string,
  created: number,
  model: string,
  run: (onText: (text: string) => void) => Promise<Completion>,
): Promise<void> {
  const chunk = (delta: Record<string, string>, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    event(chunk({ role: 'assistant', content: '' }, null));
  };
  // The status line waits for the first token, so that a busy server can still answer 429.
  const completion = await run((text) => {
    start();
    event(chunk({ content: text }, null));
  });
  start();
  event(chunk({}, completion.finishReason));
  if (request.stream_options?.include_usage)
    event({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usage(completion) });
  res.end('data: [DONE]\n\n');
}

function completionBody(id: string, created: number, model: string, completion: Completion) {
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: completion.text }, finish_reason: completion.finishReason }],
    usage: usage(completion),
  };
}

function usage(completion: Completion) {
  return {
    prompt_tokens: completion.promptTokens,
    completion_tokens: completion.completionTokens,
    total_tokens: completion.promptTokens + completion.completionTokens,
    // OpenAI's field for prompt tokens served from the cache: here, reused from the sequence's KV cache.
    prompt_tokens_details: { cached_tokens: completion.cachedPromptTokens },
  };
}

function authorized(state: ServerState, req: http.IncomingMessage): boolean {
  if (!state.apiKey) return true;
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(state.apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function notReady(state: ServerState): OpenAiError {
  return openAiError(
    503,
    state.loadError ?? 'The model is still loading; retry when /health answers 200.',
    'server_error',
    'model_not_ready',
  );
}

function unknownAdapter(error: UnknownAdapterError): OpenAiError {
  return openAiError(
    400,
    `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`,
    'invalid_request_error',
    'unknown_adapter',
    'lora',
  );
}

async function readJson(req: http.IncomingMessage): Promise<{ value: unknown } | { error: OpenAiError }> {
  try {
    return { value: JSON.parse(await readBody(req)) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: openAiError(400, `The request body is not valid JSON: ${reason}`, 'invalid_request_error', 'invalid_json') };
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`the body is larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function send(res: http.ServerResponse, error: OpenAiError): void {
  json(res, error.status, error.body);
}

/** The model id clients see: the GGUF file's name without its extension. */
export function modelIdFor(modelPath: string): string {
  return path.basename(modelPath).replace(/\.gguf$/i, '');
}
