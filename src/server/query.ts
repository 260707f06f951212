import { ExitCode, UsageError } from '../errors.js';
import { COST_MODES, type CostMode } from '../pricing/price-records.js';
import { assertTimeZone } from '../report/calendar.js';
import type { JsonRequest } from '../reports/json.js';

/** One of `choices` from the query (none: undefined), or a UsageError with the CLI's message. */
export function choiceOf<T extends string>(
  query: Record<string, string>,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(
      `--${name}: '${value}' is not one of ${choices.join(', ')}`,
      ExitCode.usage,
    );
  }
  return value as T;
}

/**
 * An API query as the options of the same report on the command line: `since`, `until`,
 * `all`, `timezone`, `project`, `model`, `mode`, and a report's own (`startOfWeek`, `sort`,
 * `limit`, …). A bad value is a UsageError with the message the CLI gives.
 */
export function requestOf(query: Record<string, string>, base: Partial<JsonRequest>): JsonRequest {
  const text = (name: string) => {
    const value = query[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const mode: CostMode = choiceOf(query, 'mode', COST_MODES) ?? 'calculate';
  const timezone = text('timezone');
  if (timezone !== undefined) assertTimeZone(timezone);
  const whole = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) {
      throw new UsageError(
        `--${name}: '${value}' is not a whole number of 1 or more`,
        ExitCode.usage,
      );
    }
    return number;
  };
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
  return {
    ...base,
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
    startOfWeek: choiceOf(query, 'startOfWeek', ['monday', 'sunday'] as const),
    byHourOfDay: text('byHourOfDay') === 'true',
    sort: choiceOf(query, 'sort', ['cost', 'tokens', 'date'] as const),
    limit: whole('limit'),
    days: whole('days'),
  };
}
