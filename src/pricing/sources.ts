import { readFile } from 'node:fs/promises';
import path from 'node:path';
import shipped from './prices.json' with { type: 'json' };
import type { PriceSnapshot } from './snapshot.js';

/** Where the prices in use came from. */
export interface PriceTable extends PriceSnapshot {
  origin: 'snapshot' | 'cache';
  /** The cache file, when the prices came from it. */
  file: string | null;
}

/**
 * The price snapshot shipped inside the package: reports never fetch anything. It is written
 * by our own script and checked against its schema by the tests, so it is not checked again at
 * every start (zod alone takes a tenth of a second to load).
 */
export function shippedPrices(): PriceSnapshot {
  return shipped as PriceSnapshot;
}

/** The file `usage pricing update` writes, in the user's cache folder. */
export function cachedPricesFile(cacheFolder: string): string {
  return path.join(cacheFolder, 'prices.json');
}

export interface CachedPrices {
  snapshot: PriceSnapshot | null;
  /** Why a cache file that exists could not be used. */
  problem: string | null;
}

/** Reads the cached prices; a missing file is no problem, a damaged one is reported. */
export async function readCachedPrices(file: string): Promise<CachedPrices> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { snapshot: null, problem: null };
    return { snapshot: null, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    const { PriceSnapshotSchema } = await import('./snapshot.js');
    return { snapshot: PriceSnapshotSchema.parse(JSON.parse(text)), problem: null };
  } catch {
    return {
      snapshot: null,
      problem: `${file} is damaged; run usage pricing update to replace it`,
    };
  }
}

/** The newer of the shipped snapshot and the cached prices, by the time each was retrieved. */
export function newerTable(
  snapshot: PriceSnapshot,
  cached: PriceSnapshot | null,
  cacheFile: string,
): PriceTable {
  if (cached !== null && Date.parse(cached.retrievedAt) > Date.parse(snapshot.retrievedAt)) {
    return { ...cached, origin: 'cache', file: cacheFile };
  }
  return { ...snapshot, origin: 'snapshot', file: null };
}
