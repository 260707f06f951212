import { COST_MODES, type CostMode } from '../pricing/price-records.js';
import { percentOf, positiveIntegerOf, usdOf } from './option-values.js';
import { STATUSLINE_DEFAULTS, type StatuslineOptions } from './statusline.js';

/**
 * `usage statusline`'s options read without commander, which is ~120 KB of the status line's
 * code and ~5 ms of a run Claude Code makes every few seconds. It reads only what it is sure
 * of, as commander would read it (a test holds the two to the same options): a flag it does
 * not know, a value that is not valid or looks like a flag, `--help`, an argument: null, and
 * commander reads them, with its help and its messages.
 */
export function quickStatuslineOptions(args: readonly string[]): StatuslineOptions | null {
  const options: StatuslineOptions = { ...STATUSLINE_DEFAULTS };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const switched = SWITCHES.get(arg);
    if (switched !== undefined) {
      Object.assign(options, switched);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const read = WITH_VALUE.get(equals === -1 ? arg : arg.slice(0, equals));
    if (read === undefined) return null;
    const value = equals === -1 ? args[++i] : arg.slice(equals + 1);
    if (value === undefined || (equals === -1 && value.startsWith('-'))) return null;
    const set = read(value);
    if (set === null) return null;
    Object.assign(options, set);
  }
  return options;
}

type Read = (value: string) => Partial<StatuslineOptions> | null;

const SWITCHES = new Map<string, Partial<StatuslineOptions>>([
  ['--no-ledger', { ledger: false }],
  ['--color', { color: true }],
  ['--no-color', { color: false }],
]);

const isCostMode = (value: string): value is CostMode =>
  (COST_MODES as readonly string[]).includes(value);

function number(key: keyof StatuslineOptions, of: (value: string) => number | null): Read {
  return (value) => {
    const read = of(value);
    return read === null ? null : { [key]: read };
  };
}

const WITH_VALUE = new Map<string, Read>([
  ['--format', (format) => ({ format })],
  ['--timeout', number('timeout', positiveIntegerOf)],
  ['--ledger', (ledger) => ({ ledger })],
  ['--timezone', (timezone) => ({ timezone })],
  ['-z', (timezone) => ({ timezone })],
  ['--config', (config) => ({ config })],
  ['-c', (config) => ({ config })],
  ['--mode', (mode) => (isCostMode(mode) ? { mode } : null)],
  ['-m', (mode) => (isCostMode(mode) ? { mode } : null)],
  ['--daily-budget', number('dailyBudget', usdOf)],
  ['--weekly-budget', number('weeklyBudget', usdOf)],
  ['--monthly-budget', number('monthlyBudget', usdOf)],
  ['--budget-alert', number('budgetAlert', percentOf)],
]);
