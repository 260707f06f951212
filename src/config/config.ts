import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ExitCode, UsageError } from '../errors.js';

const perMillion = z.number().nonnegative();

/** Prices in USD per million tokens, as Anthropic's price page lists them. */
const RatesPerMillionSchema = z
  .object({
    input: perMillion,
    output: perMillion,
    cacheWrite5m: perMillion.optional(),
    cacheWrite1h: perMillion.optional(),
    cacheRead: perMillion.optional(),
  })
  .strict();

export const PriceOverrideSchema = RatesPerMillionSchema.extend({
  above200k: RatesPerMillionSchema.optional(),
  fastMultiplier: z.number().positive().optional(),
}).strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** Prices for models the table lacks, or to replace its figures: model id -> rates. */
    prices: z.record(z.string().min(1), PriceOverrideSchema).default({}),
    /** Names that bill as another model: `"my-proxy-model": "claude-sonnet-4-5"`. */
    aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type PriceOverride = z.infer<typeof PriceOverrideSchema>;

export const EMPTY_CONFIG: Config = { prices: {}, aliases: {} };

function describeIssues(file: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `  ${where}: ${issue.message}`;
  });
  return [`config ${file} is not valid:`, ...issues].join('\n');
}

/** Validates a parsed config file; the error names each bad key. */
export function parseConfig(value: unknown, file: string): Config {
  const parsed = ConfigSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(describeIssues(file, parsed.error), ExitCode.usage);
  return parsed.data;
}

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
  return parseConfig(value, file);
}
