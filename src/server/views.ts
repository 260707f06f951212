import { roundCost } from '../format/numbers.js';
import { costFields } from '../format/report-json.js';
import { weekOf } from '../report/calendar.js';
import { cacheHitRate } from '../report/day-detail.js';
import { COST_COLUMNS, exportColumns, exportRows } from '../report/export-rows.js';
import { addRecord, emptyRollup, totalTokens } from '../report/rollup.js';
import type { ReportContext } from '../report-context.js';
import { choiceOf, wholeNumberOf } from '../reports/options.js';
import type { JsonRequest } from '../reports/registry.js';
import type { PricedRecord } from '../types.js';

/**
 * Views the dashboard's API has besides the reports: today, this week, this month and all at
 * once, and one page of the request grid. Pure over a report's context.
 */

/**
 * Today's, this week's (from Monday, or `startOfWeek`), this month's and all usage: figures
 * and sessions.
 */
export function globalUsage(context: ReportContext<JsonRequest>) {
  const { calendar, today, records } = context;
  const starts = [
    today,
    weekOf(today, context.options.startOfWeek ?? 'monday'),
    `${today.slice(0, 8)}01`,
    null,
  ];
  // One pass for the four: each record's day worked out once, not once a period.
  const periods = starts.map((since) => ({
    since,
    totals: emptyRollup(),
    sessions: new Set<string>(),
  }));
  for (const record of records) {
    const day = calendar.dayOf(record.timestamp);
    for (const period of periods) {
      if (period.since !== null && (day < period.since || day > today)) continue;
      addRecord(period.totals, record);
      period.sessions.add(record.sessionId);
    }
  }
  const [todays, weeks, months, all] = periods.map(({ since, totals, sessions }) => ({
    since,
    ...costFields(totals),
    sessions: sessions.size,
    cacheHitRate: cacheHitRate(totals),
  }));
  return {
    today: todays,
    week: weeks,
    month: months,
    all,
    timeZone: calendar.timeZone,
    until: today,
  };
}

const SORTS = ['timestamp', 'cost', 'totalTokens'] as const;

/** One page of the range's requests, as `usage export --group-by request` rows, sorted. */
export function requestPage(context: ReportContext<JsonRequest>, query: Record<string, string>) {
  // API-only parameters, read by the parsers the report options use.
  const page = wholeNumberOf('page', 1)(query.page || '1');
  const pageSize = wholeNumberOf('pageSize', 1, 1000)(query.pageSize || '100');
  const sort = choiceOf('sortBy', SORTS)(query.sortBy || 'timestamp');
  const descending = choiceOf('order', ['asc', 'desc'] as const)(query.order || 'desc') === 'desc';
  // The records are sorted and paged first; only the page's become rows.
  const value: Record<(typeof SORTS)[number], (record: PricedRecord) => number> = {
    timestamp: (record) => record.timestamp,
    cost: (record) => record.cost ?? -1,
    totalTokens,
  };
  const of = value[sort];
  const sorted = [...context.selected].sort((a, b) => (descending ? of(b) - of(a) : of(a) - of(b)));
  const paged = sorted.slice((page - 1) * pageSize, page * pageSize);
  const shown = [...exportRows(paged, 'request', context.calendar)].map((row) => {
    const rounded = { ...row };
    for (const column of COST_COLUMNS) {
      const cost = rounded[column];
      if (typeof cost === 'number') rounded[column] = roundCost(cost);
    }
    return rounded;
  });
  return { columns: exportColumns('request'), total: sorted.length, page, pageSize, rows: shown };
}
