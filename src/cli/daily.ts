import { Option } from 'commander';
import { REPORT } from '../reports/registry.js';
import { type DailyOptions, runDaily } from './daily-run.js';
import { commandOf } from './report-command.js';

/** daily from the registry, with --day: one day in detail. */
export function dailyCommand() {
  return commandOf(REPORT.daily)
    .addOption(new Option('--day <date>', 'one day in detail: today, yesterday, YYYY-MM-DD'))
    .action((options: DailyOptions) => runDaily(options));
}
