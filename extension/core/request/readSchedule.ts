// When a request trades or rebalances (see Schedule in types.ts).
import type { Prompt } from './promptText';
import type { Read, Schedule } from './types';

export function readSchedule(_prompt: Prompt): Read<Schedule> | undefined {
  return undefined;
}
