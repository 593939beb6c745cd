// Generate a LEAN strategy from a plain-language request: the model chain with the repair loop, and
// the offline generator as the last link (used when asked for, when no endpoint is set up,
// or when every endpoint failed). Editor-agnostic: the CLI and the extension both call this, and pass
// in the validator so this module does not carry tree-sitter.
import type { LeanDiagnostic } from '../diagnostic';
import type { LeanApiIndex } from '../validation/api/apiIndex';
import { ChainExhaustedError, type ChatMessage, type ModelEndpoint } from './modelChain';
import { readRequest } from '../request/readRequest';
import type { StrategyRequest } from '../request/types';
import { REQUEST_MISMATCH } from '../diagnostic';
import { generateOffline } from './offlineGenerator';
import { buildMessages, buildRefineMessages } from './prompting';
import { countBySeverity, generateWithRepair, type GenerationEvent, type RepairRound } from './repairLoop';

export interface GenerateRequest {
  prompt: string;
  /** Class name for the offline generator (the project name); models name their own class. */
  className?: string;
  endpoints: ModelEndpoint[];
  /** Skip models entirely. */
  offline: boolean;
  /** Use the offline generator when every endpoint fails (fail-over reasons are kept). */
  offlineFallback: boolean;
  maxRepairRounds: number;
  firstTokenTimeoutMs: number;
  maxTokens: number;
  temperature: number;
  examples: number;
  index: LeanApiIndex;
  /** The validator; given the request, it also checks the code against it (`request-mismatch` errors the repair loop sees). */
  validate: (code: string, request?: StrategyRequest) => LeanDiagnostic[];
  signal?: AbortSignal;
  onEvent?: (event: GenerationEvent) => void;
}

export interface GenerationOutcome {
  code: string;
  clean: boolean;
  source: 'model' | 'offline';
  endpoint?: { name: string; baseURL: string; model: string };
  rounds: RepairRound[];
  chosen: number;
  diagnostics: LeanDiagnostic[];
  durationMs: number;
  /** Why the offline generator was used, when it was. */
  offlineReason?: string;
  notes: string[];
  /** The request as read from the prompt (generation.json records it). */
  request?: StrategyRequest;
  /**
   * One plain sentence for each part of the request the code does not do. The offline generator knows
   * what its templates write; for a model's code these are the reader's problems (unknown tickers) and
   * the request-conformance check's mismatches that remain after repair.
   */
  unfulfilled: string[];
}

export async function generateStrategy(request: GenerateRequest): Promise<GenerationOutcome> {
  const started = Date.now();
  if (request.offline) return offline(request, started, 'asked for the offline generator');
  if (request.endpoints.length === 0) return offline(request, started, 'no model is set up: no local model server and no endpoint');
  try {
    const { messages } = buildMessages(request.prompt, { index: request.index, examples: request.examples });
    return await runModels(request, messages, started);
  } catch (error) {
    if (error instanceof ChainExhaustedError && request.offlineFallback) return offline(request, started, error.message);
    throw error;
  }
}

function offline(request: GenerateRequest, started: number, reason: string): GenerationOutcome {
  const generated = generateOffline(request.prompt, request.className ? { className: request.className } : {});
  // Checked without the request: what the templates do not do of it is listed in `unfulfilled` already.
  const diagnostics = request.validate(generated.code);
  const counts = countBySeverity(diagnostics);
  const round: RepairRound = {
    round: 0,
    endpoint: 'offline',
    model: generated.writer,
    code: generated.code,
    diagnostics,
    ...counts,
    failovers: [],
    notes: generated.notes,
    durationMs: Date.now() - started,
  };
  return {
    code: generated.code,
    clean: counts.errors === 0,
    source: 'offline',
    rounds: [round],
    chosen: 0,
    diagnostics,
    durationMs: Date.now() - started,
    offlineReason: reason,
    notes: generated.notes,
    request: generated.request,
    unfulfilled: generated.unfulfilled,
  };
}

export type RefineRequest = Omit<GenerateRequest, 'prompt' | 'className' | 'offline' | 'offlineFallback' | 'examples'> & {
  code: string;
  instruction: string;
};

/** Refine Strategy: the model edits the given code; no offline fallback, since templates cannot follow an arbitrary instruction. */
export async function refineStrategy(request: RefineRequest): Promise<GenerationOutcome> {
  const started = Date.now();
  if (request.endpoints.length === 0) throw new ChainExhaustedError([]);
  return runModels(request, buildRefineMessages(request.code, request.instruction, request.index), started);
}

/** The model chain with the repair loop on the given messages, as a model-written outcome. */
async function runModels(request: RefineRequest | GenerateRequest, messages: ChatMessage[], started: number): Promise<GenerationOutcome> {
  const read = 'prompt' in request ? readRequest(request.prompt) : undefined;
  const result = await generateWithRepair({
    endpoints: request.endpoints,
    messages,
    validate: (code) => request.validate(code, read),
    maxRepairRounds: request.maxRepairRounds,
    chain: {
      firstTokenTimeoutMs: request.firstTokenTimeoutMs,
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      ...(request.signal ? { signal: request.signal } : {}),
    },
    ...(request.onEvent ? { onEvent: request.onEvent } : {}),
  });
  const chosen = result.rounds[result.chosen]!;
  const endpoint = request.endpoints.find((e) => e.name === chosen.endpoint)!;
  const mismatches = chosen.diagnostics.filter((d) => d.code === REQUEST_MISMATCH).map((d) => d.message);
  return {
    code: result.code,
    clean: result.clean,
    source: 'model',
    endpoint: { name: endpoint.name, baseURL: endpoint.baseURL, model: endpoint.model },
    rounds: result.rounds,
    chosen: result.chosen,
    diagnostics: chosen.diagnostics,
    durationMs: Date.now() - started,
    notes: [],
    ...(read ? { request: read } : {}),
    unfulfilled: [...(read?.problems ?? []).map((p) => `${p.message} The model was not told how to resolve it.`), ...mismatches],
  };
}
