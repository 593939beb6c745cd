// Prompt (KV-cache) prefix reuse, planned so that reuse never changes an answer.
//
// A sequence keeps the tokens it evaluated after a request, and the next prompt that starts with them
// evaluates only the rest. llama.cpp's CPU kernels, though, do not give bit-identical numbers for a
// token evaluated in a batch of 1 to 63 tokens and the same token in a larger batch (measured on
// SmolLM2 with node-llama-cpp 3.22: every batch of 64 tokens or more agrees with every other, each
// smaller one differs), and a greedy answer can turn on such a difference: reusing all but the last
// token of a repeated prompt changed the answer after about 20 tokens. So a prompt, cached or not, is
// evaluated in one canonical shape:
//   - a short prompt (its tokens before the last fewer than STABLE_CHUNK) in one batch, as LlamaChat
//     does, and never from a cache: it is cheap;
//   - a longer one up to its last token in chunks of at least STABLE_CHUNK tokens, then its last token
//     alone, which yields the first token's logits. A cached prefix is reused only where what remains
//     before the last token is empty or a long chunk, so a repeated prompt evaluates one token. A fresh
//     prompt pays one extra single-token step for this (a few ms; re-evaluating 64 tokens of every
//     repeated prompt instead cost about 30 times more on this machine's CPU).
// Tokens a sequence generated (evaluated one at a time) are never reused, nor is anything left by an
// aborted or failed request. (With --parallel above 1, node-llama-cpp may batch concurrent sequences
// together, which changes batch shapes: answers under concurrent load were never batch-independent,
// with or without this cache.)

/** The smallest batch whose per-token results match any larger batch's (measured, see above). */
export const STABLE_CHUNK = 64;

export interface PromptPlan {
  /** Leading prompt tokens taken from the sequence's cache. */
  reuse: number;
  /** The lengths of the chunks that evaluate the rest; the last one ends the prompt. */
  chunks: number[];
  /** Leading tokens in canonical shape once the prompt is evaluated: what a later prompt may reuse. */
  reusable: number;
}

/**
 * Plans how a prompt of `promptLength` tokens is evaluated on a sequence whose context shares
 * `commonPrefix` leading tokens with it, of which the first `exact` are in canonical shape (0 when none).
 */
export function planPrompt(promptLength: number, commonPrefix: number, exact: number, batchSize: number): PromptPlan {
  const body = promptLength - 1;
  if (body < STABLE_CHUNK) return { reuse: 0, chunks: promptLength > 0 ? [promptLength] : [], reusable: 0 };
  let reuse = Math.max(0, Math.min(commonPrefix, exact, body));
  // What remains before the last token must be empty or a long chunk: step back to leave one.
  if (reuse < body && body - reuse < STABLE_CHUNK) reuse = body - STABLE_CHUNK;
  return { reuse, chunks: [...chunkLengths(body - reuse, batchSize), 1], reusable: body };
}

/** Splits `length` tokens into as few chunks of at most `batchSize` as possible, of near-equal length. */
export function chunkLengths(length: number, batchSize: number): number[] {
  if (length <= 0) return [];
  const count = Math.ceil(length / Math.max(1, batchSize));
  const base = Math.floor(length / count);
  return Array.from({ length: count }, (_, i) => base + (i < length % count ? 1 : 0));
}
