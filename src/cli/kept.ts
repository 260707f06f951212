import os from 'node:os';
import type { Database } from 'better-sqlite3';
import { cacheDir } from '../config/paths.js';
import { chooseLedger } from '../ledger/ledger.js';
import { ledgerExists, openLedgerDatabase } from '../ledger/open.js';
import { officialCacheFile } from '../limits/keep.js';
import type { ReportOptions } from './shared-options.js';

/**
 * Reads what the status line kept of Claude Code's figures: from the ledger the run uses, when
 * there is one, and from the cache folder (where they go without a ledger).
 */
export async function readKept<T>(
  options: ReportOptions,
  read: (db: Database | null, cacheFile: string) => T,
): Promise<T> {
  const cacheFile = officialCacheFile(cacheDir(process.env, os.homedir()));
  const ledger = chooseLedger(options, process.env, os.homedir());
  let db: Database | null = null;
  try {
    if (ledger !== null && ledgerExists(ledger)) db = await openLedgerDatabase(ledger);
  } catch {
    // a ledger that cannot be opened has nothing to add; the report itself says why
  }
  try {
    return read(db, cacheFile);
  } finally {
    db?.close();
  }
}
