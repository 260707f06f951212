import { type ExportFormat, exportChunks } from '../format/export.js';
import { rollupSelected } from '../report/daily.js';
import { exportColumns, exportRows, type GroupBy } from '../report/export-rows.js';
import type { ReportContext } from '../report-context.js';
import { type JsonRequest, metaOf, unpricedOfModels } from './registry.js';

/**
 * The selected records as an export's text chunks (CSV, JSON or NDJSON), one row per
 * `groupBy`: what `usage export` writes and the dashboard's download buttons fetch.
 * `unpriced` lets the CLI pass the reasons it has already warned about on stderr.
 */
export function exportOf(
  context: ReportContext<JsonRequest>,
  format: ExportFormat,
  groupBy: GroupBy,
  unpriced?: (models: ReturnType<typeof rollupSelected>['models']) => Map<string, string>,
): Iterable<string> {
  const { models } = rollupSelected(context.selected, context.selection, () => '');
  const meta = metaOf(context, models, (unpriced ?? ((m) => unpricedOfModels(context, m)))(models));
  const head = {
    groupBy,
    from: context.selection.range.since,
    to: context.selection.range.until,
    timeZone: context.calendar.timeZone,
    columns: exportColumns(groupBy),
  };
  return exportChunks(format, head, exportRows(context.selected, groupBy, context.calendar), meta);
}
