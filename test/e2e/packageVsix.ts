import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './tools';

/** Runs `npm run package` (production build + vsce) and returns the .vsix path it wrote. */
export function packageVsix(): string {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${name}-${version}.vsix`);
}
