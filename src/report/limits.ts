import {
  LIMIT_WINDOWS,
  type LimitObservation,
  type LimitObservations,
  type LimitWindowName,
  WINDOW_MS,
} from '../limits/official.js';
import type { PricedRecord } from '../types.js';
import { type BudgetState, stateOf } from './budget.js';

/**
 * A figure not refreshed for this long is stale: Claude Code refreshes the status line while a
 * session is in use, and use elsewhere (claude.ai, another machine) counts against the same
 * limits without reaching us.
 */
export const STALE_AFTER_MS = 15 * 60_000;
const HOUR = 3_600_000;

/** One official window as of now, beside our own spend in it. */
export interface LimitWindow {
  window: LimitWindowName;
  usedPercentage: number;
  resetsAt: number;
  observedAt: number;
  windowStart: number;
  /** `current`; `stale` (not refreshed for a while); `reset` (the window ended since). */
  freshness: 'current' | 'stale' | 'reset';
  /** Until the reset (0 once it passed). */
  msLeft: number;
  /** Against the budgets' alert threshold: at or over it, or over 100%. */
  state: BudgetState;
  /** Our figures for the same window, up to now (or to its reset). */
  ourCost: number;
  ourCostPartial: boolean;
  ourRequests: number;
  /** The share used per hour so far in the window, when any of it had passed. */
  percentPerHour: number | null;
  /** The share per hour that would reach 100% exactly at the reset, from the last figure. */
  percentPerHourToLimit: number | null;
  /** Where the window ends at the rate so far. */
  projectedPercentage: number | null;
  /** When the rate so far reaches 100%, if before the reset (null: it does not, or it has). */
  hitsLimitAt: number | null;
}

export type LimitsReport = Record<LimitWindowName, LimitWindow | null>;

function windowOf(
  name: LimitWindowName,
  seen: LimitObservation,
  records: readonly PricedRecord[],
  now: number,
  alertPercent: number,
): LimitWindow {
  const windowStart = seen.resetsAt - WINDOW_MS[name];
  const freshness =
    seen.resetsAt <= now ? 'reset' : now - seen.observedAt > STALE_AFTER_MS ? 'stale' : 'current';
  const until = Math.min(now, seen.resetsAt);
  let ourCost = 0;
  let ourCostPartial = false;
  let ourRequests = 0;
  for (const record of records) {
    if (record.timestamp < windowStart || record.timestamp > until) continue;
    ourRequests++;
    if (record.cost === null) ourCostPartial = true;
    else ourCost += record.cost;
  }
  const elapsedHours = (seen.observedAt - windowStart) / HOUR;
  const leftHours = (seen.resetsAt - seen.observedAt) / HOUR;
  const percentPerHour = elapsedHours > 0 ? seen.usedPercentage / elapsedHours : null;
  const projectedPercentage =
    percentPerHour === null ? null : seen.usedPercentage + percentPerHour * leftHours;
  const hitsLimitAt =
    percentPerHour !== null && percentPerHour > 0 && seen.usedPercentage < 100
      ? seen.observedAt + ((100 - seen.usedPercentage) / percentPerHour) * HOUR
      : null;
  return {
    window: name,
    usedPercentage: seen.usedPercentage,
    resetsAt: seen.resetsAt,
    observedAt: seen.observedAt,
    windowStart,
    freshness,
    msLeft: Math.max(seen.resetsAt - now, 0),
    state: stateOf(seen.usedPercentage, 100, alertPercent),
    ourCost,
    ourCostPartial,
    ourRequests,
    percentPerHour,
    percentPerHourToLimit:
      leftHours > 0 ? Math.max(100 - seen.usedPercentage, 0) / leftHours : null,
    projectedPercentage,
    hitsLimitAt: hitsLimitAt !== null && hitsLimitAt < seen.resetsAt ? hitsLimitAt : null,
  };
}

/** Each official window Claude Code reported, as of `now`, with our spend in it. */
export function limitsReport(
  limits: LimitObservations,
  records: readonly PricedRecord[],
  now: number,
  alertPercent: number,
): LimitsReport {
  const report: LimitsReport = { fiveHour: null, sevenDay: null };
  for (const name of LIMIT_WINDOWS) {
    const seen = limits[name];
    if (seen !== null) report[name] = windowOf(name, seen, records, now, alertPercent);
  }
  return report;
}
