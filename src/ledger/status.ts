import { existsSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { schemaVersion } from './migrations.js';

/** What `usage ledger status` tells: where the ledger is, what it holds, how fresh it is. */
export interface LedgerStatus {
  file: string;
  /** The database and its write-ahead log, in bytes. */
  bytes: number;
  schemaVersion: number;
  responses: number;
  toolUses: number;
  /** The first and last response, in ms since the epoch (null when empty). */
  first: number | null;
  last: number | null;
  /** Transcripts the ledger has read, and how many of them are still on disk. */
  filesTracked: number;
  filesOnDisk: number;
  /** The `projects/` folders its files were found under. */
  roots: string[];
  /** When a sync last finished (ms), or null. */
  lastSyncAt: number | null;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

type Row = Record<string, number | null>;

/** Reads the status without writing anything: it works on a ledger opened read-only. */
export function ledgerStatus(db: Database, file: string): LedgerStatus {
  const responses = db
    .prepare('SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM responses')
    .get() as Row;
  const tools = db.prepare('SELECT count(*) AS n FROM tool_uses').get() as Row;
  const paths = db.prepare('SELECT path FROM files').pluck().all() as string[];
  const roots = db
    .prepare('SELECT DISTINCT root FROM files ORDER BY root')
    .pluck()
    .all() as string[];
  const lastSync = db
    .prepare("SELECT value FROM ledger_info WHERE key = 'last_sync_at'")
    .pluck()
    .get() as string | undefined;
  return {
    file,
    bytes: sizeOf(file) + sizeOf(`${file}-wal`),
    schemaVersion: schemaVersion(db),
    responses: responses.n ?? 0,
    toolUses: tools.n ?? 0,
    first: responses.first ?? null,
    last: responses.last ?? null,
    filesTracked: paths.length,
    filesOnDisk: paths.filter((path) => existsSync(path)).length,
    roots,
    lastSyncAt: lastSync === undefined ? null : Number(lastSync),
  };
}
