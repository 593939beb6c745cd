// Regenerates the API index from PyPI's pinned quantconnect-stubs (pip into a throwaway folder) and
// checks the committed file is identical. Needs python3 with pip and access to PyPI, as CI has.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();

describe('committed LEAN API index', () => {
  it('is exactly what the pinned stubs release produces', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'out', 'scripts', 'buildApiIndex.js'), '--check'], {
      cwd: root,
    });
    expect(stdout).toMatch(/api-index: current with quantconnect-stubs \d+/);
  }, 120_000);
});
