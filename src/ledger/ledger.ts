import path from 'node:path';
import { defaultLedgerFile } from '../config/paths.js';
import type { LoadProgress } from '../logs/load.js';
import type { ZonedCalendar } from '../report/calendar.js';
import { sumByDay, sumRecords } from '../report/sums.js';
import type { PricedRecord, ScanStats, ToolUse } from '../types.js';
import { startIndexBuilder } from './indexes.js';
import { describeLedgerError, openLedgerDatabase } from './open.js';
import { encodeRecords } from './snapshot.js';
import { type KeptSums, LedgerStore, SNAPSHOT_REFRESH_ROWS } from './store.js';
import { daysIn, QUARTER_HOURS } from './sums.js';
import { type SyncOutcome, syncLedger } from './sync.js';

export interface LedgerChoice {
  /** `--ledger <file>` (a string) or `--no-ledger` (false). */
  ledger?: string | false;
  dataDir?: string[];
}

/**
 * The ledger a run uses, or null for the logs alone: none with `--no-ledger`; the file given
 * by `--ledger`; else your ledger (`USAGE_LEDGER_DB`, or the default file), unless `--data-dir`
 * points at other logs: a look at someone else's or a backup's logs never writes them into
 * your history. Only `--ledger` on the command line keeps `--data-dir` logs in a ledger.
 */
export function chooseLedger(
  choice: LedgerChoice,
  env: Record<string, string | undefined>,
  homeDir: string,
): string | null {
  if (choice.ledger === false) return null;
  if (typeof choice.ledger === 'string') return path.resolve(choice.ledger);
  if ((choice.dataDir ?? []).length > 0) return null;
  return defaultLedgerFile(env, homeDir);
}

/** Opens the ledger at `file`, runs `work` on it, and closes it whatever happens. */
export async function withLedger<T>(
  file: string,
  work: (store: LedgerStore) => Promise<T> | T,
): Promise<T> {
  const db = await openLedgerDatabase(file);
  try {
    return await work(new LedgerStore(db));
  } catch (error) {
    throw describeLedgerError(file, error);
  } finally {
    db.close();
  }
}

export interface LedgerUsage extends SyncOutcome {
  records: PricedRecord[];
  toolUses: ToolUse[];
  stats: ScanStats;
  /** The records are priced already: sums (`LedgerLoadOptions.sums`). */
  priced?: boolean;
}

/**
 * How a report of sums by day, week, month or model is given them: priced by `price`, at the
 * prices `prices` names (a change of prices makes new sums), by day of `calendar`'s zone.
 */
export interface SumsRequest {
  prices: string;
  price: (records: PricedRecord[]) => PricedRecord[];
  calendar: ZonedCalendar;
}

/**
 * The log folders a report shows from the ledger: those in view now (read or not: a folder
 * whose logs are gone keeps its history), plus every imported one; or `all` it has read.
 */
export type RootsView = { paths: string[] } | 'all';

/** The roots mask of a view (undefined: every folder). */
export function viewMask(store: LedgerStore, view: RootsView): number | undefined {
  return view === 'all' ? undefined : store.rootsMask(view.paths);
}

export interface LedgerLoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Read the tool calls too (only the tools report needs them). */
  toolUses?: boolean;
  /** The folders whose history to return (default: the ones synced). */
  view?: RootsView;
  /** The size of a sync's batches (default `sync.ts`'s). */
  batchBytes?: number;
  /**
   * A report of sums of every folder the ledger has read: return the responses priced and
   * summed by day and model (`report/sums.ts`), from the sums the ledger keeps and the
   * responses written since, and keep new sums when those are missing or out of date.
   */
  sums?: SumsRequest;
}

/**
 * Syncs the ledger with the logs under `projectDirs`, then returns what it holds of the
 * folders in view: their responses, whichever folder the kept copy came from.
 */
export function loadFromLedger(
  file: string,
  projectDirs: string[],
  {
    onProgress,
    toolUses = false,
    view = { paths: projectDirs },
    batchBytes,
    sums,
  }: LedgerLoadOptions = {},
): Promise<LedgerUsage> {
  return withLedger(file, async (store) => {
    // A first sync's indexes are built on a thread of their own while this one makes the
    // snapshot and the sums; those are written once the indexes are there.
    const timeoutMs = store.db.pragma('busy_timeout', { simple: true }) as number;
    const outcome = await syncLedger(store, projectDirs, {
      onProgress,
      batchBytes,
      ...(file === ':memory:' ? {} : { indexesAside: () => startIndexBuilder(file, timeoutMs) }),
    });
    const { indexing } = outcome;
    const writes: (() => void)[] = [];
    const { records: filled, version } = outcome;
    if (filled !== undefined && version !== undefined) {
      // Each mask made as the sync wrote it, not looked up in a map of 70,000 made for it
      // (30 ms, and 15-20 of looking up).
      const snapshot = encodeRecords(filled, (record) => store.rootsOf(record));
      writes.push(() => store.saveSnapshotBlob(snapshot, version));
    }
    const roots = viewMask(store, view);
    const summed =
      sums !== undefined && roots === undefined && !toolUses
        ? ledgerSums(store, outcome, sums, (write) => writes.push(write))
        : null;
    // The records this sync filled the ledger with, by their folders' masks made from them
    // (not read from 70,000 rows: 75 ms), when a filter by folder needs them.
    const records =
      summed ??
      (filled === undefined
        ? store.records({ roots })
        : store.inRoots(filled, roots, () => store.masksOfRecords(filled)));
    if (indexing !== undefined && !(await indexing)) store.ensureIndexes();
    for (const write of writes) write();
    const keys = toolUses ? new Set(records.map((record) => record.sessionId)) : null;
    return {
      ...outcome,
      priced: summed !== null,
      stats: {
        ...outcome.stats,
        roots: view === 'all' ? store.roots().map((root) => root.path) : outcome.stats.roots,
        ledger: file,
      },
      records,
      // A tool call belongs to the view when its session does.
      toolUses: keys === null ? [] : store.toolUses().filter((tool) => keys.has(tool.sessionId)),
    };
  });
}

/**
 * The ledger's responses priced and summed by day (`SumsRequest`): the kept days of the zone
 * and the responses written since, while those are few; else the days made from the kept
 * quarter hours (a report in another zone than the last); else all of the responses, summed
 * again. Whatever is made is given to `keep` to write.
 */
function ledgerSums(
  store: LedgerStore,
  outcome: SyncOutcome,
  { prices, price, calendar }: SumsRequest,
  keep: (write: () => void) => void,
): PricedRecord[] {
  const days = daysIn(calendar.timeZone);
  const fresh = (kept: KeptSums | null) =>
    kept !== null && kept.since.length <= SNAPSHOT_REFRESH_ROWS ? kept : null;
  if (outcome.records === undefined) {
    const keptDays = fresh(store.sumsSince(days, prices));
    if (keptDays !== null) return [...keptDays.sums, ...price(keptDays.since)];
    const quarters = fresh(store.sumsSince(QUARTER_HOURS, prices));
    if (quarters !== null) {
      const byDay = sumByDay(quarters.sums, calendar);
      keep(() => store.saveSums(days, byDay, quarters, prices));
      return [...byDay, ...price(quarters.since)];
    }
  }
  const { records, version } =
    outcome.records !== undefined && outcome.version !== undefined
      ? { records: outcome.records, version: outcome.version }
      : store.readRecords();
  const summed = { responses: records.length, version };
  const quarters = sumRecords(price(records));
  const byDay = sumByDay(quarters, calendar);
  keep(() => {
    store.saveSums(QUARTER_HOURS, quarters, summed, prices);
    store.saveSums(days, byDay, summed, prices);
  });
  return byDay;
}
