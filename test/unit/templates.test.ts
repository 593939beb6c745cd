import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultSpec,
  enumerateSpecs,
  FAMILIES,
  familyById,
  normalizeSpec,
  renderStrategy,
  SpecError,
  type StrategySpec,
} from '../../extension/core/generation/templates/index';
import { createValidator, type LeanDiagnostic, type Validator } from '../../extension/core/validation/index';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

function numbered(code: string): string {
  return code
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(4)} ${line}`)
    .join('\n');
}

function describeFailure(spec: StrategySpec, code: string, diagnostics: LeanDiagnostic[]): string {
  const listed = diagnostics
    .map((d) => `  ${d.range.startLine + 1}:${d.range.startColumn + 1} ${d.severity} [${d.code}] ${d.message}`)
    .join('\n');
  return `spec ${JSON.stringify(spec)}\n${listed}\n${numbered(code)}`;
}

/** Validates as main.py and also checks the style rules the validator does not cover. */
function problems(spec: StrategySpec, code: string): string | undefined {
  const diagnostics = validator.validate(code, { fileName: 'main.py' });
  const style: string[] = [];
  code.split('\n').forEach((line, i) => {
    if (line.length > 120) style.push(`line ${i + 1} is ${line.length} characters long`);
    if (/\s$/.test(line)) style.push(`line ${i + 1} has trailing whitespace`);
    if (/\t/.test(line)) style.push(`line ${i + 1} has a tab`);
    if (line.trim() !== '' && !/^( {4})*\S/.test(line)) style.push(`line ${i + 1} is not indented by a multiple of 4 spaces`);
  });
  if (/\bprint\(/.test(code)) style.push('uses print');
  if (/self\.[A-Z]/.test(code)) style.push('uses a PascalCase self member');
  if (/self\.(sma|ema|rsi|bb|macd|atr|dch|roc|std|vwap)\s*=/.test(code)) style.push('shadows an indicator helper');
  if (!code.startsWith('# region imports\nfrom AlgorithmImports import *\n# endregion\n'))
    style.push('does not start with the imports region');
  if (diagnostics.length === 0 && style.length === 0) return undefined;
  return `${style.join('\n')}\n${describeFailure(spec, code, diagnostics)}`;
}

describe('the family catalogue', () => {
  it('has at least 8 families with unique ids, keywords and consistent parameter tables', () => {
    expect(FAMILIES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(FAMILIES.map((f) => f.id)).size).toBe(FAMILIES.length);
    for (const family of FAMILIES) {
      expect(familyById(family.id)).toBe(family);
      expect(family.keywords.length).toBeGreaterThan(0);
      expect(family.className).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(family.minTickers).toBeLessThanOrEqual(family.maxTickers);
      expect(family.defaultTickers.length).toBeGreaterThanOrEqual(family.minTickers);
      for (const set of family.tickerSets) expect(set.length).toBeGreaterThanOrEqual(family.minTickers);
      for (const param of family.params) {
        expect(family.defaults[param.name]).toBe(param.default);
        expect(param.default).toBeGreaterThanOrEqual(param.min);
        expect(param.default).toBeLessThanOrEqual(param.max);
        expect(param.grid.length).toBeGreaterThan(0);
        for (const value of param.grid) {
          expect(value).toBeGreaterThanOrEqual(param.min);
          expect(value).toBeLessThanOrEqual(param.max);
          if (param.integer) expect(Number.isInteger(value)).toBe(true);
        }
      }
    }
  });

  it('covers the required strategy kinds', () => {
    const ids = FAMILIES.map((f) => f.id);
    for (const id of [
      'sma-crossover',
      'ema-crossover',
      'rsi-mean-reversion',
      'bollinger-reversion',
      'macd-momentum',
      'donchian-breakout',
      'pairs-trading',
      'momentum-rotation',
      'alpha-factor',
    ]) {
      expect(ids).toContain(id);
    }
  });
});

describe('rendering', () => {
  it.each(FAMILIES.map((f) => [f.id]))('the default %s spec renders clean LEAN code', (id) => {
    const spec = defaultSpec(familyById(id as StrategySpec['family']).id);
    const code = renderStrategy(spec);
    const problem = problems(spec, code);
    expect(problem, problem).toBeUndefined();
    expect(code).toContain(`class ${familyById(spec.family).className}(QCAlgorithm):`);
    expect(code).toContain('def initialize(self):');
    expect(code).toMatch(/self\.set_warm_up\(\d+/);
  });

  it('renders the example conventions for a single-ticker SMA crossover', () => {
    const code = renderStrategy({
      ...defaultSpec('sma-crossover'),
      resolution: 'MINUTE',
      startDate: [2013, 10, 7],
      endDate: [2013, 10, 11],
      params: { fast: 10, slow: 30 },
    });
    expect(code).toContain('self._symbol = self.add_equity("SPY", Resolution.MINUTE).symbol');
    expect(code).toContain('self._fast = self.sma(self._symbol, 10, Resolution.MINUTE)');
    expect(code).toContain('self._slow = self.sma(self._symbol, 30, Resolution.MINUTE)');
    expect(code).toContain('self.set_warm_up(30)');
    expect(code).toContain('def on_data(self, data: Slice):');
    expect(code).toContain('if self.is_warming_up or not self._slow.is_ready:');
  });

  it('renders the same code for the same spec, and a different class name on request', () => {
    for (const family of FAMILIES) {
      const spec = defaultSpec(family.id);
      expect(renderStrategy(spec)).toBe(renderStrategy(structuredClone(spec)));
      const named = renderStrategy({ ...spec, className: 'my rsi strategy' });
      expect(named).toContain('class MyRsiStrategy(QCAlgorithm):');
    }
  });

  it('states the parameters and risk overlays in the docstring', () => {
    const code = renderStrategy({
      ...defaultSpec('rsi-mean-reversion'),
      tickers: ['AAPL', 'MSFT'],
      params: { period: 10, oversold: 25, overbought: 75 },
      risk: { stopLossPct: 0.05, maxDrawdownPct: 0.2 },
    });
    expect(code).toContain('"""RSI mean reversion on AAPL and MSFT.');
    expect(code).toMatch(/10-day RSI falls below 25/);
    expect(code).toMatch(/above 75/);
    expect(code).toMatch(/5% stop loss/);
    expect(code).toMatch(/20% drawdown/);
    expect(code).toContain('self._stop_loss = 0.05');
    expect(code).toContain('self._max_drawdown = 0.2');
  });
});

describe('spec errors', () => {
  const base = defaultSpec('pairs-trading');
  const cases: [string, StrategySpec, RegExp][] = [
    ['pairs with one ticker', { ...base, tickers: ['KO'] }, /Pairs trading needs exactly 2 tickers, got 1 \(KO\)/],
    ['pairs with three tickers', { ...base, tickers: ['KO', 'PEP', 'XOM'] }, /exactly 2 tickers, got 3/],
    [
      'an unknown family',
      { ...base, family: 'martingale' as StrategySpec['family'] },
      /Unknown strategy family "martingale"\. Known families: sma-crossover/,
    ],
    ['no tickers', { ...defaultSpec('sma-crossover'), tickers: [] }, /at least 1 ticker, got none/],
    ['a bad ticker', { ...defaultSpec('sma-crossover'), tickers: ['S P Y'] }, /"S P Y" is not a ticker symbol/],
    ['dates out of order', { ...base, startDate: [2022, 1, 1], endDate: [2021, 1, 1] }, /startDate \[2022,1,1\] must be before endDate/],
    ['an impossible date', { ...base, startDate: [2021, 2, 30] }, /not a calendar date/],
    ['no cash', { ...base, cash: 0 }, /cash must be a positive amount/],
    [
      'a percent where a fraction belongs',
      { ...base, risk: { stopLossPct: 5 } },
      /risk\.stopLossPct must be a fraction .*\(0\.05 for 5%\)/,
    ],
    [
      'an unknown parameter',
      { ...base, params: { window: 3 } },
      /Pairs trading has no parameter "window"; its parameters are lookback, entryZ, exitZ/,
    ],
    [
      'fast not below slow',
      { ...defaultSpec('sma-crossover'), params: { fast: 50, slow: 50 } },
      /fast period \(50\) must be shorter than the slow period \(50\)/,
    ],
    [
      'top 5 of 3 tickers',
      { ...defaultSpec('momentum-rotation'), tickers: ['SPY', 'TLT', 'GLD'], params: { topK: 5 } },
      /top 5 needs at least 5 tickers/,
    ],
    [
      'an unknown resolution',
      { ...base, resolution: 'TICK' as StrategySpec['resolution'] },
      /resolution must be one of MINUTE, HOUR, DAILY/,
    ],
  ];
  it.each(cases)('rejects %s with a clear message', (_name, spec, message) => {
    expect(() => renderStrategy(spec)).toThrow(SpecError);
    expect(() => renderStrategy(spec)).toThrow(message);
  });

  it('throws for an unknown family id in familyById and defaultSpec', () => {
    expect(() => familyById('nope' as StrategySpec['family'])).toThrow(/Unknown strategy family "nope"/);
    expect(() => defaultSpec('nope' as StrategySpec['family'])).toThrow(SpecError);
  });

  it('clamps parameters into range, rounds integers and cleans tickers', () => {
    const spec = normalizeSpec({
      ...defaultSpec('rsi-mean-reversion'),
      tickers: ['$aapl', 'AAPL', ' msft '],
      params: { period: 1000.4, oversold: 2 },
    });
    expect(spec.tickers).toEqual(['AAPL', 'MSFT']);
    expect(spec.params).toEqual({ period: 100, oversold: 5, overbought: 70 });
  });
});

describe('the enumerated grid', () => {
  const MAX_PER_FAMILY = 36;
  const specs = [...enumerateSpecs({ maxPerFamily: MAX_PER_FAMILY })];

  it('holds at least 200 specs over every family, deterministic and without duplicates', () => {
    expect(specs.length).toBeGreaterThanOrEqual(200);
    for (const family of FAMILIES) expect(specs.filter((s) => s.family === family.id).length).toBeGreaterThanOrEqual(20);
    const keys = specs.map((s) => JSON.stringify(s));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...enumerateSpecs({ maxPerFamily: MAX_PER_FAMILY })].map((s) => JSON.stringify(s))).toEqual(keys);
  });

  it('varies every dimension: parameters, tickers, resolutions and risk overlays', () => {
    for (const family of FAMILIES) {
      const mine = specs.filter((s) => s.family === family.id);
      expect(new Set(mine.map((s) => s.resolution)).size).toBe(3);
      expect(new Set(mine.map((s) => s.tickers.join())).size).toBeGreaterThan(1);
      expect(new Set(mine.map((s) => JSON.stringify(s.risk))).size).toBeGreaterThan(3);
      for (const param of family.params) expect(new Set(mine.map((s) => s.params[param.name])).size).toBeGreaterThan(1);
    }
  });

  it('walks the full grid of a family when no limit is given', () => {
    const all = [...enumerateSpecs({ families: ['pairs-trading'], resolutions: ['DAILY'], riskVariants: [{}] })];
    // 3 ticker pairs x 3 lookbacks x 3 entry x 3 exit z-scores; every exit in the grid is below every entry.
    expect(all.length).toBe(3 * 3 * 3 * 3);
    expect(all.every((s) => (s.params['exitZ'] ?? 0) < (s.params['entryZ'] ?? 0))).toBe(true);
  });

  it('renders every spec to code with no validator diagnostics at all', () => {
    const failures: string[] = [];
    for (const spec of specs) {
      const problem = problems(spec, renderStrategy(spec));
      if (problem) failures.push(problem);
    }
    if (failures.length) console.error(failures.slice(0, 3).join('\n\n'));
    expect(failures.length, `${failures.length} of ${specs.length} specs failed; first:\n${failures[0] ?? ''}`).toBe(0);
  });
});
