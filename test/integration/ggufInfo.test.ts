// Use Adapter's header checks on real files: the SmolLM2 model GGUF and LoRA adapters written in the
// llama.cpp layout (the same writer the server's LoRA tests use).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adapterMismatch, GgufError, readGgufSummary } from '../../extension/core/training/ggufInfo';
import { modelPath } from './serveProcess';
import { smolLm2Targets, writeTestLoraAdapter } from './testLoraAdapter';

const dir = mkdtempSync(path.join(tmpdir(), 'lean-gguf-info-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GGUF headers for Use Adapter', () => {
  it('tells a model from a LoRA adapter and accepts an adapter for the same architecture', async () => {
    const model = await readGgufSummary(modelPath);
    expect(model).toMatchObject({ type: 'model', architecture: 'llama' });
    const adapterFile = path.join(dir, 'llama-adapter.gguf');
    writeTestLoraAdapter(adapterFile, { architecture: 'llama', targets: smolLm2Targets(), rank: 2, seed: 1, amplitude: 0.01 });
    const adapter = await readGgufSummary(adapterFile);
    expect(adapter).toMatchObject({ type: 'adapter', architecture: 'llama' });
    expect(adapterMismatch(adapter, model)).toBeUndefined();
    expect(adapterMismatch(adapter, undefined)).toBeUndefined();
  });

  it('refuses a model file and an adapter for another architecture, saying what to do', async () => {
    const model = await readGgufSummary(modelPath);
    expect(adapterMismatch(model, model)).toMatch(/not a LoRA adapter.*Export adapter to GGUF/);
    const qwenFile = path.join(dir, 'qwen-adapter.gguf');
    writeTestLoraAdapter(qwenFile, { architecture: 'qwen2', targets: smolLm2Targets(), rank: 2, seed: 1, amplitude: 0.01 });
    expect(adapterMismatch(await readGgufSummary(qwenFile), model)).toMatch(
      /trained for a qwen2 model.*selected model is llama.*Select Model/,
    );
  });

  it('reports a file that is not GGUF as such', async () => {
    const notGguf = path.join(dir, 'notes.gguf');
    writeFileSync(notGguf, 'these are notes, not a model');
    await expect(readGgufSummary(notGguf)).rejects.toThrow(GgufError);
    await expect(readGgufSummary(path.join(dir, 'missing.gguf'))).rejects.toThrow(/not a readable GGUF file/);
  });
});
