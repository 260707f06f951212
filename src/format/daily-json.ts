import type { CostMode } from '../pricing/price-records.js';
import type { PriceTable } from '../pricing/sources.js';
import type { DailyReport, NamedRollup } from '../report/daily.js';
import { cacheWriteTokens, type Rollup, totalTokens } from '../report/rollup.js';
import type { ScanStats } from '../types.js';
import { roundCost } from './numbers.js';

/**
 * Token fields under the names ccusage's `--json` uses (scripts already read them), plus the
 * split of cache writes by lifetime and the request count.
 */
function tokenFields(rollup: Rollup) {
  return {
    inputTokens: rollup.inputTokens,
    outputTokens: rollup.outputTokens,
    cacheCreationTokens: cacheWriteTokens(rollup),
    cacheReadTokens: rollup.cacheReadTokens,
    totalTokens: totalTokens(rollup),
    cacheCreation5mTokens: rollup.cacheWrite5mTokens,
    cacheCreation1hTokens: rollup.cacheWrite1hTokens,
    requests: rollup.requests,
  };
}

function modelBreakdown(model: NamedRollup) {
  return {
    modelName: model.name,
    ...tokenFields(model),
    cost: model.unpricedRequests > 0 ? null : roundCost(model.cost),
  };
}

export interface JsonContext {
  stats: ScanStats;
  project: string | undefined;
  costMode: CostMode;
  prices: PriceTable;
  /** Models whose costs are left out, and why. */
  unpriced: Map<string, string>;
}

/** The daily report as the object `--json` prints. The README documents every field. */
export function dailyJson(
  report: DailyReport,
  { stats, project, costMode, prices, unpriced }: JsonContext,
) {
  return {
    daily: report.days.map((day) => ({
      date: day.date,
      ...tokenFields(day),
      totalCost: roundCost(day.cost),
      costIsPartial: day.unpricedRequests > 0,
      modelsUsed: day.models.map((model) => model.name),
      modelBreakdowns: day.models.map(modelBreakdown),
    })),
    totals: {
      ...tokenFields(report.totals),
      totalCost: roundCost(report.totals.cost),
      costIsPartial: report.totals.unpricedRequests > 0,
      averageDailyCost: roundCost(report.totals.cost / Math.max(report.days.length, 1)),
    },
    meta: {
      since: report.range.since,
      until: report.range.until,
      timeZone: report.timeZone,
      project: project ?? null,
      roots: stats.roots,
      filesRead: stats.filesRead,
      linesRead: stats.linesRead,
      malformedLines: stats.malformedLines,
      unreadable: stats.unreadable,
      unpricedModels: report.models
        .filter((model) => model.unpricedRequests > 0)
        .map((model) => ({
          model: model.name,
          reason: unpriced.get(model.name) ?? 'no known price',
          unpricedRequests: model.unpricedRequests,
          ...tokenFields(model),
        })),
      costMode,
      prices: { source: prices.source, retrievedAt: prices.retrievedAt, origin: prices.origin },
    },
  };
}
