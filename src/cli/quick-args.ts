import { COST_MODES } from '../pricing/price-records.js';
import { percentOf, usdOf } from './option-values.js';
import type { ReportOptions } from './shared-options.js';

/**
 * Options read without commander (~120 KB of code and ~5-10 ms of every start to build the
 * program): only what is sure, as commander reads it. A flag not in `switches` or
 * `withValue`, a value that is not valid or looks like a flag, an argument: null, and the
 * whole program reads them with commander, its help and its messages. Tests hold each reader
 * to commander's options for every flag it knows.
 */
export function readQuickly<T extends object>(
  args: readonly string[],
  defaults: T,
  switches: ReadonlyMap<string, Partial<T>>,
  withValue: ReadonlyMap<string, QuickRead<T>>,
): T | null {
  const options: T = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const switched = switches.get(arg);
    if (switched !== undefined) {
      Object.assign(options, switched);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const read = withValue.get(equals === -1 ? arg : arg.slice(0, equals));
    if (read === undefined) return null;
    const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
    if (value === undefined || (equals === -1 && value.startsWith('-'))) return null;
    const set = read(value, options);
    if (set === null) return null;
    Object.assign(options, set);
  }
  return options;
}

/** What an option's value sets, from the value and the options read so far; null: invalid. */
export type QuickRead<T> = (value: string, options: T) => Partial<T> | null;

/** An option whose value `of` reads as a number, or finds invalid (null). */
export function numberInto<T>(key: keyof T, of: (value: string) => number | null): QuickRead<T> {
  return (value) => {
    const read = of(value);
    return read === null ? null : ({ [key]: read } as Partial<T>);
  };
}

/** An option whose value is one of `choices`. */
export function choiceInto<T>(key: keyof T, choices: readonly string[]): QuickRead<T> {
  return (value) => (choices.includes(value) ? ({ [key]: value } as Partial<T>) : null);
}

/** An option whose value is kept as it is given, under `key`. */
export function textInto<T>(key: keyof T): QuickRead<T> {
  return (value) => ({ [key]: value }) as Partial<T>;
}

// The options the status line shares with the reports (shared-options.ts), read alike by both.

export const SHARED_SWITCHES: [string, Partial<ReportOptions>][] = [
  ['--no-ledger', { ledger: false }],
  ['--color', { color: true }],
  ['--no-color', { color: false }],
];

const mode = choiceInto<ReportOptions>('mode', COST_MODES);
const number = numberInto<ReportOptions>;

export const SHARED_WITH_VALUE: [string, QuickRead<ReportOptions>][] = [
  ['--ledger', textInto('ledger')],
  ['-z', textInto('timezone')],
  ['--timezone', textInto('timezone')],
  ['-c', textInto('config')],
  ['--config', textInto('config')],
  ['-m', mode],
  ['--mode', mode],
  ['--daily-budget', number('dailyBudget', usdOf)],
  ['--weekly-budget', number('weeklyBudget', usdOf)],
  ['--monthly-budget', number('monthlyBudget', usdOf)],
  ['--budget-alert', number('budgetAlert', percentOf)],
];
