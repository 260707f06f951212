import { InvalidArgumentError, Option } from 'commander';
import { renderTrends } from '../format/trends.js';
import { rollupSelected } from '../report/daily.js';
import { REPORT, reportJson, trendsOfContext } from '../reports/json.js';
import { loadReport, printJson, printReport, tableOptions, unpricedOf } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface TrendsOptions extends ReportOptions {
  days: number;
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    throw new InvalidArgumentError('expected a whole number of days from 1 to 3660');
  }
  return days;
}

async function runTrends(options: TrendsOptions): Promise<void> {
  const definition = REPORT.trends;
  const context = await loadReport(options, (until) => definition.defaultSince(until, options));
  const trends = trendsOfContext(context);
  const report = rollupSelected(context.selected, context.selection, () => '');
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(definition, context, unpriced));
    return;
  }
  const view = tableOptions(options);
  printReport(
    context,
    renderTrends(trends, context.calendar.timeZone, view.palette, view.width, options),
  );
}

export function trendsCommand() {
  return reportCommand(
    'trends',
    'cost over time: daily average, week over week, weekdays, hours, model mix',
  )
    .addOption(
      new Option('--days <n>', 'the days to look at, ending today (or --until)')
        .argParser(parseDays)
        .default(30),
    )
    .action((options: TrendsOptions) => runTrends(options));
}
