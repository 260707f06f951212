import type { PricedRecord } from '../types.js';
import { activeBlock, usageBlocks } from './blocks.js';
import type { ZonedCalendar } from './calendar.js';

/** A sum of costs, and whether requests without a price are left out of it. */
export interface Spend {
  cost: number;
  partial: boolean;
}

/** What a status line shows besides the model and the context size. */
export interface StatusFigures {
  session: Spend | null;
  today: Spend;
  /** The 5-hour window open now, with the time left in it. */
  block: (Spend & { remainingMs: number }) | null;
}

const HOUR = 3_600_000;
/** Windows chain from request to request; two days back is far more than one chain spans in practice. */
const BLOCK_LOOKBACK_MS = 48 * HOUR;

function spendOf(records: PricedRecord[]): Spend {
  let cost = 0;
  let partial = false;
  for (const record of records) {
    if (record.cost === null) partial = true;
    else cost += record.cost;
  }
  return { cost, partial };
}

/** The session's spend (all of it, whatever the day), today's, and the open window's. */
export function statusFigures(
  records: PricedRecord[],
  calendar: ZonedCalendar,
  now: number,
  sessionId: string | null,
): StatusFigures {
  const today = calendar.dayOf(now);
  const todayStart = calendar.startOf(today);
  const recent = records.filter(
    (record) =>
      record.timestamp >= Math.min(todayStart, now - BLOCK_LOOKBACK_MS) && record.timestamp <= now,
  );
  const open = activeBlock(usageBlocks(recent, now), now);
  return {
    session:
      sessionId === null
        ? null
        : spendOf(
            records.filter((record) => record.sessionId === sessionId && record.timestamp <= now),
          ),
    today: spendOf(recent.filter((record) => record.timestamp >= todayStart)),
    block:
      open === null
        ? null
        : {
            cost: open.block.cost,
            partial: open.block.unpricedRequests > 0,
            remainingMs: open.remainingMs,
          },
  };
}
