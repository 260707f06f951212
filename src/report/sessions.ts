import type { PricedRecord } from '../types.js';
import { type Group, groupRecords } from './group.js';
import { totalTokens } from './rollup.js';

/** Gaps between requests longer than this are idle time, not part of a session's active time. */
export const IDLE_GAP_MS = 10 * 60_000;

export interface SessionRow extends Group {
  sessionId: string;
  /** The folder under `projects/`. */
  project: string;
  /** The real working directory (the one most of its requests name), or the folder name. */
  projectPath: string;
  /** Time between requests, leaving out idle gaps over 10 minutes. */
  activeMs: number;
  /** Requests made by subagents, counted in their parent session. */
  subagentRequests: number;
}

export type SessionSort = 'cost' | 'tokens' | 'date';

/** The most frequent working directory of some records, else their project folder. */
export function projectPathOf(records: Pick<PricedRecord, 'cwd' | 'project'>[]): string {
  const counts = new Map<string, number>();
  for (const record of records) {
    if (record.cwd !== null) counts.set(record.cwd, (counts.get(record.cwd) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [cwd, count] of counts) {
    if (best === null || count > (counts.get(best) ?? 0)) best = cwd;
  }
  return best ?? records[0]?.project ?? '';
}

function activeTime(timestamps: number[]): number {
  let active = 0;
  for (let i = 1; i < timestamps.length; i++) {
    const gap = (timestamps[i] ?? 0) - (timestamps[i - 1] ?? 0);
    if (gap <= IDLE_GAP_MS) active += gap;
  }
  return active;
}

/**
 * One row per session. Subagent requests carry their parent's session id, so a session's
 * figures include the subagents it started.
 */
export function sessionRows(selected: PricedRecord[], sort: SessionSort = 'cost'): SessionRow[] {
  const bySession = new Map<string, PricedRecord[]>();
  for (const record of selected) {
    const list = bySession.get(record.sessionId);
    if (list === undefined) bySession.set(record.sessionId, [record]);
    else list.push(record);
  }
  const rows = groupRecords(selected, (record) => record.sessionId).map((group) => {
    const records = bySession.get(group.key) ?? [];
    return {
      ...group,
      sessionId: group.key,
      project: records[0]?.project ?? '',
      projectPath: projectPathOf(records),
      activeMs: activeTime(records.map((record) => record.timestamp).sort((a, b) => a - b)),
      subagentRequests: records.filter((record) => record.sidechain).length,
    };
  });
  const order: Record<SessionSort, (a: SessionRow, b: SessionRow) => number> = {
    cost: (a, b) => b.cost - a.cost,
    tokens: (a, b) => totalTokens(b) - totalTokens(a),
    date: (a, b) => b.last - a.last,
  };
  return rows.sort((a, b) => order[sort](a, b) || (a.key < b.key ? -1 : 1));
}

/** Session ids that start with `prefix`. */
export function sessionsMatching(records: PricedRecord[], prefix: string): string[] {
  return [...new Set(records.map((record) => record.sessionId))]
    .filter((id) => id.startsWith(prefix))
    .sort();
}
