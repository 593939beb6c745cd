// The repository's root folder, found from a test file's folder. Test helpers run from their source
// folder under vitest and bundled into out/ for the e2e suite and the benchmarks, so the depth varies.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function repositoryRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'webview', 'main.ts')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the repository root above ${from}`);
  }
}
