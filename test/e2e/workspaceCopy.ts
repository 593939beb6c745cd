import { cpSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './codeServer';
import { repoRoot } from './tools';

/** A fresh copy of test/fixtures/workspace, so tests never change the repository's files. */
export function copyFixtureWorkspace(): string {
  const target = path.join(makeTempDir('workspace'), 'lean-workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), target, { recursive: true });
  return target;
}
