import type { Rates } from './snapshot.js';

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
