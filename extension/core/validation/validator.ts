// What a validator offers: its interface, apart from its construction (index.ts), so that the file
// batcher (fileBatch.ts), which index.ts imports, can name it without importing index.ts back.
import type { LeanDiagnostic } from '../diagnostic';
import type { RuleContext } from './leanRules';
import type { TextChange } from './textChange';

export interface Validator {
  /** Diagnostics for one Python source text, syntax first. Never throws on any input. */
  validate(text: string, context?: RuleContext): LeanDiagnostic[];
  /** A document that is edited and re-validated: keeps its parse tree so re-parsing is incremental. */
  session(): ValidationSession;
  dispose(): void;
}

export interface ValidationSession {
  /** Records an edit made to the text last validated; call once per change, in order. */
  edit(change: TextChange): void;
  /** Validates the current text, re-parsing only what the recorded edits touched. */
  validate(text: string, context?: RuleContext): LeanDiagnostic[];
  /** Frees the kept tree (it lives in the WASM heap, not the JS one). */
  dispose(): void;
}
