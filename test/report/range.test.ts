import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDayArgument, resolveRange } from '../../src/report/range.js';

const today = '2026-11-23';

describe('parseDayArgument', () => {
  it.each([
    ['today', '2026-11-23'],
    ['Yesterday', '2026-11-22'],
    // The last N days, today included: --since 7d is the default 7-day range.
    ['7d', '2026-11-17'],
    ['1d', '2026-11-23'],
    ['2026-01-05', '2026-01-05'],
    ['20260105', '2026-01-05'],
  ])('%s -> %s', (value, day) => {
    expect(parseDayArgument('--since', value, today)).toBe(day);
  });

  it.each(['tomorrowish', '2026-02-30', '7 days', '11/20/2026', '', '0d'])(
    'rejects %j naming the flag and the accepted forms',
    (value) => {
      expect(() => parseDayArgument('--since', value, today)).toThrow(UsageError);
      expect(() => parseDayArgument('--since', value, today)).toThrow(
        /--since: .*YYYY-MM-DD, YYYYMMDD, today, yesterday/,
      );
    },
  );
});

describe('resolveRange', () => {
  it('gives --since 7d the days of the default range', () => {
    expect(resolveRange({ since: '7d' }, today, null)).toEqual(resolveRange({}, today, null));
  });

  it('defaults to the 7 days ending today, zero days included', () => {
    expect(resolveRange({}, today, null)).toEqual({
      since: '2026-11-17',
      until: '2026-11-23',
      fillEmptyDays: true,
    });
  });

  it('runs --since to today and --until alone over the week ending then', () => {
    expect(resolveRange({ since: '2026-11-01' }, today, null)).toMatchObject({
      since: '2026-11-01',
      until: today,
    });
    expect(resolveRange({ until: '2026-11-10' }, today, null)).toMatchObject({
      since: '2026-11-04',
      until: '2026-11-10',
    });
  });

  it('spans the days with usage for --all, without zero days', () => {
    expect(resolveRange({ all: true }, today, { first: '2026-01-02', last: '2026-11-20' })).toEqual(
      {
        since: '2026-01-02',
        until: '2026-11-20',
        fillEmptyDays: false,
      },
    );
  });

  it('rejects an inverted range and --all with bounds', () => {
    expect(() => resolveRange({ since: '2026-11-20', until: '2026-11-10' }, today, null)).toThrow(
      /after --until/,
    );
    expect(() => resolveRange({ all: true, since: '7d' }, today, null)).toThrow(UsageError);
  });
});
