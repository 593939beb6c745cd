// node-llama-cpp behind a small interface: one model, one context with `parallel` sequences, LoRA
// adapters on that context, and a bounded queue of requests waiting for a sequence. node-llama-cpp is
// ESM-only and carries native binaries, so it stays outside the bundle and is imported at run time.
//
// LoRA scales belong to the whole context in llama.cpp (llama_set_adapters_lora), not to a sequence.
// So, as llama-server does, requests with different scales are never run together: a request whose
// scales differ from the active ones waits until the context is idle, then the scales are switched.
// The queue is first-in first-out, so a waiting switch is not starved by a stream of other requests.
import os from 'node:os';
import type { ChatHistoryItem, ChatWrapper, Llama, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';

export interface EngineOptions {
  modelPath: string;
  contextSize: number;
  parallel: number;
  /** Requests allowed to wait for a free sequence; beyond that `busy` is thrown (HTTP 429). */
  queueLimit: number;
  threads?: number;
  /** Adapters loaded at start, in id order; their scales are the defaults until changed. */
  lora?: { path: string; scale: number }[];
}

export interface LoraAdapter {
  id: number;
  path: string;
  scale: number;
}

export interface Completion {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

export interface CompletionRequest {
  messages: { role: 'system' | 'user' | 'assistant'; text: string }[];
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  topP?: number | undefined;
  seed?: number | undefined;
  stop?: string[] | undefined;
  /** Scales for this request only; adapters it leaves out get scale 0 (llama-server's rule). */
  lora?: { id: number; scale: number }[] | undefined;
}

export class EngineBusyError extends Error {}

/** A request named an adapter id the server does not have. */
export class UnknownAdapterError extends Error {}

interface Waiter {
  scales: number[];
  resolve: (sequence: LlamaContextSequence) => void;
  reject: (reason: unknown) => void;
}

/** node-llama-cpp 3.22 keeps run-time LoRA switching internal; this is the one method we rely on. */
interface LoraSwitchable {
  _setLoras?(adapters: { filePath: string; scale: number }[]): Promise<void>;
}

export class LlamaEngine {
  private readonly free: LlamaContextSequence[] = [];
  private readonly waiting: Waiter[] = [];
  private busy = 0;
  /** The scales the context runs with now, and the default scales for requests without `lora`. */
  private activeScales: number[];
  private defaultScales: number[];
  private switching: Promise<void> = Promise.resolve();

  private constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly options: EngineOptions,
    readonly gpu: string,
    /** The model's chat template, resolved once: resolving it per request cost about 0.5 s here. */
    private readonly chatWrapper: ChatWrapper,
  ) {
    for (let i = 0; i < options.parallel; i++) this.free.push(context.getSequence());
    this.defaultScales = (options.lora ?? []).map((a) => a.scale);
    this.activeScales = [...this.defaultScales];
  }

  static async load(options: EngineOptions, signal?: AbortSignal): Promise<LlamaEngine> {
    const { getLlama, LlamaLogLevel, resolveChatWrapper } = await importNodeLlamaCpp();
    // Threads default to the machine's cores: more threads than cores made generation stall here.
    const threads = options.threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error, maxThreads: threads });
    const model = await llama.loadModel({ modelPath: options.modelPath, ...(signal ? { loadSignal: signal } : {}) });
    const adapters = (options.lora ?? []).map((a) => ({ filePath: a.path, scale: a.scale }));
    const context = await model.createContext({
      contextSize: options.contextSize,
      sequences: options.parallel,
      threads,
      ...(adapters.length ? { lora: { adapters } } : {}),
    });
    return new LlamaEngine(llama, model, context, options, llama.gpu === false ? 'cpu' : String(llama.gpu), resolveChatWrapper(model));
  }

  /** Runs one chat completion on a free sequence; `onText` receives the text as it is generated. */
  async complete(request: CompletionRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<Completion> {
    const sequence = await this.acquire(signal, this.scalesFor(request.lora));
    const { LlamaChat } = await import('node-llama-cpp');
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: this.chatWrapper });
    try {
      const before = sequence.tokenMeter.getState();
      const history = toHistory(request.messages);
      const response = await chat.generateResponse(history, {
        signal,
        stopOnAbortSignal: false,
        ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.topP !== undefined ? { topP: request.topP } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.stop?.length ? { customStopTriggers: request.stop } : {}),
        ...(onText ? { onTextChunk: onText } : {}),
      });
      const used = sequence.tokenMeter.diff(before);
      return {
        text: response.response,
        finishReason: response.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
        promptTokens: used.usedInputTokens,
        completionTokens: used.usedOutputTokens,
      };
    } finally {
      chat.dispose({ disposeSequence: false });
      await sequence.clearHistory();
      this.release(sequence);
    }
  }

  get modelPath(): string {
    return this.options.modelPath;
  }

  /** The loaded adapters with their default scales (GET /lora-adapters). */
  get adapters(): LoraAdapter[] {
    return (this.options.lora ?? []).map((a, id) => ({ id, path: a.path, scale: this.defaultScales[id] ?? 0 }));
  }

  /** Sets the default scales (POST /lora-adapters); adapters left out get 0. Running requests keep theirs. */
  setDefaultScales(scales: { id: number; scale: number }[]): void {
    this.defaultScales = this.scalesFor(scales);
    this.dispatch();
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }

  private scalesFor(lora: { id: number; scale: number }[] | undefined): number[] {
    if (!lora) return this.defaultScales;
    const count = this.options.lora?.length ?? 0;
    const scales = new Array<number>(count).fill(0);
    for (const { id, scale } of lora) {
      if (!Number.isInteger(id) || id < 0 || id >= count)
        throw new UnknownAdapterError(
          count
            ? `there is no LoRA adapter with id ${id}; this server has ids 0 to ${count - 1} (GET /lora-adapters lists them)`
            : `there is no LoRA adapter with id ${id}; this server was started without --lora`,
        );
      scales[id] = scale;
    }
    return scales;
  }

  private acquire(signal: AbortSignal, scales: number[]): Promise<LlamaContextSequence> {
    if (this.waiting.length === 0 && this.canRun(scales)) return this.take(scales);
    if (this.waiting.length >= this.options.queueLimit) throw new EngineBusyError('all sequences are busy and the queue is full');
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { scales, resolve, reject };
      this.waiting.push(waiter);
      signal.addEventListener(
        'abort',
        () => {
          const at = this.waiting.indexOf(waiter);
          if (at < 0) return;
          this.waiting.splice(at, 1);
          reject(signal.reason);
          this.dispatch();
        },
        { once: true },
      );
    });
  }

  private canRun(scales: number[]): boolean {
    return this.free.length > 0 && (this.busy === 0 || sameScales(scales, this.activeScales));
  }

  /** Hands out a free sequence, switching the context's scales first when they differ (only when idle). */
  private take(scales: number[]): Promise<LlamaContextSequence> {
    const sequence = this.free.pop()!;
    this.busy++;
    if (!sameScales(scales, this.activeScales)) {
      this.activeScales = [...scales];
      const switchable = this.context as unknown as LoraSwitchable;
      if (!switchable._setLoras) throw new Error('this node-llama-cpp build cannot change LoRA scales at run time');
      const adapters = (this.options.lora ?? []).map((a, id) => ({ filePath: a.path, scale: scales[id] ?? 0 }));
      this.switching = this.switching.then(() => switchable._setLoras!(adapters));
    }
    return this.switching.then(
      () => sequence,
      (error: unknown) => {
        this.release(sequence);
        throw error;
      },
    );
  }

  private release(sequence: LlamaContextSequence): void {
    this.busy--;
    this.free.push(sequence);
    this.dispatch();
  }

  /** Starts waiting requests in order while the one at the head can run. */
  private dispatch(): void {
    while (this.waiting.length > 0 && this.canRun(this.waiting[0]!.scales)) {
      const waiter = this.waiting.shift()!;
      this.take(waiter.scales).then(waiter.resolve, waiter.reject);
    }
  }
}

function sameScales(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** node-llama-cpp with an error that says how to get it when it is not installed beside the CLI. */
export async function importNodeLlamaCpp(): Promise<typeof import('node-llama-cpp')> {
  try {
    return await import('node-llama-cpp');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      'node-llama-cpp, the llama.cpp runtime of the local model server, is not installed beside lean-author. ' +
        'Install it there with "npm install node-llama-cpp@3.22.1", or use an OpenAI-compatible endpoint (a llama.cpp, Ollama or vLLM server) instead.',
    );
  }
}

function toHistory(messages: CompletionRequest['messages']): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'system'
      ? { type: 'system', text: m.text }
      : m.role === 'user'
        ? { type: 'user', text: m.text }
        : { type: 'model', response: [m.text] },
  );
  // generateResponse continues the last item: an empty model turn after the last user message.
  history.push({ type: 'model', response: [] });
  return history;
}
