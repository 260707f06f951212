import { Command } from 'commander';
import { type ReportOptions, reportOptions } from './shared-options.js';

export interface ReportFileOptions extends ReportOptions {
  html?: string;
  force?: boolean;
}

/** The options of a terminal report that a page has no use for. */
const TERMINAL_ONLY = new Set(['json', 'compact', 'color', 'allRoots']);

export function reportFileCommand(): Command {
  const command = new Command('report')
    .description('the dashboard as one HTML file with its data, to share or keep (no server)')
    .option('--html <file>', 'write the page to this file (- for stdout)')
    .option('--force', 'replace the file if it exists');
  for (const option of reportOptions()) {
    if (!TERMINAL_ONLY.has(option.attributeName())) command.addOption(option);
  }
  return command
    .showHelpAfterError('(usage report --help lists the options)')
    .exitOverride()
    .action(async (options: ReportFileOptions) => {
      const { runReportFile } = await import('./report-file-run.js');
      await runReportFile(options);
    });
}
