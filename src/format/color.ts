import { Chalk, type ChalkInstance } from 'chalk';

export interface ColorSettings {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  flag: boolean | undefined;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

/**
 * Whether to colour output, decided once: the flag wins, then `FORCE_COLOR`, then `NO_COLOR`,
 * then whether stdout is a terminal. Piped output never carries escape codes by default.
 */
export function useColor({ flag, env, isTTY }: ColorSettings): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false', 'no'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** The few styles the reports use, all no-ops when colour is off. */
export interface Palette {
  heading: (text: string) => string;
  total: (text: string) => string;
  muted: (text: string) => string;
  cost: (text: string) => string;
  bar: (text: string) => string;
  warning: (text: string) => string;
  /** Budget states: under the alert threshold, over it, over the limit. */
  ok: (text: string) => string;
  alert: (text: string) => string;
  over: (text: string) => string;
}

export function palette(enabled: boolean): Palette {
  const chalk: ChalkInstance = new Chalk({ level: enabled ? 1 : 0 });
  return {
    heading: (text) => chalk.bold(text),
    total: (text) => chalk.bold(text),
    muted: (text) => chalk.dim(text),
    cost: (text) => chalk.green(text),
    bar: (text) => chalk.cyan(text),
    warning: (text) => chalk.yellow(text),
    ok: (text) => chalk.green(text),
    alert: (text) => chalk.yellow(text),
    over: (text) => chalk.bold.red(text),
  };
}
