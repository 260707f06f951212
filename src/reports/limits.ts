import { NO_OFFICIAL_FIGURE } from '../format/limits.js';
import type { ReportContext } from '../report-context.js';
import type { Output } from '../schemas/output.js';
import { officialLimitsJson } from './official.js';
import { type JsonRequest, metaOf } from './registry.js';

/** `usage limits --json` (and `/api/limits`): Claude Code's windows beside our spend in them. */
export function limitsReportJson(context: ReportContext<JsonRequest>): Output<'limits'> {
  const { fiveHour, sevenDay } = officialLimitsJson(context);
  return {
    fiveHour,
    sevenDay,
    alertPercent: context.budgetLimits.alertPercent,
    note: fiveHour === null && sevenDay === null ? NO_OFFICIAL_FIGURE : null,
    meta: metaOf(context, [], new Map()),
  };
}
