import { describe, expect, it } from 'vitest';
import { isLeanPythonSource } from '../../extension/core/validation/leanFile';

describe('which Python files are LEAN files', () => {
  it.each([
    ['the standard import', 'from AlgorithmImports import *\n'],
    ['the region-wrapped import', '# region imports\nfrom AlgorithmImports import *\n# endregion\n'],
    ['a plain module import', 'import AlgorithmImports\n'],
    ['a QCAlgorithm subclass without the import', 'class A(QCAlgorithm):\n    pass\n'],
    ['a qualified base class', 'class A(QuantConnect.Algorithm.QCAlgorithm):\n    pass\n'],
    ['a subclass with several bases', 'class A(Mixin, QCAlgorithm):\n    pass\n'],
  ])('recognises %s', (_name, text) => {
    expect(isLeanPythonSource(text)).toBe(true);
  });

  it.each([
    ['a plain script', 'import numpy as np\nprint(np.zeros(3))\n'],
    ['the name in a comment only', '# uses AlgorithmImports later\nx = 1\n'],
    ['the name in a string', 's = "from AlgorithmImports import *"\n'],
    ['a class named like the base', 'class QCAlgorithmHelper:\n    pass\n'],
  ])('ignores %s', (_name, text) => {
    expect(isLeanPythonSource(text)).toBe(false);
  });
});
