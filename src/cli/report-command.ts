import { Command, Help, Option } from 'commander';
import type { ReportDefinition } from '../reports/registry.js';
import { type ReportCommandOptions, runReport } from './report-run.js';
import { reportOptions, SHARED_OPTIONS_HEADING } from './shared-options.js';

const isShared = (option: Option) => option.helpGroupHeading === SHARED_OPTIONS_HEADING;

/** A report command with the options every report shares (range, zone, filters, output). */
export function reportCommand(name: string, description: string): Command {
  const command = new Command(name).description(description);
  for (const option of reportOptions()) command.addOption(option);
  // Help lists the command's own options first, then the shared ones under their heading.
  command.configureHelp({
    visibleOptions(this: Help, cmd: Command) {
      const options = Help.prototype.visibleOptions.call(this, cmd);
      return [...options.filter((o) => !isShared(o)), ...options.filter(isShared)];
    },
    groupItems<T extends Command | Option>(
      _unsorted: T[],
      visible: T[],
      groupOf: (item: T) => string,
    ): Map<string, T[]> {
      const groups = new Map<string, T[]>();
      for (const item of visible)
        groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
      return groups;
    },
  });
  return command.showHelpAfterError(`(usage ${name} --help lists the options)`).exitOverride();
}

/** A report's command, made from its definition: its own options, the shared ones, the run. */
export function commandOf(definition: ReportDefinition): Command {
  const command = reportCommand(definition.name, definition.description);
  for (const alias of definition.aliases ?? []) command.alias(alias);
  for (const spec of definition.options ?? []) {
    const option = new Option(spec.flags, spec.description);
    // A bad value is the parser's UsageError: the message the API gives too, exit code 2.
    if (spec.parse !== undefined) option.argParser(spec.parse);
    if (spec.default !== undefined) option.default(spec.default);
    command.addOption(option);
  }
  return command.action((options: ReportCommandOptions) => runReport(definition, options));
}
