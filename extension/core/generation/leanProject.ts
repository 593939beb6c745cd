// A generated strategy as a Lean CLI project: `<Project>/main.py` and `<Project>/config.json` laid out
// as `lean create-project` makes them, plus `generation.json` recording how the code was made. Pure
// data: the CLI writes these files with fs (refusing to overwrite), the extension through an undoable
// WorkspaceEdit.
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LeanDiagnostic } from '../diagnostic';
import type { GenerationOutcome } from './generate';

export interface ProjectFile {
  /** Relative to the folder that holds the project folder, with `/` separators. */
  path: string;
  content: string;
}

/** The project's config.json, with the keys and 4-space layout the Lean CLI writes for a Python project. */
export function projectConfig(description: string, localId = randomInt(100_000_000, 1_000_000_000)): string {
  return `${JSON.stringify({ 'algorithm-language': 'Python', parameters: {}, description, 'local-id': localId }, null, 4)}\n`;
}

export function projectFiles(name: string, prompt: string, outcome: GenerationOutcome, createdAt = new Date()): ProjectFile[] {
  return [
    { path: `${name}/main.py`, content: outcome.code },
    { path: `${name}/config.json`, content: projectConfig(prompt) },
    { path: `${name}/generation.json`, content: `${JSON.stringify(generationRecord(prompt, outcome, createdAt), null, 2)}\n` },
  ];
}

/** What generation.json holds: enough to see which model wrote the code and what the validator said each round. */
export function generationRecord(prompt: string, outcome: GenerationOutcome, createdAt: Date) {
  const diagnostics = (list: LeanDiagnostic[]) =>
    list.map((d) => ({
      line: d.range.startLine + 1,
      column: d.range.startColumn + 1,
      code: d.code,
      severity: d.severity,
      message: d.message,
    }));
  return {
    prompt,
    // What the code does not do of the request, one sentence each: a top-level field, read first.
    unfulfilled: outcome.unfulfilled,
    createdAt: createdAt.toISOString(),
    source: outcome.source,
    endpoint: outcome.endpoint ?? null,
    clean: outcome.clean,
    durationMs: outcome.durationMs,
    rounds: outcome.rounds.map((r) => ({
      round: r.round,
      endpoint: r.endpoint,
      model: r.model,
      errors: r.errors,
      warnings: r.warnings,
      diagnostics: diagnostics(r.diagnostics),
      failovers: r.failovers,
      notes: r.notes,
      durationMs: r.durationMs,
    })),
    chosenRound: outcome.chosen,
    ...(outcome.offlineReason ? { offlineReason: outcome.offlineReason } : {}),
    finalDiagnostics: diagnostics(outcome.diagnostics),
    notes: outcome.notes,
    ...(outcome.request ? { request: outcome.request } : {}),
  };
}

/** The nearest folder at or above `start` that holds `lean.json` (a Lean CLI workspace), if any. */
export function findLeanWorkspace(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'lean.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A folder name the Lean CLI accepts and Python can use as a class name: letters, digits, underscores. */
export function checkProjectName(name: string): string | undefined {
  if (!name.trim()) return 'Give the project a name.';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    return 'Use letters, digits and underscores, starting with a letter (it also names the algorithm class).';
  if (name.length > 64) return 'Keep the name under 64 characters.';
  return undefined;
}
