import { z } from 'zod';
import { completeRates } from './rates.js';

const rate = z.number().nonnegative();

/** The fields we read from one entry of LiteLLM's `model_prices_and_context_window.json`. */
const LiteLlmEntrySchema = z.object({
  input_cost_per_token: rate.optional(),
  output_cost_per_token: rate.optional(),
  cache_creation_input_token_cost: rate.optional(),
  cache_read_input_token_cost: rate.optional(),
  input_cost_per_token_above_200k_tokens: rate.optional(),
  output_cost_per_token_above_200k_tokens: rate.optional(),
  cache_creation_input_token_cost_above_200k_tokens: rate.optional(),
  cache_read_input_token_cost_above_200k_tokens: rate.optional(),
  provider_specific_entry: z.object({ fast: z.number().positive().optional() }).loose().optional(),
  _comment: z.string().optional(),
});

export const LiteLlmTableSchema = z.record(z.string(), z.unknown());

/** USD per token for each kind of token of one request. */
export const RatesSchema = z.object({
  input: rate,
  output: rate,
  cacheWrite5m: rate,
  cacheWrite1h: rate,
  cacheRead: rate,
});

export const ModelPriceSchema = RatesSchema.extend({
  /** Rates for a whole request whose prompt is over 200,000 tokens, where the model has them. */
  above200k: RatesSchema.optional(),
  /** Fast mode (`usage.speed == "fast"`) multiplies the request's cost by this. */
  fastMultiplier: z.number().positive().optional(),
  /** A promotional price holds through this day (UTC) only; later requests have no price. */
  validUntil: z.iso.date().optional(),
});

export const PriceSnapshotSchema = z.object({
  source: z.string(),
  retrievedAt: z.string(),
  models: z.record(z.string(), ModelPriceSchema),
});

export type Rates = z.infer<typeof RatesSchema>;
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
export type PriceSnapshot = z.infer<typeof PriceSnapshotSchema>;

/**
 * The last day of a promotional price, from an entry's note such as "Promotional pricing
 * through 2026-08-31: ...". Such a price must not be applied to later requests.
 */
export function promotionEnd(comment: string | undefined): string | undefined {
  if (comment === undefined || !/promo/i.test(comment)) return undefined;
  return /\bthrough (\d{4}-\d{2}-\d{2})\b/i.exec(comment)?.[1];
}

/** One LiteLLM entry as our price, or null when it has no token prices (images, embeddings). */
export function modelPriceFromLiteLlm(entry: unknown): ModelPrice | null {
  const parsed = LiteLlmEntrySchema.safeParse(entry);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (e.input_cost_per_token === undefined || e.output_cost_per_token === undefined) return null;
  const price: ModelPrice = completeRates({
    input: e.input_cost_per_token,
    output: e.output_cost_per_token,
    cacheWrite5m: e.cache_creation_input_token_cost,
    cacheRead: e.cache_read_input_token_cost,
  });
  if (e.input_cost_per_token_above_200k_tokens !== undefined) {
    price.above200k = completeRates({
      input: e.input_cost_per_token_above_200k_tokens,
      output: e.output_cost_per_token_above_200k_tokens ?? e.output_cost_per_token,
      cacheWrite5m: e.cache_creation_input_token_cost_above_200k_tokens,
      cacheRead: e.cache_read_input_token_cost_above_200k_tokens,
    });
  }
  const fast = e.provider_specific_entry?.fast;
  if (fast !== undefined) price.fastMultiplier = fast;
  const until = promotionEnd(e._comment);
  if (until !== undefined) price.validUntil = until;
  return price;
}

/**
 * Keeps the Claude entries of a LiteLLM price table (bare ids and provider ids alike) as a
 * snapshot the package can ship and use offline.
 */
export function buildPriceSnapshot(
  table: unknown,
  source: string,
  retrievedAt: string,
): PriceSnapshot {
  const entries = LiteLlmTableSchema.parse(table);
  const models: Record<string, ModelPrice> = {};
  for (const id of Object.keys(entries).sort()) {
    if (!id.toLowerCase().includes('claude')) continue;
    const price = modelPriceFromLiteLlm(entries[id]);
    if (price !== null) models[id] = price;
  }
  return { source, retrievedAt, models };
}
