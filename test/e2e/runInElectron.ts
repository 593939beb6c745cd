// `npm run test:electron`: the same in-editor suite under @vscode/test-electron, for machines that can
// download VS Code (this project's CI cannot; it uses runInCodeServer.ts). Runs against the minimum
// supported VS Code (engines.vscode) and the current stable.
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './tools';
import { copyFixtureWorkspace } from './workspaceCopy';

async function main(): Promise<void> {
  const { engines } = (await import(path.join(repoRoot, 'package.json'))) as { engines: { vscode: string } };
  const minimum = engines.vscode.replace(/^\^/, '');
  for (const version of [minimum, 'stable']) {
    await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'suite', 'index.js'),
      launchArgs: [copyFixtureWorkspace(), '--disable-extensions', '--disable-workspace-trust'],
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
