import { Command } from 'commander';
import { reportOptions } from './shared-options.js';

/** A report command with the options every report shares (range, zone, filters, output). */
export function reportCommand(name: string, description: string): Command {
  const command = new Command(name).description(description);
  for (const option of reportOptions()) command.addOption(option);
  return command.showHelpAfterError(`(usage ${name} --help lists the options)`).exitOverride();
}
