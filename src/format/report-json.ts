import type { CostMode } from '../pricing/price-records.js';
import type { PriceTable } from '../pricing/sources.js';
import type { BudgetLine } from '../report/budget.js';
import type { Group, NamedRollup } from '../report/group.js';
import { cacheWriteTokens, type Rollup, totalTokens } from '../report/rollup.js';
import type { ReportMeta } from '../schemas/output.js';
import type { CostParts, ScanStats } from '../types.js';
import { budgetJson } from './budget.js';
import { roundCost } from './numbers.js';

/**
 * Bumped when the shape of an export or of a report's JSON changes (2: `meta.ledger`; 3: cost
 * by kind, web searches, dated prices in `usage pricing`).
 */
export const SCHEMA_VERSION = 3;

/**
 * Token fields under the names ccusage's `--json` uses (scripts already read them), plus the
 * split of cache writes by lifetime and the request count.
 */
export function tokenFields(rollup: Rollup) {
  return {
    inputTokens: rollup.inputTokens,
    outputTokens: rollup.outputTokens,
    cacheCreationTokens: cacheWriteTokens(rollup),
    cacheReadTokens: rollup.cacheReadTokens,
    totalTokens: totalTokens(rollup),
    cacheCreation5mTokens: rollup.cacheWrite5mTokens,
    cacheCreation1hTokens: rollup.cacheWrite1hTokens,
    requests: rollup.requests,
    webSearchRequests: rollup.webSearchRequests,
  };
}

/**
 * The cost by what was billed, in USD; the parts add up to the cost beside them (each is
 * rounded to a billionth, so the sum of the parts is within a millionth of it). `logged` is
 * the `costUSD` of old logs, used whole by `--mode auto|display`.
 */
export function costByKind(rollup: CostParts) {
  return {
    input: roundCost(rollup.inputCost),
    output: roundCost(rollup.outputCost),
    cacheWrite5m: roundCost(rollup.cacheWrite5mCost),
    cacheWrite1h: roundCost(rollup.cacheWrite1hCost),
    cacheRead: roundCost(rollup.cacheReadCost),
    webSearch: roundCost(rollup.webSearchCost),
    logged: roundCost(rollup.loggedCost),
  };
}

/** Tokens, `totalCost`, its parts, and whether it leaves out unpriced requests. */
export function costFields(rollup: Rollup) {
  return {
    ...tokenFields(rollup),
    totalCost: roundCost(rollup.cost),
    costByKind: costByKind(rollup),
    costIsPartial: rollup.unpricedRequests > 0,
  };
}

export function modelBreakdown(model: NamedRollup) {
  const priced = model.unpricedRequests === 0;
  return {
    modelName: model.name,
    ...tokenFields(model),
    cost: priced ? roundCost(model.cost) : null,
    costByKind: priced ? costByKind(model) : null,
  };
}

/** A group's figures with its models, as daily, weekly and monthly entries have them. */
export function groupFields(group: Pick<Group, 'models'> & Rollup) {
  return {
    ...costFields(group),
    modelsUsed: group.models.map((model) => model.name),
    modelBreakdowns: group.models.map(modelBreakdown),
  };
}

export interface MetaContext {
  range: { since: string; until: string };
  timeZone: string;
  stats: ScanStats;
  project: string | undefined;
  model?: string | undefined;
  /** `--all-roots`: every log folder the ledger holds, not only those in view. */
  allRoots?: boolean;
  costMode: CostMode;
  prices: PriceTable;
  /** Models whose costs are left out, and why. */
  unpriced: Map<string, string>;
  /** Per model over the report, to list the unpriced ones with their tokens. */
  models: NamedRollup[];
  /** Spend against the budgets set (none: empty). */
  budgets: BudgetLine[];
}

/** What every report's `--json` says about how it was made. */
export function reportMeta(context: MetaContext): ReportMeta {
  return {
    schemaVersion: SCHEMA_VERSION,
    since: context.range.since,
    until: context.range.until,
    timeZone: context.timeZone,
    project: context.project ?? null,
    model: context.model ?? null,
    allRoots: context.allRoots === true,
    roots: context.stats.roots,
    ledger: context.stats.ledger ?? null,
    filesRead: context.stats.filesRead,
    linesRead: context.stats.linesRead,
    malformedLines: context.stats.malformedLines,
    unreadable: context.stats.unreadable,
    unpricedModels: context.models
      .filter((model) => model.unpricedRequests > 0)
      .map((model) => ({
        model: model.name,
        reason: context.unpriced.get(model.name) ?? 'no known price',
        unpricedRequests: model.unpricedRequests,
        ...tokenFields(model),
      })),
    costMode: context.costMode,
    prices: {
      source: context.prices.source,
      retrievedAt: context.prices.retrievedAt,
      origin: context.prices.origin,
    },
    budgets: budgetJson(context.budgets),
  };
}
