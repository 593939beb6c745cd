// node-llama-cpp behind a small interface: one model, one context with `parallel` sequences, LoRA
// adapters on that context, and a bounded queue of requests waiting for a sequence. node-llama-cpp is
// ESM-only and carries native binaries, so it stays outside the bundle and is imported at run time.
//
// LoRA scales belong to the whole context in llama.cpp (llama_set_adapters_lora), not to a sequence.
// So, as llama-server does, requests with different scales are never run together: a request whose
// scales differ from the active ones waits until the context is idle, then the scales are switched.
// The queue is first-in first-out, so a waiting switch is not starved by a stream of other requests.
//
// Each sequence keeps what it evaluated, and a prompt that starts with it evaluates only the rest
// (promptCache.ts plans this so that reuse never changes an answer). A free sequence is chosen by the
// longest reusable prefix; its cache counts only under the LoRA scales it was computed with, and an
// aborted or failed request leaves its sequence empty.
import os from 'node:os';
import type { ChatHistoryItem, ChatWrapper, Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { planPrompt, type PromptPlan } from './promptCache';

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
  /** Prompt tokens taken from the sequence's cache instead of being evaluated. */
  cachedPromptTokens: number;
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
  /** false: evaluate the whole prompt even when a sequence has a prefix of it cached (llama-server's `cache_prompt`). */
  cachePrompt?: boolean | undefined;
}

export class EngineBusyError extends Error {}

/** A request named an adapter id the server does not have. */
export class UnknownAdapterError extends Error {}

/** A sequence and what its evaluated tokens are good for. */
interface Slot {
  sequence: LlamaContextSequence;
  /** The LoRA scales its cached tokens were computed with; undefined when it holds none worth reusing. */
  scales: number[] | undefined;
  /** Leading context tokens evaluated in canonical shape (see promptCache.ts); 0 when none. */
  exact: number;
  /** When it was last handed out: among equal candidates the least recently used is taken. */
  lastUsed: number;
}

/** What a request needs from a sequence: its scales and prompt, and whether it may use the cache. */
interface Demand {
  scales: number[];
  tokens: Token[];
  cachePrompt: boolean;
}

interface Lease {
  slot: Slot;
  plan: PromptPlan;
}

interface Waiter {
  demand: Demand;
  resolve: (lease: Lease) => void;
  reject: (reason: unknown) => void;
}

/** node-llama-cpp 3.22 keeps run-time LoRA switching internal; this is the one method we rely on. */
interface LoraSwitchable {
  _setLoras?(adapters: { filePath: string; scale: number }[]): Promise<void>;
}

export class LlamaEngine {
  private readonly free: Slot[] = [];
  private uses = 0;
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
    for (let i = 0; i < options.parallel; i++)
      this.free.push({ sequence: context.getSequence(), scales: undefined, exact: 0, lastUsed: 0 });
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
    const scales = this.scalesFor(request.lora);
    const history = toHistory(request.messages);
    // The prompt's tokens as LlamaChat will evaluate them (the same chat wrapper and tokenizer).
    const tokens = this.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(this.model.tokenizer);
    const demand: Demand = { scales, tokens, cachePrompt: request.cachePrompt !== false };
    const { LlamaChat } = await import('node-llama-cpp');
    const { slot, plan } = await this.acquire(signal, demand);
    const { sequence } = slot;
    let chat: InstanceType<typeof LlamaChat> | undefined;
    let completed = false;
    try {
      chat = new LlamaChat({ contextSequence: sequence, chatWrapper: this.chatWrapper });
      await this.evaluatePrompt(slot, demand, plan, signal);
      const before = sequence.tokenMeter.getState();
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
      // The prompt is now in canonical shape, unless LlamaChat had to shift the context while generating.
      slot.exact = sequence.compareContextTokens(tokens).firstDifferentIndex >= plan.reusable ? plan.reusable : 0;
      completed = true;
      return {
        text: response.response,
        finishReason: response.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
        promptTokens: tokens.length,
        cachedPromptTokens: plan.reuse,
        completionTokens: used.usedOutputTokens,
      };
    } finally {
      chat?.dispose({ disposeSequence: false });
      // An aborted or failed request may leave a half-evaluated state: nothing in it is trusted.
      if (!completed) await this.forget(slot);
      this.release(slot);
    }
  }

  /**
   * Brings the sequence to the plan: keeps the reused prefix, drops the rest, and evaluates every chunk
   * but the last; LlamaChat evaluates the last one (it ends the prompt) in one batch, as the plan says.
   */
  private async evaluatePrompt(slot: Slot, demand: Demand, plan: PromptPlan, signal: AbortSignal): Promise<void> {
    const { sequence } = slot;
    slot.scales = demand.scales;
    slot.exact = 0;
    if (plan.reuse === 0) await sequence.clearHistory();
    else if (sequence.nextTokenIndex > plan.reuse)
      await sequence.eraseContextTokenRanges([{ start: plan.reuse, end: sequence.nextTokenIndex }]);
    let at = plan.reuse;
    for (const length of plan.chunks.slice(0, -1)) {
      if (signal.aborted) throw signal.reason;
      await sequence.evaluateWithoutGeneratingNewTokens(demand.tokens.slice(at, at + length));
      at += length;
    }
  }

  /** Whether the prompt and at least one generated token fit in a sequence's context as they are. */
  private fits(tokens: Token[]): boolean {
    return tokens.length + 1 < this.context.contextSize;
  }

  private async forget(slot: Slot): Promise<void> {
    slot.scales = undefined;
    slot.exact = 0;
    try {
      await slot.sequence.clearHistory();
    } catch {
      // Disposed with the engine: nothing left to trust anyway.
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

  private acquire(signal: AbortSignal, demand: Demand): Promise<Lease> {
    if (this.waiting.length === 0 && this.canRun(demand.scales)) return this.take(demand);
    if (this.waiting.length >= this.options.queueLimit) throw new EngineBusyError('all sequences are busy and the queue is full');
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { demand, resolve, reject };
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

  /**
   * Hands out the free sequence that can reuse the most of the prompt (the least recently used among
   * equals), switching the context's scales first when they differ (only when idle).
   */
  private take(demand: Demand): Promise<Lease> {
    let best: Lease | undefined;
    for (const slot of this.free) {
      const plan = this.plan(slot, demand);
      if (!best || plan.reuse > best.plan.reuse || (plan.reuse === best.plan.reuse && slot.lastUsed < best.slot.lastUsed))
        best = { slot, plan };
    }
    const lease = best!;
    this.free.splice(this.free.indexOf(lease.slot), 1);
    lease.slot.lastUsed = ++this.uses;
    this.busy++;
    const { scales } = demand;
    if (!sameScales(scales, this.activeScales)) {
      this.activeScales = [...scales];
      const switchable = this.context as unknown as LoraSwitchable;
      if (!switchable._setLoras) throw new Error('this node-llama-cpp build cannot change LoRA scales at run time');
      const adapters = (this.options.lora ?? []).map((a, id) => ({ filePath: a.path, scale: scales[id] ?? 0 }));
      this.switching = this.switching.then(() => switchable._setLoras!(adapters));
    }
    return this.switching.then(
      () => lease,
      (error: unknown) => {
        this.release(lease.slot);
        throw error;
      },
    );
  }

  /** What of the prompt a sequence's cache can give: nothing computed under other LoRA scales. */
  private plan(slot: Slot, demand: Demand): PromptPlan {
    const usable = demand.cachePrompt && slot.scales !== undefined && sameScales(slot.scales, demand.scales);
    const common = usable ? slot.sequence.compareContextTokens(demand.tokens).firstDifferentIndex : 0;
    // A prompt too long for the context is LlamaChat's to shorten: nothing of it is reused or kept.
    if (!this.fits(demand.tokens)) return { reuse: 0, chunks: [], reusable: 0 };
    return planPrompt(demand.tokens.length, common, usable ? slot.exact : 0, this.context.batchSize);
  }

  private release(slot: Slot): void {
    this.busy--;
    this.free.push(slot);
    this.dispatch();
  }

  /** Starts waiting requests in order while the one at the head can run. */
  private dispatch(): void {
    while (this.waiting.length > 0 && this.canRun(this.waiting[0]!.demand.scales)) {
      const waiter = this.waiting.shift()!;
      this.take(waiter.demand).then(waiter.resolve, waiter.reject);
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
