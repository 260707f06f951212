import type { PricePeriod } from './pricing/table.js';

/**
 * The token counts of one API response, split the way Anthropic bills them.
 * Cache writes are split by lifetime because a 1-hour write costs more than a 5-minute one.
 */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

/** What a request's price depends on besides its model and time. */
export interface RequestUsage extends TokenCounts {
  /** `usage.speed == "fast"`: billed at fast-mode prices where the model had them then. */
  fast: boolean;
  /** `usage.inference_geo` as logged ("us", "global", ...), or null. */
  inferenceGeo: string | null;
  /** `usage.server_tool_use.web_search_requests`, billed per search on top of tokens. */
  webSearchRequests: number;
}

/**
 * One API response as found in the logs, after deduplication: the common currency of the
 * whole tool. Everything before it is I/O and parsing; everything after it is pure.
 */
export interface UsageRecord extends RequestUsage {
  /**
   * `message.id:requestId`; for a line that lacks one of them, its file and a hash of the line
   * (set by the reader; null only before that).
   */
  key: string | null;
  /** Milliseconds since the epoch. */
  timestamp: number;
  sessionId: string;
  /** The folder directly under `projects/` (Claude Code's encoding of the working directory). */
  project: string;
  /** The real working directory, when the line names it. */
  cwd: string | null;
  model: string;
  /** A subagent's response (subagent file, sidechain line or progress copy). */
  sidechain: boolean;
  /** The file the kept copy came from. */
  file: string;
  /** The `projects/` folder that file was found under ('' for a record read back from the ledger). */
  root: string;
  /** Other `projects/` folders that hold a copy of the response, or null (almost always). */
  alsoIn: string[] | null;
  /** `costUSD` as old Claude Code versions logged it, or null. */
  loggedCostUSD: number | null;
}

/** A request's cost by what was billed, in USD. */
export interface CostParts {
  inputCost: number;
  outputCost: number;
  cacheWrite5mCost: number;
  cacheWrite1hCost: number;
  cacheReadCost: number;
  webSearchCost: number;
  /** `costUSD` as old Claude Code versions logged it (`--mode auto|display`), not split. */
  loggedCost: number;
}

/**
 * A record with its price applied; `cost` is null when it has none, and `unpriced` says why.
 * The parts add up to `cost` (all 0 when it is null).
 */
export interface PricedRecord extends UsageRecord, CostParts {
  /**
   * The requests it stands for: 1, but for a quarter hour's or a day's requests of one model
   * summed into one (`report/sums.ts`), which the reports of sums by day, week, month or model
   * read instead.
   */
  requests: number;
  cost: number | null;
  unpriced: string | null;
  /** The price period the cost was worked out with (null: unpriced, or a logged `costUSD`). */
  pricePeriod: PricePeriod | null;
}

/** One tool call (a `tool_use` content block), counted once by its id across all files. */
export interface ToolUse {
  id: string;
  name: string;
  timestamp: number;
  sessionId: string;
  project: string;
  cwd: string | null;
  model: string;
}

/** What reading the logs found besides the records, for the report's `meta`. */
export interface ScanStats {
  roots: string[];
  filesRead: number;
  linesRead: number;
  /** Lines that were not valid JSON, or whose usage did not have the expected shape. */
  malformedLines: number;
  /** The files that had such lines, and how many each. */
  malformedFiles: { path: string; lines: number }[];
  /** Files or folders that could not be read, with the reason. */
  unreadable: { path: string; reason: string }[];
  /** The ledger the records came from, when they came from one. */
  ledger?: string;
}

/** Every part of a cost at zero: where a sum of them starts, and an unpriced record's. */
export const ZERO_COST_PARTS = {
  inputCost: 0,
  outputCost: 0,
  cacheWrite5mCost: 0,
  cacheWrite1hCost: 0,
  cacheReadCost: 0,
  webSearchCost: 0,
  loggedCost: 0,
} as const satisfies CostParts;

/**
 * What a record's cost parts hold until `priceRecords` sets them all, before anything reads
 * one (`emptySum` sets them too): null, which V8 keeps as a pointer that a number can replace
 * in place. A part that starts as a floating-point number (-0) gets a box of its own in each
 * record, seven a record, copied by every young-generation GC while the logs are read (cold
 * usage-heavy, 12 alternating runs: 3.40 -> 3.32 s, 235 -> 217 MB; a first sync of 1 GiB, 5:
 * 2.86 -> 2.72 s); one that starts as a small integer is stored as one, and when pricing
 * writes the first fraction V8 migrates every record made so far (225 ms for 72,000).
 */
const NOT_PRICED = null as unknown as number;

/**
 * A record not priced yet, from what was read (`priceRecords` fills in the price fields):
 * every record is made here, as one literal of one shape, for V8. A spread of the price fields
 * into each made a repeat report from the ledger take 0.67-0.88 s instead of 0.38-0.41 s at
 * 1 GiB (72,000 records). The cost parts start as `NOT_PRICED`.
 */
export function unpricedRecord(read: UsageRecord): PricedRecord {
  return newRecord(
    read.key,
    read.timestamp,
    read.sessionId,
    read.project,
    read.cwd,
    read.model,
    read.fast,
    read.inferenceGeo,
    read.webSearchRequests,
    read.sidechain,
    read.file,
    read.root,
    read.alsoIn,
    read.loggedCostUSD,
    read.inputTokens,
    read.outputTokens,
    read.cacheWrite5mTokens,
    read.cacheWrite1hTokens,
    read.cacheReadTokens,
  );
}

/**
 * `unpricedRecord` of the fields given one by one: the snapshot's decoder makes 70,000 records
 * at once, and an object of the fields made first for each cost a repeat report ~25 ms (the
 * first decode runs before the optimizing compiler could remove it).
 */
export function newRecord(
  key: string | null,
  timestamp: number,
  sessionId: string,
  project: string,
  cwd: string | null,
  model: string,
  fast: boolean,
  inferenceGeo: string | null,
  webSearchRequests: number,
  sidechain: boolean,
  file: string,
  root: string,
  alsoIn: string[] | null,
  loggedCostUSD: number | null,
  inputTokens: number,
  outputTokens: number,
  cacheWrite5mTokens: number,
  cacheWrite1hTokens: number,
  cacheReadTokens: number,
): PricedRecord {
  return {
    key,
    timestamp,
    sessionId,
    project,
    cwd,
    model,
    fast,
    inferenceGeo,
    webSearchRequests,
    sidechain,
    file,
    root,
    alsoIn,
    loggedCostUSD,
    inputTokens,
    outputTokens,
    cacheWrite5mTokens,
    cacheWrite1hTokens,
    cacheReadTokens,
    requests: 1,
    cost: null,
    unpriced: null,
    pricePeriod: null,
    inputCost: NOT_PRICED,
    outputCost: NOT_PRICED,
    cacheWrite5mCost: NOT_PRICED,
    cacheWrite1hCost: NOT_PRICED,
    cacheReadCost: NOT_PRICED,
    webSearchCost: NOT_PRICED,
    loggedCost: NOT_PRICED,
  };
}

/**
 * A priced record that stands for no request yet, of `model` at `timestamp`: the start of a
 * sum of records (`report/sums.ts`), which has no key, session, project or file.
 */
export function emptySum(model: string, timestamp: number): PricedRecord {
  const sum = newRecord(
    null,
    timestamp,
    '',
    '',
    null,
    model,
    false,
    null,
    0,
    false,
    '',
    '',
    null,
    null,
    0,
    0,
    0,
    0,
    0,
  );
  return Object.assign(sum, ZERO_COST_PARTS, { requests: 0 });
}
