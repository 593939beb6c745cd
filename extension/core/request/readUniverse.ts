// A universe beyond the named instruments: ETF constituents or a fundamental screen.
import type { Prompt } from './promptText';
import type { SymbolIndex } from './symbols';
import type { Read, Universe } from './types';

export function readUniverse(_prompt: Prompt, _index: SymbolIndex): Read<Universe> | undefined {
  return undefined;
}
