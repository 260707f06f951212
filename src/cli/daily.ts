import { Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { dailyJson } from '../format/daily-json.js';
import { renderDailyTable } from '../format/daily-table.js';
import { dayDetailJson, renderDayDetail } from '../format/day-detail.js';
import { addDays } from '../report/calendar.js';
import { dailyOfSelected } from '../report/daily.js';
import { dayDetail } from '../report/day-detail.js';
import { parseDayArgument } from '../report/range.js';
import { loadReport, metaOf, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface DailyOptions extends ReportOptions {
  breakdown?: boolean;
  day?: string;
}

/**
 * `--day`: one day in detail. The range covers the month so far and the 7 days before the
 * day, which the month projection needs; everything else is the day's own records.
 */
async function runDay(options: DailyOptions, dayArgument: string): Promise<void> {
  let day = '';
  const context = await loadReport(
    { ...options, since: undefined, until: undefined, all: undefined },
    (until) => {
      day = parseDayArgument('--day', dayArgument, until);
      const monthStart = `${day.slice(0, 8)}01`;
      const weekBefore = addDays(day, -6);
      return monthStart < weekBefore ? monthStart : weekBefore;
    },
  );
  const detail = dayDetail(context.selected, day, context.calendar);
  const unpriced = unpricedOf(context, detail.models);
  if (options.json) {
    printJson({
      ...dayDetailJson(detail),
      meta: metaOf(
        {
          ...context,
          selection: {
            ...context.selection,
            range: { since: day, until: day, fillEmptyDays: true },
          },
        },
        detail.models,
        unpriced,
      ),
    });
    return;
  }
  printReport(context, renderDayDetail(detail, viewContext(context, unpriced)));
}

async function runDaily(options: DailyOptions): Promise<void> {
  if (options.day !== undefined) {
    if (options.since !== undefined || options.until !== undefined || options.all) {
      throw new UsageError(
        '--day cannot be combined with --since, --until or --all',
        ExitCode.usage,
      );
    }
    await runDay(options, options.day);
    return;
  }
  const context = await loadReport(options);
  const report = dailyOfSelected(context.selected, context.selection);
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson({ ...dailyJson(report), meta: metaOf(context, report.models, unpriced) });
    return;
  }
  printReport(
    context,
    renderDailyTable(report, context.stats, {
      ...viewContext(context, unpriced),
      breakdown: options.breakdown === true,
    }),
  );
}

export function dailyCommand() {
  return reportCommand('daily', 'cost and tokens per day (the default report: the last 7 days)')
    .option('-b, --breakdown', 'one row per model under each day')
    .addOption(new Option('--day <date>', 'one day in detail: today, yesterday, YYYY-MM-DD'))
    .action((options: DailyOptions) => runDaily(options));
}
