import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { dailyCommand } from './daily.js';
import { pricingCommand } from './pricing.js';

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

/** The `usage` program; `daily` runs when no command is named. */
export function buildProgram(): Command {
  const program = new Command('usage')
    .description('What Claude Code costs you, from the logs on this machine.')
    .version(packageVersion(), '-V, --version')
    .addHelpText(
      'after',
      '\nWith no command, usage runs daily: see usage daily --help for its options.',
    )
    .exitOverride();
  program.addCommand(
    dailyCommand().showHelpAfterError('(usage daily --help lists the options)').exitOverride(),
    { isDefault: true },
  );
  program.addCommand(pricingCommand());
  return program;
}
