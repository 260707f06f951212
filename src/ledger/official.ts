import type { Database } from 'better-sqlite3';
import {
  LIMIT_WINDOWS,
  type LimitObservation,
  type LimitObservations,
  type OfficialFigures,
  type SessionEstimate,
} from '../limits/official.js';

/** Keeps what a status line was told, where it is newer than what the ledger holds. */
export function saveOfficialFigures(db: Database, figures: OfficialFigures): void {
  const limit = db.prepare(
    `INSERT INTO official_limits (window, used_percentage, resets_at, observed_at, session_id, version)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (window) DO UPDATE SET used_percentage = excluded.used_percentage,
       resets_at = excluded.resets_at, observed_at = excluded.observed_at,
       session_id = excluded.session_id, version = excluded.version
     WHERE excluded.observed_at >= official_limits.observed_at`,
  );
  const estimate = db.prepare(
    `INSERT INTO session_estimates (session_id, cost_usd, observed_at, version) VALUES (?, ?, ?, ?)
     ON CONFLICT (session_id) DO UPDATE SET cost_usd = excluded.cost_usd,
       observed_at = excluded.observed_at, version = excluded.version
     WHERE excluded.observed_at >= session_estimates.observed_at`,
  );
  db.transaction(() => {
    for (const name of LIMIT_WINDOWS) {
      const seen = figures.limits[name];
      if (seen === null) continue;
      limit.run(
        name,
        seen.usedPercentage,
        seen.resetsAt,
        seen.observedAt,
        seen.sessionId,
        seen.version,
      );
    }
    const seen = figures.estimate;
    if (seen !== null) estimate.run(seen.sessionId, seen.costUsd, seen.observedAt, seen.version);
  })();
}

/** The latest observation of each window the ledger holds. */
export function officialLimits(db: Database): LimitObservations {
  const rows = db
    .prepare(
      'SELECT window, used_percentage, resets_at, observed_at, session_id, version FROM official_limits',
    )
    .all() as {
    window: string;
    used_percentage: number;
    resets_at: number;
    observed_at: number;
    session_id: string | null;
    version: string | null;
  }[];
  const limits: LimitObservations = { fiveHour: null, sevenDay: null };
  for (const row of rows) {
    if (row.window !== 'fiveHour' && row.window !== 'sevenDay') continue;
    const observation: LimitObservation = {
      usedPercentage: row.used_percentage,
      resetsAt: row.resets_at,
      observedAt: row.observed_at,
      sessionId: row.session_id,
      version: row.version,
    };
    limits[row.window] = observation;
  }
  return limits;
}

/** Claude Code's latest estimate of a session's cost, from a status line, or null. */
export function sessionEstimate(db: Database, sessionId: string): SessionEstimate | null {
  const row = db
    .prepare('SELECT cost_usd, observed_at, version FROM session_estimates WHERE session_id = ?')
    .get(sessionId) as
    | { cost_usd: number; observed_at: number; version: string | null }
    | undefined;
  return row === undefined
    ? null
    : {
        sessionId,
        costUsd: row.cost_usd,
        observedAt: row.observed_at,
        source: 'statusline',
        version: row.version,
      };
}
