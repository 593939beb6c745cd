// One esbuild context per entry point. Usage:
//   node esbuild.config.mjs                 development build (source maps)
//   node esbuild.config.mjs --production    minified, no source maps (what `npm run package` ships)
//   node esbuild.config.mjs --watch         rebuild on change (used by .vscode/tasks.json)
// Type checking is separate: `npm run typecheck` (tsc --noEmit).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);

/** The wasm files loaded at run time (the validator's parser, the report's PNG renderer) → their names in dist/wasm. */
const wasmAssets = [
  [require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'web-tree-sitter.wasm'],
  [path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), 'tree-sitter-python.wasm'],
  [require.resolve('@resvg/resvg-wasm/index_bg.wasm'), 'resvg.wasm'],
];

/** Prints start/end lines that the problem matcher in .vscode/tasks.json recognises in watch mode. */
const problemMatcherPlugin = (name) => ({
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log(`[watch] ${name}: build started`));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log(`[watch] ${name}: build finished`);
    });
  },
});

const copyWasmPlugin = {
  name: 'copy-wasm',
  setup(build) {
    build.onEnd(async () => {
      await mkdir('dist/wasm', { recursive: true });
      await Promise.all(wasmAssets.map(([file, name]) => copyFile(file, path.join('dist/wasm', name))));
    });
  },
};

/**
 * web-tree-sitter's ESM build loads `module` and `fs/promises` with dynamic import(), which starts
 * Node's ESM loader: about 15-20 ms of a `lean-author validate` run that takes 150-200 ms. Its CommonJS
 * build uses require() instead, so the Node bundles take that one (the ESM build stays for tests run
 * from source). The grammar is handed to it as bytes (pythonParser.ts), never as a path to import.
 */
const webTreeSitterCjsPlugin = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  legalComments: production ? 'linked' : 'inline',
};

// ESM dependencies (web-tree-sitter) read import.meta.url, which a CommonJS bundle lacks: provide it.
const importMetaUrlShim = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ESM builds first: some packages' UMD builds (jsonc-parser) hide requires from the bundler.
  mainFields: ['module', 'main'],
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: importMetaUrlShim },
  plugins: [webTreeSitterCjsPlugin],
};

// dockerode's ssh2 (for ssh:// engines) ships optional native crypto; its pure-JS fallback is used when absent.
const sshNative = ['cpu-features', './crypto/build/Release/sshcrypto.node'];

/** @type {Record<string, import('esbuild').BuildOptions>} */
const contexts = {
  // Extension host entry: loads nothing heavy at activation; everything else is a separate file loaded on first use.
  extension: {
    ...node,
    entryPoints: { extension: 'extension/vscode/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
  },
  // Editor-agnostic validation core (web-tree-sitter): required lazily by the extension, statically by the CLI.
  validation: {
    ...node,
    entryPoints: { validation: 'extension/core/validation/index.ts' },
    outdir: 'dist',
    plugins: [...node.plugins, copyWasmPlugin],
  },
  // Generation core (openai client, templates, repair loop): required lazily by the extension.
  generation: {
    ...node,
    entryPoints: { generation: 'extension/core/generation/index.ts' },
    outdir: 'dist',
  },
  // Backtest core (dockerode): required lazily by the extension.
  backtest: {
    ...node,
    entryPoints: { backtest: 'extension/core/backtest/index.ts' },
    outdir: 'dist',
    external: sshNative,
  },
  // Report core (results model, HTML/Markdown/JSON reports): required lazily by Export Report.
  report: {
    ...node,
    entryPoints: { report: 'extension/core/report/index.ts' },
    outdir: 'dist',
  },
  // The backtest panel's view model (results model → panel messages): required lazily by the panel.
  panel: {
    ...node,
    entryPoints: { panel: 'extension/core/panel/index.ts' },
    outdir: 'dist',
  },
  // Training tasks and the GGUF header reader of Use Adapter: required lazily by the extension.
  training: {
    ...node,
    entryPoints: { training: 'extension/core/training/index.ts' },
    outdir: 'dist',
  },
  // The lean-author command-line tool: a small entry (argument parsing) and one bundle per command,
  // loaded when that command runs, so `validate` does not parse the other commands' dependencies.
  cli: {
    ...node,
    entryPoints: {
      cli: 'server/cli.ts',
      'cli-validate': 'server/validateCommand.ts',
      'cli-serve': 'server/serve/serveCommand.ts',
      'cli-generate': 'server/generateCommand.ts',
      'cli-backtest': 'server/backtestCommand.ts',
      'cli-pull': 'server/pull/pullCommand.ts',
      'cli-report': 'server/reportCommand.ts',
      'cli-dataset': 'server/datasetCommand.ts',
      'cli-eval': 'server/evalCommand.ts',
    },
    outdir: 'dist',
    // ESM-only with native binaries: loaded from node_modules at run time with import().
    external: ['node-llama-cpp', ...sshNative],
    banner: { js: `#!/usr/bin/env node\n${importMetaUrlShim}` },
  },
  // Backtest panel UI, loaded by the webview with a nonce under a strict CSP; its CSS (imported by
  // webview/main.ts) becomes dist/webview/panel.css, linked from the panel's HTML.
  webview: {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { panel: 'webview/main.ts' },
    outdir: 'dist/webview',
  },
  // Test and benchmark programs; never packaged (see .vscodeignore).
  tests: {
    ...node,
    sourcemap: 'linked',
    minify: false,
    // The in-editor suite is one file per test module: mocha loads them after it defines its globals.
    entryPoints: [
      'test/suite/*.ts',
      'test/e2e/runIn*.ts',
      'test/bench/*.ts',
      'test/eval/generationQuality.ts',
      'test/eval/intentBenchmark.ts',
      'scripts/buildApiIndex.ts',
    ],
    outbase: '.',
    outdir: 'out',
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'node-llama-cpp', ...sshNative],
  },
};

// A production build starts from an empty dist/ so no stale development file (source maps) is packaged.
if (production) await rm('dist', { recursive: true, force: true });

const names = Object.keys(contexts);
const built = await Promise.all(
  names.map((name) =>
    esbuild.context({
      ...contexts[name],
      plugins: [...(contexts[name].plugins ?? []), ...(watch ? [problemMatcherPlugin(name)] : [])],
    }),
  ),
);
if (watch) {
  await Promise.all(built.map((ctx) => ctx.watch()));
} else {
  try {
    await Promise.all(built.map((ctx) => ctx.rebuild()));
  } finally {
    await Promise.all(built.map((ctx) => ctx.dispose()));
  }
}
