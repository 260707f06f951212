import { z } from 'zod';
import { mergeLiteLlm } from './merge.js';
import { cleanPrice, completeRates, scaleRates, undatedPrices } from './rates.js';
import type {
  FastPrice,
  ModelPrices,
  PricePeriod,
  PriceTableFile,
  PriceTier,
  Rates,
} from './table.js';

/**
 * Builds the price table from its two sources: Anthropic's dated prices
 * (`claude-prices.json`, primary) and LiteLLM's table (provider spellings, models the first
 * lacks). Where both name a model, the dated prices win; LiteLLM may add a spelling or a model,
 * never replace a dated period. Used by `scripts/build-prices.mjs` and `usage pricing update`.
 */

const perMillion = z.number().nonnegative();
const day = z.iso.date();

const DatedRatesSchema = z.object({
  input: perMillion,
  output: perMillion,
  cacheWrite5m: perMillion,
  cacheWrite1h: perMillion,
  cacheRead: perMillion,
});

const DatedEntrySchema = DatedRatesSchema.extend({
  model: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  from: day.nullable(),
  until: day.nullable(),
  tiers: z.array(DatedRatesSchema.extend({ abovePromptTokens: z.number().int().positive() })),
  fast: z
    .object({
      input: perMillion,
      output: perMillion,
      multiplier: z.number().positive(),
      tiers: z
        .array(
          z.object({
            abovePromptTokens: z.number().int().positive(),
            input: perMillion,
            output: perMillion,
          }),
        )
        .optional(),
    })
    .nullable(),
  geoUsMultiplier: z.number().positive().nullable(),
  webSearchPer1000: perMillion,
  released: day.optional(),
  retired: day.optional(),
});

export const DatedPricesSchema = z.array(DatedEntrySchema);
type DatedEntry = z.infer<typeof DatedEntrySchema>;

function rates(source: Rates): Rates {
  return {
    input: source.input,
    output: source.output,
    cacheWrite5m: source.cacheWrite5m,
    cacheWrite1h: source.cacheWrite1h,
    cacheRead: source.cacheRead,
  };
}

/**
 * Fast prices with their cache rates: caching multiplies the fast input price by the same
 * factors as the standard one (so Opus 5.5's 0.05x cache read holds in fast mode too).
 */
function fastPrice(entry: DatedEntry): FastPrice | null {
  const { fast } = entry;
  if (fast === null) return null;
  const withCache = (input: number, output: number): Rates => ({
    input,
    output,
    cacheWrite5m: cleanPrice((input * entry.cacheWrite5m) / entry.input),
    cacheWrite1h: cleanPrice((input * entry.cacheWrite1h) / entry.input),
    cacheRead: cleanPrice((input * entry.cacheRead) / entry.input),
  });
  return {
    ...withCache(fast.input, fast.output),
    multiplier: fast.multiplier,
    tiers: (fast.tiers ?? []).map((tier) => ({
      abovePromptTokens: tier.abovePromptTokens,
      ...withCache(tier.input, tier.output),
    })),
  };
}

function periodOf(entry: DatedEntry): PricePeriod {
  return {
    from: entry.from,
    until: entry.until,
    ...rates(entry),
    tiers: entry.tiers.map((tier) => ({
      abovePromptTokens: tier.abovePromptTokens,
      ...rates(tier),
    })),
    fast: fastPrice(entry),
    geoUsMultiplier: entry.geoUsMultiplier,
    webSearchPer1000: entry.webSearchPer1000,
  };
}

/** The periods must follow each other: from release, each ending where the next begins. */
function checkPeriods(model: string, periods: PricePeriod[]): void {
  periods.forEach((period, i) => {
    const expectedFrom = i === 0 ? null : periods[i - 1]?.until;
    if (period.from !== expectedFrom) {
      throw new Error(
        `${model}: period ${i + 1} starts ${period.from ?? 'at release'}, expected ${expectedFrom ?? 'at release'}`,
      );
    }
    if (period.from !== null && period.until !== null && period.until <= period.from) {
      throw new Error(`${model}: period ${period.from} ends before it begins`);
    }
  });
  if (periods[periods.length - 1]?.until !== null) {
    throw new Error(`${model}: the last period has an end; prices must run to now`);
  }
}

/** `claude-prices.json` as one entry per model, its periods in date order. */
export function datedModels(source: unknown): Record<string, ModelPrices> {
  const entries = DatedPricesSchema.parse(source);
  const byModel = new Map<string, DatedEntry[]>();
  for (const entry of entries)
    byModel.set(entry.model, [...(byModel.get(entry.model) ?? []), entry]);
  const models: Record<string, ModelPrices> = {};
  for (const [model, list] of [...byModel].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = [...list].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
    const periods = sorted.map(periodOf);
    checkPeriods(model, periods);
    models[model] = {
      origin: 'anthropic',
      aliases: [...new Set(sorted.flatMap((entry) => entry.aliases))].filter((a) => a !== model),
      released: sorted.find((entry) => entry.released !== undefined)?.released ?? null,
      retired: sorted.find((entry) => entry.retired !== undefined)?.retired ?? null,
      periods,
    };
  }
  return models;
}

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
  provider_specific_entry: z
    .object({ fast: z.number().positive().optional(), us: z.number().positive().optional() })
    .loose()
    .optional(),
});

/**
 * Per-token figures as per-million rates. The 1-hour write is always 2x input: LiteLLM's
 * `*_above_1hr` field is wrong for some models (Claude 3 Haiku and Opus list $6), so it is
 * never read; missing cache figures take Anthropic's multiples.
 */
function liteLlmRates(input: number, output: number, write?: number, read?: number): Rates {
  const perMillion = (perToken: number | undefined) =>
    perToken === undefined ? undefined : cleanPrice(perToken * 1e6);
  // Scaled by 1 to round each figure, the filled-in ones too.
  return scaleRates(
    completeRates({
      input: cleanPrice(input * 1e6),
      output: cleanPrice(output * 1e6),
      cacheWrite5m: perMillion(write),
      cacheRead: perMillion(read),
    }),
    1,
  );
}

/** One LiteLLM entry as one undated period, or null when it has no token prices. */
export function liteLlmModel(entry: unknown): ModelPrices | null {
  const parsed = LiteLlmEntrySchema.safeParse(entry);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (e.input_cost_per_token === undefined || e.output_cost_per_token === undefined) return null;
  const base = liteLlmRates(
    e.input_cost_per_token,
    e.output_cost_per_token,
    e.cache_creation_input_token_cost,
    e.cache_read_input_token_cost,
  );
  const tiers: PriceTier[] = [];
  if (e.input_cost_per_token_above_200k_tokens !== undefined) {
    tiers.push({
      abovePromptTokens: 200_000,
      ...liteLlmRates(
        e.input_cost_per_token_above_200k_tokens,
        e.output_cost_per_token_above_200k_tokens ?? e.output_cost_per_token,
        e.cache_creation_input_token_cost_above_200k_tokens,
        e.cache_read_input_token_cost_above_200k_tokens,
      ),
    });
  }
  return undatedPrices({
    origin: 'litellm',
    base,
    tiers,
    fastMultiplier: e.provider_specific_entry?.fast,
    geoUsMultiplier: e.provider_specific_entry?.us ?? null,
  });
}

/** The Claude entries of a LiteLLM table (bare and provider ids alike) that have token prices. */
export function liteLlmModels(table: unknown): Record<string, ModelPrices> {
  const entries = z.record(z.string(), z.unknown()).parse(table);
  const models: Record<string, ModelPrices> = {};
  for (const id of Object.keys(entries).sort()) {
    if (!id.toLowerCase().includes('claude')) continue;
    const model = liteLlmModel(entries[id]);
    if (model !== null) models[id] = model;
  }
  return models;
}

/** The table the package ships: the dated prices, then LiteLLM's spellings and extra models. */
export function buildPriceTable(
  dated: unknown,
  liteLlm: unknown,
  meta: { source: string; retrievedAt: string },
): PriceTableFile {
  return { ...meta, models: mergeLiteLlm(datedModels(dated), liteLlmModels(liteLlm)) };
}
