import { renderBudgetLines } from '../format/budget.js';
import { palette, useColor } from '../format/color.js';
import type { ViewContext } from '../format/grouped.js';
import { terminalSafe } from '../format/printable.js';
import { filterScope, type TableOptions } from '../format/rollup-table.js';
import { wrapText } from '../format/wrap.js';
import type { Day } from '../report/calendar.js';
import { usageDaySpan } from '../report/daily.js';
import type { NamedRollup } from '../report/group.js';
import { resolveRange } from '../report/range.js';
import { ofModel } from '../report/select.js';
import {
  budgetLimitsOf,
  type ReportContext as CoreReportContext,
  reportContext,
} from '../report-context.js';
import { type LoadNeeds, loadPricedRecords, warnUnpriced } from './records.js';
import type { ReportOptions } from './shared-options.js';
import { outputWidth } from './terminal.js';
import { calendarOf } from './zone.js';

/** Everything a report command needs: the records, the range, and the chosen selection. */
export type ReportContext = CoreReportContext<ReportOptions>;

export { budgetLimitsOf };

/**
 * Validates the range before the (possibly long) scan, loads and prices the records, then
 * resolves the range (`--all` needs the data to know its span) and selects the records.
 */
export async function loadReport(
  options: ReportOptions,
  defaultSince?: (until: Day) => Day,
  needs: LoadNeeds = {},
): Promise<ReportContext> {
  const calendar = calendarOf(options.timezone);
  const now = Date.now();
  // A bad range is a usage error before the (possibly long) scan.
  resolveRange(options, calendar.dayOf(now), null, defaultSince);
  const usage = await loadPricedRecords(options, needs, calendar);
  return reportContext(usage, options, calendar, now, defaultSince);
}

/**
 * A range without usage in one line, instead of a table of zeros: when the usage there is
 * was, and how to see it.
 */
export function noUsageLine(
  context: ReportContext,
  { since, until }: { since: string; until: string } = context.selection.range,
): string {
  const scope = filterScope(context.options);
  const records = ofModel(context.records, context.options.model);
  const span = usageDaySpan(records, context.calendar);
  if (span === null) return `No usage${scope}.`;
  const range = since === until ? `on ${since}` : `from ${since} to ${until}`;
  const seen =
    span.last < since
      ? `The last was on ${span.last}`
      : span.first > until
        ? `The first was on ${span.first}`
        : `There is usage from ${span.first} to ${span.last}`;
  return `No usage ${range} (${context.calendar.timeZone})${scope}. ${seen}; usage --all shows every day.`;
}

/**
 * Prints a report's table (or, when it shows nothing, `noUsageLine`), then the budget lines
 * when budgets are set, so every report says where today's, this week's and this month's
 * spending stand.
 */
export function printReport(
  context: ReportContext,
  text: string,
  {
    empty = context.selected.length === 0,
    range = context.selection.range,
  }: { empty?: boolean; range?: { since: string; until: string } } = {},
): void {
  const body = empty
    ? wrapText(noUsageLine(context, range), tableOptions(context.options).width)
    : text;
  if (context.budgets.length === 0) {
    printText(body);
    return;
  }
  const { palette } = tableOptions(context.options);
  printText(
    `${body}\n\n${renderBudgetLines(context.budgets, context.budgetLimits.alertPercent, palette)}`,
  );
}

/** Why each of the report's unpriced models has no cost; says so on stderr, once. */
export function unpricedOf(context: ReportContext, models: NamedRollup[]): Map<string, string> {
  return warnUnpriced(models, context.selected, context.book.configFile);
}

export { metaOf } from '../reports/registry.js';

export function tableOptions(options: ReportOptions): TableOptions {
  const color = useColor({
    flag: options.color,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  });
  return {
    width: outputWidth(process.stdout, process.env),
    palette: palette(color),
    compact: options.compact === true,
    // A layout note is for someone looking at the table, not for a pipe.
    onNote: process.stdout.isTTY === true ? (note) => warn(note) : undefined,
  };
}

/** What a table renderer needs from the run: width, colour, stats, unpriced reasons, filters. */
export function viewContext(context: ReportContext, unpriced: Map<string, string>): ViewContext {
  return {
    ...tableOptions(context.options),
    stats: context.stats,
    unpriced,
    project: context.options.project,
    model: context.options.model,
    allRoots: context.options.allRoots,
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A report or message on stdout, made safe for a terminal (JSON goes through printJson). */
export function printText(text: string): void {
  process.stdout.write(`${terminalSafe(text)}\n`);
}

/** One note or warning on stderr, `usage: ` first, safe for a terminal. */
export function warn(message: string): void {
  process.stderr.write(`usage: ${terminalSafe(message)}\n`);
}
