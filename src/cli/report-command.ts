import { Command, Help, type Option } from 'commander';
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
