import { ExitCode, UsageError } from '../errors.js';
import { COST_MODES, type CostMode, DEFAULT_COST_MODE } from '../pricing/price-records.js';
import { assertTimeZone } from '../report/calendar.js';
import { choiceOf, type ReportOption } from '../reports/options.js';
import type { JsonRequest, ReportExtras } from '../reports/registry.js';

/**
 * One of `choices` from the query (none: undefined), or a UsageError with the message the
 * CLI's parser gives, naming the flag (`groupBy` is `--group-by`).
 */
export function choiceIn<T extends string>(
  query: Record<string, string>,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  const flag = `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  return choiceOf(flag, choices)(value);
}

/**
 * An API query as the options of the same report on the command line: `since`, `until`,
 * `all`, `timezone`, `project`, `model`, `mode`, the budgets, and the report's `own` options
 * (`startOfWeek`, `sort`, `limit`, …, read by the parsers the CLI uses). A bad value is a
 * UsageError with the message the CLI gives.
 */
export function requestOf(
  query: Record<string, string>,
  base: Partial<JsonRequest>,
  own: ReportOption<keyof ReportExtras>[] = [],
): JsonRequest {
  const text = (name: string) => {
    const value = query[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const mode: CostMode = choiceIn(query, 'mode', COST_MODES) ?? DEFAULT_COST_MODE;
  const timezone = text('timezone');
  if (timezone !== undefined) assertTimeZone(timezone);
  const all = text('all');
  if (all !== undefined && (text('since') !== undefined || text('until') !== undefined)) {
    throw new UsageError('--all cannot be combined with --since or --until', ExitCode.usage);
  }
  const usd = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const amount = Number(value);
    if (!Number.isFinite(amount) || amount <= 0) {
      throw new UsageError(
        `--${name}: expected an amount in USD above 0, such as 10 or 2.50`,
        ExitCode.usage,
      );
    }
    return amount;
  };
  const extras: Record<string, unknown> = {};
  for (const option of own) {
    const value = text(option.name);
    if (value === undefined) extras[option.name] = option.default;
    else extras[option.name] = option.parse?.(value) ?? (value === 'true' || value === '1');
  }
  return {
    ...base,
    ...extras,
    dailyBudget: usd('dailyBudget'),
    weeklyBudget: usd('weeklyBudget'),
    monthlyBudget: usd('monthlyBudget'),
    since: text('since'),
    until: text('until'),
    all: all === 'true' || all === '1',
    timezone,
    project: text('project'),
    model: text('model'),
    mode,
  };
}
