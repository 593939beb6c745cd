// The backtest panel's HTML page. Pure (no `vscode` import) so that the tests render exactly this page
// in Chromium. Content-Security-Policy:
//   default-src 'none'                      nothing loads unless allowed below; no network at all
//   script-src 'nonce-…'                    only our bundle (and, in tests, the harness's stand-in API)
//   style-src ${cspSource}                  our panel.css. No 'unsafe-inline': lightweight-charts styles
//                                           its elements through the CSSOM (element.style), which CSP
//                                           allows, and its one <style> element (the attribution logo) is
//                                           turned off; Lit, under @vscode-elements, uses constructed
//                                           stylesheets (adoptedStyleSheets), which CSP does not govern.
//   img-src ${cspSource} data:              the charts' canvases need no images; data: for element icons
//   font-src ${cspSource}                   VS Code's own fonts, should an element use codicons
// The integration test checks that no CSP violation is reported while the panel renders.
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** URIs of dist/webview/panel.js and panel.css as the webview can load them (`asWebviewUri`). */
  scriptUri: string;
  styleUri: string;
  /** A fresh random nonce per page. */
  nonce: string;
  title: string;
  /** Extra nonce'd scripts before the bundle (the tests' stand-in for VS Code's API); none in the product. */
  preludeScripts?: readonly string[];
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  const prelude = (options.preludeScripts ?? []).map((src) => `<script nonce="${nonce}" src="${attr(src)}"></script>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${attr(options.styleUri)}">`,
    `<title>${text(options.title)}</title>`,
    '</head>',
    '<body>',
    '<main id="root"><p>Loading the backtest…</p></main>',
    ...prelude,
    `<script nonce="${nonce}" src="${attr(options.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** 32 characters from [A-Za-z0-9], from a cryptographic source. */
export function makeNonce(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
