import { z } from 'zod';

/**
 * The shape of the price table the package ships (`prices.json`, built by
 * `scripts/build-prices.mjs`) and of the cache `usage pricing update` writes. Prices are USD
 * per million tokens, as Anthropic publishes them; costs divide by a million once per token kind.
 */

const perMillion = z.number().nonnegative();
const day = z.iso.date();

export const RatesSchema = z.object({
  input: perMillion,
  output: perMillion,
  cacheWrite5m: perMillion,
  cacheWrite1h: perMillion,
  cacheRead: perMillion,
});

/** A request whose prompt is over `abovePromptTokens` pays these rates on every token. */
export const PriceTierSchema = RatesSchema.extend({
  abovePromptTokens: z.number().int().positive(),
});

/** Fast-mode prices; their own tiers replace the standard ones (none: flat at any length). */
export const FastPriceSchema = RatesSchema.extend({
  multiplier: z.number().positive(),
  tiers: z.array(PriceTierSchema),
});

/**
 * The prices in force from `from` (inclusive; null: since release) until `until` (exclusive;
 * null: still in force). Dates are Anthropic's, US Pacific.
 */
export const PricePeriodSchema = RatesSchema.extend({
  from: day.nullable(),
  until: day.nullable(),
  tiers: z.array(PriceTierSchema),
  /** null: no fast mode then, so a fast request is billed at the standard prices. */
  fast: FastPriceSchema.nullable(),
  /** Multiplies every token of a request whose `usage.inference_geo` is "us"; null: none. */
  geoUsMultiplier: z.number().positive().nullable(),
  webSearchPer1000: perMillion,
});

export const ORIGINS = ['anthropic', 'litellm', 'config'] as const;

export const ModelPricesSchema = z.object({
  /** Where the periods come from: Anthropic's dated prices, LiteLLM's table, or the user. */
  origin: z.enum(ORIGINS),
  /** Other ids that name this model: dated ids, `[1m]` spellings, provider ids. */
  aliases: z.array(z.string()),
  released: day.nullable(),
  retired: day.nullable(),
  /** In date order, without gaps or overlaps. */
  periods: z.array(PricePeriodSchema).min(1),
});

export const PriceTableSchema = z.object({
  source: z.string(),
  retrievedAt: z.string(),
  models: z.record(z.string(), ModelPricesSchema),
});

export type Rates = z.infer<typeof RatesSchema>;
export type PriceTier = z.infer<typeof PriceTierSchema>;
export type FastPrice = z.infer<typeof FastPriceSchema>;
export type PricePeriod = z.infer<typeof PricePeriodSchema>;
export type ModelPrices = z.infer<typeof ModelPricesSchema>;
export type PriceTableFile = z.infer<typeof PriceTableSchema>;
