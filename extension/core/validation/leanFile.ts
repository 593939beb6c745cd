// Which Python files are LEAN algorithms (or LEAN library modules) and so get LEAN diagnostics.
// Deliberately textual: it must also work on files whose syntax is broken, and before the parser loads.

const ALGORITHM_IMPORTS = /^[ \t]*(?:from[ \t]+AlgorithmImports[ \t]+import\b|import[ \t]+AlgorithmImports\b)/m;
const QCALGORITHM_SUBCLASS = /^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\bQCAlgorithm\b/m;

export function isLeanPythonSource(text: string): boolean {
  return ALGORITHM_IMPORTS.test(text) || QCALGORITHM_SUBCLASS.test(text);
}
