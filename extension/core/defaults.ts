// Every default and range of the product, declared once. The settings reader (extension/vscode/config.ts),
// the command-line options (server/cli.ts) and the commands that fill in a value nobody gave all read
// them from here. package.json's `contributes.configuration` and the README's tables repeat them for VS
// Code and for readers; test/unit/defaults.test.ts checks that both say what this file says.

/** A number setting: its default and the range a value is clamped to. */
export interface NumberRange {
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
  /** Whole numbers only (settings of type "integer"). */
  readonly integer: boolean;
}

function int(value: number, minimum: number, maximum: number): NumberRange {
  return { default: value, minimum, maximum, integer: true };
}

function num(value: number, minimum: number, maximum: number): NumberRange {
  return { default: value, minimum, maximum, integer: false };
}

/** The number settings under `leanAuthor.`, by their key in package.json. */
export const NUMBER_SETTINGS = {
  'validation.debounceMs': int(250, 0, 5000),
  'generation.repairRounds': int(3, 0, 10),
  'generation.firstTokenTimeoutSeconds': int(60, 5, 600),
  'generation.maxTokens': int(2048, 256, 32768),
  'generation.temperature': num(0.2, 0, 2),
  'generation.examples': int(1, 0, 2),
  'localServer.contextSize': int(4096, 256, 131072),
  'localServer.parallel': int(1, 1, 16),
  'localServer.port': int(0, 0, 65535),
  'backtest.timeoutSeconds': int(1800, 10, 86400),
  'backtest.memoryMb': int(8192, 0, 262144),
  'backtest.cpus': num(0, 0, 256),
  'backtest.pidsLimit': int(2048, 0, 1_000_000),
} as const satisfies Record<string, NumberRange>;

export type NumberSetting = keyof typeof NUMBER_SETTINGS;

/** The on/off settings under `leanAuthor.`. */
export const BOOLEAN_SETTINGS = {
  'validation.enabled': true,
  'generation.useLocalServer': true,
  'generation.offlineFallback': true,
  'backtest.allowNetwork': false,
} as const satisfies Record<string, boolean>;

export type BooleanSetting = keyof typeof BOOLEAN_SETTINGS;

export const TRAINING_PRESETS = ['smollm2-135m-cpu', 'qwen2.5-coder-7b-qlora'] as const;
export type TrainingPreset = (typeof TRAINING_PRESETS)[number];

/** The text and choice settings under `leanAuthor.` that have a non-empty default. */
export const TEXT_SETTINGS = {
  'training.preset': 'smollm2-135m-cpu' as TrainingPreset,
  'training.outputFolder': '.lean-training',
} as const;

/** Default of a number setting. */
export function defaultOf(key: NumberSetting): number {
  return NUMBER_SETTINGS[key].default;
}

/** `value` when it is a number in the setting's range (rounded for whole-number settings, clamped), else the default. */
export function numberSetting(key: NumberSetting, value: unknown): number {
  const range: NumberRange = NUMBER_SETTINGS[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return range.default;
  const n = range.integer ? Math.round(value) : value;
  return Math.min(range.maximum, Math.max(range.minimum, n));
}

/**
 * Defaults of `lean-author eval` that differ from the editor's generation settings on purpose: a
 * measurement is reproducible (greedy), matches how the adapter was trained (no worked examples), and
 * gives a busy CPU more time to start answering.
 */
export const EVAL_DEFAULTS = {
  examples: 0,
  temperature: 0,
  firstTokenTimeoutSeconds: 120,
  /** One evaluated answer's backtest: shorter than an interactive run's limit. */
  backtestTimeoutSeconds: 600,
} as const;
