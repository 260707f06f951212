import type { PricedRecord } from '../types.js';
import type { ZonedCalendar } from './calendar.js';
import { groupRecords, type NamedRollup } from './group.js';
import type { DayRange } from './range.js';
import { addRecord, emptyRollup, type Rollup, totalTokens } from './rollup.js';

const HOUR = 3_600_000;
/** Claude's usage limits reset on 5-hour windows. */
export const BLOCK_MS = 5 * HOUR;

export interface Block extends Rollup {
  /** The window's start: the first request's time, down to the hour. */
  start: number;
  end: number;
  /** The last request in the window. */
  lastRequest: number;
  isActive: boolean;
  models: NamedRollup[];
  /** The requests in the window. */
  records: PricedRecord[];
}

export interface ActiveBlock {
  block: Block;
  remainingMs: number;
  /** Spent so far over the time since the window started, per hour. */
  tokensPerHour: number;
  costPerHour: number;
  /** What the window will total if the rate holds to its end. */
  projectedTokens: number;
  projectedCost: number;
}

/** A 5-hour window's start and requests, before its figures are summed. */
export interface BlockSpan {
  start: number;
  records: PricedRecord[];
}

const inTimeOrder = (records: PricedRecord[]) =>
  records.every(
    (record, i) => i === 0 || (records[i - 1] as PricedRecord).timestamp <= record.timestamp,
  );

/**
 * Splits requests into 5-hour windows as Claude's limits count them: a window starts at a
 * request's hour (UTC, as the service counts) and holds every request until it ends; the
 * next request after that opens the next window.
 */
export function blockSpans(selected: PricedRecord[]): BlockSpan[] {
  // The ledger hands records over in time order; only a copy out of order is sorted.
  const sorted = inTimeOrder(selected)
    ? selected
    : [...selected].sort((a, b) => a.timestamp - b.timestamp);
  const spans: BlockSpan[] = [];
  for (const record of sorted) {
    const current = spans[spans.length - 1];
    if (current === undefined || record.timestamp >= current.start + BLOCK_MS) {
      spans.push({ start: Math.floor(record.timestamp / HOUR) * HOUR, records: [record] });
    } else {
      current.records.push(record);
    }
  }
  return spans;
}

/** A window's figures: its totals, its models, whether it is open at `now`. */
export function blockOf({ start, records }: BlockSpan, now: number): Block {
  const totals = emptyRollup();
  for (const record of records) addRecord(totals, record);
  return {
    ...totals,
    start,
    end: start + BLOCK_MS,
    lastRequest: records[records.length - 1]?.timestamp ?? start,
    isActive: now >= start && now < start + BLOCK_MS,
    models: groupRecords(records, (record) => record.model)
      .sort((a, b) => b.cost - a.cost)
      .map(({ key, first: _f, last: _l, models: _m, ...rollup }) => ({ name: key, ...rollup })),
    records,
  };
}

/** The windows of `selected`, each with its figures. */
export function usageBlocks(selected: PricedRecord[], now: number): Block[] {
  return blockSpans(selected).map((span) => blockOf(span, now));
}

/**
 * The windows a range shows: those that start on one of its local days. The windows come from
 * the whole history (`blockSpans` of every record), so where a window starts, and what it
 * holds, never depends on the range asked for; only the ones shown are summed.
 */
export function blocksInRange(
  spans: BlockSpan[],
  range: DayRange,
  calendar: ZonedCalendar,
  now: number,
): Block[] {
  return spans
    .filter((span) => {
      const day = calendar.dayOf(span.start);
      return day >= range.since && day <= range.until;
    })
    .map((span) => blockOf(span, now));
}

/** Burn rate and end-of-window projection of the window still open at `now`, if any. */
export function activeBlock(blocks: Block[], now: number): ActiveBlock | null {
  const block = blocks.find((candidate) => candidate.isActive);
  if (block === undefined) return null;
  const hours = Math.max(now - block.start, 60_000) / HOUR;
  const tokensPerHour = totalTokens(block) / hours;
  const costPerHour = block.cost / hours;
  const remainingHours = (block.end - now) / HOUR;
  return {
    block,
    remainingMs: block.end - now,
    tokensPerHour,
    costPerHour,
    projectedTokens: totalTokens(block) + tokensPerHour * remainingHours,
    projectedCost: block.cost + costPerHour * remainingHours,
  };
}

/** `--token-limit max`: the most tokens any window finished by `now` used. */
export function maxTokensOfFinishedBlocks(spans: BlockSpan[], now: number): number {
  let most = 0;
  for (const span of spans) {
    if (now < span.start + BLOCK_MS) continue;
    let tokens = 0;
    for (const record of span.records) tokens += totalTokens(record);
    most = Math.max(most, tokens);
  }
  return most;
}
