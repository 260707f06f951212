import { describe, expect, it } from 'vitest';
import { addDays, ZonedCalendar } from '../../src/report/calendar.js';
import { cacheHitRate, dayDetail } from '../../src/report/day-detail.js';
import { emptyRollup } from '../../src/report/rollup.js';
import { pricedRecord } from '../helpers/lines.js';

const berlin = new ZonedCalendar('Europe/Berlin');

describe('dayDetail', () => {
  it('lists 25 hours on the day Berlin clocks go back, the repeated hour twice', () => {
    const records = [
      pricedRecord({ timestamp: Date.parse('2026-10-25T00:30:00Z'), outputTokens: 10, cost: 1 }), // 02:30 CEST
      pricedRecord({ timestamp: Date.parse('2026-10-25T01:30:00Z'), outputTokens: 20, cost: 3 }), // 02:30 CET
    ];
    const detail = dayDetail(records, '2026-10-25', '2026-10-25', berlin);
    expect(detail.hours).toHaveLength(25);
    expect(detail.hours.filter((h) => h.requests > 0).map((h) => [h.label, h.cost])).toEqual([
      ['02:00 (+02:00)', 1],
      ['02:00 (+01:00)', 3],
    ]);
    expect(detail.peakHour?.label).toBe('02:00 (+01:00)');
  });

  it('lists 23 hours on the day clocks go forward, without 02:00', () => {
    const detail = dayDetail([], '2026-03-29', '2026-03-29', berlin);
    expect(detail.hours).toHaveLength(23);
    expect(detail.hours.map((h) => h.label)).not.toContain('02:00');
    expect(detail.peakHour).toBeNull();
  });

  it('gives models their share, counts sessions, and projects the month', () => {
    const records = [];
    // $1 on each day from 2026-11-01 to 2026-11-20, in session s<day>
    for (let day = '2026-11-01'; day <= '2026-11-20'; day = addDays(day, 1)) {
      records.push(
        pricedRecord({ timestamp: Date.parse(`${day}T10:00:00Z`), sessionId: `s${day}`, cost: 1 }),
      );
    }
    records.push(
      pricedRecord({
        timestamp: Date.parse('2026-11-20T11:00:00Z'),
        model: 'claude-opus-4-6',
        sessionId: 'x',
        cost: 3,
      }),
    );
    const detail = dayDetail(records, '2026-11-20', '2026-11-20', berlin);
    expect(detail.totals.cost).toBe(4);
    expect(detail.sessions).toBe(2);
    expect(detail.models.map((m) => [m.name, m.share])).toEqual([
      ['claude-opus-4-6', 0.75],
      ['claude-sonnet-4-5-20250929', 0.25],
    ]);
    // month to date: 20 × $1 + $3 = $23; 7-day average: (7 × $1 + $3) / 7 = $10/7; 10 days left.
    expect(detail.projection.monthToDate).toBe(23);
    expect(detail.projection.trailingDailyAverage).toBeCloseTo(10 / 7, 12);
    expect(detail.projection.daysLeft).toBe(10);
    expect(detail.projection.estimate).toBeCloseTo(23 + (10 / 7) * 10, 12);
    expect(detail.projection.isEstimate).toBe(true);
    expect(detail.topSessions[0]?.sessionId).toBe('x');
    // An earlier day of the month: the estimate is still as of today.
    expect(dayDetail(records, '2026-11-10', '2026-11-20', berlin).projection).toEqual(
      detail.projection,
    );
    // Once the month is over: what it cost, not an estimate.
    expect(dayDetail(records, '2026-11-20', '2026-12-03', berlin).projection).toEqual({
      monthToDate: 23,
      trailingDailyAverage: 0, // nothing from 2026-11-24 to 2026-11-30
      daysLeft: 0,
      estimate: 23,
      isEstimate: false,
    });
  });
});

describe('cacheHitRate', () => {
  it('is cache reads over every prompt token', () => {
    // 900 / (900 + 50 + 30 + 20) = 0.9
    expect(
      cacheHitRate({
        ...emptyRollup(),
        cacheReadTokens: 900,
        inputTokens: 50,
        cacheWrite5mTokens: 30,
        cacheWrite1hTokens: 20,
      }),
    ).toBe(0.9);
    expect(cacheHitRate(emptyRollup())).toBeNull();
  });
});
