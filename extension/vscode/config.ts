// The only module that reads VS Code settings. Each getter parses defensively and returns a plain
// object, so the core never sees `vscode` and a bad value in settings.json falls back to the default.
// Defaults and ranges come from extension/core/defaults.ts.
import * as vscode from 'vscode';
import {
  BOOLEAN_SETTINGS,
  numberSetting,
  TEXT_SETTINGS,
  TRAINING_PRESETS,
  type BooleanSetting,
  type NumberSetting,
  type TrainingPreset,
} from '../core/defaults';

const SECTION = 'leanAuthor';

export interface ValidationSettings {
  enabled: boolean;
  debounceMs: number;
}

export function readValidationSettings(): ValidationSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    enabled: bool(config, 'validation.enabled'),
    debounceMs: number(config, 'validation.debounceMs'),
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
    contextSize: number(config, 'localServer.contextSize'),
    parallel: number(config, 'localServer.parallel'),
    port: number(config, 'localServer.port'),
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
  return {
    useLocalServer: bool(config, 'generation.useLocalServer'),
    endpoints: asEndpoints(config.get('generation.endpoints')),
    repairRounds: number(config, 'generation.repairRounds'),
    firstTokenTimeoutMs: number(config, 'generation.firstTokenTimeoutSeconds') * 1000,
    maxTokens: number(config, 'generation.maxTokens'),
    temperature: number(config, 'generation.temperature'),
    examples: number(config, 'generation.examples'),
    offlineFallback: bool(config, 'generation.offlineFallback'),
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
  return {
    image: text('backtest.image'),
    dockerSocket: text('backtest.dockerSocket'),
    timeoutMs: number(config, 'backtest.timeoutSeconds') * 1000,
    allowNetwork: bool(config, 'backtest.allowNetwork'),
    memoryMb: number(config, 'backtest.memoryMb'),
    cpus: number(config, 'backtest.cpus'),
    pidsLimit: number(config, 'backtest.pidsLimit'),
  };
}

export interface TrainingSettings {
  /** Python with the training packages; empty: training/.venv of a checkout when present, else python3. */
  python: string;
  preset: TrainingPreset;
  outputFolder: string;
}

export function readTrainingSettings(): TrainingSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const python = config.get('training.python');
  const preset = config.get('training.preset');
  const outputFolder = config.get('training.outputFolder');
  return {
    python: typeof python === 'string' ? python.trim() : '',
    preset: TRAINING_PRESETS.find((known) => known === preset) ?? TEXT_SETTINGS['training.preset'],
    outputFolder: typeof outputFolder === 'string' && outputFolder.trim() ? outputFolder.trim() : TEXT_SETTINGS['training.outputFolder'],
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

function bool(config: vscode.WorkspaceConfiguration, key: BooleanSetting): boolean {
  const value = config.get(key);
  return typeof value === 'boolean' ? value : BOOLEAN_SETTINGS[key];
}

function number(config: vscode.WorkspaceConfiguration, key: NumberSetting): number {
  return numberSetting(key, config.get(key));
}
