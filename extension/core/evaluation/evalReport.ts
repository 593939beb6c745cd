// The evaluation's result file (what `lean-author eval --json` prints and `--out` writes) and its
// Markdown table. The training subproject's evaluate stage reads this JSON; change it together with
// training/lean_training/evaluate.py.
import type { EvalRun } from './runEvaluation';
import { formatCount, STAGE_TITLES } from './stages';

export interface EvalResult extends EvalRun {
  tool: 'lean-author eval';
  /** lean-author's version. */
  version: string;
  /** A name for the run in tables ("base", "adapter", ...). */
  label: string;
  createdAt: string;
  model: {
    /** The chain as configured, in order; each row's rounds say which endpoint answered. */
    endpoints: { name: string; baseURL: string; model: string }[];
    /** The GGUF the managed local server ran, or null without --local-model. */
    localModel: string | null;
    /** LoRA adapters given to the local server for loading on top of it. */
    adapters: { path: string; scale: number }[];
    /** What the server's /health reports loaded (`<file>@<scale>`), as proof the adapters are in use. */
    loadedAdapters: string[];
  };
  settings: {
    prompts: string;
    /** Prompts in the file, before --limit. */
    promptsInFile: number;
    limit: number | null;
    examples: number;
    repairRounds: number;
    maxTokens: number;
    temperature: number;
    /** The local model server's context size and CPU threads (null: its default), when there is one. */
    contextSize: number | null;
    threads: number | null;
    backtest: boolean;
    image: string | null;
  };
}

/** A Markdown report: what was run, then one table with the stages as rows, without and with repair. */
export function markdownReport(result: EvalResult): string {
  const { summary } = result;
  const model = result.model.endpoints[0];
  const adapters = result.model.adapters.map((a) => `${a.path.split(/[\\/]/).pop()}@${a.scale}`).join(', ');
  const lines = [
    `## Evaluation: ${result.label}`,
    '',
    `Model: ${model ? `${model.model} (${model.name})` : 'none'}${adapters ? ` with LoRA ${adapters}` : ''}. ` +
      `${summary.prompts} prompt(s) from ${result.settings.prompts}; ${result.settings.examples} worked example(s), ` +
      `max ${result.settings.maxTokens} tokens, temperature ${result.settings.temperature}` +
      `${result.settings.backtest ? `, backtests in ${result.settings.image}` : ''}.` +
      `${result.cancelled ? ' **Cancelled** before every prompt was evaluated.' : ''}`,
    '',
    `| Stage | No repair | With repair (≤${result.settings.repairRounds} rounds) |`,
    '| --- | ---: | ---: |',
    ...result.stages.map(
      (stage) =>
        `| ${STAGE_TITLES[stage]} | ${formatCount(summary.noRepair[stage], summary.prompts)} | ${formatCount(summary.withRepair[stage], summary.prompts)} |`,
    ),
  ];
  if (summary.failed)
    lines.push('', `${summary.failed} prompt(s) got no complete answer (the stream stopped) and count as failing every stage.`);
  for (const warning of result.warnings) lines.push('', `Note: ${warning}`);
  return `${lines.join('\n')}\n`;
}
