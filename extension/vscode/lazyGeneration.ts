// Loads the generation core (dist/generation.js, with the openai client and the templates) on the first
// Generate or Refine, so activation stays small.
import path from 'node:path';
import type * as GenerationModule from '../core/generation/index';

export type Generation = typeof GenerationModule;

let loaded: Generation | undefined;

export function loadGeneration(): Generation {
  // A runtime path, not a literal: esbuild must leave this require alone so the chunk stays separate.
  loaded ??= require(path.join(__dirname, 'generation.js')) as Generation;
  return loaded;
}
