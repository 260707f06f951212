import { describe, expect, it } from 'vitest';
import { ZonedCalendar } from '../../src/report/calendar.js';
import { exportColumns, exportRows, GROUP_BYS } from '../../src/report/export-rows.js';
import { totalOf } from '../../src/report/group.js';
import { totalTokens } from '../../src/report/rollup.js';
import { randomRecords } from '../helpers/random-records.js';

describe('exportRows', () => {
  const records = randomRecords(11, 300);
  const total = totalOf(records);
  const calendar = new ZonedCalendar('Europe/Berlin');

  it.each(GROUP_BYS)('by %s, has its columns and adds up to the totals', (groupBy) => {
    const rows = [...exportRows(records, groupBy, calendar)];
    const columns = exportColumns(groupBy);
    for (const row of rows) expect(Object.keys(row)).toEqual(columns);
    const sum = (column: string) => rows.reduce((acc, row) => acc + (Number(row[column]) || 0), 0);
    expect(sum('requests')).toBe(records.length);
    expect(sum('totalTokens')).toBe(totalTokens(total));
    expect(sum('outputTokens')).toBe(total.outputTokens);
    expect(sum('unpricedRequests')).toBe(total.unpricedRequests);
    expect(sum('cost')).toBeCloseTo(total.cost, 9);
  });

  it('marks requests without a price', () => {
    const rows = [...exportRows(records, 'request', calendar)];
    const unpriced = rows.filter((row) => row.priced === false);
    expect(unpriced.length).toBe(total.unpricedRequests);
    expect(unpriced.every((row) => row.cost === null)).toBe(true);
  });
});
