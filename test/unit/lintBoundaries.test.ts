// The layer boundaries are lint rules (eslint.config.mjs): this runs the project's own ESLint
// configuration on imports placed in each layer and checks which ones it refuses.
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../repositoryRoot';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repositoryRoot() });
});

/** The no-restricted-imports messages ESLint gives `code` placed at `file` (a path in the repository). */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ['webview/views/probe.ts', "import { formatDate } from '../../extension/core/report/format';"],
    ['webview/probe.ts', "import { parseBacktestResult } from '../extension/core/backtest/results/index';"],
    ['extension/shared/probe.ts', "import { runtimeErrors } from '../core/report/jsonReport';"],
  ])('%s may not import the core', async (file, code) => {
    const messages = await restrictedImports(file, `${code}\nexport const probe = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/extension\/shared/);
  });

  it.each([
    ['webview/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['webview/probe.ts', "import path from 'path';"],
    ['extension/shared/probe.ts', "import { createHash } from 'node:crypto';"],
    ['extension/shared/probe.ts', "import { EventEmitter } from 'events';"],
  ])('%s may not import Node (%s)', async (file, code) => {
    const messages = await restrictedImports(file, `${code}\nexport const probe = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/browser/);
  });

  it.each(['webview/probe.ts', 'extension/shared/probe.ts', 'extension/core/probe.ts', 'server/probe.ts'])(
    '%s may not import vscode',
    async (file) => {
      const messages = await restrictedImports(file, "import * as vscode from 'vscode';\nexport const probe = vscode.version;\n");
      expect(messages).toEqual([expect.stringMatching(/extension\/vscode/)]);
    },
  );

  it('allows what each layer may import', async () => {
    expect(
      await restrictedImports(
        'webview/probe.ts',
        "import { formatDate } from '../extension/shared/format';\nexport const f = formatDate;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports('extension/shared/probe.ts', "import { formatDate } from './format';\nexport const f = formatDate;\n"),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'extension/core/probe.ts',
        "import path from 'node:path';\nimport { formatDate } from '../shared/format';\nexport const f = [path, formatDate];\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports('extension/vscode/probe.ts', "import * as vscode from 'vscode';\nexport const v = vscode.version;\n"),
    ).toEqual([]);
  });
});
