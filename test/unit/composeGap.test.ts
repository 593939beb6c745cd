// Gap rules: the reader takes which gaps and whether they are faded or followed, and the composer trades
// them at a session's first bar against the previous session's last close. Prompts of our own.
import { describe, expect, it } from 'vitest';
import { generateOffline, isOfflineDeclined } from '../../extension/core/generation/offlineGenerator';
import { readRequest } from '../../extension/core/request/readRequest';

function gapOf(prompt: string) {
  const signal = readRequest(prompt).signals.find((s) => s.kind === 'gap');
  return { side: signal?.gap?.side?.value, mode: signal?.gap?.mode?.value, threshold: signal?.params['threshold']?.value };
}

describe('reading a gap rule', () => {
  it('reads the side and the mode, stated or implied by the order', () => {
    expect(gapOf('Fade gap ups over 2% on QQQ, 5-minute bars')).toEqual({ side: 'up', mode: 'fade', threshold: 0.02 });
    expect(gapOf('buy IWM on gap downs larger than 1.5%, minute bars')).toEqual({ side: 'down', mode: 'fade', threshold: 0.015 });
    expect(gapOf("gap and go on AMD: buy when it opens 4% above yesterday's close")).toMatchObject({ side: 'up', mode: 'follow' });
    expect(gapOf('gap fade on GLD above 1%')).toEqual({ side: undefined, mode: 'fade', threshold: 0.01 });
  });
});

describe('composing a gap rule', () => {
  it('fades a gap down long only, at the open of a session, exiting when the gap fills', () => {
    const generated = generateOffline('buy IWM on gap downs larger than 1.5%, minute bars');
    expect(generated.unfulfilled).toEqual([]);
    expect(generated.plan).toMatchObject({ direction: 'long', signal: { kind: 'gap', params: { threshold: 0.015 }, gapMode: 'fade' } });
    const code = generated.code;
    expect(code).toContain('new_session = self._session.get(symbol) != today');
    expect(code).toContain('gap = self.securities[symbol].open / level - 1 if new_session and level else 0.0');
    expect(code).toContain('long_entry = new_session and level is not None and gap <= -0.015');
    expect(code).toContain('short_entry = False');
    expect(code).toContain('if quantity > 0 and (level is not None and price >= level):');
  });

  it('follows a gap up, and trades both sides when no side is named', () => {
    const follow = generateOffline("gap and go on AMD: buy when it opens 4% above yesterday's close, 5-minute bars");
    expect(follow.plan).toMatchObject({ direction: 'long', signal: { gapMode: 'follow' } });
    expect(follow.code).toContain('long_entry = new_session and level is not None and gap >= 0.04');
    const both = generateOffline('gap fade on GLD above 1%, 15-minute bars');
    expect(both.plan?.direction).toBe('both');
    expect(both.code).toContain('short_entry = new_session and level is not None and gap >= 0.01');
  });

  it('reads minute bars by default and declines daily bars, which do not show the open', () => {
    expect(generateOffline('gap fade on GLD above 1%').notes).toContain(
      'No bar size stated; a gap rule acts at the open, so the rules read minute bars.',
    );
    try {
      generateOffline('gap fade on GLD above 1%, daily bars');
      throw new Error('not declined');
    } catch (error) {
      expect(isOfflineDeclined(error) && error.message).toMatch(/^A gap rule trades at the open, which daily bars do not show/);
    }
  });
});
