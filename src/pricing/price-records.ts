import type { PricedRecord } from '../types.js';
import type { PriceBook } from './book.js';

/**
 * Where a request's cost comes from, as ccusage defines the modes: `calculate` prices the
 * tokens; `display` uses the `costUSD` old Claude Code versions logged; `auto` uses `costUSD`
 * where a line has it and prices the tokens elsewhere.
 */
export const COST_MODES = ['calculate', 'auto', 'display'] as const;
export type CostMode = (typeof COST_MODES)[number];
/** The mode when none is asked for: price the tokens. */
export const DEFAULT_COST_MODE = 'calculate' satisfies CostMode;

/**
 * Fills in each record's cost, or null and the reason, never a silent $0. It sets the fields
 * on the records themselves rather than copying a million objects, and returns them.
 */
export function priceRecords(
  records: PricedRecord[],
  book: PriceBook,
  mode: CostMode,
): PricedRecord[] {
  for (const record of records) {
    // Each part written by name: a loop over the part names makes every store a lookup.
    record.inputCost = 0;
    record.outputCost = 0;
    record.cacheWrite5mCost = 0;
    record.cacheWrite1hCost = 0;
    record.cacheReadCost = 0;
    record.webSearchCost = 0;
    record.loggedCost = 0;
    record.pricePeriod = null;
    if (mode !== 'calculate' && record.loggedCostUSD !== null) {
      // A logged cost comes whole, not split by kind.
      record.cost = record.loggedCostUSD;
      record.loggedCost = record.loggedCostUSD;
      record.unpriced = null;
    } else if (mode === 'display') {
      record.cost = null;
      record.unpriced = 'no costUSD logged; --mode display';
    } else {
      const { price, period, reason } = book.costOf(record.model, record, record.timestamp);
      record.unpriced = reason;
      record.pricePeriod = period;
      if (price === null) {
        record.cost = null;
      } else {
        record.cost = price.cost;
        record.inputCost = price.inputCost;
        record.outputCost = price.outputCost;
        record.cacheWrite5mCost = price.cacheWrite5mCost;
        record.cacheWrite1hCost = price.cacheWrite1hCost;
        record.cacheReadCost = price.cacheReadCost;
        record.webSearchCost = price.webSearchCost;
        record.loggedCost = price.loggedCost;
      }
    }
  }
  return records;
}
