// `lean-author dataset`: the template library as JSON lines for the training dataset builder
// (training/lean_training/build_dataset.py). Three modes:
//   lean-author dataset [--max-per-family N] [--families a,b] [--seed S] [--out FILE]
//       one record per template spec: id, family, spec, parameter definitions, description, code;
//   lean-author dataset --system-prompt
//       the product's system prompt, as sent with no worked examples and no indicator signatures;
//   lean-author dataset --read-prompts FILE|-
//       for each input line ({"id", "prompt"}), what the product makes of the prompt at inference:
//       the offline reader's family and spec, and the exact zero-example chat messages;
//   lean-author dataset --composed N [--seed S]
//       N requests drawn from the composer's combinations, each phrased into a prompt and written by
//       the offline generator from it (prompt, code, writer, security types, phrasing variants, whether
//       it is held out, notes); the draws it declines are counted on stderr;
//   lean-author dataset --held-out
//       the held-out wordings and signal numbers, as one JSON object, for the dataset card.
// Exit codes: 0 ok, 2 usage (unknown family, unreadable input).
import { readFileSync, writeFileSync } from 'node:fs';
import { composedRecords, HELD_OUT_PARAMS, HELD_OUT_VARIANTS } from '../extension/core/generation/compose/composedRecords';
import { datasetRecords, readPromptRecord } from '../extension/core/generation/datasetRecords';
import { SYSTEM_PROMPT } from '../extension/core/generation/prompting';
import { SpecError } from '../extension/core/generation/templates';
import { LEAN_API_INDEX } from '../extension/core/validation/index';
import { UsageError } from './usageError';

export interface DatasetCommandOptions {
  out?: string | undefined;
  maxPerFamily?: number | undefined;
  /** Comma-separated family ids. */
  families?: string | undefined;
  seed: number;
  systemPrompt: boolean;
  heldOut?: boolean | undefined;
  /** A JSON-lines file of prompts, or `-` for standard input. */
  readPrompts?: string | undefined;
  /** How many composed records to draw. */
  composed?: number | undefined;
}

export async function datasetCommand(options: DatasetCommandOptions): Promise<number> {
  let lines: string[];
  if (options.systemPrompt) lines = [SYSTEM_PROMPT];
  else if (options.heldOut) lines = [JSON.stringify({ variants: [...HELD_OUT_VARIANTS].sort(), params: HELD_OUT_PARAMS })];
  else if (options.readPrompts !== undefined) lines = readPrompts(options.readPrompts);
  else if (options.composed !== undefined) {
    const { records, declined } = composedRecords(options.seed, options.composed);
    lines = records.map((r) => JSON.stringify(r));
    const skipped = Object.entries(declined).map(([reason, n]) => `${n} × ${reason}`);
    if (skipped.length) process.stderr.write(`Declined draws (impossible combinations, not written): ${skipped.join('; ')}\n`);
  } else {
    const families = options.families
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    try {
      lines = [...datasetRecords({ families, maxPerFamily: options.maxPerFamily, seed: options.seed })].map((r) => JSON.stringify(r));
    } catch (error) {
      if (error instanceof SpecError) throw new UsageError(error.message);
      throw error;
    }
  }
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  if (options.out) writeFileSync(options.out, text);
  else await write(text);
  return 0;
}

function readPrompts(source: string): string[] {
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${source === '-' ? 'standard input' : source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const out: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new UsageError(`line ${i + 1} of ${source} is not JSON; write one {"id": ..., "prompt": ...} object per line.`);
    }
    const { id, prompt } = (typeof row === 'object' && row !== null ? row : {}) as { id?: unknown; prompt?: unknown };
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      throw new UsageError(`line ${i + 1} of ${source} has no "prompt" string; write one {"id": ..., "prompt": ...} object per line.`);
    }
    out.push(JSON.stringify(readPromptRecord(id === undefined ? String(i + 1) : String(id), prompt, LEAN_API_INDEX)));
  }
  return out;
}

/** Writes to stdout and waits until it is flushed; a reader that closes the pipe early is not an error. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? resolve() : reject(error)));
    process.stdout.write(text, () => resolve());
  });
}
