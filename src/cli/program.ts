import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../package-root.js';
import { blocksCommand } from './blocks.js';
import { budgetCommand } from './budget.js';
import { dailyCommand } from './daily.js';
import { exportCommand } from './export.js';
import { hourlyCommand } from './hourly.js';
import { ledgerCommand } from './ledger.js';
import { modelsCommand } from './models.js';
import { monthlyCommand } from './monthly.js';
import { pricingCommand } from './pricing.js';
import { projectsCommand } from './projects.js';
import { schemaCommand } from './schema.js';
import { sessionsCommand } from './sessions.js';
import { statuslineCommand } from './statusline.js';
import { toolsCommand } from './tools.js';
import { trendsCommand } from './trends.js';
import { watchCommand } from './watch.js';
import { weeklyCommand } from './weekly.js';

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
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
  program.addCommand(dailyCommand(), { isDefault: true });
  for (const command of [
    weeklyCommand(),
    monthlyCommand(),
    sessionsCommand(),
    modelsCommand(),
    projectsCommand(),
    hourlyCommand(),
    blocksCommand(),
    toolsCommand(),
    trendsCommand(),
    watchCommand(),
    budgetCommand(),
    exportCommand(),
    statuslineCommand(),
    ledgerCommand(),
    pricingCommand(),
    schemaCommand(),
  ]) {
    program.addCommand(command);
  }
  return program;
}
