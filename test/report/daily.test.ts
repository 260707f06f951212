import { describe, expect, it } from 'vitest';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { rollupByDay, usageDaySpan } from '../../src/report/daily.js';
import { projectFolders } from '../../src/report/filter.js';
import { totalTokens } from '../../src/report/rollup.js';
import { pricedRecord } from '../helpers/lines.js';

const utc = new ZonedCalendar('UTC');
const week = { since: '2026-11-17', until: '2026-11-23', fillEmptyDays: true };

const records = [
  pricedRecord({
    timestamp: Date.parse('2026-11-18T09:00:00Z'),
    inputTokens: 10,
    outputTokens: 400,
    cost: 0.5,
  }),
  pricedRecord({
    timestamp: Date.parse('2026-11-18T23:59:59Z'),
    model: 'claude-opus-4-6',
    cacheReadTokens: 1000,
    cost: 2,
  }),
  pricedRecord({
    timestamp: Date.parse('2026-11-20T12:00:00Z'),
    model: 'mystery-model',
    outputTokens: 5,
    cost: null,
  }),
  pricedRecord({ timestamp: Date.parse('2026-11-10T12:00:00Z'), outputTokens: 999, cost: 9 }), // outside
];

describe('rollupByDay', () => {
  const report = rollupByDay(records, { calendar: utc, range: week });

  it('lists every day of the range, zero days included', () => {
    expect(report.days.map((day) => day.date)).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(report.days[0]).toMatchObject({ requests: 0, cost: 0, models: [] });
  });

  it('sums tokens and cost per day and per model, most expensive model first', () => {
    const day = report.days[1];
    expect(day).toMatchObject({
      inputTokens: 10,
      outputTokens: 400,
      cacheReadTokens: 1000,
      requests: 2,
      cost: 2.5,
    });
    expect(day?.models.map((model) => [model.name, model.cost])).toEqual([
      ['claude-opus-4-6', 2],
      ['claude-sonnet-4-5-20250929', 0.5],
    ]);
  });

  it('counts requests of unpriced models without inventing a cost', () => {
    const day = report.days[3];
    expect(day).toMatchObject({ outputTokens: 5, requests: 1, cost: 0, unpricedRequests: 1 });
    expect(report.totals.unpricedRequests).toBe(1);
  });

  it('leaves records outside the range out of the totals, which equal the sum of the days', () => {
    expect(report.totals.cost).toBe(2.5);
    expect(totalTokens(report.totals)).toBe(
      report.days.reduce((sum, day) => sum + totalTokens(day), 0),
    );
    expect(report.totals.requests).toBe(3);
  });

  it('moves a record to the next day in a zone east of UTC', () => {
    const berlin = rollupByDay(records, {
      calendar: new ZonedCalendar('Europe/Berlin'),
      range: week,
    });
    expect(berlin.days[1]?.requests).toBe(1);
    expect(berlin.days[2]?.models.map((model) => model.name)).toEqual(['claude-opus-4-6']);
  });

  it('lists only days with usage when the range does not ask for zero days', () => {
    const all = rollupByDay(records, {
      calendar: utc,
      range: {
        since: '2026-11-10',
        until: '2026-11-20',
        fillEmptyDays: false,
      },
    });
    expect(all.days.map((day) => day.date)).toEqual(['2026-11-10', '2026-11-18', '2026-11-20']);
  });
});

describe('usageDaySpan', () => {
  it('is the local days of the first and last record', () => {
    const sorted = [...records].sort((a, b) => a.timestamp - b.timestamp);
    expect(usageDaySpan(sorted, utc)).toEqual({ first: '2026-11-10', last: '2026-11-20' });
    expect(usageDaySpan([], utc)).toBeNull();
  });
});

describe('projectFolders', () => {
  // A project started in /home/ann/my.app, with requests from a subfolder too.
  const records = [
    pricedRecord({ project: '-home-ann-my-app', cwd: '/home/ann/my.app' }),
    pricedRecord({ project: '-home-ann-my-app', cwd: '/home/ann/my.app' }),
    pricedRecord({ project: '-home-ann-my-app', cwd: '/home/ann/my.app/web' }),
    pricedRecord({ project: '-home-ann-other', cwd: '/home/ann/other' }),
  ];
  it.each([
    '-home-ann-my-app',
    '/home/ann/my.app',
    '/home/ann/my.app/',
    '/Home/Ann/My.App',
    'my.app',
    'MY.APP',
  ])('takes the whole folder, subfolders included, for %s', (name) => {
    expect([...projectFolders(records, name)]).toEqual(['-home-ann-my-app']);
  });
  it.each(['my', 'app', '/home/ann', '/home/ann/my.app/web'])('matches nothing for %s', (name) => {
    expect(projectFolders(records, name).size).toBe(0);
  });
});
