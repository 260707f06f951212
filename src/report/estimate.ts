import type { SessionEstimate } from '../limits/official.js';
import type { PricedRecord } from '../types.js';

/** A share of our figure that Claude Code may count differently. */
export interface EstimatePart {
  requests: number;
  cost: number;
}

/** Claude Code's own figure for a session beside ours, and where ours may differ. */
export interface EstimateComparison {
  estimate: SessionEstimate;
  /** Our cost of the session's requests up to when Claude Code gave its figure. */
  oursThen: number;
  /** Some of those requests have no price: `oursThen` is a lower bound. */
  oursThenPartial: boolean;
  /** oursThen - Claude Code's, and that as a share of Claude Code's (null when it is 0). */
  difference: number;
  differenceShare: number | null;
  /** Of ours then: fast mode, US data residency, and subagents' requests. */
  fast: EstimatePart;
  usGeo: EstimatePart;
  subagents: EstimatePart;
}

function add(part: EstimatePart, record: PricedRecord): void {
  part.requests++;
  part.cost += record.cost ?? 0;
}

/** Compares Claude Code's estimate with our records of the same session. */
export function compareEstimate(
  estimate: SessionEstimate,
  records: readonly PricedRecord[],
): EstimateComparison {
  let oursThen = 0;
  let oursThenPartial = false;
  const fast = { requests: 0, cost: 0 };
  const usGeo = { requests: 0, cost: 0 };
  const subagents = { requests: 0, cost: 0 };
  for (const record of records) {
    if (record.timestamp > estimate.observedAt) continue;
    if (record.cost === null) oursThenPartial = true;
    else oursThen += record.cost;
    if (record.fast) add(fast, record);
    if (record.inferenceGeo === 'us') add(usGeo, record);
    if (record.sidechain) add(subagents, record);
  }
  const difference = oursThen - estimate.costUsd;
  return {
    estimate,
    oursThen,
    oursThenPartial,
    difference,
    differenceShare: estimate.costUsd > 0 ? difference / estimate.costUsd : null,
    fast,
    usGeo,
    subagents,
  };
}
