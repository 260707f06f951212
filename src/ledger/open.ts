import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Database } from 'better-sqlite3';
import { ExitCode, UsageError } from '../errors.js';
import { APPLICATION_ID, LATEST_VERSION, migrate, schemaVersion } from './migrations.js';

/** How long a process waits for another one's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 20_000;

/**
 * The ledger cannot be written where it is (a read-only folder or file): not the user's
 * mistake, and the report can still be made from the logs alone.
 */
export class LedgerUnwritable extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot write the ledger ${file} (${reason})`);
    this.name = 'LedgerUnwritable';
  }
}

function wayOut(file: string): string {
  return [
    `  Move it aside and start again from your logs: usage ledger rebuild --ledger ${file}`,
    '  (it keeps the old file next to the new one), or report from the logs alone: --no-ledger',
  ].join('\n');
}

function errorCode(error: unknown): string {
  return String((error as { code?: unknown }).code ?? '');
}

/** Turns what SQLite says about the ledger into a message a user can act on. */
export function describeLedgerError(file: string, error: unknown): Error {
  const code = errorCode(error);
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new UsageError(
      `the ledger ${file} is damaged or not a database (${message}).\n${wayOut(file)}`,
      ExitCode.failure,
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_AUTH' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS'
  ) {
    return new LedgerUnwritable(file, message);
  }
  if (code === 'SQLITE_BUSY') {
    return new UsageError(
      `the ledger ${file} is busy (${message}): another usage has held it for up to ${BUSY_TIMEOUT_MS / 1000} s; try again, or use --no-ledger`,
      ExitCode.failure,
    );
  }
  return error as Error;
}

function checkOwnership(db: Database, file: string): void {
  const id = db.pragma('application_id', { simple: true }) as number;
  if (id === APPLICATION_ID) return;
  const tables = db
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
    .get() as {
    n: number;
  };
  if (id === 0 && tables.n === 0) return; // a new, empty file
  throw new UsageError(
    `${file} is an SQLite database of another program, not a usage ledger; it was left untouched.\n` +
      `  Point usage at another file with --ledger <file> or USAGE_LEDGER_DB, or use --no-ledger`,
    ExitCode.failure,
  );
}

/** Whether a ledger file exists at `file` (a report does not create one where no logs are). */
export function ledgerExists(file: string): boolean {
  return existsSync(file);
}

/**
 * Switches a new ledger to WAL mode (it stays so: the mode is kept in the file). Two processes
 * making the ledger at once may both try; the one that finds the file locked waits and tries
 * again, since SQLite does not wait on its own for this.
 */
function useWal(db: Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (errorCode(error) !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/**
 * better-sqlite3, loaded on first use so that reports without the ledger do not pay for the
 * native module; with URI file names on (set before it loads), which a read-only look at a
 * ledger in a read-only folder needs (`?immutable=1`). Plain paths mean what they did.
 */
async function sqlite(): Promise<typeof import('better-sqlite3')> {
  process.env.SQLITE_USE_URI = '1';
  return (await import('better-sqlite3')).default;
}

/**
 * Opens an existing ledger to read it only, never writing or migrating it: `usage ledger
 * status` of a ledger in a read-only place. Where SQLite cannot even make its shared-memory
 * file beside it (a read-only folder), the file is read as it is on disk.
 */
export async function openLedgerReadOnly(file: string): Promise<Database> {
  const SqliteDatabase = await sqlite();
  const attempts = [file, `${pathToFileURL(file).href}?immutable=1`];
  let last: unknown;
  for (const name of attempts) {
    let db: Database | undefined;
    try {
      db = new SqliteDatabase(name, {
        readonly: true,
        fileMustExist: true,
        timeout: BUSY_TIMEOUT_MS,
      });
      checkOwnership(db, file);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    } catch (error) {
      db?.close();
      if (error instanceof UsageError) throw error;
      last = error;
    }
  }
  const described = describeLedgerError(file, last);
  throw described instanceof LedgerUnwritable
    ? new UsageError(
        `cannot read the ledger ${file} (${(last as Error).message})`,
        ExitCode.failure,
      )
    : described;
}

/**
 * Opens (creating it when missing) and migrates the ledger at `file`, in WAL mode so reports
 * read while another process writes. A damaged or foreign file is a UsageError with the way
 * out; a file or folder that cannot be written is LedgerUnwritable.
 */
export async function openLedgerDatabase(file: string): Promise<Database> {
  const SqliteDatabase = await sqlite();
  let db: Database | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new SqliteDatabase(file, { timeout: BUSY_TIMEOUT_MS });
    // Before anything is written: another program's file is left exactly as it was.
    checkOwnership(db, file);
    useWal(db);
    db.pragma('synchronous = NORMAL');
    const version = schemaVersion(db);
    if (version > LATEST_VERSION) {
      throw new UsageError(
        `the ledger ${file} was written by a newer usage-ledger (schema ${version}; this one knows up to ${LATEST_VERSION}); upgrade usage-ledger, or use --no-ledger`,
        ExitCode.failure,
      );
    }
    if (version < LATEST_VERSION) migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof UsageError) throw error;
    throw describeLedgerError(file, error);
  }
}
