import { palette, useColor } from '../format/color.js';
import type { ViewContext } from '../format/grouped.js';
import { type MetaContext, reportMeta } from '../format/report-json.js';
import type { TableOptions } from '../format/rollup-table.js';
import type { PriceBook } from '../pricing/book.js';
import { type Day, systemTimeZone, ZonedCalendar } from '../report/calendar.js';
import { usageDaySpan } from '../report/daily.js';
import type { NamedRollup } from '../report/group.js';
import { resolveRange } from '../report/range.js';
import { type Selection, selectRecords } from '../report/select.js';
import type { PricedRecord, ScanStats, ToolUse } from '../types.js';
import { type LoadNeeds, loadPricedRecords, warnUnpriced } from './records.js';
import type { ReportOptions } from './shared-options.js';
import { outputWidth } from './terminal.js';

/** Everything a report command needs: the records, the range, and the chosen selection. */
export interface ReportContext {
  options: ReportOptions;
  calendar: ZonedCalendar;
  now: number;
  today: Day;
  /** Every priced record of the project filter, whatever its day. */
  records: PricedRecord[];
  /** Tool calls: only when the report asked for them (`needs.toolUses`). */
  toolUses: ToolUse[];
  stats: ScanStats;
  book: PriceBook;
  selection: Selection;
  /** The records of the range (and model) the report covers. */
  selected: PricedRecord[];
}

/**
 * Validates the range before the (possibly long) scan, loads and prices the records, then
 * resolves the range (`--all` needs the data to know its span) and selects the records.
 */
export async function loadReport(
  options: ReportOptions,
  defaultSince?: (until: Day) => Day,
  needs: LoadNeeds = {},
): Promise<ReportContext> {
  const calendar = new ZonedCalendar(options.timezone ?? systemTimeZone());
  const now = Date.now();
  const today = calendar.dayOf(now);
  resolveRange(options, today, null, defaultSince);
  const { records, toolUses, stats, book } = await loadPricedRecords(options, needs);
  const range = resolveRange(options, today, usageDaySpan(records, calendar), defaultSince);
  const selection = { calendar, range, model: options.model };
  return {
    options,
    calendar,
    now,
    today,
    records,
    toolUses,
    stats,
    book,
    selection,
    selected: selectRecords(records, selection),
  };
}

/** Why each of the report's unpriced models has no cost; says so on stderr, once. */
export function unpricedOf(context: ReportContext, models: NamedRollup[]): Map<string, string> {
  return warnUnpriced(models, context.selected, context.book.configFile);
}

/** The `meta` of a report's `--json`. */
export function metaOf(
  context: ReportContext,
  models: NamedRollup[],
  unpriced: Map<string, string>,
): ReturnType<typeof reportMeta> {
  const meta: MetaContext = {
    range: context.selection.range,
    timeZone: context.calendar.timeZone,
    stats: context.stats,
    project: context.options.project,
    model: context.options.model,
    costMode: context.options.mode,
    prices: context.book.prices,
    unpriced,
    models,
  };
  return reportMeta(meta);
}

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
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printText(text: string): void {
  process.stdout.write(`${text}\n`);
}
