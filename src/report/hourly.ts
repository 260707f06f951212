import type { PricedRecord } from '../types.js';
import type { ZonedCalendar } from './calendar.js';
import { type Group, groupRecords } from './group.js';
import { emptyRollup } from './rollup.js';

/** Hours with usage, in time order, keyed `2026-10-25T02:00+02:00` (the offset keeps a repeated hour apart). */
export function hourlyTimeline(selected: PricedRecord[], calendar: ZonedCalendar): Group[] {
  return groupRecords(selected, (record) => calendar.hourKeyOf(record.timestamp)).sort(
    (a, b) => a.first - b.first,
  );
}

/** The 24-hour profile: usage by local hour of day, every hour listed. */
export function hourOfDayProfile(selected: PricedRecord[], calendar: ZonedCalendar): Group[] {
  const groups = new Map(
    groupRecords(selected, (record) =>
      String(calendar.hourOf(record.timestamp)).padStart(2, '0'),
    ).map((group) => [group.key, group]),
  );
  return Array.from({ length: 24 }, (_, hour) => {
    const key = String(hour).padStart(2, '0');
    return groups.get(key) ?? { key, ...emptyRollup(), models: [], first: 0, last: 0 };
  });
}
