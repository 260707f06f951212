import { describe, expect, it } from 'vitest';
import { pacificDay, pacificMidnight } from '../../src/pricing/pacific.js';
import { addDays } from '../../src/report/calendar.js';

/** The Pacific date of an instant, by the time-zone database. */
function byIntl(timestamp: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(timestamp);
}

describe('pacificMidnight', () => {
  it('is 08:00 UTC in winter and 07:00 UTC in summer, switching on the US dates', () => {
    expect(new Date(pacificMidnight('2026-02-07')).toISOString()).toBe('2026-02-07T08:00:00.000Z');
    expect(new Date(pacificMidnight('2026-10-07')).toISOString()).toBe('2026-10-07T07:00:00.000Z');
    // 2026: daylight time from Sunday 8 March to Sunday 1 November, at 02:00 local.
    expect(new Date(pacificMidnight('2026-03-08')).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(new Date(pacificMidnight('2026-03-09')).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(new Date(pacificMidnight('2026-11-01')).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(new Date(pacificMidnight('2026-11-02')).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });

  it('agrees with the time-zone database on every day from 2024 to 2028', () => {
    for (let day = '2024-01-01'; day <= '2028-12-31'; day = addDays(day, 1)) {
      const midnight = pacificMidnight(day);
      expect(byIntl(midnight), day).toBe(day);
      expect(byIntl(midnight - 1), day).toBe(addDays(day, -1));
      expect(pacificDay(midnight), day).toBe(day);
      expect(pacificDay(midnight - 1), day).toBe(addDays(day, -1));
    }
  });
});
