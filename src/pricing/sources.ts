import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mergeLiteLlm } from './merge.js';
import shipped from './prices.json' with { type: 'json' };
import type { PriceTableFile } from './table.js';

/** Where the prices in use came from. */
export interface PriceTable extends PriceTableFile {
  /** `cache`: LiteLLM's models from `usage pricing update` merged into the shipped table. */
  origin: 'snapshot' | 'cache';
  /** The cache file, when its models were merged in. */
  file: string | null;
}

/**
 * The price table shipped inside the package: reports never fetch anything. It is built by
 * `scripts/build-prices.mjs` and checked against its schema and its sources by the tests, so
 * it is not checked again at every start (zod alone takes a tenth of a second to load).
 */
export function shippedPrices(): PriceTableFile {
  return shipped as PriceTableFile;
}

/** The file `usage pricing update` writes, in the user's cache folder. */
export function cachedPricesFile(cacheFolder: string): string {
  return path.join(cacheFolder, 'prices.json');
}

export interface CachedPrices {
  table: PriceTableFile | null;
  /** Why a cache file that exists could not be used. */
  problem: string | null;
}

/** Reads the cached prices; a missing file is no problem, a damaged one is reported. */
export async function readCachedPrices(file: string): Promise<CachedPrices> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { table: null, problem: null };
    return { table: null, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    const { PriceTableSchema } = await import('./table.js');
    return { table: PriceTableSchema.parse(JSON.parse(text)), problem: null };
  } catch {
    return {
      table: null,
      problem: `${file} is damaged or from an older version; run usage pricing update to replace it`,
    };
  }
}

/**
 * The shipped table, with the cached LiteLLM models merged in when they were retrieved after
 * the table was built. The cache can add models and spellings; Anthropic's dated periods always
 * come from the package, so an update never overwrites them and a newer package's dates win.
 */
export function priceTable(
  table: PriceTableFile,
  cached: PriceTableFile | null,
  cacheFile: string,
): PriceTable {
  if (cached !== null && Date.parse(cached.retrievedAt) > Date.parse(table.retrievedAt)) {
    return {
      source: `${table.source}; ${cached.source}`,
      retrievedAt: cached.retrievedAt,
      models: mergeLiteLlm(table.models, cached.models),
      origin: 'cache',
      file: cacheFile,
    };
  }
  return { ...table, origin: 'snapshot', file: null };
}
