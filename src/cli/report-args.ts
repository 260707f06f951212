import { COST_MODES, DEFAULT_COST_MODE } from '../pricing/price-records.js';
import type { DailyOptions } from './daily-run.js';
import { percentOf, usdOf } from './option-values.js';
import { choiceInto, numberInto, type QuickRead, readQuickly } from './quick-args.js';

/**
 * The default report's options (`usage`, `usage daily`, with the shared options, --breakdown
 * and --day) read without commander (`readQuickly`), as commander reads them: `usage` from
 * the ledger has ~100 ms after Node's start, and building the program took ~10 of them.
 * `--all` with `--since` or `--until`, any other command, `--help`: null (commander says so).
 */
export function quickDailyOptions(args: readonly string[]): DailyOptions | null {
  const flags = args[0] === 'daily' ? args.slice(1) : args;
  const options = readQuickly<DailyOptions>(
    flags,
    { mode: DEFAULT_COST_MODE },
    SWITCHES,
    WITH_VALUE,
  );
  if (options?.all === true && (options.since !== undefined || options.until !== undefined)) {
    return null;
  }
  return options;
}

const SWITCHES = new Map<string, Partial<DailyOptions>>([
  ['-a', { all: true }],
  ['--all', { all: true }],
  ['-j', { json: true }],
  ['--json', { json: true }],
  ['-b', { breakdown: true }],
  ['--breakdown', { breakdown: true }],
  ['--all-roots', { allRoots: true }],
  ['--no-ledger', { ledger: false }],
  ['--compact', { compact: true }],
  ['--color', { color: true }],
  ['--no-color', { color: false }],
  ['--debug', { debug: true }],
]);

type Read = QuickRead<DailyOptions>;
const number = numberInto<DailyOptions>;
const mode = choiceInto<DailyOptions>('mode', COST_MODES);
const text =
  (key: 'since' | 'until' | 'timezone' | 'project' | 'model' | 'ledger' | 'config' | 'day'): Read =>
  (value) => ({ [key]: value });
const dataDir: Read = (value, options) => ({ dataDir: [...(options.dataDir ?? []), value] });

const WITH_VALUE = new Map<string, Read>([
  ['-s', text('since')],
  ['--since', text('since')],
  ['-u', text('until')],
  ['--until', text('until')],
  ['-z', text('timezone')],
  ['--timezone', text('timezone')],
  ['-p', text('project')],
  ['--project', text('project')],
  ['--model', text('model')],
  ['-d', dataDir],
  ['--data-dir', dataDir],
  ['--ledger', text('ledger')],
  ['-m', mode],
  ['--mode', mode],
  ['-c', text('config')],
  ['--config', text('config')],
  ['--day', text('day')],
  ['--daily-budget', number('dailyBudget', usdOf)],
  ['--weekly-budget', number('weeklyBudget', usdOf)],
  ['--monthly-budget', number('monthlyBudget', usdOf)],
  ['--budget-alert', number('budgetAlert', percentOf)],
]);
