import { describe, expect, it } from 'vitest';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { selectRecords } from '../../src/report/select.js';
import { pricedRecord } from '../helpers/lines.js';

// 23:30 UTC on the 19th is the 19th in UTC and the 20th in Berlin (+1).
const records = [
  pricedRecord({ key: 'a', timestamp: Date.parse('2026-11-19T23:30:00Z') }),
  pricedRecord({
    key: 'b',
    timestamp: Date.parse('2026-11-20T12:00:00Z'),
    model: 'claude-opus-4-6',
  }),
  pricedRecord({ key: 'c', timestamp: Date.parse('2026-11-21T23:30:00Z') }),
];
const keys = (list: typeof records) => list.map((record) => record.key);
const range = (since: string, until: string) => ({ since, until, fillEmptyDays: false });

describe('selectRecords', () => {
  it('takes every record of a range that holds all their days, as a list of its own', () => {
    const calendar = new ZonedCalendar('UTC');
    const all = selectRecords(records, { calendar, range: range('2026-11-19', '2026-11-21') });
    expect(keys(all)).toEqual(['a', 'b', 'c']);
    expect(all).not.toBe(records);
  });

  it('leaves out the records of days outside the range, by the local day', () => {
    const utc = { calendar: new ZonedCalendar('UTC'), range: range('2026-11-20', '2026-11-21') };
    expect(keys(selectRecords(records, utc))).toEqual(['b', 'c']);
    const berlin = {
      calendar: new ZonedCalendar('Europe/Berlin'),
      range: range('2026-11-20', '2026-11-21'),
    };
    expect(keys(selectRecords(records, berlin))).toEqual(['a', 'b']);
  });

  it('keeps to the model asked for, also over every day', () => {
    const selection = {
      calendar: new ZonedCalendar('UTC'),
      range: range('2026-01-01', '2026-12-31'),
      model: 'opus-4-6',
    };
    expect(keys(selectRecords(records, selection))).toEqual(['b']);
  });
});
