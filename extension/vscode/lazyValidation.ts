// Loads the validation core (dist/validation.js, which carries web-tree-sitter) on first use, so that
// activating the extension costs only this small module. The wasm files ship in dist/wasm.
import path from 'node:path';
import type * as ValidationModule from '../core/validation/index';

export type { Validator, ValidationSession } from '../core/validation/index';

let validator: Promise<ValidationModule.Validator> | undefined;

function validationModule(): typeof ValidationModule {
  // A runtime path, not a literal: esbuild must leave this require alone so the chunk stays separate.
  return require(path.join(__dirname, 'validation.js')) as typeof ValidationModule;
}

/** The LEAN API index of this build (it lives in the validation chunk). */
export function apiIndex(): ValidationModule.LeanApiIndex {
  return validationModule().LEAN_API_INDEX;
}

export function loadValidator(): Promise<ValidationModule.Validator> {
  validator ??= (async () => {
    const core = validationModule();
    const wasm = path.join(__dirname, 'wasm');
    return core.createValidator({
      runtimeWasm: path.join(wasm, 'web-tree-sitter.wasm'),
      pythonWasm: path.join(wasm, 'tree-sitter-python.wasm'),
    });
  })();
  // A failed load is retried next time instead of being cached forever.
  validator.catch(() => (validator = undefined));
  return validator;
}
