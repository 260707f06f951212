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

/**
 * One API response as found in the logs, after deduplication: the common currency of the
 * whole tool. Everything before it is I/O and parsing; everything after it is pure.
 */
export interface UsageRecord extends TokenCounts {
  /** `message.id:requestId`, or null for a line that lacks one of them (counted as is). */
  key: string | null;
  /** Milliseconds since the epoch. */
  timestamp: number;
  sessionId: string;
  /** The folder directly under `projects/` (Claude Code's encoding of the working directory). */
  project: string;
  /** The real working directory, when the line names it. */
  cwd: string | null;
  model: string;
  /** `usage.speed == "fast"`: billed at the model's fast-mode multiple. */
  fast: boolean;
  /** A subagent's response (subagent file, sidechain line or progress copy). */
  sidechain: boolean;
  /** The file the kept copy came from. */
  file: string;
  /** `costUSD` as old Claude Code versions logged it, or null. */
  loggedCostUSD: number | null;
}

/** A record with its price applied; `cost` is null when it has none, and `unpriced` says why. */
export interface PricedRecord extends UsageRecord {
  cost: number | null;
  unpriced: string | null;
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
  /** Files or folders that could not be read, with the reason. */
  unreadable: { path: string; reason: string }[];
  /** The ledger the records came from, when they came from one. */
  ledger?: string;
}
