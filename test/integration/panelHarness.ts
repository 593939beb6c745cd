/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// DOM types for the callbacks this file runs in Chromium (page.evaluate); the Node side has none otherwise.
// A stand-in for VS Code's webview host, to render the built panel bundle (dist/webview/panel.js, made
// by `npm run build`) in headless Chromium: a local HTTP server serves the panel's real HTML
// (extension/shared/panelHtml.ts, same CSP), the bundle and its CSS, plus a nonce'd prelude script that
// plays VS Code's part: `acquireVsCodeApi` (posted messages and saved state kept for the test), the
// --vscode-* theme variables on <html> and the theme class on <body> (panelThemes.ts), and a record of
// CSP violations. Used by the panel tests and the panel benchmark.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { panelHtml } from '../../extension/shared/panelHtml';
import { repositoryRoot } from '../repositoryRoot';
import { THEMES, type ThemeName } from './panelThemes';

export const WEBVIEW_DIST = path.join(repositoryRoot(), 'dist', 'webview');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const NONCE = 'harnessNonce0123456789abcdefABCDE';

export interface PanelServer {
  origin: string;
  /** The page URL for a theme and the state VS Code would hand back after a reload. */
  url(theme: ThemeName, stateKey?: string): string;
  /** Registers saved state for a page load (`url(theme, key)`), as VS Code keeps it across reloads. */
  keepState(state: unknown): string;
  close(): Promise<void>;
}

export async function startPanelServer(): Promise<PanelServer> {
  for (const file of ['panel.js', 'panel.css']) {
    if (!existsSync(path.join(WEBVIEW_DIST, file))) throw new Error(`${path.join(WEBVIEW_DIST, file)} is missing: run npm run build first`);
  }
  const states = new Map<string, unknown>();
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const send = (type: string, body: string | Buffer) => {
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/') {
      send(
        'text/html; charset=utf-8',
        panelHtml({
          cspSource: origin,
          scriptUri: `${origin}/dist/panel.js`,
          styleUri: `${origin}/dist/panel.css`,
          nonce: NONCE,
          title: 'LEAN Backtest (test harness)',
          preludeScripts: [`${origin}/harness.js${url.search}`],
        }),
      );
    } else if (url.pathname === '/harness.js') {
      const theme = (url.searchParams.get('theme') ?? 'light') as ThemeName;
      const state = states.get(url.searchParams.get('state') ?? '') ?? null;
      send('text/javascript', harnessScript(theme, state));
    } else if (url.pathname === '/dist/panel.js' || url.pathname === '/dist/panel.css') {
      const file = path.basename(url.pathname);
      send(file.endsWith('.js') ? 'text/javascript' : 'text/css', readFileSync(path.join(WEBVIEW_DIST, file)));
    } else if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    origin,
    url: (theme, stateKey) => `${origin}/?theme=${theme}${stateKey ? `&state=${stateKey}` : ''}`,
    keepState(state) {
      const key = `s${++next}`;
      states.set(key, state);
      return key;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The prelude: VS Code's part of the page. Runs before the bundle, with the page's nonce. */
function harnessScript(theme: ThemeName, state: unknown): string {
  return `(() => {
  const themes = ${JSON.stringify(THEMES)};
  let state = ${JSON.stringify(state)};
  let acquired = false;
  window.__posted = [];
  window.__csp = [];
  window.__savedState = () => state;
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return {
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s) => { state = JSON.parse(JSON.stringify(s)); },
    };
  };
  window.__applyTheme = (name) => {
    const t = themes[name];
    const style = document.documentElement.style;
    for (const key of [...style]) if (key.startsWith('--vscode-')) style.removeProperty(key);
    for (const [key, value] of Object.entries(t.variables)) style.setProperty(key, value);
    document.body.className = t.bodyClass;
  };
  window.__applyTheme(${JSON.stringify(theme)});
})();`;
}

export interface PanelPage {
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
  /** Posts a host message and waits until the panel has painted its answer. */
  post(message: unknown): Promise<void>;
  /** Waits for the next render after `renders` (the count before an action). */
  renders(): Promise<number>;
  waitForRender(after: number): Promise<void>;
  posted(): Promise<unknown[]>;
  savedState(): Promise<unknown>;
  cspViolations(): Promise<string[]>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

export async function openPanel(
  browser: Browser,
  server: PanelServer,
  options: { theme: ThemeName; state?: unknown; width?: number; height?: number },
): Promise<PanelPage> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1200, height: options.height ?? 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const key = options.state === undefined ? undefined : server.keepState(options.state);
  await page.goto(server.url(options.theme, key));
  await page.waitForFunction(
    () => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'webview/ready'),
    null,
    {
      timeout: 20_000,
    },
  );
  const renders = async () => page.evaluate(() => Number(document.body.dataset['renders'] ?? 0));
  const waitForRender = async (after: number) => {
    await page.waitForFunction((n) => Number(document.body.dataset['renders'] ?? 0) > n, after, { timeout: 20_000 });
  };
  return {
    page,
    problems,
    renders,
    waitForRender,
    async post(message) {
      const before = await renders();
      await page.evaluate((m) => window.postMessage(m, '*'), message);
      await waitForRender(before);
    },
    posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted),
    savedState: () => page.evaluate(() => (window as unknown as { __savedState: () => unknown }).__savedState()),
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async setTheme(theme) {
      await page.evaluate((t) => (window as unknown as { __applyTheme: (t: string) => void }).__applyTheme(t), theme);
      // The panel re-reads the theme in the next animation frame; wait two more for the charts to repaint.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
    },
    close: () => page.close(),
  };
}
