import { InvalidArgumentError, Option } from 'commander';
import { COST_MODES, type CostMode, DEFAULT_COST_MODE } from '../pricing/price-records.js';
import { percentOf, positiveIntegerOf, usdOf } from './option-values.js';

/** A value, or commander's error for an invalid one (it names the option and the value). */
function orInvalid<T>(value: T | null, expected: string): T {
  if (value === null) throw new InvalidArgumentError(expected);
  return value;
}

/** Options every report accepts, defined once so all commands filter the same way. */
export interface ReportOptions {
  since?: string;
  until?: string;
  all?: boolean;
  timezone?: string;
  project?: string;
  model?: string;
  dataDir?: string[];
  /** `--ledger <file>`, or false for `--no-ledger`. */
  ledger?: string | false;
  /** Everything the ledger holds, from every log folder it has read. */
  allRoots?: boolean;
  json?: boolean;
  mode: CostMode;
  config?: string;
  color?: boolean;
  compact?: boolean;
  debug?: boolean;
  dailyBudget?: number;
  weeklyBudget?: number;
  monthlyBudget?: number;
  budgetAlert?: number;
}

/** A positive amount of dollars, as `--daily-budget 10` gives it. */
export function parseUsd(value: string): number {
  return orInvalid(usdOf(value), 'expected an amount in USD above 0, such as 10 or 2.50');
}

function parsePercent(value: string): number {
  return orInvalid(percentOf(value), 'expected a percentage above 0 and at most 100, such as 80');
}

/** The budget flags, shared by every report and `usage budget`; they override the config. */
export function budgetOptions(): Option[] {
  return [
    new Option('--daily-budget <usd>', 'a daily spending limit in USD').argParser(parseUsd),
    new Option('--weekly-budget <usd>', 'a weekly (Monday to Sunday) limit in USD').argParser(
      parseUsd,
    ),
    new Option('--monthly-budget <usd>', 'a calendar-month limit in USD').argParser(parseUsd),
    new Option(
      '--budget-alert <percent>',
      'warn at this share of a limit (default: 80, or the config)',
    ).argParser(parsePercent),
  ];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A whole number above 0, as `--interval 5` or `--timeout 180` give it. */
export function positiveInteger(what: string): (value: string) => number {
  return (value) =>
    orInvalid(positiveIntegerOf(value), `expected a whole number of ${what} above 0`);
}

// Options that commands outside the reports take too, defined once.

export const dataDirOption = () =>
  new Option(
    '-d, --data-dir <dir>',
    'read this Claude config or projects folder instead of the defaults (repeatable)',
  ).argParser(collect);

export const ledgerOption = () =>
  new Option(
    '--ledger <file>',
    'keep history in this ledger file (default: ~/.local/share/usage-ledger/ledger.db)',
  );

export const noLedgerOption = (
  description = 'read the logs only; neither read nor update the ledger',
) => new Option('--no-ledger', description);

export const timezoneOption = (
  description = 'IANA time zone for day boundaries (default: the system zone)',
) => new Option('-z, --timezone <zone>', description);

export const jsonOption = (description = 'print the report as JSON') =>
  new Option('-j, --json', description);

export const modeOption = () =>
  new Option('-m, --mode <mode>', 'cost from tokens, from logged costUSD, or costUSD when present')
    .choices(COST_MODES)
    .default(DEFAULT_COST_MODE);

export const configOption = () =>
  new Option('-c, --config <file>', 'config file (default: ~/.config/usage-ledger/config.json)');

/** Where a report's help lists the options every report shares. */
export const SHARED_OPTIONS_HEADING = 'Shared options (every report):';

export function reportOptions(): Option[] {
  const shared = [
    new Option('-s, --since <date>', 'first day (YYYY-MM-DD, YYYYMMDD, today, yesterday, 7d)'),
    new Option('-u, --until <date>', 'last day, same forms (default: today)'),
    new Option('-a, --all', 'every day that has usage').conflicts(['since', 'until']),
    timezoneOption(),
    new Option('-p, --project <name>', 'only this project (folder name, path, or last path part)'),
    new Option('--model <name>', 'only this model (id, or short name such as sonnet-4-5)'),
    dataDirOption(),
    ledgerOption(),
    noLedgerOption(),
    new Option(
      '--all-roots',
      'everything the ledger holds, from every log folder it has read (default: the folders in view)',
    ),
    jsonOption(),
    modeOption(),
    configOption(),
    new Option('--compact', 'use the narrow table layout'),
    new Option('--color', 'colour the output even when it is not a terminal'),
    new Option('--no-color', 'never colour the output'),
    new Option('--debug', 'print a stack trace for unexpected errors'),
    ...budgetOptions(),
  ];
  for (const option of shared) option.helpGroup(SHARED_OPTIONS_HEADING);
  return shared;
}
