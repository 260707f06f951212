import { loadTableCode } from '../format/table.js';
import { latestLimits } from '../limits/keep.js';
import type { NamedRollup } from '../report/group.js';
import {
  type ReportDefinition,
  type ReportExtras,
  reportJson,
  unpricedOfModels,
} from '../reports/registry.js';
import { loadReport, printJson, printReport, unpricedOf, viewContext } from './context.js';
import { readKept } from './kept.js';
import type { ReportOptions } from './shared-options.js';

// Without commander: the default report runs from here when its options are read without it
// (report-main.ts).

export type ReportCommandOptions = ReportOptions & ReportExtras;

/** Runs a report of the registry: its JSON with --json, else its table. */
export async function runReport(
  definition: ReportDefinition,
  options: ReportCommandOptions,
): Promise<void> {
  const { defaultSince } = definition;
  const loaded = await loadReport(
    options,
    defaultSince === undefined ? undefined : (until) => defaultSince(until, options),
    { toolUses: definition.toolUses, sums: definition.sums },
  );
  const context =
    definition.official === true
      ? { ...loaded, official: await readKept(options, latestLimits) }
      : loaded;
  if (options.json) {
    // A report of something else than cost names the unpriced models without a warning.
    const unpriced = (models: NamedRollup[]) =>
      definition.costs === false ? unpricedOfModels(context, models) : unpricedOf(context, models);
    printJson(reportJson(definition, context, unpriced));
    return;
  }
  await loadTableCode();
  const { text, empty } = definition.table(context, (models) =>
    viewContext(context, unpricedOf(context, models)),
  );
  printReport(context, text, empty === undefined ? {} : { empty });
}
