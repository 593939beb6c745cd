import { createRequire } from 'node:module';
import path from 'node:path';
import type { ParserAssets } from '../../extension/core/validation/index';

const require = createRequire(import.meta.url);

/** The wasm files straight from node_modules, the same files the build copies into dist/wasm. */
export const parserAssets: ParserAssets = {
  runtimeWasm: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  pythonWasm: path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'),
};
