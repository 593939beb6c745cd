// The only module that reads VS Code settings. Each getter parses defensively and returns a plain
// object, so the core never sees `vscode` and a bad value in settings.json falls back to the default.
import * as vscode from 'vscode';

const SECTION = 'leanAuthor';

export interface ValidationSettings {
  enabled: boolean;
  debounceMs: number;
}

export function readValidationSettings(): ValidationSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    enabled: asBoolean(config.get('validation.enabled'), true),
    debounceMs: asInteger(config.get('validation.debounceMs'), 250, 0, 5000),
  };
}

export interface LocalServerSettings {
  modelPath: string;
  loraAdapters: { path: string; scale: number }[];
  contextSize: number;
  parallel: number;
  port: number;
}

export function readLocalServerSettings(): LocalServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const modelPath = config.get('localServer.modelPath');
  return {
    modelPath: typeof modelPath === 'string' ? modelPath.trim() : '',
    loraAdapters: asLoraAdapters(config.get('localServer.loraAdapters')),
    contextSize: asInteger(config.get('localServer.contextSize'), 4096, 256, 131072),
    parallel: asInteger(config.get('localServer.parallel'), 1, 1, 16),
    port: asInteger(config.get('localServer.port'), 0, 0, 65535),
  };
}

export interface GenerationSettings {
  useLocalServer: boolean;
  endpoints: { name: string; baseURL: string; model: string }[];
  repairRounds: number;
  firstTokenTimeoutMs: number;
  maxTokens: number;
  temperature: number;
  examples: number;
  offlineFallback: boolean;
}

export function readGenerationSettings(): GenerationSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const temperature = config.get('generation.temperature');
  return {
    useLocalServer: asBoolean(config.get('generation.useLocalServer'), true),
    endpoints: asEndpoints(config.get('generation.endpoints')),
    repairRounds: asInteger(config.get('generation.repairRounds'), 3, 0, 10),
    firstTokenTimeoutMs: asInteger(config.get('generation.firstTokenTimeoutSeconds'), 60, 5, 600) * 1000,
    maxTokens: asInteger(config.get('generation.maxTokens'), 2048, 256, 32768),
    temperature: typeof temperature === 'number' && temperature >= 0 && temperature <= 2 ? temperature : 0.2,
    examples: asInteger(config.get('generation.examples'), 1, 0, 2),
    offlineFallback: asBoolean(config.get('generation.offlineFallback'), true),
  };
}

/** Endpoints with a name, an http(s) base URL and a model; others are skipped (and named in the log by the caller). */
function asEndpoints(value: unknown): GenerationSettings['endpoints'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { name, baseURL, model } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim() || typeof model !== 'string' || !model.trim()) return [];
    if (typeof baseURL !== 'string' || !/^https?:\/\/\S+$/.test(baseURL.trim())) return [];
    return [{ name: name.trim(), baseURL: baseURL.trim(), model: model.trim() }];
  });
}

export interface BacktestSettings {
  image: string;
  dockerSocket: string;
  timeoutMs: number;
  allowNetwork: boolean;
  memoryMb: number;
  cpus: number;
  pidsLimit: number;
}

export function readBacktestSettings(): BacktestSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const text = (key: string) => {
    const value = config.get(key);
    return typeof value === 'string' ? value.trim() : '';
  };
  const cpus = config.get('backtest.cpus');
  return {
    image: text('backtest.image'),
    dockerSocket: text('backtest.dockerSocket'),
    timeoutMs: asInteger(config.get('backtest.timeoutSeconds'), 1800, 10, 86400) * 1000,
    allowNetwork: asBoolean(config.get('backtest.allowNetwork'), false),
    memoryMb: asInteger(config.get('backtest.memoryMb'), 8192, 0, 262144),
    cpus: typeof cpus === 'number' && cpus >= 0 && cpus <= 256 ? cpus : 0,
    pidsLimit: asInteger(config.get('backtest.pidsLimit'), 2048, 0, 1_000_000),
  };
}

export interface TrainingSettings {
  /** Python with the training packages; empty: training/.venv of a checkout when present, else python3. */
  python: string;
  preset: 'smollm2-135m-cpu' | 'qwen2.5-coder-7b-qlora';
  outputFolder: string;
}

export function readTrainingSettings(): TrainingSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const python = config.get('training.python');
  const preset = config.get('training.preset');
  const outputFolder = config.get('training.outputFolder');
  return {
    python: typeof python === 'string' ? python.trim() : '',
    preset: preset === 'qwen2.5-coder-7b-qlora' ? preset : 'smollm2-135m-cpu',
    outputFolder: typeof outputFolder === 'string' && outputFolder.trim() ? outputFolder.trim() : '.lean-training',
  };
}

/** Stores the LoRA adapters in the user's settings, like the model path. */
export async function setLocalServerLoraAdapters(adapters: { path: string; scale: number }[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('localServer.loraAdapters', adapters, vscode.ConfigurationTarget.Global);
}

/** Stores the model path in the user's settings (a machine path does not belong in a shared workspace). */
export async function setLocalServerModelPath(modelPath: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('localServer.modelPath', modelPath, vscode.ConfigurationTarget.Global);
}

/** True when a change event touches settings that `section` (e.g. `validation`) depends on. */
export function affects(event: vscode.ConfigurationChangeEvent, section: string): boolean {
  return event.affectsConfiguration(`${SECTION}.${section}`);
}

function asLoraAdapters(value: unknown): { path: string; scale: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string' && item.trim()) return [{ path: item.trim(), scale: 1 }];
    if (typeof item !== 'object' || item === null) return [];
    const { path, scale } = item as { path?: unknown; scale?: unknown };
    if (typeof path !== 'string' || !path.trim()) return [];
    return [{ path: path.trim(), scale: typeof scale === 'number' && Number.isFinite(scale) ? Math.min(10, Math.max(-10, scale)) : 1 }];
  });
}

function asBoolean(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function asInteger(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
