// The run's output folder where the Lean CLI puts it, so `lean report` and QuantConnect's tools find
// it: <project>/backtests/<YYYY-MM-DD_HH-MM-SS>/ with a code/ copy of the project's sources and the
// CLI's `config` file (`{"id": <algorithm id>, "container": ...}`, as in a real Lean CLI run's folder).
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Source files the Lean CLI copies into code/ (lean-cli: project_manager). */
const CODE_EXTENSIONS = new Set(['.py', '.cs', '.ipynb', '.css', '.html']);

/** Local time as the Lean CLI names runs: `2026-11-21_09-05-07`. */
export function runFolderName(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}_${two(date.getHours())}-${two(date.getMinutes())}-${two(date.getSeconds())}`;
}

/** Creates the run folder (a suffix keeps two runs in the same second apart). */
export function createRunFolder(projectDir: string, date: Date): string {
  const base = path.join(projectDir, 'backtests', runFolderName(date));
  let dir = base;
  for (let i = 2; existsSync(dir); i++) dir = `${base}-${i}`;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies the project's sources (not backtests/ or other output) into `<run>/code/`; returns the .py files, relative. */
export function copyCode(projectDir: string, runDir: string): string[] {
  const python: string[] = [];
  const walk = (dir: string, relative: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === '__pycache__') continue;
      const from = path.join(dir, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!relative && (entry.name === 'backtests' || entry.name === 'optimizations' || entry.name === 'live')) continue;
        walk(from, rel);
      } else if (CODE_EXTENSIONS.has(path.extname(entry.name))) {
        const to = path.join(runDir, 'code', rel);
        mkdirSync(path.dirname(to), { recursive: true });
        copyFileSync(from, to);
        if (entry.name.endsWith('.py')) python.push(rel);
      }
    }
  };
  walk(projectDir, '');
  return python.sort();
}

export function writeCliConfig(runDir: string, values: { algorithmId: string; container: string; backtestName: string }): void {
  writeFileSync(
    path.join(runDir, 'config'),
    `${JSON.stringify({ id: Number(values.algorithmId), container: values.container, 'backtest-name': values.backtestName }, null, 4)}\n`,
  );
}
