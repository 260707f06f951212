import type { PricedRecord } from '../types.js';
import { addDays, type Day, daysInMonth, formatOffset, type ZonedCalendar } from './calendar.js';
import { groupRecords, type NamedRollup, totalOf } from './group.js';
import { type ProjectRow, projectRows } from './projects.js';
import { cacheWriteTokens, emptyRollup, type Rollup, totalTokens } from './rollup.js';
import { type SessionRow, sessionRows } from './sessions.js';

export interface HourSlot extends Rollup {
  /** The instant the hour starts. */
  start: number;
  /** `14:00`, or `02:00 (+02:00)` where the clocks go back and the hour comes twice. */
  label: string;
}

/**
 * The month of the day. For the current month, an estimate as of today; for a month that is
 * over, what it actually cost.
 */
export interface MonthProjection {
  /** Cost from the 1st of the month to today (a past month: to its last day), included. */
  monthToDate: number;
  /** Average daily cost over the 7 days ending today (a past month: on its last day). */
  trailingDailyAverage: number;
  /** Days of the month after today (a past month: 0). */
  daysLeft: number;
  /** monthToDate + trailingDailyAverage × daysLeft: an estimate, or a past month's total. */
  estimate: number;
  /** False for a month that is over: `estimate` is then what it cost. */
  isEstimate: boolean;
}

export interface DayDetail {
  date: Day;
  timeZone: string;
  totals: Rollup;
  sessions: number;
  models: (NamedRollup & { share: number })[];
  /** Cache reads / (cache reads + input + cache writes); null without any prompt tokens. */
  cacheHitRate: number | null;
  hours: HourSlot[];
  /** The hour that cost most (by tokens when nothing had a price); null on an empty day. */
  peakHour: HourSlot | null;
  projects: ProjectRow[];
  /** The five most expensive sessions of the day. */
  topSessions: SessionRow[];
  projection: MonthProjection;
}

export function cacheHitRate(rollup: Rollup): number | null {
  const prompt = rollup.cacheReadTokens + rollup.inputTokens + cacheWriteTokens(rollup);
  return prompt === 0 ? null : rollup.cacheReadTokens / prompt;
}

function hourSlots(records: PricedRecord[], day: Day, calendar: ZonedCalendar): HourSlot[] {
  const starts = calendar.hoursOf(day);
  const slots = starts.map((start) => ({ start, label: '', ...emptyRollup() }));
  const byKey = new Map(
    groupRecords(records, (record) => calendar.hourKeyOf(record.timestamp)).map((group) => [
      group.key,
      group,
    ]),
  );
  const seen = new Map<string, number>();
  for (const slot of slots) {
    const hour = String(calendar.hourOf(slot.start)).padStart(2, '0');
    seen.set(hour, (seen.get(hour) ?? 0) + 1);
    const group = byKey.get(calendar.hourKeyOf(slot.start));
    if (group !== undefined) {
      const { key: _k, models: _m, first: _f, last: _l, ...rollup } = group;
      Object.assign(slot, rollup);
    }
  }
  for (const slot of slots) {
    const hour = String(calendar.hourOf(slot.start)).padStart(2, '0');
    const repeated = (seen.get(hour) ?? 0) > 1;
    slot.label = repeated
      ? `${hour}:00 (${formatOffset(calendar.offsetMinutes(slot.start))})`
      : `${hour}:00`;
  }
  return slots;
}

function costOfDays(
  records: PricedRecord[],
  calendar: ZonedCalendar,
  since: Day,
  until: Day,
): number {
  let cost = 0;
  for (const record of records) {
    const day = calendar.dayOf(record.timestamp);
    if (day >= since && day <= until) cost += record.cost ?? 0;
  }
  return cost;
}

/** The first day of the records `dayDetail` needs: its month, and the 7 days before today. */
export function dayDetailSince(day: Day, today: Day): Day {
  const monthStart = `${day.slice(0, 8)}01`;
  const weekBefore = addDays(today, -6);
  return monthStart < weekBefore ? monthStart : weekBefore;
}

/** The month of `day` as of `today`: an estimate while it runs, its total once it is over. */
function monthProjection(
  records: PricedRecord[],
  day: Day,
  today: Day,
  calendar: ZonedCalendar,
): MonthProjection {
  const monthStart = `${day.slice(0, 8)}01`;
  const over = day.slice(0, 7) < today.slice(0, 7);
  const asOf = over ? `${day.slice(0, 8)}${String(daysInMonth(day)).padStart(2, '0')}` : today;
  const monthToDate = costOfDays(records, calendar, monthStart, asOf);
  const trailingDailyAverage = costOfDays(records, calendar, addDays(asOf, -6), asOf) / 7;
  const daysLeft = over ? 0 : daysInMonth(today) - Number(today.slice(8, 10));
  return {
    monthToDate,
    trailingDailyAverage,
    daysLeft,
    estimate: monthToDate + trailingDailyAverage * daysLeft,
    isEstimate: !over,
  };
}

/**
 * One day in detail. `records` must hold at least those from `dayDetailSince` to today, for
 * the month; everything else is computed from the day's own records.
 */
export function dayDetail(
  records: PricedRecord[],
  day: Day,
  today: Day,
  calendar: ZonedCalendar,
): DayDetail {
  const ofDay = records.filter((record) => calendar.dayOf(record.timestamp) === day);
  const totals = totalOf(ofDay);
  const models = groupRecords(ofDay, (record) => record.model)
    .map(({ key, first: _f, last: _l, models: _m, ...rollup }) => ({
      name: key,
      ...rollup,
      share: totals.cost > 0 ? rollup.cost / totals.cost : 0,
    }))
    .sort((a, b) => b.cost - a.cost || totalTokens(b) - totalTokens(a));
  const hours = hourSlots(ofDay, day, calendar);
  const weight = (slot: HourSlot) => (totals.cost > 0 ? slot.cost : totalTokens(slot));
  const peakHour = hours.reduce<HourSlot | null>(
    (best, slot) =>
      weight(slot) > 0 && (best === null || weight(slot) > weight(best)) ? slot : best,
    null,
  );
  const sessions = sessionRows(ofDay, 'cost');
  return {
    date: day,
    timeZone: calendar.timeZone,
    totals,
    sessions: sessions.length,
    models,
    cacheHitRate: cacheHitRate(totals),
    hours,
    peakHour,
    projects: projectRows(ofDay),
    topSessions: sessions.slice(0, 5),
    projection: monthProjection(records, day, today, calendar),
  };
}
