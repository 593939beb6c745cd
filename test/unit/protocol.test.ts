import { describe, expect, it } from 'vitest';
import { parseHostToWebview, parseWebviewToHost } from '../../extension/shared/protocol';

describe('webview message protocol', () => {
  it('accepts well-formed messages in each direction', () => {
    expect(parseWebviewToHost({ type: 'webview/ready' })).toEqual({ type: 'webview/ready' });
    expect(parseHostToWebview({ type: 'panel/empty', reason: 'Run a backtest first.' })).toEqual({
      type: 'panel/empty',
      reason: 'Run a backtest first.',
    });
  });

  it.each([
    null,
    undefined,
    42,
    'webview/ready',
    [],
    {},
    { type: 'webview/unknown' },
    { type: 'panel/empty' },
    { type: 'panel/empty', reason: 7 },
  ])('rejects the malformed message %j', (message) => {
    expect(parseWebviewToHost(message)).toBeUndefined();
    expect(parseHostToWebview(message)).toBeUndefined();
  });

  it('drops unknown extra fields instead of passing them on', () => {
    expect(parseHostToWebview({ type: 'panel/empty', reason: 'r', script: '<script>' })).toEqual({ type: 'panel/empty', reason: 'r' });
  });
});
