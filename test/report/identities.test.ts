import { describe, expect, it } from 'vitest';
import { usageBlocks } from '../../src/report/blocks.js';
import { daysBetween, monthOf, weekOf, ZonedCalendar } from '../../src/report/calendar.js';
import { rollupBy, rollupByDay } from '../../src/report/daily.js';
import { dayDetail } from '../../src/report/day-detail.js';
import { hourlyTimeline, hourOfDayProfile } from '../../src/report/hourly.js';
import { projectRows } from '../../src/report/projects.js';
import type { Rollup } from '../../src/report/rollup.js';
import { emptyRollup } from '../../src/report/rollup.js';
import { selectRecords } from '../../src/report/select.js';
import { sessionRows } from '../../src/report/sessions.js';
import { randomRecords } from '../helpers/random-records.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'];
const SEEDS = [1, 2, 3, 42, 2026];

function sum(rows: Rollup[]): Rollup {
  const total = emptyRollup();
  for (const row of rows) {
    total.inputTokens += row.inputTokens;
    total.outputTokens += row.outputTokens;
    total.cacheWrite5mTokens += row.cacheWrite5mTokens;
    total.cacheWrite1hTokens += row.cacheWrite1hTokens;
    total.cacheReadTokens += row.cacheReadTokens;
    total.requests += row.requests;
    total.cost += row.cost;
    total.unpricedRequests += row.unpricedRequests;
  }
  return total;
}

function expectSame(actual: Rollup, expected: Rollup, view: string): void {
  const { cost: a, ...tokensA } = actual;
  const { cost: b, ...tokensB } = expected;
  expect(tokensA, view).toEqual(tokensB);
  expect(Math.abs(a - b), view).toBeLessThan(1e-9);
}

describe.each(SEEDS)('every view adds up to the daily totals (seed %i)', (seed) => {
  const records = randomRecords(seed, 600);

  it.each(ZONES)('in %s', (zone) => {
    const calendar = new ZonedCalendar(zone);
    const range = { since: '2026-09-25', until: '2026-11-20', fillEmptyDays: true };
    const selection = { calendar, range };
    const daily = rollupByDay(records, selection);
    const dayOf = (timestamp: number) => calendar.dayOf(timestamp);
    const selected = selectRecords(records, selection);

    const views: [string, Rollup[]][] = [
      ['days', daily.days],
      [
        'weeks from monday',
        rollupBy(records, selection, (r) => weekOf(dayOf(r.timestamp), 'monday')).rows,
      ],
      [
        'weeks from sunday',
        rollupBy(records, selection, (r) => weekOf(dayOf(r.timestamp), 'sunday')).rows,
      ],
      ['months', rollupBy(records, selection, (r) => monthOf(dayOf(r.timestamp))).rows],
      ['models', daily.models],
      ['sessions', sessionRows(selected)],
      ['projects', projectRows(selected)],
      ['hours', hourlyTimeline(selected, calendar)],
      ['hours of day', hourOfDayProfile(selected, calendar)],
      ['5-hour blocks', usageBlocks(selected, 0)],
      [
        '--day over the range',
        daysBetween(range.since, range.until).map(
          (day) => dayDetail(records, day, range.until, calendar).totals,
        ),
      ],
      [
        'hours of each --day',
        daysBetween(range.since, range.until).flatMap(
          (day) => dayDetail(records, day, range.until, calendar).hours,
        ),
      ],
    ];
    for (const [view, rows] of views) expectSame(sum(rows), daily.totals, view);
    expect(daily.totals.requests).toBe(selected.length);
    expect(daily.totals.unpricedRequests).toBeGreaterThan(0);
  });
});

describe('a model filter selects a part that the other models complete', () => {
  it('sums per model to the whole', () => {
    const records = randomRecords(7, 400);
    const calendar = new ZonedCalendar('Europe/Berlin');
    const range = { since: '2026-09-20', until: '2026-12-01', fillEmptyDays: false };
    const whole = rollupByDay(records, { calendar, range }).totals;
    const parts = ['sonnet-4-5', 'claude-opus-4-6', 'claude-haiku-4-5', 'mystery-model'].map(
      (model) => rollupByDay(records, { calendar, range, model }).totals,
    );
    expectSame(sum(parts), whole, 'models');
  });
});
