// Backtest panel script (browser bundle dist/webview/panel.js). Talks to the host only through the
// shared protocol; renders with the page's --vscode-* theme variables.
import { parseHostToWebview, type HostToWebview, type WebviewToHost } from '../extension/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') ?? document.body;

function render(message: HostToWebview): void {
  switch (message.type) {
    case 'panel/empty': {
      const p = document.createElement('p');
      p.textContent = message.reason;
      root.replaceChildren(p);
      break;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostToWebview(event.data);
  if (message) render(message);
  else console.warn('LEAN panel: ignored a malformed message', event.data);
});

vscode.postMessage({ type: 'webview/ready' });
