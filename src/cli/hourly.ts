import { renderGroupedTable } from '../format/grouped.js';
import { addDays } from '../report/calendar.js';
import { rollupSelected } from '../report/daily.js';
import type { Group } from '../report/group.js';
import { hourlyTimeline, hourOfDayProfile } from '../report/hourly.js';
import { REPORT, reportJson } from '../reports/json.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { reportCommand } from './report-command.js';
import type { ReportOptions } from './shared-options.js';

interface HourlyOptions extends ReportOptions {
  byHourOfDay?: boolean;
}

/** `2026-10-25T02:00+02:00` as `2026-10-25 02:00`, with the offset only where an hour repeats. */
function hourLabels(rows: Group[]): Map<string, string> {
  const plain = (key: string) => key.slice(0, 16).replace('T', ' ');
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(plain(row.key), (counts.get(plain(row.key)) ?? 0) + 1);
  return new Map(
    rows.map((row) => [
      row.key,
      (counts.get(plain(row.key)) ?? 0) > 1
        ? `${plain(row.key)} ${row.key.slice(16)}`
        : plain(row.key),
    ]),
  );
}

/** Default range: today for the timeline, the last 7 days for the 24-hour profile. */
async function runHourly(options: HourlyOptions): Promise<void> {
  const profile = options.byHourOfDay === true;
  const context = await loadReport(options, profile ? undefined : (until) => addDays(until, 0));
  const report = rollupSelected(context.selected, context.selection, () => '');
  const rows = profile
    ? hourOfDayProfile(context.selected, context.calendar)
    : hourlyTimeline(context.selected, context.calendar);
  const unpriced = unpricedOf(context, report.models);
  if (options.json) {
    printJson(reportJson(REPORT.hourly, context, unpriced));
    return;
  }
  const labels = hourLabels(rows);
  const view = profile
    ? {
        what: 'by hour of day',
        label: { header: 'Hour' },
        labelOf: (row: Group) => `${row.key}:00`,
      }
    : {
        what: 'by hour',
        label: { header: 'Hour' },
        labelOf: (row: Group) => labels.get(row.key) ?? row.key,
      };
  printReport(context, renderGroupedTable(report, rows, view, viewContext(context, unpriced)));
}

export function hourlyCommand() {
  return reportCommand(
    'hourly',
    'cost and tokens per hour (default: today), or the 24-hour profile',
  )
    .option('--by-hour-of-day', 'sum the range by hour of day: 24 rows (default range: 7 days)')
    .action((options: HourlyOptions) => runHourly(options));
}
