import { describe, expect, it } from 'vitest';
import { dailyJson } from '../../src/format/daily-json.js';
import { modelsJson } from '../../src/format/grouped.js';
import { decodeSums, encodeSums } from '../../src/ledger/sums.js';
import { monthOf, weekOf, ZonedCalendar } from '../../src/report/calendar.js';
import { dailyOfSelected, rollupSelected } from '../../src/report/daily.js';
import { sumByDay, sumRecords } from '../../src/report/sums.js';
import type { PricedRecord } from '../../src/types.js';
import { pricedRecord } from '../helpers/lines.js';
import { randomRecords } from '../helpers/random-records.js';

const at = (time: string) => Date.parse(`2026-11-20T${time}Z`);

/** Offsets of a whole hour, of half an hour, of three quarters; and a change of summer time. */
const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Berlin'];

/** Sums give the reports of sums what the records give: by day, week, month and model. */
function expectSameReports(sums: PricedRecord[], records: PricedRecord[], calendar: ZonedCalendar) {
  const selection = {
    calendar,
    range: { since: '2026-09-01', until: '2026-12-31', fillEmptyDays: false },
  };
  expect(dailyJson(dailyOfSelected(sums, selection))).toEqual(
    dailyJson(dailyOfSelected(records, selection)),
  );
  const dayOf = (record: PricedRecord) => calendar.dayOf(record.timestamp);
  for (const keyOf of [
    (record: PricedRecord) => record.model,
    (record: PricedRecord) => weekOf(dayOf(record), 'monday'),
    (record: PricedRecord) => monthOf(dayOf(record)),
  ]) {
    expect(modelsJson(rollupSelected(sums, selection, keyOf))).toEqual(
      modelsJson(rollupSelected(records, selection, keyOf)),
    );
  }
}

describe('sumRecords', () => {
  it('sums the requests of a quarter hour of one model, at the time of the first', () => {
    const records = [
      pricedRecord({ timestamp: at('10:14:00'), outputTokens: 100, cost: 0.5, outputCost: 0.5 }),
      pricedRecord({ timestamp: at('10:00:00'), outputTokens: 20, cost: 0.25, outputCost: 0.25 }),
      pricedRecord({ timestamp: at('10:15:00'), outputTokens: 3, cost: 0.125 }),
      pricedRecord({ timestamp: at('10:05:00'), model: 'claude-opus-4-6', cost: 1 }),
    ];
    const sums = sumRecords(records);
    expect(sums).toHaveLength(3);
    expect(sums[0]).toMatchObject({
      timestamp: at('10:00:00'),
      model: 'claude-sonnet-4-5-20250929',
      requests: 2,
      outputTokens: 120,
      cost: 0.75,
      outputCost: 0.75,
      key: null,
      sessionId: '',
    });
    expect(sums[1]).toMatchObject({ timestamp: at('10:15:00'), requests: 1, outputTokens: 3 });
    expect(sums[2]).toMatchObject({ model: 'claude-opus-4-6', requests: 1, cost: 1 });
  });

  it('keeps priced apart from unpriced requests, and each reason for no price apart', () => {
    const sums = sumRecords([
      pricedRecord({ cost: 1 }),
      pricedRecord({ cost: null, unpriced: 'no known price' }),
      pricedRecord({ cost: null, unpriced: 'no price period covers 2026-11-20' }),
      pricedRecord({ cost: null, unpriced: 'no known price' }),
    ]);
    expect(sums.map((sum) => [sum.cost, sum.unpriced, sum.requests])).toEqual([
      [1, null, 1],
      [null, 'no known price', 2],
      [null, 'no price period covers 2026-11-20', 1],
    ]);
  });

  it('gives the days, weeks, months and models the records give, in every zone', () => {
    const records = randomRecords(7, 3000);
    const sums = sumRecords(records);
    expect(sums.length).toBeLessThan(records.length);
    expect(sums.reduce((n, sum) => n + sum.requests, 0)).toBe(records.length);
    for (const zone of ZONES) expectSameReports(sums, records, new ZonedCalendar(zone));
  });
});

describe('sumByDay', () => {
  it('gives the days, weeks, months and models of its zone that the records give', () => {
    const records = randomRecords(11, 3000);
    const quarters = sumRecords(records);
    for (const zone of ZONES) {
      const calendar = new ZonedCalendar(zone);
      const days = sumByDay(quarters, calendar);
      expect(days.length).toBeLessThan(quarters.length);
      expect(days.reduce((n, sum) => n + sum.requests, 0)).toBe(records.length);
      expectSameReports(days, records, calendar);
    }
  });

  it('keeps a day of one model to one sum, at the time of its first request', () => {
    const berlin = new ZonedCalendar('Europe/Berlin');
    // 23:30 UTC on the 19th is 00:30 on the 20th in Berlin; 22:45 UTC is still the 19th there.
    const records = [
      pricedRecord({ timestamp: Date.parse('2026-11-19T23:30:00Z'), outputTokens: 1, cost: 1 }),
      pricedRecord({ timestamp: Date.parse('2026-11-20T10:00:00Z'), outputTokens: 2, cost: 2 }),
      pricedRecord({ timestamp: Date.parse('2026-11-19T22:45:00Z'), outputTokens: 4, cost: 4 }),
    ];
    const days = sumByDay(sumRecords(records), berlin);
    expect(days.map((day) => [day.timestamp, day.requests, day.outputTokens, day.cost])).toEqual([
      [Date.parse('2026-11-19T23:30:00Z'), 2, 3, 3],
      [Date.parse('2026-11-19T22:45:00Z'), 1, 4, 4],
    ]);
  });
});

describe('encodeSums', () => {
  it('gives back the same sums, to the last bit of every cost', () => {
    const sums = sumRecords(randomRecords(3, 500));
    expect(decodeSums(encodeSums(sums))).toEqual(sums);
  });
});
