import { existsSync, readlinkSync } from 'node:fs';
import { UTC_NAMES, ZonedCalendar } from '../report/calendar.js';

/** An IANA zone's name: `Europe/Berlin`, `America/Argentina/Salta`, `EST5EDT`, `Etc/GMT+5`. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const ZONEINFO = '/usr/share/zoneinfo';

export interface SystemZone {
  env: NodeJS.ProcessEnv;
  /** Where /etc/localtime links to (throws where it is no link). */
  localtime: () => string;
  /** Whether the system has a zone file of that path. */
  exists: (file: string) => boolean;
}

const THIS_SYSTEM: SystemZone = {
  env: process.env,
  localtime: () => readlinkSync('/etc/localtime'),
  exists: existsSync,
};

/**
 * The name of the zone this process runs in, as the system gives it, where it gives one
 * without Intl (whose first use costs 20-25 ms, a fifth of a report from the ledger): `TZ`
 * when it names a zone file of the system (a leading `:` aside), else, without `TZ`, the zone
 * file /etc/localtime links to, where ICU looks too (Linux, macOS). Every name of UTC is
 * `UTC`, as Intl says. Else null: Intl's to say (a rule like `CET-1CEST`, Windows, a system
 * without zone files). The name is the system's, not ICU's canonical one: `Asia/Kolkata`,
 * which Intl calls `Asia/Calcutta`, as `--timezone Asia/Kolkata` shows it.
 */
export function systemZoneName(system: SystemZone = THIS_SYSTEM): string | null {
  const tz = system.env.TZ;
  if (tz !== undefined) {
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    if (UTC_NAMES.has(name)) return 'UTC';
    return ZONE_NAME.test(name) && system.exists(`${ZONEINFO}/${name}`) ? name : null;
  }
  let target: string;
  try {
    target = system.localtime();
  } catch {
    return null;
  }
  const at = target.lastIndexOf('/zoneinfo/');
  if (at === -1) return null;
  const name = target.slice(at + '/zoneinfo/'.length);
  if (UTC_NAMES.has(name)) return 'UTC';
  // posix/ and right/ hold the same zones under other rules for leap seconds.
  return ZONE_NAME.test(name) && !/^(posix|right)\//.test(name) ? name : null;
}

/** The system zone as Intl names it; one Intl does not know is UTC, said once on stderr. */
function intlZoneName(): string {
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
 * The zone a run's days are in: `--timezone`, else the system's. A system zone this Node does
 * not know (\`TZ=garbage\` makes Intl answer undefined) is UTC, said once on stderr.
 */
export function timeZoneOf(option: string | undefined): string {
  return option ?? systemZoneName() ?? intlZoneName();
}

/**
 * The calendar of `--timezone`, else of the zone this process runs in, which `Date` knows
 * without Intl: its offsets from `Date`, its name from the system (`systemZoneName`) or, when
 * a report shows it and the system does not say, from Intl.
 */
export function calendarOf(option: string | undefined): ZonedCalendar {
  if (option !== undefined) return new ZonedCalendar(option);
  const named = systemZoneName();
  if (named === 'UTC') return new ZonedCalendar('UTC');
  return new ZonedCalendar({ nameOf: () => named ?? intlZoneName() });
}
