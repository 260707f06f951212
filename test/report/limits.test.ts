import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { palette } from '../../src/format/color.js';
import { limitsPart, renderLimits } from '../../src/format/limits.js';
import { officialFiguresOf } from '../../src/limits/official.js';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { limitsReport, STALE_AFTER_MS } from '../../src/report/limits.js';
import { type PricedRecord, unpricedRecord } from '../../src/types.js';
import { REPO } from '../helpers/cli.js';

/** fixtures/statusline/EXPECTED.md: read at 2026-12-01T12:00:00Z; its worked figures. */
const NOW = Date.UTC(2026, 11, 1, 12);
const HOUR = 3_600_000;
const utc = new ZonedCalendar('UTC');

function limitsOf(name: string) {
  const raw = readFileSync(path.join(REPO, 'fixtures', 'statusline', name), 'utf8');
  return officialFiguresOf(JSON.parse(raw), NOW).limits;
}

function spent(timestamp: number, cost: number | null): PricedRecord {
  const record = unpricedRecord({
    key: `k${timestamp}`,
    timestamp,
    sessionId: 's1',
    project: 'p',
    cwd: null,
    model: 'claude-opus-4-6',
    fast: false,
    inferenceGeo: null,
    webSearchRequests: 0,
    sidechain: false,
    file: 'f',
    root: 'r',
    alsoIn: null,
    loggedCostUSD: null,
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
  });
  return { ...record, cost };
}

describe('limitsReport', () => {
  it('works out the pace and the projection of full.json by hand', () => {
    // In the 5-hour window (09:00-14:00): $1.50 at 09:30 and an unpriced one at 11:00; $4 at
    // 08:59 is before it but in the 7-day one, and $2 a week ago is in neither.
    const records = [
      spent(NOW - 7 * 24 * HOUR, 2),
      spent(NOW - 3 * HOUR - 60_000, 4),
      spent(NOW - 2.5 * HOUR, 1.5),
      spent(NOW - HOUR, null),
    ];
    const report = limitsReport(limitsOf('full.json'), records, NOW, 80);
    expect(report.fiveHour).toEqual({
      window: 'fiveHour',
      usedPercentage: 42,
      resetsAt: NOW + 2 * HOUR,
      observedAt: NOW,
      windowStart: NOW - 3 * HOUR,
      freshness: 'current',
      msLeft: 2 * HOUR,
      state: 'ok',
      ourCost: 1.5,
      ourCostPartial: true,
      ourRequests: 2,
      percentPerHour: 14,
      percentPerHourToLimit: 29,
      projectedPercentage: 70,
      hitsLimitAt: null,
    });
    const week = report.sevenDay;
    expect(week?.windowStart).toBe(NOW - 96 * HOUR);
    expect(week?.percentPerHour).toBeCloseTo(18.5 / 96, 10);
    expect(week?.projectedPercentage).toBeCloseTo(32.375, 10);
    expect(week?.percentPerHourToLimit).toBeCloseTo(81.5 / 72, 10);
    expect(week?.ourCost).toBe(5.5);
    expect(week?.ourRequests).toBe(3);
  });

  it('says when the pace reaches 100% before the reset, and the states over 100 and 80', () => {
    const report = limitsReport(limitsOf('over-100.json'), [], NOW, 80);
    expect(report.fiveHour?.state).toBe('over');
    expect(report.fiveHour?.hitsLimitAt).toBeNull();
    expect(report.sevenDay?.state).toBe('alert');
    expect(report.sevenDay?.hitsLimitAt).toBeCloseTo(NOW + 6 * HOUR, -1);
    expect(report.sevenDay?.projectedPercentage).toBeCloseTo(112, 10);
  });

  it('marks a figure stale after 15 minutes and a window reset once its time passed', () => {
    const limits = limitsOf('full.json');
    expect(limitsReport(limits, [], NOW + STALE_AFTER_MS, 80).fiveHour?.freshness).toBe('current');
    expect(limitsReport(limits, [], NOW + STALE_AFTER_MS + 1, 80).fiveHour?.freshness).toBe(
      'stale',
    );
    const later = limitsReport(limits, [], NOW + 2 * HOUR, 80);
    expect(later.fiveHour).toMatchObject({ freshness: 'reset', msLeft: 0 });
    expect(later.sevenDay?.freshness).toBe('stale');
  });

  it('has nothing for windows never seen', () => {
    expect(limitsReport({ fiveHour: null, sevenDay: null }, [], NOW, 80)).toEqual({
      fiveHour: null,
      sevenDay: null,
    });
  });
});

describe('limitsPart and renderLimits', () => {
  const plain = palette(false);

  it('shows the status line part of the issue, and only windows still open', () => {
    const report = limitsReport(limitsOf('full.json'), [], NOW, 80);
    expect(limitsPart(report, utc, plain)).toBe('5h 42% (resets 14:00) · 7d 19%');
    const later = limitsReport(limitsOf('full.json'), [], NOW + 2 * HOUR, 80);
    expect(limitsPart(later, utc, plain)).toBe('7d 19%');
    expect(
      limitsPart(limitsReport({ fiveHour: null, sevenDay: null }, [], NOW, 80), utc, plain),
    ).toBeNull();
  });

  it('colours a window by state', () => {
    const report = limitsReport(limitsOf('over-100.json'), [], NOW, 80);
    const colours = palette(true);
    expect(limitsPart(report, utc, colours)).toBe(
      `5h ${colours.over('105%')} (resets 12:30) · 7d ${colours.alert('96%')}`,
    );
  });

  it('prints each window with its reset, freshness, our spend and the pace', () => {
    const later = NOW + 2 * 60_000;
    const report = limitsReport(limitsOf('full.json'), [spent(NOW - HOUR, 1.5)], later, 80);
    expect(renderLimits(report, utc, later, plain).split('\n')).toEqual([
      '5-hour window   42.0% used   resets 2026-12-01 14:00 (1h 58m left)',
      '  last seen 2026-12-01 12:00 (2m ago)',
      '  our spend in it: $1.50 in 1 request since 2026-12-01 09:00',
      '  14.0%/h so far: at this rate 70.0% at the reset; up to 29.0%/h keeps you under 100%',
      '7-day window    18.5% used   resets 2026-12-04 12:00 (2d 23h left)',
      '  last seen 2026-12-01 12:00 (2m ago)',
      '  our spend in it: $1.50 in 1 request since 2026-11-27 12:00',
      '  0.2%/h so far: at this rate 32.4% at the reset; up to 1.1%/h keeps you under 100%',
    ]);
    const none = renderLimits({ fiveHour: null, sevenDay: null }, utc, NOW, plain);
    expect(none).toMatch(/^No official rate-limit figure seen yet/);
  });
});
