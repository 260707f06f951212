import { existsSync, renameSync } from 'node:fs';
import { sqlite } from './sqlite.js';

/** `2026-11-23T04:05:06.789Z` -> `2026-11-23T04-05-06`: a name part that sorts by time. */
function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replaceAll(':', '-');
}

/**
 * Writes the write-ahead log back into the database file, so the file moved aside is whole on
 * its own. A damaged file cannot be checkpointed; it is moved aside as it is.
 */
export async function checkpoint(file: string): Promise<void> {
  if (!existsSync(file)) return;
  const open = await sqlite();
  try {
    const db = open(file, { fileMustExist: true, timeout: 20_000 });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch {
    // damaged or foreign: keep it exactly as it is
  }
}

/**
 * Moves the ledger at `file` aside (with its write-ahead log, which holds recent commits) to
 * `<file>.<time>.bak`, never deleting anything, and returns the new name; null when there was
 * no file. The caller checkpoints first when it can open the file.
 */
export function moveLedgerAside(file: string, now: Date): string | null {
  if (!existsSync(file)) return null;
  const aside = `${file}.${stamp(now)}.bak`;
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
