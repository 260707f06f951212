import { ExitCode, UsageError } from '../errors.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { liteLlmModels } from './build.js';
import { diffTables, type TableDiff } from './diff.js';
import { DEFAULT_FETCH_LIMITS, type FetchLimits, fetchJson } from './fetch.js';
import { mergeLiteLlm } from './merge.js';
import type { PriceTableFile } from './table.js';

export interface PriceUpdate {
  /** What the cache now holds: LiteLLM's Claude models as fetched. */
  cached: PriceTableFile;
  diff: TableDiff;
}

/**
 * Fetches LiteLLM's table and keeps its Claude models in the user's cache, where later runs
 * merge them into the shipped table (new models and spellings only: Anthropic's dated periods
 * are never overwritten). Says what that adds to the `current` table.
 */
export async function updateCachedPrices(options: {
  url: string;
  cacheFile: string;
  shipped: PriceTableFile;
  /** The cache as it was: its models stay unless the fetched table has newer figures. */
  previous: PriceTableFile | null;
  current: PriceTableFile;
  now: Date;
  limits?: FetchLimits;
}): Promise<PriceUpdate> {
  const table = await fetchJson(options.url, options.limits ?? DEFAULT_FETCH_LIMITS);
  let fetched: PriceTableFile['models'];
  try {
    fetched = liteLlmModels(table);
  } catch {
    throw new UsageError(`${options.url} is not a LiteLLM price table`, ExitCode.failure);
  }
  if (Object.keys(fetched).length === 0) {
    throw new UsageError(
      `${options.url} has no Claude prices; kept the current ones`,
      ExitCode.failure,
    );
  }
  const models = { ...options.previous?.models, ...fetched };
  const cached = { source: options.url, retrievedAt: options.now.toISOString(), models };
  await writeFileAtomic(options.cacheFile, `${JSON.stringify(cached, null, 1)}\n`);
  const after = mergeLiteLlm(options.shipped.models, models);
  return { cached, diff: diffTables(options.current.models, after) };
}
