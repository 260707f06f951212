import { groupedJson, renderGroupedTable } from '../format/grouped.js';
import { type Day, monthOf } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import { loadReport, metaOf, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

/** The first day of the month `back` months before the month of `day`. */
function monthsBefore(day: Day, back: number): Day {
  const [year = 1970, month = 1] = day.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1 - back, 1));
  return date.toISOString().slice(0, 10);
}

/** Default range: the 6 months ending with this one. */
async function runMonthly(options: ReportOptions): Promise<void> {
  const context = await loadReport(options, (until) => monthsBefore(until, 5));
  const report = rollupSelected(context.selected, context.selection, (record) =>
    monthOf(context.calendar.dayOf(record.timestamp)),
  );
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson({
      ...groupedJson(report, report.rows, 'monthly', 'month'),
      meta: metaOf(context, report.models, unpriced),
    });
    return;
  }
  const view = {
    what: 'by month',
    label: { header: 'Month' },
    labelOf: (row: { key: string }) => row.key,
  };
  printReport(
    context,
    renderGroupedTable(report, report.rows, view, viewContext(context, unpriced)),
  );
}

export function monthlyCommand() {
  return reportCommand('monthly', 'cost and tokens per month (default: the last 6 months)').action(
    (options: ReportOptions) => runMonthly(options),
  );
}
