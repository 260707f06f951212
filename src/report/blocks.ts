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

/**
 * Splits requests into 5-hour windows as Claude's limits count them: a window starts at a
 * request's hour (UTC, as the service counts) and holds every request until it ends; the
 * next request after that opens the next window.
 */
export function usageBlocks(selected: PricedRecord[], now: number): Block[] {
  const sorted = [...selected].sort((a, b) => a.timestamp - b.timestamp);
  const spans: { start: number; records: PricedRecord[] }[] = [];
  for (const record of sorted) {
    const current = spans[spans.length - 1];
    if (current === undefined || record.timestamp >= current.start + BLOCK_MS) {
      spans.push({ start: Math.floor(record.timestamp / HOUR) * HOUR, records: [record] });
    } else {
      current.records.push(record);
    }
  }
  return spans.map(({ start, records }) => {
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
  });
}

/**
 * The windows a range shows: those that start on one of its local days. The windows come from
 * the whole history (`usageBlocks` of every record), so where a window starts, and what it
 * holds, never depends on the range asked for.
 */
export function blocksInRange(blocks: Block[], range: DayRange, calendar: ZonedCalendar): Block[] {
  return blocks.filter((block) => {
    const day = calendar.dayOf(block.start);
    return day >= range.since && day <= range.until;
  });
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

/** `--token-limit max`: the most tokens any finished window used. */
export function maxTokensOfFinishedBlocks(blocks: Block[]): number {
  return Math.max(0, ...blocks.filter((block) => !block.isActive).map(totalTokens));
}
