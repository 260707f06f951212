import { renderGroupedTable } from '../format/grouped.js';
import { monthOf } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

/** Default range: the 6 months ending with this one. */
async function runMonthly(options: ReportOptions): Promise<void> {
  const definition = REPORT.monthly;
  const context = await loadReport(options, (until) => definition.defaultSince(until, options));
  const report = rollupSelected(context.selected, context.selection, (record) =>
    monthOf(context.calendar.dayOf(record.timestamp)),
  );
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(definition, context, unpriced));
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
