import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarOf, systemZoneName } from '../../src/cli/zone.js';
import { ZonedCalendar } from '../../src/report/calendar.js';

const linkTo = (target: string) => () => target;
const noLink = () => {
  throw Object.assign(new Error('EINVAL'), { code: 'EINVAL' });
};
const zoneFiles = new Set(['/usr/share/zoneinfo/Europe/Berlin', '/usr/share/zoneinfo/EST5EDT']);
const system = (env: NodeJS.ProcessEnv, localtime: () => string = noLink) => ({
  env,
  localtime,
  exists: (file: string) => zoneFiles.has(file),
});

describe('systemZoneName', () => {
  it('takes TZ when it names a zone file of the system, whatever /etc/localtime says', () => {
    const utcLink = linkTo('/usr/share/zoneinfo/Etc/UTC');
    expect(systemZoneName(system({ TZ: 'Europe/Berlin' }, utcLink))).toBe('Europe/Berlin');
    expect(systemZoneName(system({ TZ: ':Europe/Berlin' }))).toBe('Europe/Berlin');
    expect(systemZoneName(system({ TZ: 'EST5EDT' }))).toBe('EST5EDT');
    expect(systemZoneName(system({ TZ: 'Etc/UTC' }))).toBe('UTC');
    expect(systemZoneName(system({ TZ: 'UTC' }))).toBe('UTC');
    // Intl's to say: a zone without a file here, a rule, garbage, a path, an empty TZ.
    for (const tz of ['Asia/Tokyo', 'CET-1CEST,M3.5.0,M10.5.0/3', 'garbage', '../etc/passwd', '']) {
      expect(systemZoneName(system({ TZ: tz }, utcLink)), tz).toBeNull();
    }
  });

  it('reads where /etc/localtime links without TZ (Linux, macOS)', () => {
    const named = (target: string) => systemZoneName(system({}, linkTo(target)));
    expect(named('/usr/share/zoneinfo/Europe/Berlin')).toBe('Europe/Berlin');
    expect(named('../usr/share/zoneinfo/America/Argentina/Salta')).toBe('America/Argentina/Salta');
    expect(named('/var/db/timezone/zoneinfo/Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(named('/usr/share/zoneinfo/Etc/UTC')).toBe('UTC');
    // Leap-second and POSIX variants, and links elsewhere, are Intl's to name.
    expect(named('/usr/share/zoneinfo/right/Europe/Berlin')).toBeNull();
    expect(named('/usr/share/zoneinfo/posix/Etc/UTC')).toBeNull();
    expect(named('/etc/mytime')).toBeNull();
    expect(systemZoneName(system({}, noLink))).toBeNull();
  });
});

describe("the calendar of this process's zone", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  // Every quarter hour of days around each zone's changes in 2026, and noon of every day.
  const instants: number[] = [];
  for (let day = 0; day < 365; day++) instants.push(Date.UTC(2026, 0, 1 + day, 12));
  for (const [month, date] of [
    [2, 8],
    [2, 29],
    [3, 5],
    [8, 6],
    [9, 4],
    [9, 25],
    [10, 1],
  ] as const) {
    const from = Date.UTC(2026, month, date - 1);
    for (let at = from; at < from + 3 * 86_400_000; at += 15 * 60_000) instants.push(at);
  }

  it.each([
    'Europe/Berlin',
    'America/New_York',
    'America/Santiago',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ])('gives the days, hours and offsets of %s by name', (zone) => {
    process.env.TZ = zone;
    const here = calendarOf(undefined);
    const named = new ZonedCalendar(zone);
    for (const at of instants) {
      expect(here.offsetMinutes(at)).toBe(named.offsetMinutes(at));
      expect(here.dayOf(at)).toBe(named.dayOf(at));
      expect(here.hourKeyOf(at)).toBe(named.hourKeyOf(at));
    }
    expect(here.startOf('2026-10-25')).toBe(named.startOf('2026-10-25'));
    // Named as the system names it, or where it has no zone files as Intl does (Asia/Kathmandu
    // is Asia/Katmandu to ICU).
    expect(here.timeZone).toBe(
      existsSync(`/usr/share/zoneinfo/${zone}`)
        ? zone
        : Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
  });

  it('asks for its name only when shown, once', () => {
    let asked = 0;
    const here = new ZonedCalendar({
      nameOf: () => {
        asked++;
        return 'Somewhere/Else';
      },
    });
    here.dayOf(Date.UTC(2026, 5, 1));
    expect(asked).toBe(0);
    expect(here.timeZone).toBe('Somewhere/Else');
    expect(here.timeZone).toBe('Somewhere/Else');
    expect(asked).toBe(1);
  });

  it('is the UTC calendar when TZ names UTC, and --timezone wins over TZ', () => {
    process.env.TZ = 'Etc/UTC';
    expect(calendarOf(undefined).timeZone).toBe('UTC');
    process.env.TZ = 'Europe/Berlin';
    expect(calendarOf('Asia/Tokyo').timeZone).toBe('Asia/Tokyo');
    expect(calendarOf('Asia/Tokyo').dayOf(Date.UTC(2026, 5, 1, 16))).toBe('2026-06-02');
  });
});
