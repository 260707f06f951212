import type { Config } from './config/schema.js';
import { type LimitObservations, NO_LIMITS } from './limits/official.js';
import type { PriceBook } from './pricing/book.js';
import {
  type BudgetLimits,
  type BudgetLine,
  budgetLines,
  DEFAULT_ALERT_PERCENT,
  hasBudget,
} from './report/budget.js';
import type { Day, ZonedCalendar } from './report/calendar.js';
import { usageDaySpan } from './report/daily.js';
import { type RangeRequest, resolveRange } from './report/range.js';
import { type Selection, selectRecords } from './report/select.js';
import type { PricedRecord, ScanStats, ToolUse } from './types.js';
import type { Usage, UsageRequest } from './usage.js';

/** What a report is asked for: the records (`UsageRequest`), the range, and the budgets. */
export interface ReportRequest extends UsageRequest, RangeRequest {
  /** The zone of the report's days (default: the caller's). */
  timezone?: string | undefined;
  dailyBudget?: number | undefined;
  weeklyBudget?: number | undefined;
  monthlyBudget?: number | undefined;
  budgetAlert?: number | undefined;
}

/** Everything a report needs: the records, the range, and the chosen selection. */
export interface ReportContext<O extends ReportRequest = ReportRequest> {
  options: O;
  calendar: ZonedCalendar;
  now: number;
  today: Day;
  /** Every priced record of the project filter, whatever its day. */
  records: PricedRecord[];
  /** Tool calls: only when the report asked for them. */
  toolUses: ToolUse[];
  stats: ScanStats;
  book: PriceBook;
  selection: Selection;
  /** The records of the range (and model) the report covers. */
  selected: PricedRecord[];
  /** Today's, this week's and this month's spend against the budgets set (none: empty). */
  budgets: BudgetLine[];
  budgetLimits: BudgetLimits;
  /** Claude Code's rate limits as the status line kept them (for the reports that show them). */
  official: LimitObservations;
}

/** The budgets of a run: each flag over the config's figure. */
export function budgetLimitsOf(options: ReportRequest, config: Config): BudgetLimits {
  const budgets = config.budgets ?? {};
  return {
    daily: options.dailyBudget ?? budgets.daily,
    weekly: options.weeklyBudget ?? budgets.weekly,
    monthly: options.monthlyBudget ?? budgets.monthly,
    alertPercent: options.budgetAlert ?? budgets.alertPercent ?? DEFAULT_ALERT_PERCENT,
  };
}

/**
 * A report's context from loaded usage: the range resolved against the days that have usage
 * (`--all` needs them), the records of the range and model selected, the budgets' spend.
 */
export function reportContext<O extends ReportRequest>(
  usage: Usage,
  options: O,
  calendar: ZonedCalendar,
  now: number,
  defaultSince?: (until: Day) => Day,
  official: LimitObservations = NO_LIMITS,
): ReportContext<O> {
  const today = calendar.dayOf(now);
  const { records, allRecords, toolUses, stats, book } = usage;
  const budgetLimits = budgetLimitsOf(options, book.config);
  const range = resolveRange(options, today, usageDaySpan(records, calendar), defaultSince);
  const selection = { calendar, range, model: options.model };
  return {
    options,
    calendar,
    now,
    today,
    records,
    toolUses,
    stats,
    book,
    selection,
    selected: selectRecords(records, selection),
    budgets: hasBudget(budgetLimits) ? budgetLines(allRecords(), calendar, now, budgetLimits) : [],
    budgetLimits,
    official,
  };
}
