import { Command, Help, Option } from 'commander';
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
import { type ReportOptions, reportOptions, SHARED_OPTIONS_HEADING } from './shared-options.js';

const isShared = (option: Option) => option.helpGroupHeading === SHARED_OPTIONS_HEADING;

/** A report command with the options every report shares (range, zone, filters, output). */
export function reportCommand(name: string, description: string): Command {
  const command = new Command(name).description(description);
  for (const option of reportOptions()) command.addOption(option);
  // Help lists the command's own options first, then the shared ones under their heading.
  command.configureHelp({
    visibleOptions(this: Help, cmd: Command) {
      const options = Help.prototype.visibleOptions.call(this, cmd);
      return [...options.filter((o) => !isShared(o)), ...options.filter(isShared)];
    },
    groupItems<T extends Command | Option>(
      _unsorted: T[],
      visible: T[],
      groupOf: (item: T) => string,
    ): Map<string, T[]> {
      const groups = new Map<string, T[]>();
      for (const item of visible)
        groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
      return groups;
    },
  });
  return command.showHelpAfterError(`(usage ${name} --help lists the options)`).exitOverride();
}

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
  const { text, empty } = definition.table(context, (models) =>
    viewContext(context, unpricedOf(context, models)),
  );
  printReport(context, text, empty === undefined ? {} : { empty });
}

/** A report's command, made from its definition: its own options, the shared ones, the run. */
export function commandOf(definition: ReportDefinition): Command {
  const command = reportCommand(definition.name, definition.description);
  for (const alias of definition.aliases ?? []) command.alias(alias);
  for (const spec of definition.options ?? []) {
    const option = new Option(spec.flags, spec.description);
    // A bad value is the parser's UsageError: the message the API gives too, exit code 2.
    if (spec.parse !== undefined) option.argParser(spec.parse);
    if (spec.default !== undefined) option.default(spec.default);
    command.addOption(option);
  }
  return command.action((options: ReportCommandOptions) => runReport(definition, options));
}
