// The OpenAI chat-completions request and error shapes the local server speaks. Requests are checked
// with zod (a well-kept schema library) rather than hand-written checks: every rejection names the field.
import { z } from 'zod';

const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(z.object({ type: z.literal('text'), text: z.string() })).min(1)]),
  name: z.string().optional(),
});

export const chatCompletionRequest = z.object({
  model: z.string().optional(),
  messages: z.array(message).min(1, 'messages must hold at least one message'),
  stream: z.boolean().optional().default(false),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().gt(0).max(1).optional(),
  max_tokens: z.number().int().positive().max(32_768).optional(),
  max_completion_tokens: z.number().int().positive().max(32_768).optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).optional(),
  seed: z.number().int().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  /** llama-server's per-request LoRA scales; adapters left out get scale 0. */
  lora: z.lazy(() => loraScales).optional(),
  /** llama-server's switch for prompt (KV-cache) prefix reuse; false evaluates the whole prompt. */
  cache_prompt: z.boolean().optional(),
});

/** `[{id, scale}]`, the body of POST /lora-adapters and the per-request `lora` field (llama-server's shape). */
export const loraScales = z.array(z.object({ id: z.number().int().min(0), scale: z.number().min(-10).max(10) }));

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;

export function messageText(content: ChatCompletionRequest['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAiError {
  status: number;
  body: { error: { message: string; type: string; param: string | null; code: string | null } };
}

export function openAiError(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): OpenAiError {
  return { status, body: { error: { message, type, param, code } } };
}

/** A zod failure as one OpenAI error naming the first offending field. */
export function invalidRequest(error: z.ZodError): OpenAiError {
  const issue = error.issues[0];
  const param = issue?.path.join('.') || null;
  const message = issue ? `${param ? `${param}: ` : ''}${issue.message}` : 'invalid request body';
  return openAiError(400, message, 'invalid_request_error', 'invalid_value', param);
}
