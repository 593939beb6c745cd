// The entry and exit signals of a request, with their numbers by name (see Signal in types.ts).
import type { Prompt } from './promptText';
import type { RequestProblem, Signal } from './types';

export function readSignals(_prompt: Prompt, _problems: RequestProblem[]): Signal[] {
  return [];
}
