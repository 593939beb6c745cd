// `lean-author dataset` from the built bundle: the template records the training dataset is built from,
// the system prompt, and what the product makes of prompts written elsewhere.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HELD_OUT_PARAMS, HELD_OUT_VARIANTS, type ComposedRecord } from '../../extension/core/generation/compose/composedRecords';
import type { DatasetRecord, PromptReadingRecord } from '../../extension/core/generation/datasetRecords';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';
import { buildMessages, SYSTEM_PROMPT } from '../../extension/core/generation/prompting';
import { FAMILIES } from '../../extension/core/generation/templates';
import { LEAN_API_INDEX } from '../../extension/core/validation/index';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();
const cli = path.join(root, 'dist', 'cli.js');

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function records(stdout: string): DatasetRecord[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DatasetRecord);
}

describe('lean-author dataset --composed', () => {
  it('phrases drawn requests into prompts and writes each from its prompt, the same for the same seed', async () => {
    const first = await run('dataset', '--composed', '60', '--seed', '5');
    expect(first.code, first.stderr).toBe(0);
    const rows = first.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ComposedRecord);
    // Declined draws are impossible combinations, counted on stderr and not written.
    const declined = [...first.stderr.matchAll(/(\d+) × /g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(rows.length + declined).toBe(60);
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['code', 'heldOut', 'id', 'notes', 'prompt', 'securityTypes', 'variants', 'writer']);
      expect(row.writer).toMatch(/^(composer|template):/);
      expect(row.heldOut.phrasing).toBe(row.variants.some((v) => HELD_OUT_VARIANTS.has(v)));
      // The record is what the product writes for its prompt, not a separate rendering.
      expect(row.code).toBe(generateOffline(row.prompt).code);
    }
    expect(new Set(rows.flatMap((r) => r.securityTypes)).size).toBeGreaterThanOrEqual(5);
    const again = await run('dataset', '--composed', '60', '--seed', '5');
    expect(again.stdout).toBe(first.stdout);
    const other = await run('dataset', '--composed', '60', '--seed', '6');
    expect(other.stdout).not.toBe(first.stdout);
  }, 60_000);

  it('flags the draws whose signal numbers are held out, and lists the held-out wordings and numbers', async () => {
    const listed = await run('dataset', '--held-out');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ variants: [...HELD_OUT_VARIANTS].sort(), params: HELD_OUT_PARAMS });
    const rows = (await run('dataset', '--composed', '300', '--seed', '2')).stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ComposedRecord);
    const held = rows.filter((r) => r.heldOut.params);
    expect(held.length).toBeGreaterThan(5);
    // A held-out RSI period of 2 is in the code of every record flagged for it, and in no other RSI record.
    const rsi = rows.filter((r) => r.writer === 'composer:rsi');
    for (const row of rsi) expect(row.code.includes('RelativeStrengthIndex(2, ')).toBe(row.heldOut.params);
    expect(rsi.some((r) => r.heldOut.params) && rsi.some((r) => !r.heldOut.params)).toBe(true);
  }, 60_000);
});

describe('lean-author dataset', () => {
  it('prints max-per-family records for every family, with spec, parameters, description and code', async () => {
    const result = await run('dataset', '--max-per-family', '4');
    expect(result.code).toBe(0);
    const rows = records(result.stdout);
    expect(rows).toHaveLength(4 * FAMILIES.length);
    for (const family of FAMILIES) expect(rows.filter((r) => r.family === family.id)).toHaveLength(4);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const first = rows[0]!;
    expect(Object.keys(first).sort()).toEqual(['code', 'description', 'family', 'familyTitle', 'id', 'paramDefs', 'spec']);
    expect(Object.keys(first.spec).sort()).toEqual(['cash', 'endDate', 'params', 'resolution', 'risk', 'startDate', 'tickers']);
    for (const row of rows) {
      const family = FAMILIES.find((f) => f.id === row.family)!;
      expect(row.familyTitle).toBe(family.title);
      expect(row.paramDefs.map((p) => p.name)).toEqual(family.params.map((p) => p.name));
      for (const def of row.paramDefs) expect(def.value).toBe(row.spec.params[def.name]);
      expect(row.description).toContain(row.familyTitle);
      expect(row.code).toContain(`class ${family.className}(QCAlgorithm):`);
      expect(row.code.endsWith('\n')).toBe(true);
    }
  });

  it('is deterministic, keeps ids when families are filtered, and varies backtest settings with the seed', async () => {
    const [a, b, some, seeded] = await Promise.all([
      run('dataset', '--max-per-family', '6'),
      run('dataset', '--max-per-family', '6'),
      run('dataset', '--max-per-family', '6', '--families', 'alpha-factor,rsi-mean-reversion'),
      run('dataset', '--max-per-family', '6', '--seed', '7'),
    ]);
    expect(a.stdout).toBe(b.stdout);
    const all = records(a.stdout);
    const filtered = records(some.stdout);
    // In FAMILIES order whatever order the flag names them in.
    expect(filtered.map((r) => r.family)).toEqual([...Array(6).fill('rsi-mean-reversion'), ...Array(6).fill('alpha-factor')]);
    for (const row of filtered) expect(all.find((r) => r.id === row.id)).toEqual(row);
    const other = records(seeded.stdout);
    expect(other.map((r) => r.spec.params)).toEqual(all.map((r) => r.spec.params));
    expect(other.map((r) => [r.spec.startDate, r.spec.cash])).not.toEqual(all.map((r) => [r.spec.startDate, r.spec.cash]));
  });

  it('writes the same lines to --out', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'lean-dataset-')), 'records.jsonl');
    const [toFile, toStdout] = await Promise.all([
      run('dataset', '--max-per-family', '2', '--out', out),
      run('dataset', '--max-per-family', '2'),
    ]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
  });

  it('renders code the validator passes without errors', async () => {
    const rows = records((await run('dataset', '--max-per-family', '3')).stdout);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lean-dataset-validate-'));
    const files = rows.map((row) => {
      mkdirSync(path.join(dir, row.id));
      const file = path.join(dir, row.id, 'main.py');
      writeFileSync(file, row.code);
      return file;
    });
    const result = await run('validate', '--json', ...files);
    const errors = (JSON.parse(result.stdout) as { severity: string }[]).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('names the known families when asked for an unknown one', async () => {
    const result = await run('dataset', '--families', 'rsi-mean-reversion,nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown strategy family nope');
    expect(result.stderr).toContain('alpha-factor');
  });

  it("prints the product's system prompt", async () => {
    const result = await run('dataset', '--system-prompt');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${SYSTEM_PROMPT}\n`);
  });

  it('reads prompts as the product does: the same spec as the reader, the same zero-example messages', async () => {
    const prompts = [
      'RSI mean reversion on AAPL and MSFT with a 5% stop',
      'alpha: rank(-delta(close, 5)) long top 2 short bottom 2 on AAPL, MSFT, AMZN, GOOGL',
    ];
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lean-dataset-read-')), 'prompts.jsonl');
    writeFileSync(file, prompts.map((prompt, i) => JSON.stringify({ id: `p${i}`, prompt })).join('\n'));
    const result = await run('dataset', '--read-prompts', file);
    expect(result.code).toBe(0);
    const readings = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as PromptReadingRecord);
    expect(readings.map((r) => [r.id, r.family])).toEqual([
      ['p0', 'rsi-mean-reversion'],
      ['p1', 'alpha-factor'],
    ]);
    expect(readings[0]!.spec.risk).toEqual({ stopLossPct: 0.05 });
    expect(readings[1]!.spec.params).toMatchObject({ factor: 0, direction: 0, lookback: 5, positions: 2 });
    for (const [i, reading] of readings.entries()) {
      expect(reading.messages).toEqual(buildMessages(prompts[i]!, { index: LEAN_API_INDEX, examples: 0 }).messages);
      expect(reading.messages[0]!.content.startsWith(SYSTEM_PROMPT)).toBe(true);
    }
  });

  it('says which line of --read-prompts input is not a prompt', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lean-dataset-read-')), 'bad.jsonl');
    writeFileSync(file, '{"id": "a", "prompt": "SMA crossover on SPY"}\nnot json\n');
    const result = await run('dataset', '--read-prompts', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 2');
  });
});
