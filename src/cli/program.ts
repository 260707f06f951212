import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { packageRoot } from '../package-root.js';
import { REPORTS } from '../reports/registry.js';
import { budgetCommand } from './budget.js';
import { dailyCommand } from './daily.js';
import { dashboardCommand } from './dashboard.js';
import { exportCommand } from './export.js';
import { ledgerCommand } from './ledger.js';
import { limitsCommand } from './limits.js';
import { pricingCommand } from './pricing.js';
import { commandOf } from './report-command.js';
import { reportFileCommand } from './report-file.js';
import { schemaCommand } from './schema.js';
import { sessionsCommand } from './sessions.js';
import { statuslineCommand } from './statusline-command.js';
import { watchCommand } from './watch.js';

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
  return String(manifest.version);
}

/** The end of `usage --help`: the default report's options, the shared ones, examples. */
const ROOT_HELP = `
With no command, usage runs daily, the last 7 days by day:
  --day <date>          one day in detail: today, yesterday, YYYY-MM-DD
  -b, --breakdown       one row per model under each day

Every report also takes the shared options (usage daily --help lists them all):
  -s, --since <date>    first day: YYYY-MM-DD, today, yesterday, 7d (seven days ago)
  -u, --until <date>    last day (default: today)
  -a, --all             every day that has usage
  -p, --project <name>  one project;  --model <name>  one model
  -z, --timezone <zone> day boundaries in this zone
  -j, --json            JSON for scripts (usage schema lists the shapes)
  -d, --data-dir <dir>  other logs than yours, read without the ledger

Options may come before the command: usage --json models is usage models --json.

Examples:
  usage                            the last 7 days
  usage --day yesterday            yesterday in detail
  usage monthly --all              every month
  usage sessions --limit 5         the five most expensive sessions
  usage models --since 30d --json  the last 30 days by model, as JSON
  usage export --format csv --group-by request > requests.csv
  usage report --html november.html --since 2026-11-01 --until 2026-11-30
  usage limits                     Claude Code's own 5-hour and 7-day limits, beside your spend
  usage pricing --changes          why a bill changed: the dated price changes`;

/** The `usage` program; `daily` runs when no command is named. */
export function buildProgram(): Command {
  const program = new Command('usage')
    .description('What Claude Code costs you, from the logs on this machine.')
    .usage('[command] [options]')
    .version(packageVersion(), '-V, --version')
    .addHelpText('after', ROOT_HELP)
    .exitOverride();
  program.addCommand(dailyCommand(), { isDefault: true });
  // The reports, from the registry (daily and sessions add a mode of their own).
  for (const definition of REPORTS) {
    if (definition.name === 'daily') continue;
    program.addCommand(definition.name === 'sessions' ? sessionsCommand() : commandOf(definition));
  }
  for (const command of [
    watchCommand(),
    dashboardCommand(),
    reportFileCommand(),
    budgetCommand(),
    limitsCommand(),
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
