import type { PricedRecord } from '../types.js';
import { type Day, daysBetween, type ZonedCalendar } from './calendar.js';
import type { DayRange } from './range.js';
import { addRecord, emptyRollup, type Rollup, RollupsByName } from './rollup.js';

export type NamedRollup = Rollup & { name: string };

export interface DayRollup extends Rollup {
  date: Day;
  /** One rollup per model used that day, most expensive first. */
  models: NamedRollup[];
}

export interface DailyReport {
  range: DayRange;
  timeZone: string;
  days: DayRollup[];
  totals: Rollup;
  /** Per model over the whole range. */
  models: NamedRollup[];
}

/** The first and last local day with usage; records come oldest first. */
export function usageDaySpan(
  records: PricedRecord[],
  calendar: ZonedCalendar,
): { first: Day; last: Day } | null {
  const first = records[0];
  const last = records[records.length - 1];
  if (first === undefined || last === undefined) return null;
  return { first: calendar.dayOf(first.timestamp), last: calendar.dayOf(last.timestamp) };
}

/**
 * Sums records by local day within the range. Days without usage appear as zero rows when the
 * range asks for it, so a week reads at a glance.
 */
export function rollupByDay(
  records: PricedRecord[],
  calendar: ZonedCalendar,
  range: DayRange,
): DailyReport {
  const byDay = new Map<Day, { totals: Rollup; models: RollupsByName }>();
  const totals = emptyRollup();
  const models = new RollupsByName();

  for (const record of records) {
    const day = calendar.dayOf(record.timestamp);
    if (day < range.since || day > range.until) continue;
    let entry = byDay.get(day);
    if (entry === undefined) {
      entry = { totals: emptyRollup(), models: new RollupsByName() };
      byDay.set(day, entry);
    }
    addRecord(entry.totals, record);
    entry.models.add(record.model, record);
    addRecord(totals, record);
    models.add(record.model, record);
  }

  const dates = range.fillEmptyDays
    ? daysBetween(range.since, range.until)
    : [...byDay.keys()].sort();
  const days = dates.map((date) => {
    const entry = byDay.get(date);
    return { date, ...(entry?.totals ?? emptyRollup()), models: entry?.models.list() ?? [] };
  });
  return { range, timeZone: calendar.timeZone, days, totals, models: models.list() };
}
