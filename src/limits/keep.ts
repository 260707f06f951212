import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { officialLimits, saveOfficialFigures, sessionEstimate } from '../ledger/official.js';
import { writeWithoutWaiting } from '../ledger/open.js';
import { lastCostState } from '../logs/cost-state.js';
import type { PricedRecord } from '../types.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import {
  LIMIT_WINDOWS,
  type LimitObservations,
  NO_LIMITS,
  newer,
  type OfficialFigures,
  type SessionEstimate,
} from './official.js';

/**
 * Where Claude Code's figures are kept without a ledger (and when the ledger is busy): one
 * small JSON file in the cache folder. Reading takes the newer of it and the ledger.
 */
interface CacheContent {
  limits: LimitObservations;
  sessions: Record<string, SessionEstimate>;
}

/** A file holds this many sessions' estimates, the newest. */
const CACHED_SESSIONS = 200;

export function officialCacheFile(cacheDir: string): string {
  return path.join(cacheDir, 'official.json');
}

function isObservation(value: unknown): boolean {
  const seen = value as Record<string, unknown> | null;
  return (
    typeof seen === 'object' &&
    seen !== null &&
    typeof seen.usedPercentage === 'number' &&
    typeof seen.resetsAt === 'number' &&
    typeof seen.observedAt === 'number'
  );
}

/** The cache file's content; a missing or damaged file is an empty one. */
function readCache(file: string): CacheContent {
  const empty: CacheContent = { limits: { ...NO_LIMITS }, sessions: {} };
  let value: Partial<CacheContent>;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheContent>;
  } catch {
    return empty;
  }
  for (const name of LIMIT_WINDOWS) {
    const seen = value.limits?.[name];
    if (isObservation(seen)) empty.limits[name] = seen ?? null;
  }
  for (const [id, estimate] of Object.entries(value.sessions ?? {})) {
    if (typeof estimate?.costUsd === 'number' && typeof estimate.observedAt === 'number') {
      empty.sessions[id] = estimate;
    }
  }
  return empty;
}

async function saveToCache(file: string, figures: OfficialFigures): Promise<void> {
  const content = readCache(file);
  for (const name of LIMIT_WINDOWS) {
    content.limits[name] = newer(content.limits[name], figures.limits[name]);
  }
  const estimate = figures.estimate;
  if (estimate !== null) {
    content.sessions[estimate.sessionId] =
      newer(content.sessions[estimate.sessionId] ?? null, estimate) ?? estimate;
  }
  const newest = Object.entries(content.sessions)
    .sort(([, a], [, b]) => b.observedAt - a.observedAt)
    .slice(0, CACHED_SESSIONS);
  content.sessions = Object.fromEntries(newest);
  await writeFileAtomic(file, JSON.stringify(content));
}

function hasAny(figures: OfficialFigures): boolean {
  return LIMIT_WINDOWS.some((name) => figures.limits[name] !== null) || figures.estimate !== null;
}

/**
 * Keeps a status line's figures: in the ledger when one is open, else (or when it cannot take
 * the write at once) in the cache file. Never throws: a status line must not fail for this.
 */
export async function keepOfficialFigures(
  figures: OfficialFigures,
  db: Database | null,
  cacheFile: string,
): Promise<void> {
  if (!hasAny(figures)) return;
  // A status line never waits for another process's write: busy or read-only, the cache
  // file takes the figures.
  if (db !== null && writeWithoutWaiting(db, () => saveOfficialFigures(db, figures))) return;
  await saveToCache(cacheFile, figures).catch(() => {});
}

/** The latest figure of each window, from the ledger (when open) and the cache file. */
export function latestLimits(db: Database | null, cacheFile: string): LimitObservations {
  const cached = readCache(cacheFile).limits;
  const stored = db === null ? NO_LIMITS : officialLimits(db);
  return {
    fiveHour: newer(stored.fiveHour, cached.fiveHour),
    sevenDay: newer(stored.sevenDay, cached.sevenDay),
  };
}

/**
 * Claude Code's latest figure for a session: the newer of what its status line said (kept by
 * `usage statusline`) and the last `cost-state` line of the session's transcripts (the files
 * its records came from).
 */
export function claudeCodeEstimate(
  db: Database | null,
  cacheFile: string,
  sessionId: string,
  records: readonly PricedRecord[],
): SessionEstimate | null {
  const files = [...new Set(records.map((record) => record.file))];
  return newer(latestEstimate(db, cacheFile, sessionId), lastCostState(files, sessionId));
}

/** Claude Code's latest estimate of a session's cost from a status line, or null. */
export function latestEstimate(
  db: Database | null,
  cacheFile: string,
  sessionId: string,
): SessionEstimate | null {
  const cached = readCache(cacheFile).sessions[sessionId] ?? null;
  return newer(db === null ? null : sessionEstimate(db, sessionId), cached);
}
