// The request-conformance check on generated code, with the request read from the prompt (the path the
// product takes): the offline generator's code matches what it was asked, and each fault injected into
// that code is caught under its field. Prompts of our own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequestSource } from '../../extension/core/conformance/index';
import { generateOffline } from '../../extension/core/generation/offlineGenerator';
import { loadPythonParser, type PythonParser } from '../../extension/core/validation/pythonParser';
import { parserAssets } from './parserAssets';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser(parserAssets);
});
afterAll(() => parser.dispose());

function fields(code: string, prompt: string): string[] {
  const { request } = generateOffline(prompt);
  return checkRequestSource(parser, code, request).map((m) => m.field);
}

/** `code` with `from` replaced by `to`, failing loudly when `from` is not there (the fault would not be injected). */
function inject(code: string, from: string | RegExp, to: string): string {
  const changed = code.replace(from, to);
  if (changed === code) throw new Error(`nothing to replace: ${String(from)}`);
  return changed;
}

describe('conformance of generated code', () => {
  const crossover = 'SMA 50/200 crossover on MSFT, daily bars, long only, 5% stop, from 2016 to 2021 with $50k';

  it('finds nothing wrong with what the offline generator wrote for the request', () => {
    const generated = generateOffline(crossover);
    expect(generated.unfulfilled).toEqual([]);
    expect(fields(generated.code, crossover)).toEqual([]);
  });

  it('catches each fault injected into that code under its field', () => {
    const code = generateOffline(crossover).code;
    expect(fields(inject(code, 'self.add_equity("MSFT"', 'self.add_equity("AAPL"'), crossover)).toContain('instruments');
    expect(fields(inject(code, 'self.add_equity("MSFT"', 'self.add_crypto("MSFT"'), crossover)).toContain('types');
    expect(fields(inject(code, /\b200\b/g, '150'), crossover)).toContain('numbers');
    expect(fields(inject(code, /Resolution\.DAILY/g, 'Resolution.HOUR'), crossover)).toContain('bar');
    expect(fields(inject(code, /0\.05/g, '0.08'), crossover)).toContain('risk');
    expect(fields(inject(code, 'self.set_cash(50000)', 'self.set_cash(100000)'), crossover)).toContain('cash');
    expect(fields(inject(code, 'self.set_start_date(2016, 1, 1)', 'self.set_start_date(2018, 1, 1)'), crossover)).toContain('period');
    expect(fields(inject(code, /self\.set_holdings\(([^,]+), 1\)/, 'self.set_holdings($1, -1)'), crossover)).toContain('direction');
  });

  it('catches a missing schedule in a rotation', () => {
    const rotation = 'Momentum rotation among XLK, XLV, XLE and XLF: hold the top 2 by 3-month return, rebalance monthly';
    const code = generateOffline(rotation).code;
    expect(fields(code, rotation)).toEqual([]);
    expect(fields(inject(code, 'self.date_rules.month_start', 'self.date_rules.every_day'), rotation)).toContain('schedule');
  });
});
