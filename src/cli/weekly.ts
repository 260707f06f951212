import { Option } from 'commander';
import { groupedJson, renderGroupedTable } from '../format/grouped.js';
import { addDays, type WeekStart, weekOf } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import { loadReport, metaOf, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface WeeklyOptions extends ReportOptions {
  startOfWeek: WeekStart;
}

/** Default range: the 8 weeks ending with this one. */
async function runWeekly(options: WeeklyOptions): Promise<void> {
  const context = await loadReport(options, (until) =>
    addDays(weekOf(until, options.startOfWeek), -49),
  );
  const { calendar } = context;
  const report = rollupSelected(context.selected, context.selection, (record) =>
    weekOf(calendar.dayOf(record.timestamp), options.startOfWeek),
  );
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson({
      ...groupedJson(report, report.rows, 'weekly', 'week'),
      meta: metaOf(context, report.models, unpriced),
    });
    return;
  }
  const view = {
    what: `by week (from ${options.startOfWeek})`,
    label: { header: 'Week of' },
    labelOf: (row: { key: string }) => row.key,
  };
  printReport(
    context,
    renderGroupedTable(report, report.rows, view, viewContext(context, unpriced)),
  );
}

export function weeklyCommand() {
  return reportCommand('weekly', 'cost and tokens per week (default: the last 8 weeks)')
    .addOption(
      new Option('--start-of-week <day>', 'the first day of a week')
        .choices(['monday', 'sunday'])
        .default('monday'),
    )
    .action((options: WeeklyOptions) => runWeekly(options));
}
