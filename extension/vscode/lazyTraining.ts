// Loads the training support (dist/training.js, with the GGUF header reader) on first use, so activation
// stays small.
import path from 'node:path';
import type * as TrainingModule from '../core/training/index';

export type Training = typeof TrainingModule;

let loaded: Training | undefined;

export function loadTraining(): Training {
  // A runtime path, not a literal: esbuild must leave this require alone so the chunk stays separate.
  loaded ??= require(path.join(__dirname, 'training.js')) as Training;
  return loaded;
}
