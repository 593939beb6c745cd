// How a request sizes its positions (see Sizing in types.ts).
import type { Prompt } from './promptText';
import type { Instrument, Read, Sizing } from './types';

export function readSizing(_prompt: Prompt, _instruments: readonly Instrument[]): Read<Sizing> | undefined {
  return undefined;
}
