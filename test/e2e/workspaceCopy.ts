import { cpSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../repositoryRoot';
import { makeTempDir } from './codeServer';

const root = repositoryRoot();

/** A fresh copy of test/fixtures/workspace, so tests never change the repository's files. */
export function copyFixtureWorkspace(): string {
  const target = path.join(makeTempDir('workspace'), 'lean-workspace');
  cpSync(path.join(root, 'test', 'fixtures', 'workspace'), target, { recursive: true });
  return target;
}
