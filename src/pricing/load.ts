import { loadConfig } from '../config/config.js';
import { cacheDir, defaultConfigFile } from '../config/paths.js';
import { PriceBook } from './book.js';
import { cachedPricesFile, priceTable, readCachedPrices, shippedPrices } from './sources.js';

/**
 * The price book of a run: config overrides and aliases over the shipped table, with the
 * models of the user's cached update merged in. A damaged cache is told to `onWarning` and
 * passed over.
 */
export async function loadPriceBook(
  configOption: string | undefined,
  { env, homeDir }: { env: Record<string, string | undefined>; homeDir: string },
  onWarning: (message: string) => void = () => {},
): Promise<PriceBook> {
  const configFile = configOption ?? defaultConfigFile(env, homeDir);
  const config = await loadConfig(configFile, configOption !== undefined);
  const cacheFile = cachedPricesFile(cacheDir(env, homeDir));
  const cached = await readCachedPrices(cacheFile);
  if (cached.problem !== null) onWarning(cached.problem);
  return new PriceBook(priceTable(shippedPrices(), cached.table, cacheFile), config, configFile);
}
