// `npm run package`: production build, then a .vsix with @vscode/vsce. Checks that the package holds
// the bundles and the tree-sitter wasm files and nothing of sources or tests, and prints its size.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const run = (file, args) => execFileSync(file, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

run(process.execPath, ['esbuild.config.mjs', '--production']);
const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'])
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

// The bundles and wasm files (one list, also read by the bench), plus the manifest documents.
const bundles = JSON.parse(readFileSync(path.join(root, 'scripts', 'shipped-bundles.json'), 'utf8'));
const required = [...bundles, 'package.json', 'LICENSE', 'README.md', 'CHANGELOG.md'];
const missing = required.filter((f) => !files.includes(f));
const forbidden = files.filter(
  (f) =>
    /\.(ts|mts|map)$/.test(f) ||
    /^(test|out|extension|server|webview|scripts|node_modules|\.cache|training\/(tests|\.venv|data|runs))\//.test(f),
);
if (missing.length || forbidden.length) {
  console.error(
    `package: wrong contents.\n  missing: ${missing.join(', ') || 'none'}\n  should not ship: ${forbidden.join(', ') || 'none'}`,
  );
  process.exit(1);
}

const out = path.join(root, `${name}-${version}.vsix`);
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out]);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`package: ${path.basename(out)} ${kib(statSync(out).size)} (${files.length} files)`);
for (const f of files.filter((f) => f.startsWith('dist/'))) console.log(`  ${f.padEnd(40)} ${kib(statSync(path.join(root, f)).size)}`);
