// A universe strategy with a market filter: the filter's reference symbol is never one of the traded
// members, and its average is warmed from history (a universe strategy has no algorithm warm-up).
import { describe, expect, it } from 'vitest';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';

describe('a universe with a market filter', () => {
  it('never trades the filter reference, and warms its average from history', () => {
    const generated = generateOffline(
      'Every month hold the 20 strongest S&P 500 constituents by 6-month return, only while SPY is above its 200-day SMA',
    );
    expect(generated.plan?.universe).toMatchObject({ kind: 'etf-constituents', etf: 'SPY' });
    const code = generated.code;
    expect(code).toContain('self.warm_up_indicator(self._reference, self._reference_trend, Resolution.DAILY)');
    expect(code).toContain('if security.symbol not in self._symbols and security.symbol not in (self._reference,):');
    expect(code).toContain('# The market filter is off: hold cash until it is on again.');
  });
});
