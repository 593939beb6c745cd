// Backtest panel script (browser bundle dist/webview/panel.js, loaded with a nonce under the panel's
// CSP). Talks to the host only through the shared protocol and checks every message on arrival;
// renders with the page's --vscode-* theme variables (panel.css, beside the bundle).
import './panel.css';
import { parseHostToWebview } from '../extension/shared/protocol';
import { PanelApp } from './app';
import { connectHost } from './host';

const host = connectHost();
const app = new PanelApp(document.getElementById('root') ?? document.body, host);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostToWebview(event.data);
  if (message) app.show(message);
  else {
    console.warn('LEAN panel: ignored a malformed message', event.data);
    app.malformed();
  }
});

app.restore();
host.post({ type: 'webview/ready' });
