import { Option } from 'commander';
import { renderGroupedTable } from '../format/grouped.js';
import { type WeekStart, weekOf } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface WeeklyOptions extends ReportOptions {
  startOfWeek: WeekStart;
}

/** Default range: the 8 weeks ending with this one. */
async function runWeekly(options: WeeklyOptions): Promise<void> {
  const definition = REPORT.weekly;
  const context = await loadReport(options, (until) => definition.defaultSince(until, options));
  const { calendar } = context;
  const report = rollupSelected(context.selected, context.selection, (record) =>
    weekOf(calendar.dayOf(record.timestamp), options.startOfWeek),
  );
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(definition, context, unpriced));
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
