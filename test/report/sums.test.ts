import { describe, expect, it } from 'vitest';
import { dailyJson } from '../../src/format/daily-json.js';
import { modelsJson } from '../../src/format/grouped.js';
import { decodeSums, encodeSums } from '../../src/ledger/sums.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { dailyOfSelected, rollupSelected } from '../../src/report/daily.js';
import { sumRecords } from '../../src/report/sums.js';
import { pricedRecord } from '../helpers/lines.js';
import { randomRecords } from '../helpers/random-records.js';

const at = (time: string) => Date.parse(`2026-11-20T${time}Z`);

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

  it('gives the days, the totals and the models the records give, in every zone', () => {
    const records = randomRecords(7, 3000);
    const sums = sumRecords(records);
    expect(sums.length).toBeLessThan(records.length);
    expect(sums.reduce((n, sum) => n + sum.requests, 0)).toBe(records.length);
    const range = { since: '2026-09-01', until: '2026-12-31', fillEmptyDays: false };
    // Offsets of a whole hour, of half an hour, of three quarters; and a change of summer time.
    for (const zone of [
      'UTC',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Europe/Berlin',
    ]) {
      const selection = { calendar: new ZonedCalendar(zone), range };
      expect(dailyJson(dailyOfSelected(sums, selection))).toEqual(
        dailyJson(dailyOfSelected(records, selection)),
      );
      const byModel = (list: typeof records) =>
        modelsJson(rollupSelected(list, selection, (record) => record.model));
      expect(byModel(sums)).toEqual(byModel(records));
    }
  });
});

describe('encodeSums', () => {
  it('gives back the same sums, to the last bit of every cost', () => {
    const sums = sumRecords(randomRecords(3, 500));
    expect(decodeSums(encodeSums(sums))).toEqual(sums);
  });
});
