// Starts code-server's bundled VS Code server (lib/vscode/out/server-main.js) on a loopback port, the way
// VS Code's own web integration tests do, with fresh user, server and extension folders per run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { E2eTools } from './tools';

export interface ServerOptions {
  workspace: string;
  /** An extension folder loaded as under development (F5). */
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  extensionsDir?: string;
  env?: Record<string, string>;
  /** Extra user settings on top of the quiet defaults below. */
  settings?: Record<string, unknown>;
}

export interface RunningServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and predictable for tests. */
const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Dark Modern',
};

export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `lean-author-${prefix}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Installs a .vsix into `extensionsDir` with the server's own CLI, as a user's `--install-extension` would. */
export function installVsix(tools: E2eTools, vsix: string, extensionsDir: string): void {
  const result = spawnSync(
    tools.node24,
    [tools.serverMain, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--accept-server-license-terms'],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function startServer(tools: E2eTools, options: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const serverData = makeTempDir('server-data');
  const userData = makeTempDir('user-data');
  const settings = JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2);
  // The web workbench reads user settings from the server's data folder; machine-scoped settings
  // (paths of this machine, such as the Docker socket) count only in its Machine settings.
  for (const dir of [
    path.join(serverData, 'data', 'User'),
    path.join(serverData, 'data', 'Machine'),
    path.join(userData, 'User'),
    path.join(userData, 'Machine'),
  ]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), settings);
  }
  const args = [
    tools.serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--server-data-dir',
    serverData,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    options.extensionsDir ?? makeTempDir('extensions'),
  ];
  // Lets the built workbench honour extensionDevelopmentPath/extensionTestsPath from the URL payload.
  // Only then: it also changes the workbench (no notification toasts), which the UI suite must not see.
  if (options.extensionDevelopmentPath || options.extensionTestsPath) args.push('--enable-smoke-test-driver');
  let output = '';
  const child: ChildProcess = spawn(tools.node24, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const html = await waitForHttp(`${origin}/`, child, () => output);
  // The server ignores --extensionDevelopmentPath/--extensionTestsPath; the web workbench takes them
  // from the `payload` query parameter as URIs on the remote authority the page is configured with
  // (code-server names it "remote"), as VS Code's own browser tests pass them.
  const authority = remoteAuthority(html);
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath)
    payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${options.extensionDevelopmentPath}`]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${options.extensionTestsPath}`]);
  const url = `${origin}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

function remoteAuthority(html: string): string {
  const settings = /id="vscode-workbench-web-configuration"[^>]*data-settings="([^"]*)"/.exec(html)?.[1];
  if (!settings) throw new Error('the workbench page has no web configuration; is this a code-server build?');
  const decoded = settings.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const authority = (JSON.parse(decoded) as { remoteAuthority?: string }).remoteAuthority;
  if (!authority) throw new Error('the workbench configuration names no remote authority');
  return authority;
}

/** Waits until the server serves `url` and returns the body. */
async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the VS Code server exited (${child.exitCode}) before it served:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return await response.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the VS Code server did not answer ${url} within 60 s:\n${output()}`);
}
