import { ExitCode, UsageError } from '../errors.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { diffPrices, type PriceDiff } from './diff.js';
import { DEFAULT_FETCH_LIMITS, type FetchLimits, fetchJson } from './fetch.js';
import { buildPriceSnapshot, type PriceSnapshot } from './snapshot.js';

export interface PriceUpdate {
  snapshot: PriceSnapshot;
  diff: PriceDiff;
}

/**
 * Fetches LiteLLM's table, keeps its Claude prices in the user's cache (where later runs
 * prefer them to the older shipped snapshot) and says what changed against `current`.
 */
export async function updateCachedPrices(options: {
  url: string;
  cacheFile: string;
  current: PriceSnapshot;
  now: Date;
  limits?: FetchLimits;
}): Promise<PriceUpdate> {
  const table = await fetchJson(options.url, options.limits ?? DEFAULT_FETCH_LIMITS);
  let snapshot: PriceSnapshot;
  try {
    snapshot = buildPriceSnapshot(table, options.url, options.now.toISOString());
  } catch {
    throw new UsageError(`${options.url} is not a LiteLLM price table`, ExitCode.failure);
  }
  if (Object.keys(snapshot.models).length === 0) {
    throw new UsageError(
      `${options.url} has no Claude prices; kept the current ones`,
      ExitCode.failure,
    );
  }
  await writeFileAtomic(options.cacheFile, `${JSON.stringify(snapshot, null, 1)}\n`);
  return { snapshot, diff: diffPrices(options.current.models, snapshot.models) };
}
