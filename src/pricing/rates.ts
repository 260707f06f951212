import type { ModelPrices, PriceTier, Rates } from './table.js';

/**
 * Anthropic's multiples of the input price, used where the table lacks a figure. The 1-hour
 * cache write is always 2x input: LiteLLM's `*_above_1hr` field is wrong for some models
 * (Claude 3 Haiku and Opus list $6/MTok), so it is never read.
 */
const CACHE_WRITE_5M = 1.25;
const CACHE_WRITE_1H = 2;
const CACHE_READ = 0.1;

/** Rates with the cache figures a source left out filled in from Anthropic's multiples. */
export function completeRates(rates: {
  input: number;
  output: number;
  cacheWrite5m?: number | undefined;
  cacheWrite1h?: number | undefined;
  cacheRead?: number | undefined;
}): Rates {
  return {
    input: rates.input,
    output: rates.output,
    cacheWrite5m: rates.cacheWrite5m ?? rates.input * CACHE_WRITE_5M,
    cacheWrite1h: rates.cacheWrite1h ?? rates.input * CACHE_WRITE_1H,
    cacheRead: rates.cacheRead ?? rates.input * CACHE_READ,
  };
}

/** Rounds away the noise of per-token sources: 2.9999999999999997 per million is 3. */
export function cleanPrice(perMillion: number): number {
  return Math.round(perMillion * 1e6) / 1e6;
}

/** Every rate times `factor`, rounded to a millionth of a dollar per million tokens. */
export function scaleRates(rates: Rates, factor: number): Rates {
  return {
    input: cleanPrice(rates.input * factor),
    output: cleanPrice(rates.output * factor),
    cacheWrite5m: cleanPrice(rates.cacheWrite5m * factor),
    cacheWrite1h: cleanPrice(rates.cacheWrite1h * factor),
    cacheRead: cleanPrice(rates.cacheRead * factor),
  };
}

/** Anthropic bills every web search at $10 per 1,000, on every model. */
export const WEB_SEARCH_PER_1000 = 10;

/**
 * One price at every date, as the config and LiteLLM give them: base rates, tiers, and fast
 * mode as a multiple of both (none: a fast request is billed at the standard prices).
 */
export function undatedPrices(options: {
  origin: ModelPrices['origin'];
  base: Rates;
  tiers: PriceTier[];
  fastMultiplier: number | undefined;
  geoUsMultiplier: number | null;
}): ModelPrices {
  const { base, tiers, fastMultiplier: multiplier } = options;
  return {
    origin: options.origin,
    aliases: [],
    released: null,
    retired: null,
    periods: [
      {
        from: null,
        until: null,
        ...base,
        tiers,
        fast:
          multiplier === undefined
            ? null
            : {
                ...scaleRates(base, multiplier),
                multiplier,
                tiers: tiers.map((tier) => ({ ...tier, ...scaleRates(tier, multiplier) })),
              },
        geoUsMultiplier: options.geoUsMultiplier,
        webSearchPer1000: WEB_SEARCH_PER_1000,
      },
    ],
  };
}
