import { tzOffset } from '@date-fns/tz';
import { ExitCode, UsageError } from '../errors.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Every zone changes its offset on a quarter hour, so an offset holds for a whole slot. */
const SLOT = 15 * MINUTE;

/** A calendar day, `YYYY-MM-DD`. Plain strings compare and sort in date order. */
export type Day = string;

/** Names of UTC itself: no offset ever, so no time zone data needs to be loaded for them. */
export const UTC_NAMES: ReadonlySet<string> = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'Etc/GMT',
  'GMT',
  'Etc/GMT0',
  'GMT0',
  'Etc/Greenwich',
  'Greenwich',
]);

/** Throws a usage error unless `timeZone` is an IANA zone this Node knows. */
export function assertTimeZone(timeZone: string): void {
  if (UTC_NAMES.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(
      `--timezone: unknown time zone '${timeZone}'; use an IANA name such as Europe/Berlin, America/New_York or UTC`,
      ExitCode.usage,
    );
  }
}

/** The zone this process runs in (`TZ`, else the system's), named by `nameOf`. */
export interface ThisProcessZone {
  nameOf: () => string;
}

/**
 * Local days and hours of instants in one time zone. The lookup of an offset is slow and
 * records come by the hundred thousand, so offsets are looked up once per UTC day (a zone
 * changes its offset on a few days a year), and once per quarter hour on the days it changes.
 */
export class ZonedCalendar {
  /** Per UTC day: its one offset, or null when the offset changes during it. */
  private readonly dayOffsets = new Map<number, number | null>();
  private readonly slotOffsets = new Map<number, number>();
  private readonly days = new Map<number, Day>();
  private readonly utc: boolean;
  /** Minutes to add to UTC at an instant, looked up (the slow part). */
  private readonly offsetAt: (ms: number) => number;
  private zoneName: string | undefined;
  private readonly nameOf: () => string;

  /**
   * A named zone, or the zone this process runs in: its offsets from `Date`, which keeps that
   * zone's rules (the same ICU data and zone Intl has), and its name (`nameOf`, which may need
   * Intl, whose first use costs 20-25 ms) looked up only when shown: a status line shows days
   * and times but not the zone's name.
   */
  constructor(zone: string | ThisProcessZone) {
    if (typeof zone === 'string') {
      assertTimeZone(zone);
      this.utc = UTC_NAMES.has(zone);
      this.offsetAt = (ms) => tzOffset(zone, new Date(ms));
      this.nameOf = () => zone;
    } else {
      this.utc = false;
      this.offsetAt = (ms) => -new Date(ms).getTimezoneOffset() || 0;
      this.nameOf = zone.nameOf;
    }
  }

  /** The zone's IANA name. */
  get timeZone(): string {
    this.zoneName ??= this.nameOf();
    return this.zoneName;
  }

  /** Minutes to add to UTC to get local time at that instant. */
  offsetMinutes(ms: number): number {
    if (this.utc) return 0;
    const utcDay = Math.floor(ms / DAY);
    let whole = this.dayOffsets.get(utcDay);
    if (whole === undefined) {
      // The same offset at both ends: the day has no change (none changes and back in a day).
      const start = this.offsetAt(utcDay * DAY);
      const end = this.offsetAt((utcDay + 1) * DAY - 1);
      whole = start === end ? start : null;
      this.dayOffsets.set(utcDay, whole);
    }
    if (whole !== null) return whole;
    // Every zone changes its offset on a quarter hour, so an offset holds for a whole slot.
    const slot = Math.floor(ms / SLOT);
    let offset = this.slotOffsets.get(slot);
    if (offset === undefined) {
      offset = this.offsetAt(slot * SLOT);
      this.slotOffsets.set(slot, offset);
    }
    return offset;
  }

  /** The local calendar day of an instant. */
  dayOf(ms: number): Day {
    const localDay = Math.floor((ms + this.offsetMinutes(ms) * MINUTE) / DAY);
    let day = this.days.get(localDay);
    if (day === undefined) {
      day = new Date(localDay * DAY).toISOString().slice(0, 10);
      this.days.set(localDay, day);
    }
    return day;
  }

  /** An instant in local time with its offset: `2026-11-20T14:03:11+01:00`. */
  isoOf(ms: number): string {
    const offset = this.offsetMinutes(ms);
    return `${new Date(ms + offset * MINUTE).toISOString().slice(0, 19)}${formatOffset(offset)}`;
  }

  /** An instant in local time, short: `2026-11-20 14:03`. */
  shortOf(ms: number): string {
    return this.isoOf(ms).slice(0, 16).replace('T', ' ');
  }

  /** The local hour of an instant, 0..23. */
  hourOf(ms: number): number {
    return new Date(ms + this.offsetMinutes(ms) * MINUTE).getUTCHours();
  }

  /**
   * The start of the local hour holding an instant, written with its offset
   * (`2026-10-25T02:00+02:00`), so the hour that repeats when clocks go back stays two hours.
   */
  hourKeyOf(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 13);
    return `${local}:00${formatOffset(offset)}`;
  }

  /** The instant a local day begins (its first moment, even where midnight is skipped). */
  startOf(day: Day): number {
    const midnightUtc = Date.parse(`${day}T00:00:00Z`);
    let guess = midnightUtc - this.offsetMinutes(midnightUtc) * MINUTE;
    // Two corrections settle the offset on either side of a change.
    guess = midnightUtc - this.offsetMinutes(guess) * MINUTE;
    guess = midnightUtc - this.offsetMinutes(guess) * MINUTE;
    // Where midnight itself does not exist, the day starts at the first later instant.
    while (this.dayOf(guess) < day) guess += SLOT;
    while (this.dayOf(guess - SLOT) === day) guess -= SLOT;
    return guess;
  }

  /** The start of each local hour of a day: 24, or 23 and 25 on days the clocks change. */
  hoursOf(day: Day): number[] {
    const end = this.startOf(addDays(day, 1));
    const hours: number[] = [];
    for (let at = this.startOf(day); at < end; at += 60 * MINUTE) hours.push(at);
    return hours;
  }
}

/** `+02:00`, `-05:00`, `+05:45`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export type WeekStart = 'monday' | 'sunday';

/** The first day of the week holding `day`. */
export function weekOf(day: Day, start: WeekStart): Day {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = start === 'sunday' ? weekday : (weekday + 6) % 7;
  return addDays(day, -back);
}

/** `YYYY-MM` of a day. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

/** How many days the month of `day` has. */
export function daysInMonth(day: Day): number {
  const [year, month] = day.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, month ?? 1, 0)).getUTCDate();
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

/** The first day of the month `back` months before the month of `day`. */
export function monthsBefore(day: Day, back: number): Day {
  const [year = 1970, month = 1] = day.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1 - back, 1));
  return date.toISOString().slice(0, 10);
}
