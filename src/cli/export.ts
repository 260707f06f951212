import { type Command, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { EXPORT_FORMATS, type ExportFormat } from '../format/export.js';
import { GROUP_BYS, type GroupBy } from '../report/export-rows.js';
import { exportOf } from '../reports/export.js';
import { loadReport, unpricedOf } from './context.js';
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
  const chunks = exportOf(context, options.format, options.groupBy, (models) =>
    unpricedOf(context, models),
  );
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
