import { printable } from '../format/printable.js';
import type { ResolvedRoots } from '../logs/roots.js';
import type { ZonedCalendar } from '../report/calendar.js';
import { unpricedReasons } from '../report/unpriced.js';
import type { PricedRecord, ScanStats } from '../types.js';
import { findRoots, loadUsage, type Usage, unreadableWarnings } from '../usage.js';
import { warn } from './context.js';
import { processEnvironment } from './environment.js';
import type { ReportOptions } from './shared-options.js';
import { progressReporter } from './terminal.js';
import { calendarOf } from './zone.js';

export type PricedUsage = Usage;

/**
 * The `projects/` folders this run reads (`--data-dir`, else `CLAUDE_CONFIG_DIR`, else the
 * defaults), saying on stderr which configured roots hold none unless `quiet`.
 */
export function findProjectDirs(
  dataDirs: string[],
  { quiet = false }: { quiet?: boolean } = {},
): Promise<ResolvedRoots> {
  return findRoots(dataDirs, processEnvironment(), quiet ? undefined : warn);
}

/** One stderr line for each file or folder that could not be read. */
export function warnUnreadable(unreadable: ScanStats['unreadable']): void {
  for (const line of unreadableWarnings(unreadable)) warn(line);
}

/** What a report needs besides the records. */
export interface LoadNeeds {
  /** Tool calls (the ledger reads them only when asked). */
  toolUses?: boolean;
  /** Sums by day, week, month or model only (`ReportDefinition.sums`). */
  sums?: boolean;
}

/**
 * One stderr line, once per run, naming the models a report's costs leave out and how to
 * price them.
 */
export function warnUnpriced(
  models: { name: string; unpricedRequests: number }[],
  records: PricedRecord[],
  configFile: string,
): Map<string, string> {
  const reasons = unpricedReasons(records);
  const shown = new Map(
    models
      .filter((model) => model.unpricedRequests > 0)
      .map((model) => [model.name, reasons.get(model.name) ?? 'no known price']),
  );
  if (shown.size === 0) return shown;
  const byReason = new Map<string, string[]>();
  for (const [model, reason] of shown)
    byReason.set(reason, [...(byReason.get(reason) ?? []), model]);
  const list = [...byReason].map(([reason, names]) => `${names.join(', ')} (${reason})`).join('; ');
  const advice = [...byReason.keys()].some((reason) => !reason.includes('costUSD'))
    ? `; a new Claude model may be known to usage pricing update (online), or add a price or an alias in ${configFile} (README: "Prices of other models")`
    : '';
  warn(`costs leave out ${printable(list)}${advice}`);
  return shown;
}

/**
 * Loads a report's records through the core (`loadUsage`), with progress on a terminal and
 * its warnings on stderr, once each.
 */
export async function loadPricedRecords(
  options: ReportOptions,
  needs: LoadNeeds = {},
  calendar?: ZonedCalendar,
): Promise<PricedUsage> {
  const progress = progressReporter(process.stderr, process.stdout);
  try {
    return await loadUsage(
      {
        ...options,
        toolUses: needs.toolUses,
        // The report's own calendar, when it has one: the days it works out are kept in it.
        sums: needs.sums ? { calendar: calendar ?? calendarOf(options.timezone) } : undefined,
      },
      processEnvironment(),
      {
        onWarning: warn,
        onProgress: progress.update,
      },
    );
  } finally {
    progress.done();
  }
}
