// Loads web-tree-sitter and the Python grammar once per process. The wasm files are passed in by the
// caller (the extension knows its install folder, the CLI its bundle folder, tests node_modules), so this
// module never guesses paths.
import { readFile } from 'node:fs/promises';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { useRuntimeModule } from './syntaxTree';

export interface ParserAssets {
  /** Path to `web-tree-sitter.wasm` (the runtime). */
  runtimeWasm: string;
  /** Path to `tree-sitter-python.wasm` (the grammar). */
  pythonWasm: string;
}

export interface PythonParser {
  /** Parses from scratch, or incrementally when `previous` has been edited to match `text`. */
  parse(text: string, previous?: Tree): Tree;
  dispose(): void;
}

let runtimeReady: Promise<void> | undefined;
const grammars = new Map<string, Promise<Language>>();

export async function loadPythonParser(assets: ParserAssets): Promise<PythonParser> {
  // Parser.init may only run once per process; later callers share it. Emscripten fills the object
  // given to it with the runtime's exports, which the tree reader calls directly (syntaxTree.ts).
  if (!runtimeReady) {
    const runtimeModule = { locateFile: () => assets.runtimeWasm };
    runtimeReady = Parser.init(runtimeModule).then(() => useRuntimeModule(runtimeModule));
  }
  try {
    await runtimeReady;
  } catch (error) {
    runtimeReady = undefined;
    throw new Error(`Could not start the tree-sitter runtime from ${assets.runtimeWasm}: ${String(error)}`);
  }
  let grammar = grammars.get(assets.pythonWasm);
  if (!grammar) {
    // Bytes, not the path: given a path, web-tree-sitter reads it through a dynamic import() of
    // fs/promises, which starts Node's ESM loader (see esbuild.config.mjs).
    grammar = readFile(assets.pythonWasm).then((bytes) => Language.load(bytes));
    grammars.set(assets.pythonWasm, grammar);
  }
  let language: Language;
  try {
    language = await grammar;
  } catch (error) {
    grammars.delete(assets.pythonWasm);
    throw new Error(`Could not load the Python grammar from ${assets.pythonWasm}: ${String(error)}`);
  }
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text, previous) {
      const tree = parser.parse(text, previous ?? null);
      // parse() only returns null when a timeout or cancellation flag is set, which we never do.
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
    dispose: () => parser.delete(),
  };
}
