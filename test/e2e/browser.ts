// Debian's Chromium, headless, driven by playwright-core. Never `playwright install`: it downloads a
// browser, which this project's machines cannot do and users do not need.
import { chromium, type Browser } from 'playwright-core';

export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
