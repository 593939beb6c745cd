// Which Lean CLI project a command is about: the active file's (the nearest folder above it with
// main.py and config.json), else one the user picks among the workspace's projects.
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

/** The project of the active editor's file, if it is in one. */
export function activeProject(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme !== 'file') return undefined;
  let dir = path.dirname(active.fsPath);
  for (let i = 0; i < 4; i++) {
    if (existsSync(path.join(dir, 'main.py')) && existsSync(path.join(dir, 'config.json'))) return dir;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The workspace's Lean CLI projects (folders with main.py and config.json), sorted. */
export async function workspaceProjects(): Promise<string[]> {
  const configs = await vscode.workspace.findFiles('**/config.json', '**/{node_modules,.git,backtests,.vscode}/**', 200);
  return configs
    .map((c) => path.dirname(c.fsPath))
    .filter((dir) => existsSync(path.join(dir, 'main.py')))
    .sort();
}

/**
 * The active file's project, else the only project, else the one the user picks (titled `title`).
 * Undefined when the workspace has none (the caller explains) or the user cancels.
 */
export async function pickProject(title: string): Promise<{ dir: string } | { none: true } | undefined> {
  const active = activeProject();
  if (active) return { dir: active };
  const projects = await workspaceProjects();
  if (projects.length === 0) return { none: true };
  if (projects.length === 1) return { dir: projects[0] as string };
  const picked = await vscode.window.showQuickPick(
    projects.map((p) => ({ label: path.basename(p), description: p })),
    { title },
  );
  return picked ? { dir: picked.description } : undefined;
}
