// The repair loop: ask the model chain for an algorithm, validate it, and feed the validator's errors
// (line numbers and codes) back for up to `maxRepairRounds` more rounds. The result is the first
// version with no errors, or else the best one (code that parses, then fewest errors, then fewest
// warnings) with what remains.
import type { LeanDiagnostic } from '../diagnostic';
import { extractCode } from './extractCode';
import { completeWithFallback, type ChainOptions, type ChatMessage, type ModelEndpoint } from './modelChain';

export interface RepairRound {
  round: number;
  endpoint: string;
  model: string;
  code: string;
  diagnostics: LeanDiagnostic[];
  errors: number;
  warnings: number;
  /** Endpoints passed over in this round, and why. */
  failovers: { endpoint: string; reason: string }[];
  /** What extraction noticed (think blocks, truncation) or why it found no code. */
  notes: string[];
  durationMs: number;
}

export interface RepairResult {
  code: string;
  /** No error diagnostics (warnings and hints may remain). */
  clean: boolean;
  rounds: RepairRound[];
  /** Index into `rounds` of the version returned. */
  chosen: number;
}

export type GenerationEvent =
  | { type: 'attempt'; round: number; endpoint: ModelEndpoint }
  | { type: 'failover'; round: number; endpoint: ModelEndpoint; reason: string }
  | { type: 'text'; round: number; delta: string }
  | { type: 'round'; round: RepairRound };

export interface RepairOptions {
  endpoints: ModelEndpoint[];
  messages: ChatMessage[];
  validate: (code: string) => LeanDiagnostic[];
  /** Rounds after the first answer; 0 turns repair off. */
  maxRepairRounds: number;
  chain: Omit<ChainOptions, 'onAttempt' | 'onFailover' | 'onText'>;
  onEvent?: (event: GenerationEvent) => void;
}

/** Diagnostics that count as errors for "clean": the validator's `error` severity. */
export function countBySeverity(diagnostics: LeanDiagnostic[]): { errors: number; warnings: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export async function generateWithRepair(options: RepairOptions): Promise<RepairResult> {
  const messages = [...options.messages];
  const rounds: RepairRound[] = [];
  for (let round = 0; round <= options.maxRepairRounds; round++) {
    const started = Date.now();
    const answer = await completeWithFallback(options.endpoints, messages, {
      ...options.chain,
      onAttempt: (endpoint) => options.onEvent?.({ type: 'attempt', round, endpoint }),
      onFailover: (endpoint, reason) => options.onEvent?.({ type: 'failover', round, endpoint, reason }),
      onText: (delta) => options.onEvent?.({ type: 'text', round, delta }),
    });
    const extraction = extractCode(answer.text);
    const code = extraction.ok ? extraction.code : '';
    const diagnostics = extraction.ok ? options.validate(code) : [noCodeDiagnostic(extraction.message)];
    const result: RepairRound = {
      round,
      endpoint: answer.endpoint.name,
      model: answer.endpoint.model,
      code,
      diagnostics,
      ...countBySeverity(diagnostics),
      failovers: answer.failovers,
      notes: extraction.ok ? extraction.notes : [extraction.message],
      durationMs: Date.now() - started,
    };
    rounds.push(result);
    options.onEvent?.({ type: 'round', round: result });
    if (result.errors === 0) return { code, clean: true, rounds, chosen: round };
    messages.push({ role: 'assistant', content: answer.text }, { role: 'user', content: repairPrompt(result) });
  }
  const chosen = bestRound(rounds);
  return { code: rounds[chosen]!.code, clean: false, rounds, chosen };
}

/**
 * Code that parses, then fewest errors, then fewest warnings; a later round wins a tie (it saw more
 * feedback). Parsing comes first because a syntax error hides every other check: one syntax error is
 * not "as good as" one misspelled API name, and a round that broke the syntax while fixing a name is
 * worse than the round before it.
 */
function bestRound(rounds: RepairRound[]): number {
  let best = 0;
  rounds.forEach((r, i) => {
    const b = rounds[best]!;
    if (!r.code) return;
    if (!b.code || better(r, b)) best = i;
  });
  return best;
}

function better(r: RepairRound, b: RepairRound): boolean {
  const rParses = parses(r);
  if (rParses !== parses(b)) return rParses;
  return r.errors < b.errors || (r.errors === b.errors && r.warnings <= b.warnings);
}

/** No syntax diagnostic (the validator's `syntax-*` codes). */
function parses(round: RepairRound): boolean {
  return !round.diagnostics.some((d) => d.code.startsWith('syntax-'));
}

/** The follow-up message of a repair round: each problem with its 1-based line, code and advice. */
export function repairPrompt(round: RepairRound): string {
  if (!round.code)
    return 'Your answer contained no Python code. Answer with the complete LEAN algorithm in one ```python block, and nothing else.';
  const lines = round.code.split('\n');
  const problems = round.diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .slice(0, 20)
    .map((d) => {
      const source = lines[d.range.startLine]?.trim() ?? '';
      return `- line ${d.range.startLine + 1} [${d.code}] ${d.severity}: ${d.message}${source ? `\n    ${source}` : ''}`;
    });
  return [
    'The LEAN validator found these problems in your algorithm:',
    ...problems,
    '',
    'Fix every problem and answer with the complete corrected algorithm in one ```python block. Keep everything that was correct.',
  ].join('\n');
}

function noCodeDiagnostic(message: string): LeanDiagnostic {
  return { code: 'no-code', severity: 'error', message, range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } };
}
