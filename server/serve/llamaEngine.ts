// node-llama-cpp behind a small interface: one model, one context with `parallel` sequences, and a
// bounded queue of requests waiting for a sequence. node-llama-cpp is ESM-only and carries native
// binaries, so it stays outside the bundle and is imported at run time.
import os from 'node:os';
import type { ChatHistoryItem, ChatWrapper, Llama, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';

export interface EngineOptions {
  modelPath: string;
  contextSize: number;
  parallel: number;
  /** Requests allowed to wait for a free sequence; beyond that `busy` is thrown (HTTP 429). */
  queueLimit: number;
  threads?: number;
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
}

export class EngineBusyError extends Error {}

export class LlamaEngine {
  private readonly free: LlamaContextSequence[] = [];
  private readonly waiting: ((sequence: LlamaContextSequence) => void)[] = [];

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
  }

  static async load(options: EngineOptions, signal?: AbortSignal): Promise<LlamaEngine> {
    const { getLlama, LlamaLogLevel, resolveChatWrapper } = await import('node-llama-cpp');
    // Threads default to the machine's cores: more threads than cores made generation stall here.
    const threads = options.threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error, maxThreads: threads });
    const model = await llama.loadModel({ modelPath: options.modelPath, ...(signal ? { loadSignal: signal } : {}) });
    const context = await model.createContext({ contextSize: options.contextSize, sequences: options.parallel, threads });
    return new LlamaEngine(llama, model, context, options, llama.gpu === false ? 'cpu' : String(llama.gpu), resolveChatWrapper(model));
  }

  /** Runs one chat completion on a free sequence; `onText` receives the text as it is generated. */
  async complete(request: CompletionRequest, signal: AbortSignal, onText?: (text: string) => void): Promise<Completion> {
    const sequence = await this.acquire(signal);
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

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }

  private acquire(signal: AbortSignal): Promise<LlamaContextSequence> {
    const sequence = this.free.pop();
    if (sequence) return Promise.resolve(sequence);
    if (this.waiting.length >= this.options.queueLimit) throw new EngineBusyError('all sequences are busy and the queue is full');
    return new Promise((resolve, reject) => {
      const take = (s: LlamaContextSequence) => resolve(s);
      this.waiting.push(take);
      signal.addEventListener(
        'abort',
        () => {
          const at = this.waiting.indexOf(take);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  private release(sequence: LlamaContextSequence): void {
    const next = this.waiting.shift();
    if (next) next(sequence);
    else this.free.push(sequence);
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
