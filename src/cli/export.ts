import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { EXPORT_FORMATS, type ExportFormat, exportChunks } from '../format/export.js';
import { rollupSelected } from '../report/daily.js';
import { exportColumns, exportRows, GROUP_BYS, type GroupBy } from '../report/export-rows.js';
import { loadReport, metaOf, unpricedOf } from './context.js';
import { writeToFile, writeToStdout } from './output.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface ExportOptions extends ReportOptions {
  format: ExportFormat;
  from?: string;
  to?: string;
  groupBy: GroupBy;
  output?: string;
  force?: boolean;
}

/** `--from`/`--to` are the export's names for `--since`/`--until`; with neither, it exports everything. */
function rangeOptions(options: ExportOptions): ExportOptions {
  if (
    (options.from !== undefined && options.since !== undefined) ||
    (options.to !== undefined && options.until !== undefined)
  ) {
    throw new UsageError('give --from/--to or --since/--until, not both', ExitCode.usage);
  }
  const since = options.from ?? options.since;
  const until = options.to ?? options.until;
  // With no bounds at all (with or without --all), the export covers everything.
  return {
    ...options,
    since,
    until,
    all: since === undefined && until === undefined ? true : undefined,
  };
}

async function runExport(raw: ExportOptions): Promise<void> {
  const options = rangeOptions(raw);
  const context = await loadReport(options);
  const report = rollupSelected(context.selected, context.selection, () => '');
  const meta = metaOf(context, report.models, unpricedOf(context, report.models));
  const head = {
    groupBy: options.groupBy,
    from: context.selection.range.since,
    to: context.selection.range.until,
    timeZone: context.calendar.timeZone,
    columns: exportColumns(options.groupBy),
  };
  const rows = exportRows(context.selected, options.groupBy, context.calendar);
  const chunks = exportChunks(options.format, head, rows, meta);
  if (options.output === undefined) await writeToStdout(chunks);
  else await writeToFile(options.output, chunks, options.force === true);
}

export function exportCommand() {
  return reportCommand(
    'export',
    'usage as CSV, JSON or NDJSON for spreadsheets and scripts (default: everything)',
  )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(EXPORT_FORMATS).default('csv'),
    )
    .option('--from <date>', 'first day (same forms as --since)')
    .option('--to <date>', 'last day (same forms as --until)')
    .addOption(
      new Option('-g, --group-by <unit>', 'one row per ...').choices(GROUP_BYS).default('day'),
    )
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
    .option('--force', 'replace --output if it exists')
    .action((options: ExportOptions, command: Command) => {
      // `--json` (a report option) means JSON here too, unless --format says otherwise.
      const json = options.json === true && command.getOptionValueSource('format') === 'default';
      return runExport(json ? { ...options, format: 'json' } : options);
    });
}
