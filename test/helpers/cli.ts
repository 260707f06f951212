import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const CLI = path.join(REPO, 'dist', 'cli', 'main.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Each run's default ledger lives in a folder of its own under this one. */
const dataHomes = mkdtempSync(path.join(os.tmpdir(), 'usage-ledger-data-'));
process.on('exit', () => rmSync(dataHomes, { recursive: true, force: true }));
let runs = 0;

/**
 * Runs the built CLI as a user would, piped (not a TTY), with a clean environment: no colour
 * variables, a home without Claude logs, a fresh default ledger (as on a first run), and a
 * fixed time zone unless the test sets one.
 */
function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  runs++;
  const baseEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: path.join(REPO, 'test', 'no-home'),
    XDG_DATA_HOME: path.join(dataHomes, String(runs)),
    TZ: 'UTC',
  };
  return Object.fromEntries(
    Object.entries({ ...baseEnv, ...env }).filter(([, value]) => value !== undefined),
  ) as NodeJS.ProcessEnv;
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string; wrapper?: string[]; nodeArgs?: string[] } = {},
): CliResult {
  // A wrapper (such as setpriv, to drop root) runs node, which runs the CLI.
  const [command = process.execPath, ...wrapperArgs] = options.wrapper ?? [];
  const node = [...(options.nodeArgs ?? []), CLI, ...args];
  const argv = options.wrapper ? [...wrapperArgs, process.execPath, ...node] : node;
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? REPO,
    env: cliEnv(env),
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Like runCli, without blocking this process: for tests that serve the CLI over HTTP. */
export function runCliAsync(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: cliEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}

/** What stderr says on fixtures/rules (both roots): its two malformed lines, noted once. */
export const RULES_STDERR =
  'usage: skipped 2 malformed lines in 2 files (not JSON, half-written, or not the usage shape); --debug names them\n';

/** Stderr that says nothing but, at most, the one note on skipped malformed lines. */
export const QUIET_OR_MALFORMED =
  /^(usage: skipped \d+ malformed lines? in \d+ files? \(not JSON, half-written, or not the usage shape\); --debug names them\n)?$/;
