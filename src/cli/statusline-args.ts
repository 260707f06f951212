import { COST_MODES } from '../pricing/price-records.js';
import { percentOf, positiveIntegerOf, usdOf } from './option-values.js';
import { choiceInto, numberInto, type QuickRead, readQuickly } from './quick-args.js';
import { STATUSLINE_DEFAULTS, type StatuslineOptions } from './statusline.js';

/**
 * `usage statusline`'s options read without commander (`readQuickly`): Claude Code runs it
 * every few seconds, and commander is ~120 KB of its code and ~5 ms of a run.
 */
export function quickStatuslineOptions(args: readonly string[]): StatuslineOptions | null {
  return readQuickly(args, { ...STATUSLINE_DEFAULTS }, SWITCHES, WITH_VALUE);
}

const SWITCHES = new Map<string, Partial<StatuslineOptions>>([
  ['--no-ledger', { ledger: false }],
  ['--color', { color: true }],
  ['--no-color', { color: false }],
]);

const mode = choiceInto<StatuslineOptions>('mode', COST_MODES);
const number = numberInto<StatuslineOptions>;

const WITH_VALUE = new Map<string, QuickRead<StatuslineOptions>>([
  ['--format', (format) => ({ format })],
  ['--timeout', number('timeout', positiveIntegerOf)],
  ['--ledger', (ledger) => ({ ledger })],
  ['--timezone', (timezone) => ({ timezone })],
  ['-z', (timezone) => ({ timezone })],
  ['--config', (config) => ({ config })],
  ['-c', (config) => ({ config })],
  ['--mode', mode],
  ['-m', mode],
  ['--daily-budget', number('dailyBudget', usdOf)],
  ['--weekly-budget', number('weeklyBudget', usdOf)],
  ['--monthly-budget', number('monthlyBudget', usdOf)],
  ['--budget-alert', number('budgetAlert', percentOf)],
]);
