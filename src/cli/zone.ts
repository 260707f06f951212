import { readlinkSync } from 'node:fs';
import { UTC_NAMES, ZonedCalendar } from '../report/calendar.js';

/**
 * Whether the zone this process runs in is UTC, known without Intl (whose first use costs
 * 20-25 ms): `TZ` names UTC, or without `TZ`, /etc/localtime links to a UTC zone file, where
 * ICU looks next on Linux and macOS. Any other answer is Intl's to give.
 */
export function namesUtc(
  env: NodeJS.ProcessEnv = process.env,
  localtime: () => string = () => readlinkSync('/etc/localtime'),
): boolean {
  if (env.TZ !== undefined) return UTC_NAMES.has(env.TZ);
  let target: string;
  try {
    target = localtime();
  } catch {
    return false;
  }
  const at = target.lastIndexOf('/zoneinfo/');
  return at !== -1 && UTC_NAMES.has(target.slice(at + '/zoneinfo/'.length));
}

/**
 * The zone a run's days are in: `--timezone`, else the system's. A system zone this Node does
 * not know (\`TZ=garbage\` makes Intl answer undefined) is UTC, said once on stderr.
 */
export function timeZoneOf(option: string | undefined): string {
  if (option !== undefined) return option;
  // Intl names every UTC zone UTC.
  if (namesUtc()) return 'UTC';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  if (zone !== undefined && zone !== '') return zone;
  if (!warned) {
    warned = true;
    process.stderr.write(
      `usage: the system time zone (TZ=${process.env.TZ ?? ''}) is unknown; using UTC (--timezone sets one)\n`,
    );
  }
  return 'UTC';
}

let warned = false;

/**
 * The calendar of `--timezone`, else of the zone this process runs in, which `Date` knows
 * without Intl: the zone is named (by Intl) only when a report shows its name.
 */
export function calendarOf(option: string | undefined): ZonedCalendar {
  if (option !== undefined) return new ZonedCalendar(option);
  if (namesUtc()) return new ZonedCalendar('UTC');
  return new ZonedCalendar({ nameOf: () => timeZoneOf(undefined) });
}
