import { z } from 'zod';
import { SCHEMA_VERSION } from '../format/report-json.js';
import { COST_MODES } from '../pricing/price-records.js';
import { COST_COLUMNS, exportColumns, FIGURE_COLUMNS, GROUP_BYS } from '../report/export-rows.js';
import { WEEKDAYS } from '../report/trends.js';

/**
 * The shapes of everything `usage` prints as JSON. Every object is strict, so a field added or
 * renamed in the code without a schema change fails the tests that validate real output.
 */

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);

const tokenFields = {
  inputTokens: count,
  outputTokens: count,
  cacheCreationTokens: count,
  cacheReadTokens: count,
  totalTokens: count,
  cacheCreation5mTokens: count,
  cacheCreation1hTokens: count,
  requests: count,
  webSearchRequests: count,
};

/** The cost by what was billed; the parts add up to the cost beside them. */
const CostByKind = z
  .object({
    input: amount,
    output: amount,
    cacheWrite5m: amount,
    cacheWrite1h: amount,
    cacheRead: amount,
    webSearch: amount,
    /** `costUSD` from old logs, used whole by `--mode auto|display`. */
    logged: amount,
  })
  .strict();

const costFields = {
  ...tokenFields,
  totalCost: amount,
  costByKind: CostByKind,
  costIsPartial: z.boolean(),
};

const ModelBreakdown = z
  .object({
    modelName: z.string(),
    ...tokenFields,
    cost: amount.nullable(),
    costByKind: CostByKind.nullable(),
  })
  .strict();

const figures = {
  ...costFields,
  modelsUsed: z.array(z.string()),
  modelBreakdowns: z.array(ModelBreakdown),
};

const Budget = z
  .object({
    period: z.enum(['day', 'week', 'month']),
    /** The day, the Monday the week starts on, or YYYY-MM. */
    key: z.string(),
    spent: z.number().nonnegative(),
    limit: z.number().positive(),
    share: z.number().nonnegative(),
    /** ok: under the alert threshold; alert: at or over it; over: over the limit. */
    state: z.enum(['ok', 'alert', 'over']),
    costIsPartial: z.boolean(),
  })
  .strict();

const Meta = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    since: day,
    until: day,
    timeZone: z.string(),
    project: z.string().nullable(),
    model: z.string().nullable(),
    /** `--all-roots`: `roots` lists every log folder the ledger holds, not only those in view. */
    allRoots: z.boolean(),
    roots: z.array(z.string()),
    /** The ledger file the report was made from (null: from the logs alone). */
    ledger: z.string().nullable(),
    filesRead: count,
    linesRead: count,
    malformedLines: count,
    unreadable: z.array(z.object({ path: z.string(), reason: z.string() }).strict()),
    unpricedModels: z.array(
      z
        .object({ model: z.string(), reason: z.string(), unpricedRequests: count, ...tokenFields })
        .strict(),
    ),
    costMode: z.enum(COST_MODES),
    prices: z
      .object({
        source: z.string(),
        retrievedAt: z.string(),
        origin: z.enum(['snapshot', 'cache']),
      })
      .strict(),
    /** Today's, this week's and this month's spend against the budgets set. */
    budgets: z.array(Budget),
  })
  .strict();

const Totals = z.object(figures).strict();

/** A report of rows under `name`, each `entry` and the figures, with totals and meta. */
function report<N extends string, E extends z.ZodRawShape>(name: N, entry: E) {
  const rows = z.array(z.object({ ...entry, ...figures }).strict());
  // A computed key loses its name in the type; the cast puts it back, so z.infer knows it.
  const shape = { [name]: rows, totals: Totals, meta: Meta } as {
    [K in N]: typeof rows;
  } & { totals: typeof Totals; meta: typeof Meta };
  return z.object(shape).strict();
}

const Session = z
  .object({
    sessionId: z.string(),
    project: z.string(),
    projectPath: z.string(),
    firstActivity: localTime,
    lastActivity: localTime,
    activeMinutes: count,
    subagentRequests: count,
    ...figures,
  })
  .strict();

/** The type of every column an export can have. */
const EXPORT_COLUMN_TYPES: Record<string, z.ZodType> = {
  timestamp: localTime,
  hour: localTime,
  date: day,
  sessionId: z.string(),
  project: z.string(),
  projectPath: z.string(),
  model: z.string(),
  subagent: z.boolean(),
  priced: z.boolean(),
  /** The price period used, an ISO 8601 interval of US Pacific days (`2026-02-07/..`). */
  pricePeriod: z.string().nullable(),
  fast: z.boolean(),
  fastBilled: z.boolean(),
  inferenceGeo: z.string().nullable(),
  firstActivity: localTime,
  lastActivity: localTime,
  ...Object.fromEntries([...COST_COLUMNS].map((column) => [column, amount.nullable()])),
};

/** One strict row shape per `--group-by`, from the same column lists the export writes. */
function exportRowShapes(extra: z.ZodRawShape = {}) {
  const shapes = GROUP_BYS.map((groupBy) =>
    z
      .object({
        ...extra,
        ...Object.fromEntries(
          exportColumns(groupBy).map((column) => [column, EXPORT_COLUMN_TYPES[column] ?? count]),
        ),
      })
      .strict(),
  );
  return z.union(shapes as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);
}

const rates = z
  .object({
    input: amount,
    output: amount,
    cacheWrite5m: amount,
    cacheWrite1h: amount,
    cacheRead: amount,
  })
  .strict();
const tier = z.object({ abovePromptTokens: count, perMillionTokens: rates }).strict();
/** One price period (`from` inclusive, `until` exclusive, US Pacific days; null: open). */
const periodFields = {
  from: day.nullable(),
  until: day.nullable(),
  inForce: z.boolean(),
  perMillionTokens: rates,
  tiers: z.array(tier),
  fast: z
    .object({ multiplier: z.number().positive(), perMillionTokens: rates, tiers: z.array(tier) })
    .strict()
    .nullable(),
  geoUsMultiplier: z.number().positive().nullable(),
  webSearchPer1000: amount,
};
const origin = z.enum(['anthropic', 'litellm', 'config']);
const PriceTableInfo = z
  .object({ source: z.string(), retrievedAt: z.string(), origin: z.enum(['snapshot', 'cache']) })
  .strict();

const EstimatePart = z.object({ requests: count, cost: amount }).strict();

/** A rate-limit window as Claude Code last reported it, beside our own spend in it. */
const LimitWindow = z
  .object({
    /** Share of the window's limit used, in percent (may exceed 100). */
    usedPercentage: z.number().nonnegative(),
    resetsAt: localTime,
    observedAt: localTime,
    windowStart: localTime,
    /** `stale`: not refreshed for 15 minutes; `reset`: the window has ended since. */
    freshness: z.enum(['current', 'stale', 'reset']),
    minutesLeft: count,
    state: z.enum(['ok', 'alert', 'over']),
    ourCost: amount,
    ourCostIsPartial: z.boolean(),
    ourRequests: count,
    percentPerHour: z.number().nonnegative().nullable(),
    /** The pace that would reach 100% exactly at the reset. */
    percentPerHourToLimit: z.number().nonnegative().nullable(),
    projectedPercentage: z.number().nonnegative().nullable(),
    /** When the pace so far reaches 100%, if before the reset. */
    hitsLimitAt: localTime.nullable(),
  })
  .strict();

export const OUTPUT_SCHEMAS = {
  daily: z
    .object({
      daily: z.array(z.object({ date: day, ...figures }).strict()),
      totals: z.object({ ...figures, averageDailyCost: amount }).strict(),
      meta: Meta,
    })
    .strict(),
  day: z
    .object({
      day: z
        .object({
          date: day,
          ...costFields,
          sessions: count,
          cacheHitRate: z.number().min(0).max(1).nullable(),
          models: z.array(ModelBreakdown.extend({ costShare: z.number().min(0).max(1) }).strict()),
          hours: z.array(z.object({ hour: z.string(), start: z.string(), ...costFields }).strict()),
          peakHour: z.string().nullable(),
          projects: z.array(
            z.object({ project: z.string(), projectPath: z.string(), ...costFields }).strict(),
          ),
          topSessions: z.array(
            z.object({ sessionId: z.string(), projectPath: z.string(), ...costFields }).strict(),
          ),
          projection: z
            .object({
              monthToDate: amount,
              trailingDailyAverage: amount,
              daysLeft: count,
              estimate: amount,
              /** False for a month that is over: `estimate` is what it cost. */
              isEstimate: z.boolean(),
            })
            .strict(),
          tokens: z.object(tokenFields).strict(),
        })
        .strict(),
      meta: Meta,
    })
    .strict(),
  weekly: report('weekly', { week: day }),
  monthly: report('monthly', { month: z.string().regex(/^\d{4}-\d{2}$/) }),
  hourly: report('hourly', {
    hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00[+-]\d{2}:\d{2}$/),
  }),
  'hour-of-day': report('hourOfDay', { hour: z.string().regex(/^\d{2}$/) }),
  sessions: z
    .object({
      sessions: z.array(Session),
      /** Sessions in the range; `sessions` lists fewer with `--limit`, `totals` sums them all. */
      sessionCount: count,
      totals: Totals,
      meta: Meta,
    })
    .strict(),
  session: z
    .object({
      session: Session,
      /** Claude Code's own figure for the session beside ours (null: it gave none we kept). */
      claudeCodeEstimate: z
        .object({
          costUsd: amount,
          observedAt: localTime,
          /** The last status line payload (`cost.total_cost_usd`) or `cost-state` line. */
          source: z.enum(['statusline', 'cost-state']),
          version: z.string().nullable(),
          /** Ours for the session's requests up to `observedAt`. */
          oursThen: amount,
          oursThenIsPartial: z.boolean(),
          /** oursThen minus Claude Code's, and that in percent of Claude Code's. */
          difference: z.number(),
          differencePercent: z.number().nullable(),
          /** Of ours then: where Claude Code may count differently. */
          fast: EstimatePart,
          usGeo: EstimatePart,
          subagents: EstimatePart,
        })
        .strict()
        .nullable(),
      requests: z.array(
        z
          .object({
            timestamp: localTime,
            model: z.string(),
            subagent: z.boolean(),
            inputTokens: count,
            outputTokens: count,
            cacheCreation5mTokens: count,
            cacheCreation1hTokens: count,
            cacheReadTokens: count,
            webSearchRequests: count,
            cost: amount.nullable(),
            costByKind: CostByKind.nullable(),
          })
          .strict(),
      ),
    })
    .strict(),
  models: z
    .object({
      models: z.array(
        z
          .object({
            model: z.string(),
            ...tokenFields,
            cost: amount.nullable(),
            costByKind: CostByKind.nullable(),
            costShare: z.number().min(0).max(1),
          })
          .strict(),
      ),
      totals: Totals,
      meta: Meta,
    })
    .strict(),
  projects: report('projects', { project: z.string(), projectPath: z.string() }),
  blocks: z
    .object({
      blocks: z.array(
        z
          .object({
            id: z.string(),
            startTime: localTime,
            endTime: localTime,
            actualEndTime: localTime,
            isActive: z.boolean(),
            ...figures,
            costUSD: amount,
            models: z.array(z.string()),
            overTokenLimit: z.boolean().nullable(),
            burnRate: z.object({ tokensPerHour: amount, costPerHour: amount }).strict().nullable(),
            projection: z
              .object({ totalTokens: amount, totalCost: amount, remainingMinutes: amount })
              .strict()
              .nullable(),
          })
          .strict(),
      ),
      tokenLimit: count.nullable(),
      /** Claude Code's windows as the status line kept them (see `usage limits`). */
      officialLimits: z
        .object({ fiveHour: LimitWindow.nullable(), sevenDay: LimitWindow.nullable() })
        .strict(),
      meta: Meta,
    })
    .strict(),
  tools: z
    .object({
      tools: z.array(
        z
          .object({
            name: z.string(),
            calls: count,
            share: z.number().min(0).max(1),
            sessions: count,
          })
          .strict(),
      ),
      totals: z.object({ calls: count }).strict(),
      meta: Meta,
    })
    .strict(),
  export: z
    .object({
      schemaVersion: z.literal(SCHEMA_VERSION),
      groupBy: z.enum(GROUP_BYS),
      from: day,
      to: day,
      timeZone: z.string(),
      columns: z.array(z.string()),
      rows: z.array(exportRowShapes()),
      totals: z
        .object(Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, amount])))
        .strict(),
      meta: Meta,
    })
    .strict(),
  'export-row': exportRowShapes({ schemaVersion: z.literal(SCHEMA_VERSION) }),
  trends: z
    .object({
      trends: z
        .object({
          days: z.array(z.object({ date: day, cost: amount }).strict()),
          sparkline: z.string(),
          averageDailyCost: amount,
          weekOverWeek: z
            .object({ last7Days: amount, previous7Days: amount, change: z.number().nullable() })
            .strict(),
          byWeekday: z.array(
            z
              .object({
                weekday: z.enum(WEEKDAYS),
                days: count,
                cost: amount,
                average: amount,
              })
              .strict(),
          ),
          peakHours: z.array(
            z.object({ hour: z.number().int().min(0).max(23), cost: amount }).strict(),
          ),
          modelMix: z.array(
            z
              .object({
                week: day,
                cost: amount,
                models: z.array(
                  z
                    .object({ model: z.string(), cost: amount, share: z.number().min(0).max(1) })
                    .strict(),
                ),
              })
              .strict(),
          ),
          costIsPartial: z.boolean(),
        })
        .strict(),
      meta: Meta,
    })
    .strict(),
  budget: z
    .object({
      budgets: z.array(Budget),
      alertPercent: z.number().positive().max(100),
      /** The worst state among the budgets: what `usage budget --check` exits with. */
      state: z.enum(['ok', 'alert', 'over']),
      meta: Meta,
    })
    .strict(),
  limits: z
    .object({
      /** Claude Code's latest figure for each window (null: never seen). */
      fiveHour: LimitWindow.nullable(),
      sevenDay: LimitWindow.nullable(),
      alertPercent: z.number().positive().max(100),
      /** Said when a window was never seen (how to get the figure), else null. */
      note: z.string().nullable(),
      meta: Meta,
    })
    .strict(),
  pricing: z
    .object({
      at: day,
      table: PriceTableInfo,
      configFile: z.string(),
      models: z.array(
        z
          .object({
            model: z.string(),
            note: z.string(),
            origin,
            periods: count,
            ...periodFields,
          })
          .strict(),
      ),
    })
    .strict(),
  'pricing-model': z
    .object({
      model: z.string(),
      priced: z.literal(true),
      entry: z.string(),
      source: z.enum(['config', 'snapshot', 'cache']),
      origin,
      exact: z.boolean(),
      alias: z.string().nullable(),
      aliases: z.array(z.string()),
      released: day.nullable(),
      retired: day.nullable(),
      at: day,
      periods: z.array(z.object(periodFields).strict()),
      table: PriceTableInfo,
    })
    .strict(),
  'pricing-changes': z
    .object({
      since: day.nullable(),
      changes: z.array(
        z
          .object({
            date: day,
            model: z.string(),
            fields: z.array(
              z
                .object({ field: z.string(), before: amount.nullable(), after: amount.nullable() })
                .strict(),
            ),
          })
          .strict(),
      ),
      table: PriceTableInfo,
    })
    .strict(),
} as const;

export type OutputName = keyof typeof OUTPUT_SCHEMAS;

/**
 * The type of an output, from its published schema: the JSON builders are typed with it, so a
 * builder and its schema that drift apart fail `tsc`. (Imported as a type only: no zod at run
 * time for the reports.)
 */
export type Output<N extends OutputName> = z.infer<(typeof OUTPUT_SCHEMAS)[N]>;

/** What every report's JSON says of how it was made. */
export type ReportMeta = z.infer<typeof Meta>;

/** The JSON Schema of one output, as published in `schemas/`. */
export function jsonSchemaOf(name: OutputName): Record<string, unknown> {
  return {
    ...z.toJSONSchema(OUTPUT_SCHEMAS[name]),
    $id: `urn:usage-ledger:schema:${name}:${SCHEMA_VERSION}`,
    title: `usage-ledger ${name} output, schema version ${SCHEMA_VERSION}`,
  };
}
