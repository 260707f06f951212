import os from 'node:os';
import { loadConfig } from '../config/config.js';
import { cacheDir, defaultConfigFile } from '../config/paths.js';
import { PriceBook } from '../pricing/book.js';
import {
  cachedPricesFile,
  priceTable,
  readCachedPrices,
  shippedPrices,
} from '../pricing/sources.js';
import { warn } from './context.js';

/**
 * The price book for this run: config overrides and aliases over the shipped table, with the
 * models of the user's cached update merged in. A damaged cache is reported and passed over.
 */
export async function loadPriceBook(configOption: string | undefined): Promise<PriceBook> {
  const configFile = configOption ?? defaultConfigFile(process.env, os.homedir());
  const config = await loadConfig(configFile, configOption !== undefined);
  const cacheFile = cachedPricesFile(cacheDir(process.env, os.homedir()));
  const cached = await readCachedPrices(cacheFile);
  if (cached.problem !== null) warn(cached.problem);
  return new PriceBook(priceTable(shippedPrices(), cached.table, cacheFile), config, configFile);
}
