import { z } from 'zod';
import { ExitCode, UsageError } from '../errors.js';

/** No model costs more than this per million tokens; a larger figure is a typo. */
const MAX_PER_MILLION = 100_000;
const perMillion = z.number().nonnegative().max(MAX_PER_MILLION);

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
  fastMultiplier: z.number().positive().max(100).optional(),
}).strict();

const usd = z.number().positive().max(1e9);

/** Spending limits in USD, and the alert threshold in percent of a limit. */
export const BudgetsSchema = z
  .object({
    daily: usd.optional(),
    weekly: usd.optional(),
    monthly: usd.optional(),
    alertPercent: z.number().positive().max(100).optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** Prices for models the table lacks, or to replace its figures: model id -> rates. */
    prices: z.record(z.string().min(1), PriceOverrideSchema).default({}),
    /** Names that bill as another model: `"my-proxy-model": "claude-sonnet-4-5"`. */
    aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
    /** Daily, weekly and monthly limits every report shows today's spend against. */
    budgets: BudgetsSchema.optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type PriceOverride = z.infer<typeof PriceOverrideSchema>;
export type BudgetsConfig = z.infer<typeof BudgetsSchema>;

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
