import { Command, Option } from 'commander';
import { STATUS_FIELDS } from '../format/statusline.js';
import {
  budgetOptions,
  configOption,
  ledgerOption,
  modeOption,
  noLedgerOption,
  positiveInteger,
  timezoneOption,
} from './shared-options.js';
import { runStatusline, STATUSLINE_DEFAULTS, type StatuslineOptions } from './statusline.js';

export function statuslineCommand(): Command {
  const command = new Command('statusline')
    .description("one short line for Claude Code's status bar, from the JSON it passes on stdin")
    .addOption(
      new Option(
        '--format <fields>',
        `what to show, comma-separated: ${STATUS_FIELDS.join(', ')}`,
      ).default(STATUSLINE_DEFAULTS.format),
    )
    .addOption(
      new Option('--timeout <ms>', 'print the last known line if the figures take longer')
        .argParser(positiveInteger('milliseconds'))
        .default(STATUSLINE_DEFAULTS.timeout),
    )
    .addOption(ledgerOption())
    .addOption(noLedgerOption("show only the model, Claude Code's limits and the context size"))
    .addOption(timezoneOption('IANA time zone for "today" (default: the system zone)'))
    .addOption(configOption())
    .addOption(modeOption())
    .addOption(
      new Option('--color', 'colour the limits part (Claude Code shows it; also FORCE_COLOR=1)'),
    )
    .addOption(new Option('--no-color', 'no colour codes, even with FORCE_COLOR'))
    .exitOverride();
  for (const option of budgetOptions()) command.addOption(option);
  return command.action((options: StatuslineOptions) => runStatusline(options));
}
