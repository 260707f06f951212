import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  addDays,
  daysBetween,
  daysInMonth,
  monthOf,
  parseDay,
  weekOf,
  ZonedCalendar,
} from '../../src/report/calendar.js';

describe('ZonedCalendar.dayOf', () => {
  const at = (iso: string) => Date.parse(iso);

  it.each([
    ['UTC', '2026-11-20T23:30:00Z', '2026-11-20'],
    ['Europe/Berlin', '2026-11-20T23:30:00Z', '2026-11-21'], // UTC+1 in winter
    ['Europe/Berlin', '2026-07-20T22:30:00Z', '2026-07-21'], // UTC+2 in summer
    ['America/New_York', '2026-11-21T04:59:00Z', '2026-11-20'], // UTC-5
    ['Asia/Kathmandu', '2026-11-20T18:14:00Z', '2026-11-20'], // UTC+5:45
    ['Asia/Kathmandu', '2026-11-20T18:15:00Z', '2026-11-21'],
    ['Pacific/Auckland', '2026-11-20T11:00:00Z', '2026-11-21'], // UTC+13 in summer
  ])('in %s, %s falls on %s', (zone, iso, day) => {
    expect(new ZonedCalendar(zone).dayOf(at(iso))).toBe(day);
  });

  it('follows a DST change within a day (Berlin, 2026-03-29 and 2026-10-25)', () => {
    const berlin = new ZonedCalendar('Europe/Berlin');
    // 23-hour day: midnight is 23:00Z the day before, and the next midnight is 22:00Z.
    expect(berlin.dayOf(at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(berlin.dayOf(at('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(berlin.dayOf(at('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    // 25-hour day: midnight is 22:00Z the day before, the next 23:00Z.
    expect(berlin.dayOf(at('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(berlin.dayOf(at('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(berlin.dayOf(at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('has the offset of the hour on either side of a change within a UTC day', () => {
    // Berlin moves from +1 to +2 at 01:00Z on 2026-03-29: the UTC day holds both offsets.
    const berlin = new ZonedCalendar('Europe/Berlin');
    expect(berlin.offsetMinutes(at('2026-03-29T00:59:00Z'))).toBe(60);
    expect(berlin.offsetMinutes(at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(berlin.offsetMinutes(at('2026-03-29T12:00:00Z'))).toBe(120);
    expect(berlin.hourKeyOf(at('2026-03-29T00:30:00Z'))).toBe('2026-03-29T01:00+01:00');
    expect(berlin.hourKeyOf(at('2026-03-29T01:30:00Z'))).toBe('2026-03-29T03:00+02:00');
    // Lord Howe moves by half an hour, at 02:00 local (+10:30), 15:30Z.
    const lordHowe = new ZonedCalendar('Australia/Lord_Howe');
    expect(lordHowe.offsetMinutes(at('2026-10-03T15:29:00Z'))).toBe(630);
    expect(lordHowe.offsetMinutes(at('2026-10-03T15:30:00Z'))).toBe(660);
  });

  it('knows every name of UTC without time zone data, and they all have no offset', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Zulu', 'Universal', 'Etc/Greenwich']) {
      const calendar = new ZonedCalendar(zone);
      expect(calendar.offsetMinutes(at('2026-07-01T12:00:00Z'))).toBe(0);
      expect(calendar.dayOf(at('2026-11-20T23:59:59Z'))).toBe('2026-11-20');
    }
  });

  it('rejects an unknown zone with a usage error', () => {
    expect(() => new ZonedCalendar('Mars/Olympus')).toThrow(UsageError);
  });
});

describe('day helpers', () => {
  it('parses real days only, with or without dashes', () => {
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay('20260228')).toBe('2026-02-28');
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('26-01-01')).toBeNull();
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

describe('local hours across DST changes', () => {
  it.each([
    ['UTC', '2026-10-25', 24],
    ['Europe/Berlin', '2026-03-29', 23],
    ['Europe/Berlin', '2026-10-25', 25],
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Asia/Kathmandu', '2026-11-01', 24],
  ])('%s on %s has %i hours', (zone, day, hours) => {
    const calendar = new ZonedCalendar(zone);
    const starts = calendar.hoursOf(day);
    expect(starts).toHaveLength(hours);
    expect(calendar.dayOf(starts[0] ?? 0)).toBe(day);
    expect(calendar.dayOf((starts.at(-1) ?? 0) + 3_599_999)).toBe(day);
  });

  it('keys the repeated hour apart by its offset', () => {
    const berlin = new ZonedCalendar('Europe/Berlin');
    expect(berlin.hourKeyOf(Date.parse('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:00+02:00');
    expect(berlin.hourKeyOf(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:00+01:00');
    expect(berlin.isoOf(Date.parse('2026-10-25T01:30:05Z'))).toBe('2026-10-25T02:30:05+01:00');
    expect(new ZonedCalendar('Asia/Kathmandu').hourKeyOf(Date.parse('2026-11-20T00:00:00Z'))).toBe(
      '2026-11-20T05:00+05:45',
    );
  });

  it('starts a day at local midnight', () => {
    expect(new ZonedCalendar('America/New_York').startOf('2026-11-01')).toBe(
      Date.parse('2026-11-01T04:00:00Z'),
    );
    expect(new ZonedCalendar('Europe/Berlin').startOf('2026-03-30')).toBe(
      Date.parse('2026-03-29T22:00:00Z'),
    );
  });
});

describe('weeks and months', () => {
  it.each([
    ['2026-11-23', 'monday', '2026-11-23'],
    ['2026-11-22', 'monday', '2026-11-16'],
    ['2026-11-22', 'sunday', '2026-11-22'],
    ['2026-11-21', 'sunday', '2026-11-15'],
    ['2027-01-02', 'monday', '2026-12-28'],
  ] as const)('the week of %s starting %s begins %s', (day, start, first) => {
    expect(weekOf(day, start)).toBe(first);
  });

  it('knows month keys and lengths', () => {
    expect(monthOf('2026-11-23')).toBe('2026-11');
    expect(daysInMonth('2026-02-10')).toBe(28);
    expect(daysInMonth('2028-02-10')).toBe(29);
    expect(daysInMonth('2026-12-31')).toBe(31);
  });
});
