import { tzOffset } from '@date-fns/tz';
import { ExitCode, UsageError } from '../errors.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Every zone changes its offset on a quarter hour, so an offset holds for a whole slot. */
const SLOT = 15 * MINUTE;

/** A calendar day, `YYYY-MM-DD`. Plain strings compare and sort in date order. */
export type Day = string;

/** Throws a usage error unless `timeZone` is an IANA zone this Node knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(
      `--timezone: unknown time zone '${timeZone}'; use an IANA name such as Europe/Berlin, America/New_York or UTC`,
      ExitCode.usage,
    );
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Local days and hours of instants in one time zone. Offsets are looked up once per quarter
 * hour of time seen, because the lookup is slow and records come by the hundred thousand.
 */
export class ZonedCalendar {
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    assertTimeZone(timeZone);
  }

  /** Minutes to add to UTC to get local time at that instant. */
  offsetMinutes(ms: number): number {
    const slot = Math.floor(ms / SLOT);
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      offset = tzOffset(this.timeZone, new Date(slot * SLOT));
      this.offsets.set(slot, offset);
    }
    return offset;
  }

  /** The local calendar day of an instant. */
  dayOf(ms: number): Day {
    return new Date(ms + this.offsetMinutes(ms) * MINUTE).toISOString().slice(0, 10);
  }
}

/** Parses `YYYY-MM-DD`; null unless it is a real calendar day. */
export function parseDay(text: string): Day | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (match === null) return null;
  const [, year, month, day] = match;
  const iso = `${year}-${month}-${day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** The day `days` after `day` (before, when negative), in calendar terms. */
export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Every day from `since` to `until`, both included. */
export function daysBetween(since: Day, until: Day): Day[] {
  const days: Day[] = [];
  for (let day = since; day <= until; day = addDays(day, 1)) days.push(day);
  return days;
}
