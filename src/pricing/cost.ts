import type { TokenCounts } from '../types.js';
import type { ModelPrice } from './snapshot.js';

/** Anthropic bills a whole request at the long-context rates once its prompt exceeds this. */
export const LONG_CONTEXT_THRESHOLD = 200_000;

/** Input, cache writes and cache reads: everything the model read for the request. */
export function promptTokens(tokens: TokenCounts): number {
  return (
    tokens.inputTokens +
    tokens.cacheWrite5mTokens +
    tokens.cacheWrite1hTokens +
    tokens.cacheReadTokens
  );
}

/**
 * The cost in USD of one request. Long context is decided per request, not per token type:
 * when the prompt is over 200,000 tokens and the model has long-context rates, every token of
 * the request, output included, is billed at them. Fast mode multiplies the whole cost.
 */
export function costOfRequest(tokens: TokenCounts, price: ModelPrice, fast: boolean): number {
  const rates =
    price.above200k !== undefined && promptTokens(tokens) > LONG_CONTEXT_THRESHOLD
      ? price.above200k
      : price;
  const cost =
    tokens.inputTokens * rates.input +
    tokens.outputTokens * rates.output +
    tokens.cacheWrite5mTokens * rates.cacheWrite5m +
    tokens.cacheWrite1hTokens * rates.cacheWrite1h +
    tokens.cacheReadTokens * rates.cacheRead;
  return fast && price.fastMultiplier !== undefined ? cost * price.fastMultiplier : cost;
}
