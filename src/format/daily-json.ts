import type { DailyReport } from '../report/daily.js';
import { daysIn } from '../report/range.js';
import { roundCost } from './numbers.js';
import { groupFields } from './report-json.js';

/** The daily report's figures for `--json` (the command adds `meta`). README documents them. */
export function dailyJson(report: DailyReport) {
  return {
    daily: report.days.map((day) => ({ date: day.date, ...groupFields(day) })),
    totals: {
      ...groupFields({ ...report.totals, models: report.models }),
      // Per calendar day of the range, days without usage included, whatever the range.
      averageDailyCost: roundCost(report.totals.cost / daysIn(report.range)),
    },
  };
}
