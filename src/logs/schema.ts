import { z } from 'zod';
import { isSaneTimestamp } from './validate.js';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const optionalCount = count.nullish();

/** `message.usage` as Claude Code writes it; only the fields the bill depends on. */
export const UsageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: optionalCount,
  cache_read_input_tokens: optionalCount,
  cache_creation: z
    .object({
      ephemeral_5m_input_tokens: optionalCount,
      ephemeral_1h_input_tokens: optionalCount,
    })
    .nullish(),
  speed: z.string().nullish(),
  inference_geo: z.string().nullish(),
  server_tool_use: z.object({ web_search_requests: optionalCount }).nullish(),
});

/**
 * A line (or a progress line's embedded message) that carries usage. Real lines carry many
 * more fields; zod strips them.
 */
export const UsageLineSchema = z.object({
  timestamp: z.string().refine((value) => isSaneTimestamp(value), 'timestamp out of range'),
  sessionId: z.string().nullish(),
  cwd: z.string().nullish(),
  requestId: z.string().nullish(),
  isSidechain: z.boolean().nullish(),
  costUSD: z.number().nonnegative().nullish(),
  message: z.object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    usage: UsageSchema,
  }),
});

export type UsageLine = z.infer<typeof UsageLineSchema>;
export type Usage = z.infer<typeof UsageSchema>;
