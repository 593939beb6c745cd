// The defaults and ranges are declared once (extension/core/defaults.ts). package.json and the README
// repeat them for VS Code and for readers; these tests hold both to what the core declares.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOLEAN_SETTINGS, NUMBER_SETTINGS, numberSetting, TEXT_SETTINGS, TRAINING_PRESETS } from '../../extension/core/defaults';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    configuration: { properties: Record<string, { type: string; default?: unknown; minimum?: number; maximum?: number; enum?: string[] }> };
  };
};
const properties = manifest.contributes.configuration.properties;
const PREFIX = 'leanAuthor.';

describe('package.json settings', () => {
  it('declares every number setting with the core default, minimum and maximum', () => {
    for (const [key, range] of Object.entries(NUMBER_SETTINGS)) {
      const property = properties[PREFIX + key];
      expect(property, key).toBeDefined();
      expect({ key, type: property?.type, default: property?.default, minimum: property?.minimum, maximum: property?.maximum }).toEqual({
        key,
        type: range.integer ? 'integer' : 'number',
        default: range.default,
        minimum: range.minimum,
        maximum: range.maximum,
      });
    }
  });

  it('declares every on/off and text setting with the core default', () => {
    for (const [key, value] of Object.entries({ ...BOOLEAN_SETTINGS, ...TEXT_SETTINGS })) {
      expect({ key, default: properties[PREFIX + key]?.default }).toEqual({ key, default: value });
    }
    expect(properties[`${PREFIX}training.preset`]?.enum).toEqual([...TRAINING_PRESETS]);
  });

  it('has no number, on/off or non-empty default that the core does not declare', () => {
    const declared = new Set([...Object.keys(NUMBER_SETTINGS), ...Object.keys(BOOLEAN_SETTINGS), ...Object.keys(TEXT_SETTINGS)]);
    const undeclared = Object.entries(properties)
      .filter(([, p]) => p.type === 'integer' || p.type === 'number' || p.type === 'boolean' || (p.type === 'string' && p.default !== ''))
      .map(([name]) => name.slice(PREFIX.length))
      .filter((key) => !declared.has(key));
    expect(undeclared).toEqual([]);
  });
});

describe('numberSetting', () => {
  it('takes a value in range, clamps one outside it, and falls back to the default for anything else', () => {
    expect(numberSetting('generation.maxTokens', 4000)).toBe(4000);
    expect(numberSetting('generation.maxTokens', 10)).toBe(256);
    expect(numberSetting('generation.maxTokens', 1e9)).toBe(32768);
    expect(numberSetting('generation.maxTokens', 300.6)).toBe(301);
    expect(numberSetting('generation.maxTokens', '4000')).toBe(2048);
    expect(numberSetting('generation.maxTokens', Number.NaN)).toBe(2048);
    expect(numberSetting('generation.temperature', 0.35)).toBe(0.35);
    expect(numberSetting('generation.temperature', 7)).toBe(2);
    expect(numberSetting('backtest.cpus', 1.5)).toBe(1.5);
  });
});

describe('README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it("states each setting's default as the core declares it", () => {
    const rows = [...readme.matchAll(/^\| `leanAuthor\.([\w.]+)` +\| `([^`]*)` +\|/gm)].map(
      (m) => [m[1] as string, m[2] as string] as const,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const [key, text] of rows) {
      const expected =
        key in NUMBER_SETTINGS
          ? String(NUMBER_SETTINGS[key as keyof typeof NUMBER_SETTINGS].default)
          : key in BOOLEAN_SETTINGS
            ? String(BOOLEAN_SETTINGS[key as keyof typeof BOOLEAN_SETTINGS])
            : key in TEXT_SETTINGS
              ? TEXT_SETTINGS[key as keyof typeof TEXT_SETTINGS]
              : (properties[PREFIX + key]?.default as unknown);
      const shown =
        typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'boolean'
          ? String(expected)
          : JSON.stringify(expected);
      expect({ key, text }).toEqual({ key, text: shown === '' ? '""' : shown });
    }
  });

  it('gives the command-line defaults that the core declares', () => {
    const flag = (command: string, name: string) => new RegExp(`lean-author ${command} [^\\n]*\\[--${name} ([^\\]]+)\\]`).exec(readme)?.[1];
    expect(flag('generate', 'repair-rounds')).toBe(String(NUMBER_SETTINGS['generation.repairRounds'].default));
    expect(flag('generate', 'timeout')).toBe(String(NUMBER_SETTINGS['generation.firstTokenTimeoutSeconds'].default));
    expect(flag('generate', 'max-tokens')).toBe(String(NUMBER_SETTINGS['generation.maxTokens'].default));
    expect(flag('generate', 'examples')).toBe(String(NUMBER_SETTINGS['generation.examples'].default));
    expect(flag('backtest', 'timeout')).toBe(String(NUMBER_SETTINGS['backtest.timeoutSeconds'].default));
    expect(flag('backtest', 'memory')).toBe(String(NUMBER_SETTINGS['backtest.memoryMb'].default));
    expect(flag('backtest', 'cpus')).toBe(String(NUMBER_SETTINGS['backtest.cpus'].default));
  });
});
