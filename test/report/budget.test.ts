import { describe, expect, it } from 'vitest';
import { budgetLines, hasBudget, worstState } from '../../src/report/budget.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { pricedRecord } from '../helpers/lines.js';

const berlin = new ZonedCalendar('Europe/Berlin');
// Wednesday 2026-11-18, 12:00 in Berlin: the week began on Monday the 16th.
const now = Date.parse('2026-11-18T11:00:00Z');
const spend = (iso: string, cost: number | null) =>
  pricedRecord({ timestamp: Date.parse(iso), cost });

describe('budgetLines', () => {
  const records = [
    spend('2026-10-31T22:30:00Z', 100), // 23:30 on 31 October in Berlin: last month
    spend('2026-11-01T00:30:00Z', 1), // this month, not this week
    spend('2026-11-15T22:59:00Z', 2), // Sunday 23:59 in Berlin: last week
    spend('2026-11-15T23:00:00Z', 3), // Monday 00:00 in Berlin: this week
    spend('2026-11-17T23:30:00Z', 4), // today, 00:30 in Berlin
    spend('2026-11-18T10:00:00Z', 5), // today
    spend('2026-11-18T12:00:00Z', 1000), // after now: not spent yet
  ];

  it('sums today, the week from Monday and the month in the zone, up to now', () => {
    const lines = budgetLines(records, berlin, now, {
      daily: 10,
      weekly: 20,
      monthly: 30,
      alertPercent: 80,
    });
    expect(lines.map(({ period, key, spent }) => ({ period, key, spent }))).toEqual([
      { period: 'day', key: '2026-11-18', spent: 9 },
      { period: 'week', key: '2026-11-16', spent: 12 },
      { period: 'month', key: '2026-11', spent: 15 },
    ]);
  });

  it('is ok under the threshold, alert at or over it, over past the limit', () => {
    const state = (daily: number) =>
      budgetLines(records, berlin, now, { daily, alertPercent: 80 })[0]?.state;
    expect(state(11.25)).toBe('alert'); // 9 is exactly 80% of 11.25
    expect(state(11.26)).toBe('ok');
    expect(state(9)).toBe('alert'); // at the limit is not over it
    expect(state(8.99)).toBe('over');
  });

  it('lists only the budgets that are set, and marks a partial spend', () => {
    const lines = budgetLines([...records, spend('2026-11-18T09:00:00Z', null)], berlin, now, {
      monthly: 100,
      alertPercent: 80,
    });
    expect(lines).toEqual([
      {
        period: 'month',
        key: '2026-11',
        spent: 15,
        limit: 100,
        share: 0.15,
        state: 'ok',
        partial: true,
      },
    ]);
    expect(hasBudget({ alertPercent: 80 })).toBe(false);
  });

  it('reports the worst state', () => {
    const lines = budgetLines(records, berlin, now, {
      daily: 100,
      weekly: 14,
      monthly: 10,
      alertPercent: 80,
    });
    expect(lines.map((line) => line.state)).toEqual(['ok', 'alert', 'over']);
    expect(worstState(lines)).toBe('over');
    expect(worstState(lines.slice(0, 2))).toBe('alert');
    expect(worstState([])).toBe('ok');
  });
});
