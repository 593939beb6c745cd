// The filters that gate a request's rules: trend, VIX, volatility regime, time of day.
import type { Prompt } from './promptText';
import type { Filter, Read } from './types';

export function readFilters(_prompt: Prompt): Read<Filter>[] {
  return [];
}
