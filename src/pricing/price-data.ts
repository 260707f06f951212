import path from 'node:path';

/** What the shipped table says it was built from. */
export const PRICE_TABLE_SOURCE =
  "Anthropic's published prices by date (claude-prices.json) and LiteLLM's Claude entries (litellm-claude.json)";

/** The folder the price data lives in: `shared/pricing` beside the repository. */
export function priceDataDir(repo: string): string {
  return path.join(repo, '..', 'shared', 'pricing');
}
