import { reportTitle } from '../format/rollup-table.js';
import { renderToolsTable } from '../format/tools.js';
import { selectRecords } from '../report/select.js';
import { toolRows } from '../report/tools.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, tableOptions } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

async function runTools(options: ReportOptions): Promise<void> {
  const context = await loadReport(options, undefined, { toolUses: true });
  const rows = toolRows(selectRecords(context.toolUses, context.selection));
  if (options.json) {
    printJson(reportJson(REPORT.tools, context, new Map()));
    return;
  }
  const view = tableOptions(options);
  const title = reportTitle(
    'by tool',
    { range: context.selection.range, timeZone: context.calendar.timeZone },
    options,
  );
  printReport(context, renderToolsTable(rows, title, view.palette, view.width));
}

export function toolsCommand() {
  return reportCommand('tools', 'tool calls (Read, Edit, Bash, ...) by tool name').action(
    (options: ReportOptions) => runTools(options),
  );
}
