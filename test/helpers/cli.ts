import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const CLI = path.join(REPO, 'dist', 'cli', 'main.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/**
 * Runs the built CLI as a user would, piped (not a TTY), with a clean environment: no colour
 * variables, a home without Claude logs, and a fixed time zone unless the test sets one.
 */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string; wrapper?: string[] } = {},
): CliResult {
  const baseEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: path.join(REPO, 'test', 'no-home'),
    TZ: 'UTC',
  };
  // A wrapper (such as setpriv, to drop root) runs node, which runs the CLI.
  const [command = process.execPath, ...wrapperArgs] = options.wrapper ?? [];
  const argv = options.wrapper ? [...wrapperArgs, process.execPath, CLI, ...args] : [CLI, ...args];
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? REPO,
    env: Object.fromEntries(
      Object.entries({ ...baseEnv, ...env }).filter(([, value]) => value !== undefined),
    ) as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
