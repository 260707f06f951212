import { ExitCode, UsageError } from '../errors.js';
import { renderDayDetail } from '../format/day-detail.js';
import { loadTableCode } from '../format/table.js';
import { dayDetail, dayDetailSince } from '../report/day-detail.js';
import { parseDayArgument } from '../report/range.js';
import { dayJson, REPORT } from '../reports/registry.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { type ReportCommandOptions, runReport } from './report-run.js';
import { calendarOf } from './zone.js';

export interface DailyOptions extends ReportCommandOptions {
  day?: string;
}

/**
 * `--day`: one day in detail. The range covers the month so far and the 7 days before the
 * day, which the month projection needs; everything else is the day's own records.
 */
async function runDay(options: DailyOptions, dayArgument: string): Promise<void> {
  const calendar = calendarOf(options.timezone);
  const today = calendar.dayOf(Date.now());
  const day = parseDayArgument('--day', dayArgument, today);
  if (day > today) {
    throw new UsageError(
      `--day: ${day} has not happened yet (today is ${today} in ${calendar.timeZone})`,
      ExitCode.usage,
    );
  }
  const context = await loadReport(
    { ...options, since: undefined, until: undefined, all: undefined },
    () => dayDetailSince(day, today),
  );
  const detail = dayDetail(context.selected, day, context.today, context.calendar);
  const unpriced = unpricedOf(context, detail.models);
  if (options.json) {
    printJson(dayJson(context, day));
    return;
  }
  await loadTableCode();
  printReport(context, renderDayDetail(detail, viewContext(context, unpriced)), {
    empty: detail.totals.requests === 0,
    range: { since: day, until: day },
  });
}

export async function runDaily(options: DailyOptions): Promise<void> {
  if (options.day === undefined) {
    await runReport(REPORT.daily, options);
    return;
  }
  if (options.since !== undefined || options.until !== undefined || options.all) {
    throw new UsageError('--day cannot be combined with --since, --until or --all', ExitCode.usage);
  }
  await runDay(options, options.day);
}
