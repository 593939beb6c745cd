// The request a project's generation.json records, read back for the request-conformance check. The
// file is the product's own, but a user may edit it: its shape is checked (zod, as for LEAN's result
// files) so a broken record is named and skipped, never a crash or a check against half a request.
import { z } from 'zod';
import type { StrategyRequest } from './types';

const span = z.object({ start: z.number(), end: z.number() });
const read = (value: z.ZodTypeAny) => z.object({ value, span });

const requestShape = z
  .object({
    prompt: z.string(),
    instruments: z.array(
      z.object({ symbol: z.string(), securityType: z.string(), market: z.string(), marketStated: z.boolean(), span }).passthrough(),
    ),
    markets: z.array(read(z.string())),
    signals: z.array(z.object({ kind: z.string(), span, params: z.record(read(z.number())) })),
    risk: z.record(read(z.unknown())),
    filters: z.array(read(z.object({ kind: z.string() }).passthrough())),
    period: z.object({ start: read(z.string()).optional(), end: read(z.string()).optional() }),
    problems: z.array(z.object({ kind: z.string(), message: z.string() }).passthrough()),
    unread: z.array(span),
  })
  .passthrough();

/** The request of a generation.json's text: none when the record has no request (older records), an error when it is broken. */
export function requestOfRecord(text: string): { request?: StrategyRequest; error?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `generation.json is not valid JSON (${(error as Error).message})` };
  }
  if (!json || typeof json !== 'object' || !('request' in json)) return {};
  const parsed = requestShape.safeParse((json as { request: unknown }).request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `its "request" is not a request the product wrote (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})` };
  }
  return { request: parsed.data as unknown as StrategyRequest };
}
