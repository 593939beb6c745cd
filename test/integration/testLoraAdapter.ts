// Writes a small LoRA adapter GGUF for the LoRA tests, until the training subproject exports real ones.
// The layout is what llama.cpp's adapter loader (llama-adapter.cpp) accepts: GGUF v3 with
// general.architecture equal to the base model's, general.type = "adapter", adapter.type = "lora",
// adapter.lora.alpha, and for each adapted weight W (ne = [n_in, n_out]) two F32 tensors
// `<W>.lora_a` (ne = [n_in, rank]) and `<W>.lora_b` (ne = [rank, n_out]). The values are seeded
// pseudo-random and large, so the adapter visibly changes greedy output at scale 1.
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../extension/core/seededRandom';

export interface TestAdapterOptions {
  architecture: string;
  /** The weights to adapt, with the base model's shape [n_in, n_out]. */
  targets: { name: string; nIn: number; nOut: number }[];
  rank: number;
  seed: number;
  /** Half-width of the uniform range of every A and B entry. */
  amplitude: number;
}

const GGUF_MAGIC = 0x46554747; // "GGUF", little-endian
const GGUF_VERSION = 3;
const ALIGNMENT = 32;
const TYPE_UINT32 = 4;
const TYPE_FLOAT32 = 6;
const TYPE_STRING = 8;
const GGML_TYPE_F32 = 0;

/** SmolLM2-135M's attention output and FFN down projections in every one of its 30 blocks. */
export function smolLm2Targets(): TestAdapterOptions['targets'] {
  const targets: TestAdapterOptions['targets'] = [];
  for (let block = 0; block < 30; block++) {
    targets.push({ name: `blk.${block}.attn_output.weight`, nIn: 576, nOut: 576 });
    targets.push({ name: `blk.${block}.ffn_down.weight`, nIn: 1536, nOut: 576 });
  }
  return targets;
}

export function writeTestLoraAdapter(file: string, options: TestAdapterOptions): void {
  const random = seededRandom(options.seed);
  const tensors = options.targets.flatMap((t) => [
    { name: `${t.name}.lora_a`, ne: [t.nIn, options.rank] },
    { name: `${t.name}.lora_b`, ne: [options.rank, t.nOut] },
  ]);
  const out = new Writer();
  out.u32(GGUF_MAGIC);
  out.u32(GGUF_VERSION);
  out.u64(tensors.length);
  const metadata: [string, number, string | number][] = [
    ['general.architecture', TYPE_STRING, options.architecture],
    ['general.type', TYPE_STRING, 'adapter'],
    ['general.name', TYPE_STRING, 'lean-author test adapter'],
    ['general.alignment', TYPE_UINT32, ALIGNMENT],
    ['adapter.type', TYPE_STRING, 'lora'],
    ['adapter.lora.alpha', TYPE_FLOAT32, options.rank],
  ];
  out.u64(metadata.length);
  for (const [key, type, value] of metadata) {
    out.str(key);
    out.u32(type);
    if (type === TYPE_STRING) out.str(String(value));
    else if (type === TYPE_UINT32) out.u32(Number(value));
    else out.f32(Number(value));
  }
  let offset = 0;
  for (const tensor of tensors) {
    out.str(tensor.name);
    out.u32(tensor.ne.length);
    for (const n of tensor.ne) out.u64(n);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offset += align(tensor.ne[0]! * tensor.ne[1]! * 4);
  }
  out.pad(ALIGNMENT);
  for (const tensor of tensors) {
    const count = tensor.ne[0]! * tensor.ne[1]!;
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = (random() * 2 - 1) * options.amplitude;
    out.bytes(Buffer.from(values.buffer));
    out.pad(ALIGNMENT);
  }
  writeFileSync(file, out.toBuffer());
}

function align(n: number): number {
  return Math.ceil(n / ALIGNMENT) * ALIGNMENT;
}

class Writer {
  private readonly parts: Buffer[] = [];
  private length = 0;

  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.bytes(b);
  }
  u64(value: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.bytes(b);
  }
  f32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.bytes(b);
  }
  str(value: string): void {
    const b = Buffer.from(value, 'utf8');
    this.u64(b.length);
    this.bytes(b);
  }
  bytes(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }
  pad(alignment: number): void {
    const rest = this.length % alignment;
    if (rest) this.bytes(Buffer.alloc(alignment - rest));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}
