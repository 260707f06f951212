import type { PricedRecord } from '../types.js';
import { type Day, daysBetween, type ZonedCalendar } from './calendar.js';
import { type Group, groupRecords, type NamedRollup } from './group.js';
import type { DayRange } from './range.js';
import { addRollup, emptyRollup, type Rollup, RollupsByName } from './rollup.js';
import { type Selection, selectRecords } from './select.js';

export type { NamedRollup } from './group.js';

export interface DayRollup extends Rollup {
  date: Day;
  /** One rollup per model used that day, most expensive first. */
  models: NamedRollup[];
}

/** Rows of any report that sums the selected records by a key. */
export interface GroupedReport {
  range: DayRange;
  timeZone: string;
  rows: Group[];
  totals: Rollup;
  /** Per model over the whole selection, most expensive first. */
  models: NamedRollup[];
}

export interface DailyReport {
  range: DayRange;
  timeZone: string;
  days: DayRollup[];
  totals: Rollup;
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

/** Selects the records of a report, then sums them by `keyOf`. */
export function rollupBy(
  records: PricedRecord[],
  selection: Selection,
  keyOf: (record: PricedRecord) => string,
): GroupedReport {
  return rollupSelected(selectRecords(records, selection), selection, keyOf);
}

/**
 * Records already selected (`selectRecords`) summed by `keyOf`: the one rollup behind every
 * report. Commands select once and pass the selection here, rather than selecting again.
 */
export function rollupSelected(
  selected: PricedRecord[],
  selection: Selection,
  keyOf: (record: PricedRecord) => string,
): GroupedReport {
  const rows = groupRecords(selected, keyOf);
  // The totals and the models from the rows' own sums: one pass over the records, not three.
  const totals = emptyRollup();
  const models = new RollupsByName();
  for (const { key: _key, first: _first, last: _last, models: rowModels, ...rollup } of rows) {
    addRollup(totals, rollup);
    for (const { name, ...model } of rowModels) models.addRollup(name, model);
  }
  return {
    range: selection.range,
    timeZone: selection.calendar.timeZone,
    rows,
    totals,
    models: models.list(),
  };
}

/**
 * Sums records by local day within the range. Days without usage appear as zero rows when the
 * range asks for it, so a week reads at a glance.
 */
export function rollupByDay(records: PricedRecord[], selection: Selection): DailyReport {
  return dailyOfSelected(selectRecords(records, selection), selection);
}

/** `rollupByDay` of records already selected. */
export function dailyOfSelected(selected: PricedRecord[], selection: Selection): DailyReport {
  const { calendar, range } = selection;
  const report = rollupSelected(selected, selection, (record) => calendar.dayOf(record.timestamp));
  const byDay = new Map(report.rows.map((row) => [row.key, row]));
  const dates = range.fillEmptyDays ? daysBetween(range.since, range.until) : [...byDay.keys()];
  const days = dates.map((date) => {
    const row = byDay.get(date);
    if (row === undefined) return { date, ...emptyRollup(), models: [] };
    const { key: _key, first: _first, last: _last, ...rollup } = row;
    return { date, ...rollup };
  });
  return { range, timeZone: report.timeZone, days, totals: report.totals, models: report.models };
}
