import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  type Stats,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Database } from 'better-sqlite3';
import { ExitCode, UsageError } from '../errors.js';
import { APPLICATION_ID, LATEST_VERSION, migrate, schemaVersion } from './migrations.js';
import { sqlite } from './sqlite.js';

/**
 * How long a process waits for another one's write to finish before it gives up on the ledger
 * for this run (a report is then made from the logs): 20 s, or `USAGE_LEDGER_BUSY_TIMEOUT` ms.
 */
function busyTimeoutMs(): number {
  const set = Number(process.env.USAGE_LEDGER_BUSY_TIMEOUT);
  return Number.isInteger(set) && set >= 0 ? set : 20_000;
}
const BUSY_TIMEOUT_MS = busyTimeoutMs();

/**
 * The ledger cannot be written where it is (a read-only folder or file): not the user's
 * mistake, and the report can still be made from the logs alone.
 */
export class LedgerUnwritable extends UsageError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot write the ledger ${file} (${reason})`, ExitCode.failure);
    this.name = 'LedgerUnwritable';
  }
}

/**
 * Another process holds the ledger's write lock for longer than we wait (a long first sync):
 * a report is made from the logs instead.
 */
export class LedgerBusy extends LedgerUnwritable {
  constructor(file: string) {
    super(file, `another usage has held it for over ${BUSY_TIMEOUT_MS / 1000} s`);
    this.name = 'LedgerBusy';
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
  if (
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_CORRUPT') ||
    // A table or column of ours is missing: the file was changed by hand or by another tool.
    (code === 'SQLITE_ERROR' && /no such (table|column)/.test(message))
  ) {
    return new UsageError(
      `the ledger ${file} is damaged or not a database (${message}).\n${wayOut(file)}`,
      ExitCode.failure,
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_FULL' ||
    code === 'ENOSPC' ||
    code === 'EFBIG' ||
    code === 'EDQUOT' ||
    code === 'SQLITE_AUTH' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS'
  ) {
    return new LedgerUnwritable(file, message);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new LedgerBusy(file);
  return error as Error;
}

type Ownership = 'ours' | 'new' | 'foreign';

/** Whose file it is, read in one transaction (a creator committing meanwhile is seen whole). */
function ownership(db: Database): Ownership {
  return db.transaction((): Ownership => {
    const id = db.pragma('application_id', { simple: true }) as number;
    if (id === APPLICATION_ID) return 'ours';
    // Not a page written yet: a file just made (by us, or another usage a moment ago).
    const pages = db.pragma('page_count', { simple: true }) as number;
    return id === 0 && pages === 0 ? 'new' : 'foreign';
  })();
}

function foreign(file: string): UsageError {
  return new UsageError(
    `${file} is an SQLite database of another program (or an empty one), not a usage ledger; it was left untouched.\n` +
      `  Point usage at another file with --ledger <file> or USAGE_LEDGER_DB, or use --no-ledger`,
    ExitCode.failure,
  );
}

/**
 * Before anything is written, a file that is not ours is left exactly as it was; a new one is
 * claimed by its application id, first of all and under the write lock, so that two processes
 * making the ledger at once agree it is ours.
 */
function checkOwnership(db: Database, file: string): void {
  const found = ownership(db);
  if (found === 'ours') return;
  if (found === 'foreign') throw foreign(file);
  db.transaction(() => {
    const again = db.pragma('application_id', { simple: true }) as number;
    if (again === APPLICATION_ID) return;
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck();
    if (again !== 0 || (tables.get() as number) > 0) throw foreign(file);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

/**
 * The ledger's folder (0700) and file (0600): it holds every project path and session id. A
 * missing file is made here, private, so SQLite's -wal and -shm files beside it are too; a
 * path that is there but not a regular file (`/dev/null`) is refused.
 */
function preparePrivateFile(file: string): void {
  let stats: Stats | undefined;
  try {
    stats = statSync(file);
  } catch {
    // not there yet
  }
  if (stats !== undefined && !stats.isFile()) {
    throw new UsageError(
      `the ledger ${file} is not a regular file; point --ledger or USAGE_LEDGER_DB at a file, or use --no-ledger`,
      ExitCode.failure,
    );
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (stats === undefined) {
    try {
      closeSync(openSync(file, 'wx', 0o600));
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  } else if ((stats.mode & 0o077) !== 0 && stats.uid === process.getuid?.()) {
    chmodSync(file, 0o600);
  }
}

/** Removes a ledger this run made and could not finish, with its -wal and -shm files. */
export function removeLedger(file: string): void {
  for (const part of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    rmSync(part, { force: true });
  }
}

/**
 * Runs a write that is worth doing only if it costs no wait (a snapshot that saves time later,
 * a status line's figures): another process's write lock is not waited for. Whether it ran;
 * a busy or read-only ledger is not an error here.
 */
export function writeWithoutWaiting(db: Database, write: () => void): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    write();
    return true;
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
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
 * Opens an existing ledger to read it only, never writing or migrating it: `usage ledger
 * status` of a ledger in a read-only place. Where SQLite cannot even make its shared-memory
 * file beside it (a read-only folder), the file is read as it is on disk.
 */
export async function openLedgerReadOnly(file: string): Promise<Database> {
  const open = await sqlite();
  const attempts = [file, `${pathToFileURL(file).href}?immutable=1`];
  let last: unknown;
  for (const name of attempts) {
    let db: Database | undefined;
    try {
      db = open(name, {
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
  const open = await sqlite();
  let db: Database | undefined;
  try {
    // An in-memory ledger (watch without a file) has no file to make private.
    if (file !== ':memory:') preparePrivateFile(file);
    db = open(file, { timeout: BUSY_TIMEOUT_MS });
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
