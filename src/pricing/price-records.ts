import type { PricedRecord, UsageRecord } from '../types.js';
import type { PriceBook } from './book.js';

/**
 * Where a request's cost comes from, as ccusage defines the modes: `calculate` prices the
 * tokens; `display` uses the `costUSD` old Claude Code versions logged; `auto` uses `costUSD`
 * where a line has it and prices the tokens elsewhere.
 */
export const COST_MODES = ['calculate', 'auto', 'display'] as const;
export type CostMode = (typeof COST_MODES)[number];

/** Prices each record; a request without a cost gets null and the reason, never a silent $0. */
export function priceRecords(
  records: UsageRecord[],
  book: PriceBook,
  mode: CostMode,
): PricedRecord[] {
  return records.map((record) => {
    if (mode !== 'calculate' && record.loggedCostUSD !== null) {
      return { ...record, cost: record.loggedCostUSD, unpriced: null };
    }
    if (mode === 'display')
      return { ...record, cost: null, unpriced: 'no costUSD logged; --mode display' };
    const { cost, reason } = book.costOf(record.model, record, record.fast, record.timestamp);
    return { ...record, cost, unpriced: reason };
  });
}
