import { afterEach, describe, expect, it } from 'vitest';
import { calendarOf, namesUtc } from '../../src/cli/zone.js';
import { ZonedCalendar } from '../../src/report/calendar.js';

const linkTo = (target: string) => () => target;
const noLink = () => {
  throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
};

describe('namesUtc', () => {
  it('takes TZ when it is set, whatever /etc/localtime says', () => {
    expect(namesUtc({ TZ: 'UTC' }, noLink)).toBe(true);
    expect(namesUtc({ TZ: 'Etc/UTC' }, noLink)).toBe(true);
    expect(namesUtc({ TZ: 'Europe/Berlin' }, linkTo('/usr/share/zoneinfo/Etc/UTC'))).toBe(false);
    // Intl calls an empty TZ Etc/Unknown: its answer, not ours.
    expect(namesUtc({ TZ: '' }, linkTo('/usr/share/zoneinfo/Etc/UTC'))).toBe(false);
  });

  it('reads where /etc/localtime links without TZ (Linux, macOS)', () => {
    expect(namesUtc({}, linkTo('/usr/share/zoneinfo/Etc/UTC'))).toBe(true);
    expect(namesUtc({}, linkTo('/var/db/timezone/zoneinfo/UTC'))).toBe(true);
    expect(namesUtc({}, linkTo('/usr/share/zoneinfo/Europe/Berlin'))).toBe(false);
    // Leap-second and POSIX variants are Intl's to name.
    expect(namesUtc({}, linkTo('/usr/share/zoneinfo/right/UTC'))).toBe(false);
    expect(namesUtc({}, linkTo('UTC'))).toBe(false);
    expect(namesUtc({}, noLink)).toBe(false);
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
    // Named as Intl names it (Asia/Kathmandu is Asia/Katmandu to ICU).
    expect(here.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
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
