import { canonicalModelId, shortModelName, withoutDateSuffix } from '../pricing/match.js';
import type { PricedRecord } from '../types.js';
import type { ZonedCalendar } from './calendar.js';
import type { DayRange } from './range.js';

/** Whether a model id is the one a user named: the id, its plain form, or its short name. */
export function isModel(model: string, name: string): boolean {
  const wanted = name.toLowerCase();
  const canonical = canonicalModelId(model);
  return (
    model === name ||
    canonical === wanted ||
    withoutDateSuffix(canonical) === wanted ||
    shortModelName(model) === wanted
  );
}

/** The records of the model asked for (all of them when none is). */
export function ofModel<T extends Pick<PricedRecord, 'model'>>(
  records: T[],
  model: string | undefined,
): T[] {
  return model === undefined ? records : records.filter((record) => isModel(record.model, model));
}

export interface Selection {
  calendar: ZonedCalendar;
  range: DayRange;
  model?: string | undefined;
}

/** Whether every record's local day is in the range: the earliest's and the latest's are. */
function allWithin(
  records: Pick<PricedRecord, 'timestamp'>[],
  calendar: ZonedCalendar,
  range: DayRange,
): boolean {
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const { timestamp } of records) {
    if (Number.isNaN(timestamp)) return false; // the filter says what to do with it
    if (timestamp < earliest) earliest = timestamp;
    if (timestamp > latest) latest = timestamp;
  }
  if (records.length === 0) return true;
  return calendar.dayOf(earliest) >= range.since && calendar.dayOf(latest) <= range.until;
}

/**
 * The records a report covers: those whose local day is in the range (and of the model asked
 * for). Every report groups the same selection, so every report adds up to the same totals.
 */
export function selectRecords<T extends Pick<PricedRecord, 'timestamp' | 'model'>>(
  records: T[],
  { calendar, range, model }: Selection,
): T[] {
  // A report of every day (`--all`, the dashboard's whole history) takes them all: the local
  // day of each of 70,000 records was worked out here and again by the report.
  if (model === undefined && allWithin(records, calendar, range)) return [...records];
  return records.filter((record) => {
    const day = calendar.dayOf(record.timestamp);
    if (day < range.since || day > range.until) return false;
    return model === undefined || isModel(record.model, model);
  });
}
