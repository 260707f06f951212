import { ExitCode, UsageError } from '../errors.js';
import { addDays, type Day, parseDay } from './calendar.js';

/** How many calendar days a range covers, both ends included. */
export function daysIn(range: { since: Day; until: Day }): number {
  return Math.round((Date.parse(range.until) - Date.parse(range.since)) / 86_400_000) + 1;
}

/** The days a report covers, both ends included. */
export interface DayRange {
  since: Day;
  until: Day;
  /** List days without usage as zero rows (true for a chosen range, false for `--all`). */
  fillEmptyDays: boolean;
}

export interface RangeRequest {
  since?: string | undefined;
  until?: string | undefined;
  all?: boolean | undefined;
}

/** Days in the default window: today and the six before it. */
export const DEFAULT_WINDOW_DAYS = 7;

export const DAY_FORMS =
  'YYYY-MM-DD, YYYYMMDD, today, yesterday, or Nd (the first of the last N days: 7d is 6 days ago)';

/** Reads one `--since`/`--until` value relative to `today` (in the report's time zone). */
export function parseDayArgument(flag: string, value: string, today: Day): Day {
  const text = value.trim().toLowerCase();
  if (text === 'today') return today;
  if (text === 'yesterday') return addDays(today, -1);
  // `--since 7d` is the last 7 days, today included: the same days as the default range.
  const last = /^(\d{1,5})d$/.exec(text);
  if (last !== null && Number(last[1]) >= 1) return addDays(today, 1 - Number(last[1]));
  const day = parseDay(text);
  if (day !== null) return day;
  throw new UsageError(`${flag}: '${value}' is not a date; use ${DAY_FORMS}`, ExitCode.usage);
}

/**
 * The range to report. Default: the report's own window ending today (7 days unless it says
 * otherwise). `--since` alone runs to today; `--until` alone is the window ending then; `--all`
 * spans the days that have usage.
 */
export function resolveRange(
  request: RangeRequest,
  today: Day,
  usageDays: { first: Day; last: Day } | null,
  defaultSince: (until: Day) => Day = (until) => addDays(until, -(DEFAULT_WINDOW_DAYS - 1)),
): DayRange {
  if (request.all) {
    if (request.since !== undefined || request.until !== undefined) {
      throw new UsageError('--all cannot be combined with --since or --until', ExitCode.usage);
    }
    return {
      since: usageDays?.first ?? today,
      until: usageDays?.last ?? today,
      fillEmptyDays: false,
    };
  }
  const until =
    request.until === undefined ? today : parseDayArgument('--until', request.until, today);
  const since =
    request.since === undefined
      ? defaultSince(until)
      : parseDayArgument('--since', request.since, today);
  if (since > until) {
    throw new UsageError(`--since (${since}) is after --until (${until})`, ExitCode.usage);
  }
  return { since, until, fillEmptyDays: true };
}
