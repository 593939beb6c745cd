// The shape of the LEAN API index (leanApiIndex.json), generated from QuantConnect's published Python
// stubs by scripts/buildApiIndex.ts and committed, so builds and the editor work offline.

/**
 * One overload's parameters after `self`, space-separated: `name` is required, `?name` has a default,
 * `*name` collects extra positionals, `**name` extra keywords, a lone `*` starts keyword-only parameters.
 * Example: `"symbol period ?resolution ?selector"`.
 */
export type ParameterSpec = string;

export interface LeanApiIndex {
  format: 1;
  stubs: { package: string; version: string };
  qcAlgorithm: {
    /** Method name → its overloads. Inherited members are included. */
    methods: Record<string, ParameterSpec[]>;
    /** Properties and attributes readable on `self`. */
    properties: string[];
  };
  /** Enum name → members (`Resolution` → `TICK`, `SECOND`, ...), for every enum AlgorithmImports brings in. */
  enums: Record<string, string[]>;
  /** QCAlgorithm helper → the indicator class it creates (`rsi` → `RelativeStrengthIndex`). */
  indicatorHelpers: Record<string, string>;
  /** Every indicator class in QuantConnect.Indicators. */
  indicatorClasses: string[];
  /** Every name `from AlgorithmImports import *` brings into a module. */
  algorithmImports: string[];
  /** Python's builtins, from the interpreter that built the index. */
  builtins: string[];
}
