// `npm run test:electron`: the same in-editor suite under @vscode/test-electron, for machines that can
// download VS Code (this project's CI cannot; it uses runInCodeServer.ts). Runs against the minimum
// supported VS Code (engines.vscode) and the current stable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repositoryRoot } from '../repositoryRoot';
import { copyFixtureWorkspace } from './workspaceCopy';

const root = repositoryRoot();

async function main(): Promise<void> {
  const { engines } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const minimum = engines.vscode.replace(/^\^/, '');
  for (const version of [minimum, 'stable']) {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'suite', 'index.js'),
      launchArgs: [copyFixtureWorkspace(), '--disable-extensions', '--disable-workspace-trust'],
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
