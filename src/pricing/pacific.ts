/**
 * Anthropic dates its price changes in US Pacific time: a change dated D applies to requests
 * from 00:00 Pacific on D (08:00 UTC in winter, 07:00 UTC in summer). Written out from the
 * US daylight-saving rule (since 2007: from the second Sunday of March to the first Sunday of
 * November, switching at 02:00 local) because loading time-zone data costs a start-up, and
 * only midnights are asked for, which are never inside a switch.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The day of the month of the `nth` Sunday of a month (month 0-based). */
function nthSunday(year: number, month: number, nth: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstWeekday) % 7) + (nth - 1) * 7;
}

/** Whether 00:00 Pacific on this day is daylight time (UTC-7) rather than standard (UTC-8). */
function isDaylightAtMidnight(year: number, month: number, dayOfMonth: number): boolean {
  const day = Date.UTC(year, month, dayOfMonth);
  const starts = Date.UTC(year, 2, nthSunday(year, 2, 2));
  const ends = Date.UTC(year, 10, nthSunday(year, 10, 1));
  // At midnight of the switch days the clocks have not changed yet.
  return day > starts && day <= ends;
}

/** The instant (ms since the epoch) of 00:00 US Pacific time on `YYYY-MM-DD`. */
export function pacificMidnight(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const dayOfMonth = Number(date.slice(8, 10));
  const offsetHours = isDaylightAtMidnight(year, month, dayOfMonth) ? 7 : 8;
  return Date.UTC(year, month, dayOfMonth) + offsetHours * HOUR_MS;
}

/** The US Pacific calendar day (`YYYY-MM-DD`) of an instant. */
export function pacificDay(timestamp: number): string {
  // The day is the UTC day of the instant shifted by -8 h, or -7 h when that day's
  // midnight was daylight time and the instant is past it.
  const standard = new Date(timestamp - 8 * HOUR_MS).toISOString().slice(0, 10);
  const next = new Date(Date.parse(standard) + DAY_MS).toISOString().slice(0, 10);
  return timestamp >= pacificMidnight(next) ? next : standard;
}
