import type { PricedRecord } from '../types.js';
import type { PriceBook } from './book.js';
import { COST_PARTS } from './cost.js';

/**
 * Where a request's cost comes from, as ccusage defines the modes: `calculate` prices the
 * tokens; `display` uses the `costUSD` old Claude Code versions logged; `auto` uses `costUSD`
 * where a line has it and prices the tokens elsewhere.
 */
export const COST_MODES = ['calculate', 'auto', 'display'] as const;
export type CostMode = (typeof COST_MODES)[number];

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
    for (const part of COST_PARTS) record[part] = 0;
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
        for (const part of COST_PARTS) record[part] = price[part];
      }
    }
  }
  return records;
}
