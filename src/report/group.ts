import type { PricedRecord } from '../types.js';
import { addRecord, emptyRollup, type Rollup, RollupsByName } from './rollup.js';

export type NamedRollup = Rollup & { name: string };

/** The records that share a key: their sums, their models, and when they began and ended. */
export interface Group extends Rollup {
  key: string;
  /** One rollup per model, most expensive first. */
  models: NamedRollup[];
  /** First and last request, milliseconds since the epoch. */
  first: number;
  last: number;
}

/** The one aggregator every report uses: records summed by a key, in key order. */
export function groupRecords(
  records: PricedRecord[],
  keyOf: (record: PricedRecord) => string,
): Group[] {
  const groups = new Map<
    string,
    { totals: Rollup; models: RollupsByName; first: number; last: number }
  >();
  for (const record of records) {
    const key = keyOf(record);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        totals: emptyRollup(),
        models: new RollupsByName(),
        first: record.timestamp,
        last: record.timestamp,
      };
      groups.set(key, group);
    }
    addRecord(group.totals, record);
    group.models.add(record.model, record);
    group.first = Math.min(group.first, record.timestamp);
    group.last = Math.max(group.last, record.timestamp);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => ({
      key,
      ...group.totals,
      models: group.models.list(),
      first: group.first,
      last: group.last,
    }));
}

/** The sum of all records. */
export function totalOf(records: PricedRecord[]): Rollup {
  const total = emptyRollup();
  for (const record of records) addRecord(total, record);
  return total;
}
