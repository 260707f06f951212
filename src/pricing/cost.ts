import type { CostParts, RequestUsage } from '../types.js';
import type { PricePeriod, PriceTier, Rates } from './table.js';

/** Input, cache writes and cache reads: everything the model read for the request. */
export function promptTokens(tokens: RequestUsage): number {
  return (
    tokens.inputTokens +
    tokens.cacheWrite5mTokens +
    tokens.cacheWrite1hTokens +
    tokens.cacheReadTokens
  );
}

export const COST_PARTS = [
  'inputCost',
  'outputCost',
  'cacheWrite5mCost',
  'cacheWrite1hCost',
  'cacheReadCost',
  'webSearchCost',
  'loggedCost',
] as const satisfies readonly (keyof CostParts)[];

/** How a request was billed: its parts, and which of the period's rules applied. */
export interface RequestPrice extends CostParts {
  cost: number;
  /** The threshold of the tier that applied, or null for the base prices. */
  tier: number | null;
  /** Billed at fast-mode prices (a fast request in a period without fast mode is not). */
  fastBilled: boolean;
  /** 1, or the period's US-geo multiplier for a request run in the US. */
  geoMultiplier: number;
}

const PER_MILLION = 1e6;

/** The tier with the highest threshold the prompt is over (exactly at it is the band below). */
function tierFor(tiers: PriceTier[], prompt: number): PriceTier | null {
  let chosen: PriceTier | null = null;
  for (const tier of tiers) {
    if (
      prompt > tier.abovePromptTokens &&
      (chosen === null || tier.abovePromptTokens > chosen.abovePromptTokens)
    )
      chosen = tier;
  }
  return chosen;
}

/**
 * The cost of one request at the prices of one period. Every rule is decided per request:
 * fast mode picks the period's fast prices (and their own tiers) when the period has fast
 * mode; a prompt over a tier's threshold bills every token of the request, output included, at
 * the tier's prices; `inference_geo: "us"` multiplies every token by the period's geo
 * multiplier; web searches are billed per 1,000 on top of the tokens.
 */
export function priceRequest(usage: RequestUsage, period: PricePeriod): RequestPrice {
  const fastBilled = usage.fast && period.fast !== null;
  const base = fastBilled && period.fast !== null ? period.fast : period;
  const tier = tierFor(base.tiers, promptTokens(usage));
  const rates: Rates = tier ?? base;
  const geoMultiplier =
    usage.inferenceGeo === 'us' && period.geoUsMultiplier !== null ? period.geoUsMultiplier : 1;
  const scale = geoMultiplier / PER_MILLION;
  // One object a request: reports price every record of the history.
  const price: RequestPrice = {
    inputCost: usage.inputTokens * rates.input * scale,
    outputCost: usage.outputTokens * rates.output * scale,
    cacheWrite5mCost: usage.cacheWrite5mTokens * rates.cacheWrite5m * scale,
    cacheWrite1hCost: usage.cacheWrite1hTokens * rates.cacheWrite1h * scale,
    cacheReadCost: usage.cacheReadTokens * rates.cacheRead * scale,
    webSearchCost: (usage.webSearchRequests * period.webSearchPer1000) / 1000,
    loggedCost: 0,
    cost: 0,
    tier: tier?.abovePromptTokens ?? null,
    fastBilled,
    geoMultiplier,
  };
  price.cost =
    price.inputCost +
    price.outputCost +
    price.cacheWrite5mCost +
    price.cacheWrite1hCost +
    price.cacheReadCost +
    price.webSearchCost;
  return price;
}
