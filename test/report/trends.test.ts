import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/format/trends.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { trendsOf } from '../../src/report/trends.js';
import { pricedRecord } from '../helpers/lines.js';

const utc = new ZonedCalendar('UTC');
const spend = (iso: string, cost: number | null, model = 'claude-sonnet-4-5-20250929') =>
  pricedRecord({ timestamp: Date.parse(iso), cost, model });

describe('trendsOf', () => {
  // 2026-11-16 is a Monday. The range: Monday 9th to Sunday 22nd, two weeks.
  const range = { since: '2026-11-09', until: '2026-11-22', fillEmptyDays: true };
  const records = [
    spend('2026-11-02T10:00:00Z', 50), // before the range: not in it, and not in the last 14 days
    spend('2026-11-09T10:00:00Z', 2), // Monday, week 1
    spend('2026-11-10T14:30:00Z', 4, 'claude-opus-4-6'), // Tuesday, week 1
    spend('2026-11-16T14:10:00Z', 6), // Monday, week 2
    spend('2026-11-16T09:00:00Z', 1, 'claude-haiku-4-5-20251001'),
    spend('2026-11-22T23:59:00Z', 3), // Sunday, week 2
    spend('2026-11-20T14:00:00Z', null), // no price
  ];
  const selected = records.slice(1);
  const trends = trendsOf(selected, records, utc, range);

  it('has every day of the range, and their average', () => {
    expect(trends.days).toHaveLength(14);
    expect(trends.days[0]).toEqual({ date: '2026-11-09', cost: 2 });
    expect(trends.days[7]).toEqual({ date: '2026-11-16', cost: 7 });
    expect(trends.averageDailyCost).toBe(16 / 14);
    expect(trends.costIsPartial).toBe(true);
  });

  it('compares the last 7 days with the 7 before', () => {
    expect(trends.weekOverWeek).toEqual({ last7Days: 10, previous7Days: 6, change: 4 / 6 });
  });

  it('averages each weekday over its days in the range', () => {
    expect(trends.byWeekday[0]).toEqual({ weekday: 'Monday', days: 2, cost: 9, average: 4.5 });
    expect(trends.byWeekday[1]).toEqual({ weekday: 'Tuesday', days: 2, cost: 4, average: 2 });
    expect(trends.byWeekday[6]).toEqual({ weekday: 'Sunday', days: 2, cost: 3, average: 1.5 });
  });

  it('names the three costliest hours, and each week’s model mix', () => {
    expect(trends.peakHours).toEqual([
      { hour: 14, cost: 10 },
      { hour: 23, cost: 3 },
      { hour: 10, cost: 2 },
    ]);
    expect(trends.modelMix).toEqual([
      {
        week: '2026-11-09',
        cost: 6,
        models: [
          { model: 'claude-opus-4-6', cost: 4, share: 4 / 6 },
          { model: 'claude-sonnet-4-5-20250929', cost: 2, share: 2 / 6 },
        ],
      },
      {
        week: '2026-11-16',
        cost: 10,
        models: [
          { model: 'claude-sonnet-4-5-20250929', cost: 9, share: 0.9 },
          { model: 'claude-haiku-4-5-20251001', cost: 1, share: 0.1 },
        ],
      },
    ]);
  });

  it('has no change without spending in the 7 days before', () => {
    const late = trendsOf(selected.slice(3), selected.slice(3), utc, range);
    expect(late.weekOverWeek.change).toBeNull();
  });
});

describe('sparkline', () => {
  it('scales to the largest value, zero at the bottom', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▁▂▄█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});
