// The held-out prompts of an evaluation, read from a file's text. Two forms:
//   - JSON lines, as the training dataset's splits are written (train.jsonl, test.jsonl):
//     {"prompt": [system, user], "completion": [...], "meta": {...}}; the last user message is the
//     request and `meta` is kept; {"id", "prompt": "text"} lines work too;
//   - plain text: one prompt a line; blank lines and lines starting with `#` are skipped.
// Pure: the caller reads the file.

export interface EvalPrompt {
  /** `meta.id` or `id` when the record has one, else `line-<n>`. */
  id: string;
  /** The user's request, as the product would receive it. */
  prompt: string;
  /** The dataset record's `meta` (family, phrasing, split flags), or null. */
  meta: Record<string, unknown> | null;
  /** The dataset's system message, when the record has one (to compare with what this build sends). */
  system: string | null;
}

/** The file cannot be used; the message says what is wrong and where. */
export class EvalInputError extends Error {}

export function parsePrompts(text: string, fileName: string): EvalPrompt[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstContent = lines.find((line) => line.trim() && !line.trim().startsWith('#'))?.trim();
  const prompts = /\.jsonl?$/i.test(fileName) || firstContent?.startsWith('{') ? parseJsonLines(lines, fileName) : parseTextLines(lines);
  if (prompts.length === 0)
    throw new EvalInputError(
      `${fileName} holds no prompts. Pass a dataset split (test.jsonl from build_dataset) or a text file with one prompt a line.`,
    );
  return prompts;
}

function parseTextLines(lines: string[]): EvalPrompt[] {
  const prompts: EvalPrompt[] = [];
  lines.forEach((line, i) => {
    const prompt = line.trim();
    if (prompt && !prompt.startsWith('#')) prompts.push({ id: `line-${i + 1}`, prompt, meta: null, system: null });
  });
  return prompts;
}

function parseJsonLines(lines: string[], fileName: string): EvalPrompt[] {
  const prompts: EvalPrompt[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${fileName}:${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new EvalInputError(`${where} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      throw new EvalInputError(`${where} must be a JSON object with a "prompt".`);
    const { prompt, meta, id } = record as { prompt?: unknown; meta?: unknown; id?: unknown };
    const metaObject = typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as Record<string, unknown>) : null;
    const recordId = typeof metaObject?.['id'] === 'string' ? metaObject['id'] : typeof id === 'string' ? id : `line-${i + 1}`;
    if (typeof prompt === 'string') {
      if (!prompt.trim()) throw new EvalInputError(`${where} has an empty "prompt".`);
      prompts.push({ id: recordId, prompt: prompt.trim(), meta: metaObject, system: null });
      return;
    }
    if (!Array.isArray(prompt))
      throw new EvalInputError(`${where} needs "prompt": a list of chat messages (as in train.jsonl) or a string.`);
    const messages = prompt as { role?: unknown; content?: unknown }[];
    const user = messages.filter((m) => m?.role === 'user' && typeof m.content === 'string').at(-1);
    if (!user || !String(user.content).trim()) throw new EvalInputError(`${where} has no user message in "prompt".`);
    const system = messages.find((m) => m?.role === 'system' && typeof m.content === 'string');
    prompts.push({
      id: recordId,
      prompt: String(user.content).trim(),
      meta: metaObject,
      system: system ? String(system.content) : null,
    });
  });
  return prompts;
}
