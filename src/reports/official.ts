import type { BudgetPalette } from '../format/budget.js';
import { limitsPart, limitWindowJson } from '../format/limits.js';
import { type LimitWindow, limitsReport } from '../report/limits.js';
import type { ReportContext, ReportRequest } from '../report-context.js';

/** Claude Code's windows as the status line kept them, with our spend in them. */
export function officialReport(context: ReportContext<ReportRequest>) {
  return limitsReport(
    context.official,
    context.records,
    context.now,
    context.budgetLimits.alertPercent,
  );
}

/** Claude Code's windows as `usage limits --json` gives them, for the reports that show them. */
export function officialLimitsJson(context: ReportContext<ReportRequest>) {
  const report = officialReport(context);
  const json = (window: LimitWindow | null) =>
    window === null ? null : limitWindowJson(window, context.calendar);
  return { fiveHour: json(report.fiveHour), sevenDay: json(report.sevenDay) };
}

export function officialLimitsPart(context: ReportContext<ReportRequest>, palette: BudgetPalette) {
  return limitsPart(officialReport(context), context.calendar, palette);
}
