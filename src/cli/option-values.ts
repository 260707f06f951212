/**
 * What option values mean, without commander: the reports' options (shared-options.ts) turn a
 * null into commander's error message, and the status line reads its own options with these
 * when it can do without commander (statusline-args.ts). Null: not a valid value.
 */

/** A positive amount of dollars, as `--daily-budget 10` gives it. */
export function usdOf(value: string): number | null {
  const amount = Number(value);
  return Number.isFinite(amount) && amount > 0 ? amount : null;
}

/** A percentage above 0 and at most 100, as `--budget-alert 80` gives it. */
export function percentOf(value: string): number | null {
  const percent = Number(value);
  return Number.isFinite(percent) && percent > 0 && percent <= 100 ? percent : null;
}

/** A whole number above 0, as `--interval 5` or `--timeout 180` give it. */
export function positiveIntegerOf(value: string): number | null {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : null;
}
