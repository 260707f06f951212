import { renderGroupedTable } from '../format/grouped.js';
import { rollupSelected } from '../report/daily.js';
import { projectRows } from '../report/projects.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

async function runProjects(options: ReportOptions): Promise<void> {
  const context = await loadReport(options);
  const report = rollupSelected(context.selected, context.selection, (record) => record.project);
  const rows = projectRows(context.selected);
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(REPORT.projects, context, unpriced));
    return;
  }
  const paths = new Map(rows.map((row) => [row.key, row.projectPath]));
  const view = {
    what: 'by project',
    label: { header: 'Project', maxWidth: 36, shorten: 'start' as const },
    labelOf: (row: { key: string }) => paths.get(row.key) ?? row.key,
    costShare: true,
  };
  printReport(context, renderGroupedTable(report, rows, view, viewContext(context, unpriced)));
}

export function projectsCommand() {
  return reportCommand('projects', 'cost and tokens per project (its real path)').action(
    (options: ReportOptions) => runProjects(options),
  );
}
