import type { PriceBook } from '../pricing/book.js';
import { loadPriceBook as loadBook } from '../pricing/load.js';
import { warn } from './context.js';
import { processEnvironment } from './environment.js';

/** The price book of this process's run, warnings on stderr. */
export function loadPriceBook(configOption: string | undefined): Promise<PriceBook> {
  return loadBook(configOption, processEnvironment(), warn);
}
