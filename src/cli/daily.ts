import { Command } from 'commander';
import { palette, useColor } from '../format/color.js';
import { dailyJson } from '../format/daily-json.js';
import { renderDailyTable } from '../format/daily-table.js';
import { systemTimeZone, ZonedCalendar } from '../report/calendar.js';
import { rollupByDay, usageDaySpan } from '../report/daily.js';
import { resolveRange } from '../report/range.js';
import { loadPricedRecords, warnUnpriced } from './records.js';
import { type ReportOptions, reportOptions } from './shared-options.js';
import { outputWidth } from './terminal.js';

interface DailyOptions extends ReportOptions {
  breakdown?: boolean;
}

async function runDaily(options: DailyOptions): Promise<void> {
  const calendar = new ZonedCalendar(options.timezone ?? systemTimeZone());
  const today = calendar.dayOf(Date.now());
  // Validate the range before the (possibly long) scan; --all needs the data to know its span.
  resolveRange(options, today, null);

  const { records, stats, book } = await loadPricedRecords(options);
  const range = resolveRange(options, today, usageDaySpan(records, calendar));
  const report = rollupByDay(records, calendar, range);
  const unpriced = warnUnpriced(report.models, records, book.configFile);

  if (options.json) {
    const json = dailyJson(report, {
      stats,
      project: options.project,
      costMode: options.mode,
      prices: book.prices,
      unpriced,
    });
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const color = useColor({
    flag: options.color,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  });
  const table = renderDailyTable(report, stats, {
    width: outputWidth(process.stdout, process.env),
    palette: palette(color),
    breakdown: options.breakdown === true,
    compact: options.compact === true,
    project: options.project,
    unpriced,
  });
  process.stdout.write(`${table}\n`);
}

export function dailyCommand(): Command {
  const command = new Command('daily').description(
    'cost and tokens per day (the default report: the last 7 days)',
  );
  for (const option of reportOptions()) command.addOption(option);
  return command
    .option('-b, --breakdown', 'one row per model under each day')
    .action((options: DailyOptions) => runDaily(options));
}
