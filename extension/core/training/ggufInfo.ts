// What Use Adapter needs to know of a GGUF file before it touches the settings: is it a LoRA adapter,
// for which architecture and base model, and from which training run. Read with @huggingface/gguf (the
// header only, not the tensors) rather than a parser of our own.
import { gguf } from '@huggingface/gguf';

export interface GgufSummary {
  /** `general.type`: `adapter` for a LoRA file, `model` (or absent in older files) for a model. */
  type: string;
  architecture: string;
  name?: string;
  /** Set by our exporter (training/lean_training/export_gguf.py). */
  baseModel?: string;
  manifestSha256?: string;
  loraAlpha?: number;
}

export class GgufError extends Error {}

export async function readGgufSummary(file: string): Promise<GgufSummary> {
  let metadata: Record<string, unknown>;
  try {
    metadata = (await gguf(file, { allowLocalFile: true })).metadata as Record<string, unknown>;
  } catch (error) {
    throw new GgufError(`${file} is not a readable GGUF file (${error instanceof Error ? error.message : String(error)}).`);
  }
  const text = (key: string) => (typeof metadata[key] === 'string' ? (metadata[key] as string) : undefined);
  const alpha = metadata['adapter.lora.alpha'];
  const summary: GgufSummary = { type: text('general.type') ?? 'model', architecture: text('general.architecture') ?? 'unknown' };
  const name = text('general.name');
  const baseModel = text('lean_author.base_model') ?? text('general.base_model.0.name');
  const manifest = text('lean_author.manifest_sha256');
  if (name) summary.name = name;
  if (baseModel) summary.baseModel = baseModel;
  if (manifest) summary.manifestSha256 = manifest;
  if (typeof alpha === 'number') summary.loraAlpha = alpha;
  return summary;
}

/** Why `adapter` cannot run on `model`, or undefined when it can (as far as the headers tell). */
export function adapterMismatch(adapter: GgufSummary, model: GgufSummary | undefined): string | undefined {
  if (adapter.type !== 'adapter') {
    return `it is a ${adapter.type} file, not a LoRA adapter. Export a trained adapter with the "Export adapter to GGUF" training task.`;
  }
  if (model && model.architecture !== adapter.architecture) {
    return `it was trained for a ${adapter.architecture} model, but the selected model is ${model.architecture}${model.name ? ` (${model.name})` : ''}. Select its base model with "Select Model" first.`;
  }
  return undefined;
}
