import type { PricedRecord } from '../types.js';
import { addDays, type Day, daysBetween, weekOf, type ZonedCalendar } from './calendar.js';
import type { DayRange } from './range.js';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export interface Trends {
  range: DayRange;
  /** Every day of the range with its cost, zero days included (the sparkline's points). */
  days: { date: Day; cost: number }[];
  averageDailyCost: number;
  /** The last 7 days of the range against the 7 before them; change is null without a before. */
  weekOverWeek: { last7Days: number; previous7Days: number; change: number | null };
  /** Per weekday, Monday first: the days of the range that fall on it, and their cost. */
  byWeekday: { weekday: (typeof WEEKDAYS)[number]; days: number; cost: number; average: number }[];
  /** The three local hours of the day with the most cost over the range, most first. */
  peakHours: { hour: number; cost: number }[];
  /** Per week (from Monday) of the range: each model's share of that week's cost. */
  modelMix: { week: Day; cost: number; models: { model: string; cost: number; share: number }[] }[];
  /** Requests without a price leave their cost out of every figure. */
  costIsPartial: boolean;
}

const weekdayOf = (day: Day) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * Figures over time for the range: `selected` are the range's records, `all` the records
 * the week-over-week comparison may reach back into (before the range starts).
 */
export function trendsOf(
  selected: PricedRecord[],
  all: PricedRecord[],
  calendar: ZonedCalendar,
  range: DayRange,
): Trends {
  const dates = daysBetween(range.since, range.until);
  const byDay = new Map(dates.map((date) => [date, 0]));
  const byHour = new Array<number>(24).fill(0);
  const weeks = new Map<Day, Map<string, number>>();
  let partial = false;
  for (const record of selected) {
    if (record.cost === null) {
      partial = true;
      continue;
    }
    const day = calendar.dayOf(record.timestamp);
    byDay.set(day, (byDay.get(day) ?? 0) + record.cost);
    const hour = calendar.hourOf(record.timestamp);
    byHour[hour] = (byHour[hour] ?? 0) + record.cost;
    const week = weekOf(day, 'monday');
    const models = weeks.get(week) ?? new Map<string, number>();
    models.set(record.model, (models.get(record.model) ?? 0) + record.cost);
    weeks.set(week, models);
  }
  const days = dates.map((date) => ({ date, cost: byDay.get(date) ?? 0 }));
  const total = days.reduce((sum, day) => sum + day.cost, 0);

  const sumDays = (from: Day, to: Day) => {
    const start = calendar.startOf(from);
    const end = calendar.startOf(addDays(to, 1));
    return all
      .filter((record) => record.timestamp >= start && record.timestamp < end)
      .reduce((sum, record) => sum + (record.cost ?? 0), 0);
  };
  const last7Days = sumDays(addDays(range.until, -6), range.until);
  const previous7Days = sumDays(addDays(range.until, -13), addDays(range.until, -7));

  const byWeekday = WEEKDAYS.map((weekday, index) => {
    const matching = days.filter((day) => weekdayOf(day.date) === index);
    const cost = matching.reduce((sum, day) => sum + day.cost, 0);
    return {
      weekday,
      days: matching.length,
      cost,
      average: matching.length > 0 ? cost / matching.length : 0,
    };
  });

  const peakHours = byHour
    .map((cost, hour) => ({ hour, cost }))
    .filter((entry) => entry.cost > 0)
    .sort((a, b) => b.cost - a.cost || a.hour - b.hour)
    .slice(0, 3);

  const modelMix = [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, models]) => {
      const cost = [...models.values()].reduce((sum, value) => sum + value, 0);
      return {
        week,
        cost,
        models: [...models.entries()]
          .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
          .map(([model, value]) => ({ model, cost: value, share: cost > 0 ? value / cost : 0 })),
      };
    });

  return {
    range,
    days,
    averageDailyCost: days.length > 0 ? total / days.length : 0,
    weekOverWeek: {
      last7Days,
      previous7Days,
      change: previous7Days > 0 ? (last7Days - previous7Days) / previous7Days : null,
    },
    byWeekday,
    peakHours,
    modelMix,
    costIsPartial: partial,
  };
}
