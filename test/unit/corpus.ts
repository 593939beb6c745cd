import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../repositoryRoot';

/** Clean LEAN algorithms written for these tests (test/fixtures/corpus) plus the fixture workspace's clean one. */
export function cleanCorpus(): { file: string; name: string; source: string }[] {
  const root = path.join(repositoryRoot(), 'test', 'fixtures');
  const files = [...pythonFiles(path.join(root, 'corpus')), path.join(root, 'workspace', 'SmaCrossover', 'main.py')];
  return files.map((file) => ({ file, name: path.basename(file), source: readFileSync(file, 'utf8') }));
}

/** Every .py file below `dir`, in a stable order. */
export function pythonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? pythonFiles(full) : full.endsWith('.py') ? [full] : [];
    });
}
