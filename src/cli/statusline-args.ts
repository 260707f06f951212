import { positiveIntegerOf } from './option-values.js';
import {
  numberInto,
  type QuickRead,
  readQuickly,
  SHARED_SWITCHES,
  SHARED_WITH_VALUE,
  textInto,
} from './quick-args.js';
import { STATUSLINE_DEFAULTS, type StatuslineOptions } from './statusline.js';

/**
 * `usage statusline`'s options read without commander (`readQuickly`): Claude Code runs it
 * every few seconds, and commander is ~120 KB of its code and ~5 ms of a run.
 */
export function quickStatuslineOptions(args: readonly string[]): StatuslineOptions | null {
  return readQuickly(args, { ...STATUSLINE_DEFAULTS }, SWITCHES, WITH_VALUE);
}

const SWITCHES = new Map<string, Partial<StatuslineOptions>>(SHARED_SWITCHES);

const WITH_VALUE = new Map<string, QuickRead<StatuslineOptions>>([
  ...SHARED_WITH_VALUE,
  ['--format', textInto('format')],
  ['--timeout', numberInto('timeout', positiveIntegerOf)],
]);
