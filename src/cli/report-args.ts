import { DEFAULT_COST_MODE } from '../pricing/price-records.js';
import type { DailyOptions } from './daily-run.js';
import {
  type QuickRead,
  readQuickly,
  SHARED_SWITCHES,
  SHARED_WITH_VALUE,
  textInto,
} from './quick-args.js';

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
  ...SHARED_SWITCHES,
  ['-a', { all: true }],
  ['--all', { all: true }],
  ['-j', { json: true }],
  ['--json', { json: true }],
  ['-b', { breakdown: true }],
  ['--breakdown', { breakdown: true }],
  ['--all-roots', { allRoots: true }],
  ['--compact', { compact: true }],
  ['--debug', { debug: true }],
]);

const text = textInto<DailyOptions>;
const dataDir: QuickRead<DailyOptions> = (value, options) => ({
  dataDir: [...(options.dataDir ?? []), value],
});

const WITH_VALUE = new Map<string, QuickRead<DailyOptions>>([
  ...SHARED_WITH_VALUE,
  ['-s', text('since')],
  ['--since', text('since')],
  ['-u', text('until')],
  ['--until', text('until')],
  ['-p', text('project')],
  ['--project', text('project')],
  ['--model', text('model')],
  ['-d', dataDir],
  ['--data-dir', dataDir],
  ['--day', text('day')],
]);
