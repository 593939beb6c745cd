// Time conversions. LEAN writes instants as ISO 8601 in UTC ("2023-01-03T15:43:00Z") and durations as
// .NET TimeSpan text ("2.21:31:00", "02:32:16.8000032"); the model uses unix seconds for both kinds.

/** Unix seconds for an ISO date-time; one without a zone is taken as UTC, as LEAN means it. */
export function unixSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
  const withTime = trimmed.length === 10 ? `${trimmed}T00:00:00` : trimmed.replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(withTime) ? withTime : `${withTime}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** Seconds in a .NET TimeSpan string: "[-][d.]hh:mm:ss[.fffffff]". */
export function timeSpanSeconds(text: string): number | null {
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return null;
  const [, minus, days, hours, minutes, seconds] = match;
  const total = Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return minus ? -total : total;
}
