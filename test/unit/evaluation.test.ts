// The evaluation core's pure parts: reading prompt files, scoring a round's stages, the summary and the table.
import { describe, expect, it } from 'vitest';
import type { LeanDiagnostic } from '../../extension/core/diagnostic';
import { EvalInputError, parsePrompts } from '../../extension/core/evaluation/evalPrompts';
import { markdownReport, type EvalResult } from '../../extension/core/evaluation/evalReport';
import { highestStage, roundStages, summarize, withBacktest, type AnswerStages } from '../../extension/core/evaluation/stages';
import type { RepairRound } from '../../extension/core/generation/repairLoop';

const diagnostic = (code: string, severity: LeanDiagnostic['severity'] = 'error'): LeanDiagnostic => ({
  code,
  severity,
  message: code,
  range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 },
});

function round(code: string, diagnostics: LeanDiagnostic[], index = 0): RepairRound {
  return {
    round: index,
    endpoint: 'local',
    model: 'm',
    code,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    failovers: [],
    notes: [],
    durationMs: 1,
  };
}

describe('parsePrompts', () => {
  it('reads dataset lines: the last user message, meta and its id, and the system message', () => {
    const line = JSON.stringify({
      prompt: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: ' SMA on SPY ' },
      ],
      completion: [{ role: 'assistant', content: 'x' }],
      meta: { id: 'sma-1/plain', family: 'sma-crossover' },
    });
    expect(parsePrompts(`${line}\n\n{"id": "own", "prompt": "RSI on AAPL"}\n`, 'test.jsonl')).toEqual([
      { id: 'sma-1/plain', prompt: 'SMA on SPY', meta: { id: 'sma-1/plain', family: 'sma-crossover' }, system: 'sys' },
      { id: 'own', prompt: 'RSI on AAPL', meta: null, system: null },
    ]);
  });

  it('reads a text file as one prompt a line, skipping blank and # lines', () => {
    expect(parsePrompts('# mine\nSMA on SPY\n\n  RSI on AAPL  \n', 'prompts.txt').map((p) => [p.id, p.prompt])).toEqual([
      ['line-2', 'SMA on SPY'],
      ['line-4', 'RSI on AAPL'],
    ]);
  });

  it('says what is wrong and where', () => {
    expect(() => parsePrompts('\n \n', 'empty.txt')).toThrow(/empty\.txt holds no prompts/);
    expect(() => parsePrompts('{"prompt": [{"role": "system", "content": "s"}]}\n', 'a.jsonl')).toThrow(/a\.jsonl:1 has no user message/);
    expect(() => parsePrompts('{"prompt": 3}\n', 'b.jsonl')).toThrow(EvalInputError);
    expect(() => parsePrompts('{"prompt": "x"}\nnot json\n', 'c.jsonl')).toThrow(/c\.jsonl:2 is not valid JSON/);
  });
});

describe('stages', () => {
  it('gates the stages in order', () => {
    expect(roundStages(round('', [diagnostic('no-code')]))).toMatchObject({ extracted: false, parses: false, clean: false });
    const syntax = roundStages(round('x = (', [diagnostic('syntax-unclosed-bracket')]));
    expect(syntax).toMatchObject({ extracted: true, parses: false, clean: false, errorCodes: ['syntax-unclosed-bracket'] });
    const api = roundStages(round('x', [diagnostic('unknown-member'), diagnostic('style', 'warning')]));
    expect(api).toMatchObject({ extracted: true, parses: true, clean: false, errors: 1, warnings: 1 });
    const clean = roundStages(round('x', [diagnostic('style', 'warning')]));
    expect(clean).toMatchObject({ parses: true, clean: true, matches: true, backtestRan: null, traded: null });
    expect(highestStage(clean)).toBe('matches the request');
  });

  it('counts code that is clean but differs from its request as clean and not matching, and never backtests it', () => {
    const differs = roundStages(round('x', [diagnostic('request-mismatch'), diagnostic('style', 'warning')]));
    expect(differs).toMatchObject({ clean: true, matches: false, errors: 1, errorCodes: ['request-mismatch'] });
    expect(highestStage(differs)).toBe('clean');
    const both = roundStages(round('x', [diagnostic('request-mismatch'), diagnostic('unknown-member')]));
    expect(both).toMatchObject({ clean: false, matches: false });
    const run = { message: '', outputDir: '/o', durationMs: 1, status: 'completed' as const, orders: 3 };
    expect(withBacktest(differs, run)).toMatchObject({ backtestRan: false, traded: false });
  });

  it('counts a backtest only for clean code, and a trade only for a completed run with orders', () => {
    const run = { message: '', outputDir: '/o', durationMs: 1 };
    const clean = roundStages(round('x', []));
    expect(withBacktest(clean, { ...run, status: 'completed', orders: 2 })).toMatchObject({ backtestRan: true, traded: true });
    expect(withBacktest(clean, { ...run, status: 'completed', orders: 0 })).toMatchObject({ backtestRan: true, traded: false });
    expect(withBacktest(clean, { ...run, status: 'failed', orders: 0 })).toMatchObject({ backtestRan: false, traded: false });
    expect(withBacktest(roundStages(round('x', [diagnostic('e')])), null)).toMatchObject({ backtestRan: false, traded: false });
    expect(highestStage(withBacktest(clean, { ...run, status: 'completed', orders: 2 }))).toBe('traded');
  });

  it('summarizes counts and shares per stage, and renders them as a table', () => {
    const a = roundStages(round('x', []));
    const b = roundStages(round('', [diagnostic('no-code')]));
    const rows: { noRepair: AnswerStages; withRepair: AnswerStages; error: string | null }[] = [
      { noRepair: b, withRepair: a, error: null },
      { noRepair: a, withRepair: a, error: null },
      { noRepair: b, withRepair: b, error: 'stream died' },
    ];
    const summary = summarize(rows, ['extracted', 'parses', 'clean']);
    expect(summary).toEqual({
      prompts: 3,
      noRepair: { extracted: { count: 1, share: 1 / 3 }, parses: { count: 1, share: 1 / 3 }, clean: { count: 1, share: 1 / 3 } },
      withRepair: { extracted: { count: 2, share: 2 / 3 }, parses: { count: 2, share: 2 / 3 }, clean: { count: 2, share: 2 / 3 } },
      failed: 1,
    });
    const result = {
      label: 'base',
      stages: ['extracted', 'parses', 'clean'],
      summary,
      warnings: [],
      cancelled: false,
      model: { endpoints: [{ name: 'local', baseURL: 'http://h/v1', model: 'Smol' }], localModel: null, adapters: [], loadedAdapters: [] },
      settings: { prompts: 'test.jsonl', examples: 0, maxTokens: 100, temperature: 0, repairRounds: 2, backtest: false },
    } as unknown as EvalResult;
    const table = markdownReport(result);
    expect(table).toContain('| Stage | No repair | With repair (≤2 rounds) |');
    expect(table).toContain('| Validator-clean | 1/3 (33%) | 2/3 (67%) |');
    expect(table).toMatch(/1 prompt\(s\) got no complete answer/);
  });
});
