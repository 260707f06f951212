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

/**
 * The records a report covers: those whose local day is in the range (and of the model asked
 * for). Every report groups the same selection, so every report adds up to the same totals.
 */
export function selectRecords<T extends Pick<PricedRecord, 'timestamp' | 'model'>>(
  records: T[],
  { calendar, range, model }: Selection,
): T[] {
  return records.filter((record) => {
    const day = calendar.dayOf(record.timestamp);
    if (day < range.since || day > range.until) return false;
    return model === undefined || isModel(record.model, model);
  });
}
