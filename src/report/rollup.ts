import { type CostParts, type PricedRecord, type TokenCounts, ZERO_COST_PARTS } from '../types.js';

/**
 * Sums over a set of records: tokens by kind, requests, web searches, and the cost of the
 * priced ones, whole and by what was billed.
 */
export interface Rollup extends TokenCounts, CostParts {
  requests: number;
  webSearchRequests: number;
  /** Sum of the known costs; see `unpricedRequests` for what it leaves out. */
  cost: number;
  /** Requests whose model has no known price, so `cost` is a lower bound when this is > 0. */
  unpricedRequests: number;
}

export function emptyRollup(): Rollup {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    requests: 0,
    webSearchRequests: 0,
    cost: 0,
    unpricedRequests: 0,
    ...ZERO_COST_PARTS,
  };
}

export function addRecord(rollup: Rollup, record: PricedRecord): void {
  rollup.inputTokens += record.inputTokens;
  rollup.outputTokens += record.outputTokens;
  rollup.cacheWrite5mTokens += record.cacheWrite5mTokens;
  rollup.cacheWrite1hTokens += record.cacheWrite1hTokens;
  rollup.cacheReadTokens += record.cacheReadTokens;
  rollup.requests += record.requests;
  rollup.webSearchRequests += record.webSearchRequests;
  if (record.cost === null) {
    rollup.unpricedRequests += record.requests;
    return;
  }
  rollup.cost += record.cost;
  rollup.inputCost += record.inputCost;
  rollup.outputCost += record.outputCost;
  rollup.cacheWrite5mCost += record.cacheWrite5mCost;
  rollup.cacheWrite1hCost += record.cacheWrite1hCost;
  rollup.cacheReadCost += record.cacheReadCost;
  rollup.webSearchCost += record.webSearchCost;
  rollup.loggedCost += record.loggedCost;
}

/** Adds one rollup's sums into another's. */
export function addRollup(into: Rollup, from: Rollup): void {
  for (const field of Object.keys(from) as (keyof Rollup)[]) into[field] += from[field];
}

export function cacheWriteTokens(tokens: TokenCounts): number {
  return tokens.cacheWrite5mTokens + tokens.cacheWrite1hTokens;
}

/** Input + output + cache writes + cache reads. */
export function totalTokens(tokens: TokenCounts): number {
  return (
    tokens.inputTokens + tokens.outputTokens + cacheWriteTokens(tokens) + tokens.cacheReadTokens
  );
}

/** Rollups keyed by a name, in a stable order: most expensive first, then by name. */
export class RollupsByName {
  private readonly rollups = new Map<string, Rollup>();

  add(name: string, record: PricedRecord): void {
    addRecord(this.named(name), record);
  }

  /** Adds a rollup already summed (a group's, for one model) under `name`. */
  addRollup(name: string, rollup: Rollup): void {
    addRollup(this.named(name), rollup);
  }

  private named(name: string): Rollup {
    let rollup = this.rollups.get(name);
    if (rollup === undefined) {
      rollup = emptyRollup();
      this.rollups.set(name, rollup);
    }
    return rollup;
  }

  list(): (Rollup & { name: string })[] {
    return [...this.rollups]
      .map(([name, rollup]) => ({ name, ...rollup }))
      .sort((a, b) => b.cost - a.cost || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
