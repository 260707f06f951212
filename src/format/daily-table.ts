import type { DailyReport } from '../report/daily.js';
import { daysIn } from '../report/range.js';
import type { Rollup } from '../report/rollup.js';
import {
  barShares,
  type ReportFilters,
  type RollupTable,
  renderRollupTable,
  reportNotes,
  reportTitle,
  type TableOptions,
  type TableRow,
  totalRow,
} from './rollup-table.js';

export interface DailyTableOptions extends TableOptions, ReportFilters {
  /** One extra row per model under each day. */
  breakdown: boolean;
  /** Why some models' requests have no cost: model -> reason. */
  unpriced?: Map<string, string>;
}

/** Per calendar day of the range, days without usage included, whatever the range. */
function averageOf(report: DailyReport): Rollup {
  const n = daysIn(report.range);
  const t = report.totals;
  return {
    inputTokens: Math.round(t.inputTokens / n),
    outputTokens: Math.round(t.outputTokens / n),
    cacheWrite5mTokens: Math.round(t.cacheWrite5mTokens / n),
    cacheWrite1hTokens: Math.round(t.cacheWrite1hTokens / n),
    cacheReadTokens: Math.round(t.cacheReadTokens / n),
    requests: t.requests / n,
    webSearchRequests: t.webSearchRequests / n,
    cost: t.cost / n,
    unpricedRequests: t.unpricedRequests,
    inputCost: t.inputCost / n,
    outputCost: t.outputCost / n,
    cacheWrite5mCost: t.cacheWrite5mCost / n,
    cacheWrite1hCost: t.cacheWrite1hCost / n,
    cacheReadCost: t.cacheReadCost / n,
    webSearchCost: t.webSearchCost / n,
    loggedCost: t.loggedCost / n,
  };
}

/** The daily report as a terminal table: the richest layout that fits the width. */
export function renderDailyTable(report: DailyReport, options: DailyTableOptions): string {
  const rows: TableRow[] = [];
  for (const day of barShares(report.days.map((day) => ({ day, rollup: day as Rollup })))) {
    rows.push({
      labels: [day.day.date],
      models: day.day.models.map((m) => m.name),
      rollup: day.rollup,
      kind: 'row',
      share: day.share,
    });
    if (options.breakdown) {
      for (const model of day.day.models) {
        rows.push({ labels: [''], models: [model.name], rollup: model, kind: 'sub', share: 0 });
      }
    }
  }
  rows.push(totalRow(report.models, report.totals));
  if (daysIn(report.range) > 1) {
    rows.push({
      labels: [`Avg, ${daysIn(report.range)} days`],
      models: [],
      rollup: averageOf(report),
      kind: 'average',
      share: 0,
    });
  }
  const table: RollupTable = {
    title: reportTitle('by day', report, options),
    labels: [{ header: 'Date' }],
    rows,
    models: true,
    bar: report.days.some((day) => day.cost > 0),
    notes: reportNotes(report.models, options.unpriced ?? new Map()),
  };
  return renderRollupTable(table, options);
}
