// The prompt-cache planner of the local model server: which cached prefix a prompt may reuse, and in
// which chunks the rest is evaluated, so that every prompt ends up evaluated in one canonical shape.
import { describe, expect, it } from 'vitest';
import { chunkLengths, planPrompt, STABLE_CHUNK } from '../../server/serve/promptCache';

describe('planPrompt', () => {
  it('evaluates a fresh prompt in one chunk up to its last token, then that token alone', () => {
    expect(planPrompt(400, 0, 0, 512)).toEqual({ reuse: 0, chunks: [399, 1], reusable: 399 });
    expect(planPrompt(513, 0, 0, 512)).toEqual({ reuse: 0, chunks: [512, 1], reusable: 512 });
  });

  it('evaluates only the last token of a repeated prompt', () => {
    expect(planPrompt(400, 400, 399, 512)).toEqual({ reuse: 399, chunks: [1], reusable: 399 });
  });

  it('reuses a shared prefix and evaluates the rest in a chunk of at least STABLE_CHUNK tokens', () => {
    // The first prompt (400 tokens) continued, as in a repair round.
    expect(planPrompt(700, 400, 399, 512)).toEqual({ reuse: 399, chunks: [300, 1], reusable: 699 });
    // Only a few new tokens: step back so that STABLE_CHUNK tokens are evaluated together.
    expect(planPrompt(410, 400, 399, 512)).toEqual({ reuse: 409 - STABLE_CHUNK, chunks: [STABLE_CHUNK, 1], reusable: 409 });
    // A prompt that diverges early reuses what it shares.
    expect(planPrompt(400, 100, 399, 512)).toEqual({ reuse: 100, chunks: [299, 1], reusable: 399 });
  });

  it('never reuses more than the canonical part (not the generated tokens)', () => {
    // The cache holds a 400-token prompt and 200 generated tokens that the next prompt repeats.
    expect(planPrompt(900, 600, 399, 512)).toEqual({ reuse: 399, chunks: [500, 1], reusable: 899 });
    // Nothing canonical (empty, or after an aborted request): nothing reused.
    expect(planPrompt(400, 400, 0, 512)).toEqual({ reuse: 0, chunks: [399, 1], reusable: 399 });
  });

  it('evaluates a short prompt whole, never from a cache, and offers none of it to later prompts', () => {
    expect(planPrompt(30, 30, 29, 512)).toEqual({ reuse: 0, chunks: [30], reusable: 0 });
    expect(planPrompt(STABLE_CHUNK, 0, 0, 512)).toEqual({ reuse: 0, chunks: [STABLE_CHUNK], reusable: 0 });
    expect(planPrompt(STABLE_CHUNK + 1, 0, 0, 512)).toEqual({ reuse: 0, chunks: [STABLE_CHUNK, 1], reusable: STABLE_CHUNK });
  });

  it('splits what exceeds the batch into near-equal chunks, none short', () => {
    expect(planPrompt(1201, 0, 0, 512)).toEqual({ reuse: 0, chunks: [400, 400, 400, 1], reusable: 1200 });
    expect(chunkLengths(513, 512)).toEqual([257, 256]);
    expect(chunkLengths(0, 512)).toEqual([]);
  });
});
