// The risk rules of a request: stops, take profit, time exit, drawdown limit, flat by a time of day.
import type { Prompt } from './promptText';
import type { RiskRequest } from './types';

export function readRisk(_prompt: Prompt): RiskRequest {
  return {};
}
