import { renderGroupedTable } from '../format/grouped.js';
import { rollupSelected } from '../report/daily.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

async function runModels(options: ReportOptions): Promise<void> {
  const context = await loadReport(options);
  const report = rollupSelected(context.selected, context.selection, (record) => record.model);
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(REPORT.models, context, unpriced));
    return;
  }
  const rows = [...report.rows].sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : 1));
  const view = {
    what: 'by model',
    label: { header: 'Model', maxWidth: 30 },
    labelOf: (row: { key: string }) => row.key,
    models: false,
    requests: true,
    costShare: true,
  };
  printReport(context, renderGroupedTable(report, rows, view, viewContext(context, unpriced)));
}

export function modelsCommand() {
  return reportCommand(
    'models',
    "requests, tokens and cost per model, with each one's share",
  ).action((options: ReportOptions) => runModels(options));
}
