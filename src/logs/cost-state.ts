import { type JsonObject, objectOf, type SessionEstimate } from '../limits/official.js';
import { forEachLine } from './lines.js';

const NEEDLE = Buffer.from('"cost-state"');
/** Where a `cost-state` line may put its running cost: its format is not published. */
const COST_KEYS = ['totalCostUSD', 'totalCostUsd', 'total_cost_usd', 'costUSD', 'costUsd', 'cost'];

/** The first cost of 0 or more under a known key, on the line or one object down. */
function costOf(line: JsonObject): number | null {
  for (const holder of [line, ...Object.values(line).map(objectOf)]) {
    if (holder === null) continue;
    for (const key of COST_KEYS) {
      const value = holder[key];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    }
  }
  return null;
}

/**
 * Claude Code's running estimate of a session's cost from the last `cost-state` line (2.1.248
 * and later) in the given transcripts, or null. Lines of other sessions, without a time or a
 * cost, or not JSON, are passed over; a file that cannot be read is too (the report of the
 * session is what matters).
 */
export function lastCostState(files: readonly string[], sessionId: string): SessionEstimate | null {
  let last: SessionEstimate | null = null;
  for (const file of files) {
    try {
      forEachLine(file, (buffer, start, end) => {
        if (buffer.subarray(start, end).indexOf(NEEDLE) === -1) return;
        let line: JsonObject | null;
        try {
          line = objectOf(JSON.parse(buffer.toString('utf8', start, end)));
        } catch {
          return;
        }
        if (line === null || line.type !== 'cost-state') return;
        if (typeof line.sessionId === 'string' && line.sessionId !== sessionId) return;
        const observedAt = typeof line.timestamp === 'string' ? Date.parse(line.timestamp) : NaN;
        const costUsd = costOf(line);
        if (Number.isNaN(observedAt) || costUsd === null) return;
        if (last !== null && last.observedAt > observedAt) return;
        const version = typeof line.version === 'string' ? line.version : null;
        last = { sessionId, costUsd, observedAt, source: 'cost-state', version };
      });
    } catch {
      // unreadable: no estimate from it
    }
  }
  return last;
}
