import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, LEAN_CODES, type LeanDiagnostic, type Validator } from '../../extension/core/validation/index';
import { parserAssets } from './parserAssets';

let validator: Validator;
beforeAll(async () => {
  validator = await createValidator(parserAssets);
});
afterAll(() => validator.dispose());

/** A minimal clean algorithm; `body` is spliced into initialize, `extra` after it as more class members. */
function algorithm(body: string, extra = ''): string {
  return [
    'from AlgorithmImports import *',
    '',
    'class Algo(QCAlgorithm):',
    '    def initialize(self):',
    '        self.set_start_date(2020, 1, 1)',
    '        self.set_cash(100000)',
    '        self._spy = self.add_equity("SPY", Resolution.DAILY).symbol',
    ...body.split('\n').map((l) => `        ${l}`),
    '',
    '    def on_data(self, data: Slice):',
    '        pass',
    ...extra.split('\n').map((l) => `    ${l}`),
    '',
  ].join('\n');
}
const BODY_LINE = 8; // 1-based line of the first `body` line

function run(source: string, fileName = 'main.py'): LeanDiagnostic[] {
  return validator.validate(source, { fileName });
}
function codes(source: string): string[] {
  return run(source).map((d) => d.code);
}

describe('LEAN rules: each fault is reported with its code, line and a fix hint', () => {
  const cases: { name: string; body: string; code: string; severity: string; message: RegExp; fix?: string }[] = [
    {
      name: 'a misspelled API method',
      body: 'self.set_holding(self._spy, 1)',
      code: LEAN_CODES.unknownMember,
      severity: 'error',
      message: /Did you mean self\.set_holdings\?/,
      fix: 'set_holdings',
    },
    {
      name: 'an unknown attribute',
      body: 'self.debug(self.threshold)',
      code: LEAN_CODES.unknownMember,
      severity: 'error',
      message: /self\.threshold is not part/,
    },
    {
      name: 'too few arguments',
      body: 'self.set_start_date(2020, 1)',
      code: LEAN_CODES.wrongArguments,
      severity: 'error',
      message: /takes \(year, month, day\) or \(start\); this call passes 2/,
    },
    {
      name: 'an unknown keyword',
      body: 'self.set_holdings(self._spy, 1, weight=2)',
      code: LEAN_CODES.wrongArguments,
      severity: 'error',
      message: /weight by name/,
    },
    {
      name: 'a misspelled enum member',
      body: 'x = Resolution.MINUTES',
      code: LEAN_CODES.unknownEnumMember,
      severity: 'error',
      message: /Did you mean Resolution\.MINUTE\?/,
      fix: 'MINUTE',
    },
    {
      name: 'an undefined name',
      body: 'x = Resolutions.DAILY',
      code: LEAN_CODES.undefinedName,
      severity: 'error',
      message: /Resolutions is not defined.*Did you mean Resolution\?/,
      fix: 'Resolution',
    },
    {
      name: 'an indicator stored over its helper',
      body: 'self.rsi = self.rsi(self._spy, 14)',
      code: LEAN_CODES.shadowedApiMethod,
      severity: 'error',
      message: /Store the value as self\._rsi/,
      fix: '_rsi',
    },
    {
      name: 'print',
      body: 'print("hello")',
      code: LEAN_CODES.printDiscarded,
      severity: 'warning',
      message: /self\.debug/,
      fix: 'self.debug',
    },
    {
      name: 'a PascalCase API call',
      body: 'self.SetWarmUp(10)',
      code: LEAN_CODES.pascalCaseApi,
      severity: 'warning',
      message: /PascalCase form of self\.set_warm_up.*mixes/,
      fix: 'set_warm_up',
    },
    {
      name: 'a PascalCase enum member',
      body: 'x = Resolution.Minute',
      code: LEAN_CODES.pascalCaseApi,
      severity: 'hint',
      message: /Resolution\.MINUTE/,
      fix: 'MINUTE',
    },
  ];
  it.each(cases)('$name → $code', ({ body, code, severity, message, fix }) => {
    const found = run(algorithm(body)).filter((d) => d.code === code);
    expect(found.length, JSON.stringify(run(algorithm(body)))).toBe(1);
    const d = found[0]!;
    expect(d.severity).toBe(severity);
    expect(d.range.startLine + 1).toBe(BODY_LINE);
    expect(d.message).toMatch(message);
    if (fix) expect(d.fixes?.[0]?.edits.map((e) => e.newText)).toContain(fix);
  });

  it('reports a missing initialize at the class name', () => {
    const source = 'from AlgorithmImports import *\n\nclass Algo(QCAlgorithm):\n    def on_data(self, data):\n        pass\n';
    const d = run(source).find((x) => x.code === LEAN_CODES.missingInitialize);
    expect(d?.range.startLine).toBe(2);
    expect(d?.message).toMatch(/add it/);
  });

  it('reports main.py without an algorithm class, but not a library module', () => {
    const source = 'from AlgorithmImports import *\n\ndef helper(x):\n    return x\n';
    expect(codes(source)).toContain(LEAN_CODES.noAlgorithmClass);
    expect(run(source, 'helpers.py').map((d) => d.code)).not.toContain(LEAN_CODES.noAlgorithmClass);
  });

  it('checks the on_data signature', () => {
    const source = algorithm('', '').replace('def on_data(self, data: Slice)', 'def on_data(self)');
    const d = run(source).find((x) => x.code === LEAN_CODES.onDataSignature);
    expect(d?.severity).toBe('error');
    expect(d?.message).toMatch(/def on_data\(self, data: Slice\)/);
  });

  it('warns when an indicator value is read with no readiness check and no warm-up', () => {
    const source = algorithm('self._fast = self.ema(self._spy, 10)').replace('        pass', '        x = self._fast.current.value');
    const d = run(source).find((x) => x.code === LEAN_CODES.indicatorNotReady);
    expect(d?.severity).toBe('warning');
    expect(d?.message).toMatch(/is_ready/);
    expect(codes(source.replace('x = self._fast', 'x = 0 if not self._fast.is_ready else self._fast'))).not.toContain(
      LEAN_CODES.indicatorNotReady,
    );
    expect(
      codes(source.replace('self._fast = self.ema(self._spy, 10)', 'self._fast = self.ema(self._spy, 10)\n        self.set_warm_up(10)')),
    ).not.toContain(LEAN_CODES.indicatorNotReady);
  });

  it('warns when initialize sets no start date or cash', () => {
    const source = algorithm('').replace('        self.set_start_date(2020, 1, 1)\n', '').replace('        self.set_cash(100000)\n', '');
    expect(codes(source)).toEqual(expect.arrayContaining([LEAN_CODES.missingStartDate, LEAN_CODES.missingCash]));
  });

  it('asks for the AlgorithmImports import when LEAN names are used without it, with a fix that adds it', () => {
    const source =
      '# my algorithm\nclass Algo(QCAlgorithm):\n    def initialize(self):\n        self.set_start_date(2020, 1, 1)\n        self.set_cash(1)\n';
    const d = run(source).find((x) => x.code === LEAN_CODES.missingAlgorithmImports);
    expect(d?.fixes?.[0]?.edits[0]).toEqual({
      range: { startLine: 1, startColumn: 0, endLine: 1, endColumn: 0 },
      newText: 'from AlgorithmImports import *\n',
    });
  });

  it('hints at PascalCase without warning when the whole file uses it', () => {
    const source =
      'from AlgorithmImports import *\n\nclass A(QCAlgorithm):\n    def Initialize(self):\n        self.SetStartDate(2020, 1, 1)\n        self.SetCash(1000)\n';
    const found = run(source);
    expect(found.every((d) => d.severity === 'hint')).toBe(true);
    expect(found.filter((d) => d.code === LEAN_CODES.pascalCaseApi)).toHaveLength(2);
  });
});

describe('LEAN rules: no false errors on valid Python', () => {
  const valid: [string, string][] = [
    [
      'tuple unpacking and comprehension targets',
      'a, (b, c) = 1, (2, 3)\nd = {k: v for k, v in {}.items()}\nself.debug(str(a + b + c + len(d)))',
    ],
    ['walrus, lambda and with-as names', 'if (n := 3) > 2:\n    f = lambda q, *r, **s: q\nwith open("f") as handle:\n    pass'],
    ['try/except names and globals', 'try:\n    pass\nexcept ValueError as error:\n    self.log(str(error))'],
    ['attributes assigned in another method', 'self._later()'],
    ['class attributes and nested functions', 'def inner(x):\n    return x * 2\nself.debug(str(inner(2)))'],
    ['keyword arguments that are API parameter names', 'self.set_holdings(self._spy, 1, liquidate_existing_holdings=True, tag="x")'],
    ['generic history with a data type', 'h = self.history(TradeBar, self._spy, 10, Resolution.DAILY)'],
    ['f-strings reading names', 'n = 1\nself.debug(f"{n} and {self.time:%Y}")'],
    ['a local shadowing an enum name', 'Resolution2 = 3\nx = Resolution2'],
  ];
  it.each(valid)('%s', (_name, body) => {
    const extra = '_flag = False\n\ndef _later(self):\n    self._value = 1\n    return self._value';
    const errors = run(algorithm(body, extra)).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('does not mistake names of JS object members (constructor, __proto__) for API entries', () => {
    const body = 'x = constructor.value\ny = __proto__.value\nself._c = self.constructor()\nself.debug(str(self._c.current))';
    expect(() => run(algorithm(body))).not.toThrow();
    expect(codes(algorithm(body))).not.toContain(LEAN_CODES.indicatorNotReady);
    expect(codes(algorithm(body))).not.toContain(LEAN_CODES.unknownEnumMember);
  });

  it('does not judge members of a class whose base comes from another file', () => {
    const source =
      'from AlgorithmImports import *\nfrom base import Base\n\nclass A(Base):\n    def on_data(self, data):\n        self.helper_from_base(1, 2, 3)\n';
    expect(run(source).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('does not judge names when another star import could define them', () => {
    const source =
      'from AlgorithmImports import *\nfrom mylib import *\n\nclass A(QCAlgorithm):\n    def initialize(self):\n        self.set_start_date(2020, 1, 1)\n        self.set_cash(1)\n        x = helper_from_lib()\n';
    expect(run(source).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('accepts members inherited from a QCAlgorithm subclass in the same file', () => {
    const source =
      'from AlgorithmImports import *\n\nclass Base(QCAlgorithm):\n    def initialize(self):\n        self.set_start_date(2020, 1, 1)\n        self.set_cash(1)\n        self._x = 1\n    def shared(self):\n        return self._x\n\nclass Child(Base):\n    def on_data(self, data):\n        self.debug(str(self.shared() + self._x))\n';
    expect(run(source).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('LEAN rules with syntax errors present', () => {
  it('reports the syntax error but nothing that may only be unparsed', () => {
    // The missing ':' folds the class into an error region: no missing-initialize or no-algorithm-class then.
    const source =
      'from AlgorithmImports import *\n\nclass Algo(QCAlgorithm):\n    def initialize(self)\n        self.set_cash(1)\n        print("x")\n';
    const found = run(source);
    expect(found[0]?.code).toBe('syntax-missing-colon');
    expect(found.map((d) => d.code)).not.toContain(LEAN_CODES.missingInitialize);
    expect(found.map((d) => d.code)).not.toContain(LEAN_CODES.noAlgorithmClass);
    expect(found.map((d) => d.code)).not.toContain(LEAN_CODES.undefinedName);
  });
});

describe('LEAN rules across a class hierarchy in one file', () => {
  it('checks the set-up where initialize is defined, not in every subclass', () => {
    const source =
      'from AlgorithmImports import *\n\nclass Base(QCAlgorithm):\n    def initialize(self):\n        self.set_start_date(2020, 1, 1)\n        self.set_cash(1)\n\nclass Child(Base):\n    def on_data(self, data):\n        pass\n';
    expect(run(source).map((d) => d.code)).toEqual([]);
    const withoutCash = source.replace('        self.set_cash(1)\n', '');
    expect(run(withoutCash).map((d) => [d.code, d.range.startLine])).toEqual([[LEAN_CODES.missingCash, 3]]);
  });
});
