import type { PricedRecord, UsageRecord } from '../types.js';
import { costOfRequest } from './cost.js';
import type { ModelMatcher } from './match.js';

/** Prices each record; a model without a known price gets a null cost, never a silent $0. */
export function priceRecords(records: UsageRecord[], matcher: ModelMatcher): PricedRecord[] {
  return records.map((record) => {
    const match = matcher.match(record.model);
    return {
      ...record,
      cost: match === null ? null : costOfRequest(record, match.price, record.fast),
    };
  });
}
