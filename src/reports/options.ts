import { ExitCode, UsageError } from '../errors.js';

/**
 * A report's own option, declared once: the command line makes a flag of it and the dashboard's
 * API a query parameter, both read by the same `parse`, so a bad value gets the same message.
 */
export interface ReportOption<N extends string = string> {
  /** On the command line: `--start-of-week <day>`, `-b, --breakdown`. */
  flags: string;
  description: string;
  /** The request field it sets, and its name as a query parameter. */
  name: N;
  /** Reads a value; a bad one is a UsageError naming the flag (none: a switch, no value). */
  parse?: (value: string) => unknown;
  default?: string | number;
}

/** One of `choices`. */
export function choiceOf<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new UsageError(
        `${flag}: '${value}' is not one of ${choices.join(', ')}`,
        ExitCode.usage,
      );
    }
    return value as T;
  };
}

/** A whole number from `min` to `max`, of `what` (days, tokens) when said. */
export function wholeNumberOf(flag: string, min: number, max = Number.MAX_SAFE_INTEGER, what = '') {
  return (value: string): number => {
    const number = Number(value.replaceAll(',', '').replaceAll('_', ''));
    if (!Number.isInteger(number) || number < min || number > max) {
      const of = what === '' ? '' : ` of ${what}`;
      const bounds =
        max === Number.MAX_SAFE_INTEGER
          ? `${of || ' of'} ${min} or more`
          : `${of} from ${min} to ${max}`;
      throw new UsageError(`${flag}: '${value}' is not a whole number${bounds}`, ExitCode.usage);
    }
    return number;
  };
}
