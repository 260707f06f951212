import { readFile } from 'node:fs/promises';
import { ExitCode, UsageError } from '../errors.js';
import type { Config } from './schema.js';

export const EMPTY_CONFIG: Config = { prices: {}, aliases: {} };

/**
 * Reads the config file. A missing file is an empty config unless the user named it with
 * `--config`; a file that is not JSON, or not a valid config, is a usage error.
 */
export async function loadConfig(file: string, named: boolean): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return EMPTY_CONFIG;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--config: cannot read ${file}: ${reason}`, ExitCode.usage);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config ${file} is not JSON: ${(error as Error).message}`, ExitCode.usage);
  }
  // zod loads only when there is a file to check.
  const { parseConfig } = await import('./schema.js');
  return parseConfig(value, file);
}
