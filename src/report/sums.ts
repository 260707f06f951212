import { emptySum, type PricedRecord } from '../types.js';
import type { ZonedCalendar } from './calendar.js';

/**
 * Every time zone's offset from UTC is a whole number of quarter hours, so the requests of one
 * quarter hour (UTC) fall on one day, week and month in any zone.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** A sum of no request yet, priced or not as `record` is. */
function sumStarting(record: PricedRecord): PricedRecord {
  const sum = emptySum(record.model, record.timestamp);
  sum.cost = record.cost === null ? null : 0;
  sum.unpriced = record.unpriced;
  return sum;
}

function addInto(sum: PricedRecord, record: PricedRecord): void {
  sum.timestamp = Math.min(sum.timestamp, record.timestamp);
  sum.requests += record.requests;
  sum.inputTokens += record.inputTokens;
  sum.outputTokens += record.outputTokens;
  sum.cacheWrite5mTokens += record.cacheWrite5mTokens;
  sum.cacheWrite1hTokens += record.cacheWrite1hTokens;
  sum.cacheReadTokens += record.cacheReadTokens;
  sum.webSearchRequests += record.webSearchRequests;
  if (sum.cost !== null) sum.cost += record.cost ?? 0;
  sum.inputCost += record.inputCost;
  sum.outputCost += record.outputCost;
  sum.cacheWrite5mCost += record.cacheWrite5mCost;
  sum.cacheWrite1hCost += record.cacheWrite1hCost;
  sum.cacheReadCost += record.cacheReadCost;
  sum.webSearchCost += record.webSearchCost;
  sum.loggedCost += record.loggedCost;
}

/** Records summed by `bucketOf` their time, model and reason for having no price. */
function sumBy(
  records: PricedRecord[],
  bucketOf: (timestamp: number) => number | string,
): PricedRecord[] {
  const sums = new Map<string, PricedRecord>();
  for (const record of records) {
    const priced = record.cost === null ? 'unpriced' : 'priced';
    const key = `${bucketOf(record.timestamp)}\n${record.model}\n${priced}\n${record.unpriced ?? ''}`;
    let sum = sums.get(key);
    if (sum === undefined) {
      sum = sumStarting(record);
      sums.set(key, sum);
    }
    addInto(sum, record);
  }
  return [...sums.values()];
}

/**
 * Priced records summed by quarter hour (UTC), model and reason for having no price: what the
 * reports of sums by day, week, month or model need, in a fraction of the records (70,000
 * responses of 1 GiB make about 5,400). Each stands for `requests` records, at the time of the
 * first of them; it has no key, session, project or file. Priced and unpriced records never
 * share one, nor do records unpriced for different reasons.
 */
export function sumRecords(records: PricedRecord[]): PricedRecord[] {
  return sumBy(records, (timestamp) => Math.floor(timestamp / QUARTER_HOUR_MS));
}

/**
 * Sums of quarter hours (`sumRecords`) summed again by day of `calendar`'s zone: a quarter hour
 * lies within one day of any zone, so these give the reports of sums in that zone what the
 * records give, from fewer still (1 GiB: 451 days of a model against 5,376 quarter hours).
 */
export function sumByDay(sums: PricedRecord[], calendar: ZonedCalendar): PricedRecord[] {
  return sumBy(sums, (timestamp) => calendar.dayOf(timestamp));
}
