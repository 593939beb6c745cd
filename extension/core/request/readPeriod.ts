// The backtest period and starting cash of a request.
import type { Prompt } from './promptText';
import type { Read, RequestProblem } from './types';

export function readPeriodAndCash(
  _prompt: Prompt,
  _problems: RequestProblem[],
): { period: { start?: Read<string>; end?: Read<string> }; cash?: Read<number> } {
  return { period: {} };
}
