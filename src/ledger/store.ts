import type { Database, Statement } from 'better-sqlite3';
import { recordOrder } from '../logs/dedupe.js';
import { type PricedRecord, type ToolUse, unpricedRecord } from '../types.js';
import { BUILD_INDEXES, DROP_INDEXES } from './indexes.js';
import { writeWithoutWaiting } from './open.js';
import { decodeIntact, encodeRecords, isIntactSnapshot } from './snapshot.js';
import { StringIds } from './strings.js';
import { decodeSums, encodeSums, QUARTER_HOURS } from './sums.js';

/** What the ledger remembers of a transcript: where reading it stopped, and how to tell it changed. */
export interface TrackedFile {
  path: string;
  root: string;
  size: number;
  mtimeMs: number;
  /** The offset just past its last complete line read. */
  complete: number;
  headHash: string;
  tailHash: string;
  lines: number;
  malformed: number;
  partialLines: number;
  partialMalformed: number;
}

/** What a read of one file, from `from`, brings into the ledger. */
export interface FileUpdate extends TrackedFile {
  /** Where the read started: 0 for a whole file, else the `complete` it went on from. */
  from: number;
  /** The hash of the start the read went on from (a check that nobody re-read it meanwhile). */
  fromHeadHash: string;
}

/** One batch of a sync: the files read and what they held. */
export interface SyncBatch {
  files: FileUpdate[];
  records: PricedRecord[];
  toolUses: ToolUse[];
}

type Row = Record<string, unknown>;

/**
 * The one copy of a response is the one with the largest output, then the earliest, then the
 * one from the first file by path: the rule of `ResponseDeduper`, so the ledger keeps what a
 * read of all the logs would. The kept copy read again from its own file replaces its row, so
 * a file read anew after a schema change fills in the fields added.
 */
const UPSERT_RESPONSE = `
  INSERT INTO responses (key, ts, session_id, project, cwd, model, input, output, cache_write_5m,
    cache_write_1h, cache_read, fast, sidechain, file_id, logged_cost, inference_geo,
    web_searches, roots, version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET version = excluded.version,
    roots = responses.roots | excluded.roots,
    ts = excluded.ts, session_id = excluded.session_id, project = excluded.project,
    cwd = excluded.cwd, model = excluded.model, input = excluded.input, output = excluded.output,
    cache_write_5m = excluded.cache_write_5m, cache_write_1h = excluded.cache_write_1h,
    cache_read = excluded.cache_read, fast = excluded.fast, sidechain = excluded.sidechain,
    file_id = excluded.file_id, logged_cost = excluded.logged_cost,
    inference_geo = excluded.inference_geo, web_searches = excluded.web_searches
  WHERE excluded.output > responses.output
    OR (excluded.output = responses.output AND (excluded.ts < responses.ts
      OR (excluded.ts = responses.ts AND (excluded.file_id = responses.file_id
        OR (SELECT path FROM files WHERE id = excluded.file_id)
          < (SELECT path FROM files WHERE id = responses.file_id)))))`;

/** A copy that is not kept still adds its folders, so the response shows in their reports. */
const ADD_ROOTS = `
  UPDATE responses SET roots = roots | ?, version = ? WHERE key = ? AND (roots | ?) != roots`;

/** A tool call is counted once, at the earliest time any copy of it was logged. */
const UPSERT_TOOL_USE = `
  INSERT INTO tool_uses (id, name, ts, session_id, project, cwd, model)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, ts = excluded.ts, session_id = excluded.session_id,
    project = excluded.project, cwd = excluded.cwd, model = excluded.model
  WHERE excluded.ts < tool_uses.ts`;

const INSERT_FILE = `
  INSERT INTO files (path, root, size, mtime_ms, complete, head_hash, tail_hash, lines,
    malformed, partial_lines, partial_malformed, synced_at)
  VALUES (@path, @root, @size, @mtimeMs, @complete, @headHash, @tailHash, @lines, @malformed,
    @partialLines, @partialMalformed, @syncedAt)`;

const UPDATE_FILE = `
  UPDATE files SET root = @root, size = @size, mtime_ms = @mtimeMs, complete = @complete,
    head_hash = @headHash, tail_hash = @tailHash, lines = @lines, malformed = @malformed,
    partial_lines = @partialLines, partial_malformed = @partialMalformed, synced_at = @syncedAt
  WHERE id = @id`;

const SELECT_RECORDS = `
  SELECT key, ts, session_id, project, cwd, model, input, output, cache_write_5m,
    cache_write_1h, cache_read, fast, sidechain, file_id, logged_cost, inference_geo, web_searches,
    roots
  FROM responses`;

/** The responses written after a data version. */
const SELECT_RECORDS_SINCE = `${SELECT_RECORDS} WHERE version > ?`;

/**
 * The responses from a time on, and those of one session from before it: each part through
 * its index (a UNION would sort every row to merge them).
 */
const SELECT_RECORDS_WANTED = `${SELECT_RECORDS} WHERE ts >= ?
  UNION ALL ${SELECT_RECORDS}
    WHERE session_id = (SELECT id FROM strings WHERE value = ?) AND ts < ?`;

/** Root ids past this share its bit: a mask stays a 31-bit integer, which JavaScript can AND. */
const MAX_ROOT_BITS = 31;

/** Sums the ledger kept (`sumsSince`), and the responses written since. */
export interface KeptSums {
  sums: PricedRecord[];
  /** The data version they sum the responses of, and how many responses those were. */
  version: number;
  responses: number;
  /** Not priced yet. */
  since: PricedRecord[];
}

/**
 * The records a live view or a status line wants: those from `since` on (ms), and every one of
 * `sessionId`, whatever its time.
 */
export interface RecordFilter {
  since: number;
  sessionId?: string | null;
}

/** Which records a read returns: a filter on time and session, and the log folders in view. */
export interface RecordQuery {
  wanted?: RecordFilter;
  /** A mask of root bits (`rootsMask`), or undefined for every folder the ledger has read. */
  roots?: number;
}

/**
 * Past this many responses written since the snapshot, a report writes a new one: merging a
 * few rows is cheaper than encoding them all again, merging many is not.
 */
export const SNAPSHOT_REFRESH_ROWS = 2000;

/** Reads and writes the ledger's tables; knows SQL, not files or reports. */
export class LedgerStore {
  private readonly upsertResponse: Statement;
  private readonly addRoots: Statement;
  private readonly upsertToolUse: Statement;
  private readonly rootBits = new Map<string, number>();
  private readonly fileByPath: Statement;
  private readonly insertFile: Statement;
  private readonly updateFile: Statement;
  /** Sessions, projects, folders, models and tool names are kept in rows as ids of strings. */
  private readonly strings: StringIds;

  constructor(readonly db: Database) {
    this.strings = new StringIds(db);
    this.upsertResponse = db.prepare(UPSERT_RESPONSE);
    this.addRoots = db.prepare(ADD_ROOTS);
    this.upsertToolUse = db.prepare(UPSERT_TOOL_USE);
    this.fileByPath = db.prepare(
      'SELECT id, complete, head_hash, lines, malformed FROM files WHERE path = ?',
    );
    this.insertFile = db.prepare(INSERT_FILE);
    this.updateFile = db.prepare(UPDATE_FILE);
  }

  /** Every file the ledger has read, by path; or those whose path starts with `prefix`. */
  trackedFiles(prefix?: string): Map<string, TrackedFile> {
    const columns = `SELECT path, root, size, mtime_ms, complete, head_hash, tail_hash, lines,
      malformed, partial_lines, partial_malformed FROM files`;
    // A range on the path index: the paths that start with the prefix sort right after it.
    const rows = (
      prefix === undefined
        ? this.db.prepare(columns).all()
        : this.db
            .prepare(`${columns} WHERE path >= ? AND path < ?`)
            .all(prefix, `${prefix}\u{10ffff}`)
    ) as Row[];
    return new Map(
      rows.map((row) => [
        row.path as string,
        {
          path: row.path as string,
          root: row.root as string,
          size: row.size as number,
          mtimeMs: row.mtime_ms as number,
          complete: row.complete as number,
          headHash: row.head_hash as string,
          tailHash: row.tail_hash as string,
          lines: row.lines as number,
          malformed: row.malformed as number,
          partialLines: row.partial_lines as number,
          partialMalformed: row.partial_malformed as number,
        },
      ]),
    );
  }

  /**
   * Writes one batch in one transaction, so a process killed mid-sync leaves either all of it
   * or none. A file's state moves on only from the state the read started at: if another
   * process moved it meanwhile, its state stands and the next sync reads from there (the
   * responses written here are the same either way, since writing a response is idempotent).
   */
  commit(batch: SyncBatch, syncedAt: number): void {
    try {
      this.write(batch, syncedAt);
    } catch (error) {
      // A folder given an id in the transaction that rolled back has none: forget the bits.
      this.rootBits.clear();
      throw error;
    }
  }

  private write(batch: SyncBatch, syncedAt: number): void {
    const strings = this.strings;
    strings.writing(() =>
      this.db
        .transaction(() => {
          const version = this.dataVersion() + 1;
          const fileIds = new Map<string, number>();
          for (const file of batch.files) fileIds.set(file.path, this.saveFile(file, syncedAt));
          for (const record of batch.records) {
            const fileId = fileIds.get(record.file);
            if (fileId === undefined || record.key === null) continue;
            const roots = this.rootsOf(record);
            // Positional, in the order of UPSERT_RESPONSE's columns: faster than named values.
            const written = this.upsertResponse.run(
              record.key,
              record.timestamp,
              strings.idOf(record.sessionId),
              strings.idOf(record.project),
              strings.idOrNull(record.cwd),
              strings.idOf(record.model),
              record.inputTokens,
              record.outputTokens,
              record.cacheWrite5mTokens,
              record.cacheWrite1hTokens,
              record.cacheReadTokens,
              record.fast ? 1 : 0,
              record.sidechain ? 1 : 0,
              fileId,
              record.loggedCostUSD,
              strings.idOrNull(record.inferenceGeo),
              record.webSearchRequests,
              roots,
              version,
            );
            if (written.changes === 0) this.addRoots.run(roots, version, record.key, roots);
          }
          this.setInfo('data_version', String(version));
          for (const tool of batch.toolUses) {
            this.upsertToolUse.run(
              tool.id,
              strings.idOf(tool.name),
              tool.timestamp,
              strings.idOf(tool.sessionId),
              strings.idOf(tool.project),
              strings.idOrNull(tool.cwd),
              strings.idOf(tool.model),
            );
          }
          this.setInfo('last_sync_at', String(syncedAt));
        })
        .immediate(),
    );
  }

  /**
   * A record's roots mask, as a sync writes it: the bits of its folder and of those it is also
   * in (a folder not seen before gets an id, so only inside a write, or after one that met it).
   */
  rootsOf(record: PricedRecord): number {
    let roots = this.rootBit(record.root);
    for (const other of record.alsoIn ?? []) roots |= this.rootBit(other);
    return roots;
  }

  /** The bit of a `projects/` folder in a response's roots mask; a new folder gets an id. */
  private rootBit(root: string): number {
    let bit = this.rootBits.get(root);
    if (bit === undefined) {
      this.db
        .prepare('INSERT INTO roots (path) VALUES (?) ON CONFLICT (path) DO NOTHING')
        .run(root);
      const id = this.db.prepare('SELECT id FROM roots WHERE path = ?').pluck().get(root) as number;
      bit = 1 << (Math.min(id, MAX_ROOT_BITS) - 1);
      this.rootBits.set(root, bit);
    }
    return bit;
  }

  /**
   * The mask of the folders a report shows: those given (the ones in view now, read or not)
   * and every imported one; undefined when that is every folder the ledger has read, so a
   * report of them all filters nothing (and needs no roots masks: 15-35 ms at 70,000).
   */
  rootsMask(paths: string[]): number | undefined {
    const wanted = new Set(paths);
    let mask = 0;
    let every = true;
    for (const { id, path, imported } of this.roots()) {
      if (imported || wanted.has(path)) mask |= 1 << (Math.min(id, MAX_ROOT_BITS) - 1);
      else every = false;
    }
    return every ? undefined : mask;
  }

  /** Every `projects/` folder the ledger has read, and whether it came in by an import. */
  roots(): { id: number; path: string; imported: boolean }[] {
    return (
      this.db.prepare('SELECT id, path, imported FROM roots ORDER BY id').all() as {
        id: number;
        path: string;
        imported: number;
      }[]
    ).map((row) => ({ id: row.id, path: row.path, imported: row.imported === 1 }));
  }

  /** Marks folders as imported: their history is part of every report from now on. */
  markImported(paths: string[]): void {
    const mark = this.db.prepare('UPDATE roots SET imported = 1 WHERE path = ?');
    this.db.transaction(() => {
      for (const path of paths) mark.run(path);
    })();
  }

  /** Each response's roots mask, by key, as its row holds it. */
  rootMasks(): Map<string, number> {
    const rows = this.db.prepare('SELECT key, roots FROM responses').raw(true).all() as [
      string,
      number,
    ][];
    return new Map(rows);
  }

  /**
   * Each record's roots mask as a sync into an empty ledger wrote it (its folder's bit and
   * those of the folders it is also in): the same as `rootMasks` reads back, without reading
   * 70,000 keys (75 ms).
   */
  masksOfRecords(records: readonly PricedRecord[]): Map<string, number> {
    const masks = new Map<string, number>();
    for (const record of records) {
      if (record.key !== null) masks.set(record.key, this.rootsOf(record));
    }
    return masks;
  }

  /** The records of the folders in `mask` (all when undefined), by their roots masks. */
  inRoots(
    records: PricedRecord[],
    mask: number | undefined,
    masks: () => Map<string, number> = () => this.rootMasks(),
  ): PricedRecord[] {
    if (mask === undefined) return records;
    const byKey = masks();
    return records.filter((record) => ((byKey.get(record.key ?? '') ?? 0) & mask) !== 0);
  }

  private saveFile(file: FileUpdate, syncedAt: number): number {
    const row = this.fileByPath.get(file.path) as Row | undefined;
    const values = {
      path: file.path,
      root: file.root,
      size: file.size,
      mtimeMs: file.mtimeMs,
      complete: file.complete,
      headHash: file.headHash,
      tailHash: file.tailHash,
      lines: file.lines,
      malformed: file.malformed,
      partialLines: file.partialLines,
      partialMalformed: file.partialMalformed,
      syncedAt,
    };
    if (row === undefined) return Number(this.insertFile.run(values).lastInsertRowid);
    const id = row.id as number;
    if (file.from === 0) {
      this.updateFile.run({ ...values, id });
    } else if (row.complete === file.from && row.head_hash === file.fromHeadHash) {
      this.updateFile.run({
        ...values,
        id,
        lines: (row.lines as number) + file.lines,
        malformed: (row.malformed as number) + file.malformed,
      });
    }
    return id;
  }

  /** Drops the responses' secondary indexes for a first sync (`DROP_INDEXES`). */
  dropIndexes(): void {
    this.db.exec(DROP_INDEXES);
  }

  /** Builds the indexes `dropIndexes` took away (after a sync stopped midway, too). */
  ensureIndexes(): void {
    this.db.exec(BUILD_INDEXES);
  }

  /** Whether the ledger holds no response yet. */
  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM responses LIMIT 1').get() === undefined;
  }

  /** Bumped by every commit; each response row carries the version that last wrote it. */
  dataVersion(): number {
    return Number(this.info('data_version') ?? 0);
  }

  /** Every response as its row holds it (not the snapshot), and each one's roots mask. */
  rowRecords(masks: Map<string, number>): PricedRecord[] {
    return this.recordsSince(-1, masks);
  }

  /** The rows written after a data version, and each one's roots mask (into `masks`). */
  private recordsSince(version: number, masks: Map<string, number>): PricedRecord[] {
    return this.recordsOfRows(
      this.db.prepare(SELECT_RECORDS_SINCE).raw(true).all(version) as unknown[][],
      masks,
    );
  }

  /** Records of rows selected by `SELECT_RECORDS`, and each one's roots mask (into `masks`). */
  private recordsOfRows(rows: unknown[][], masks: Map<string, number>): PricedRecord[] {
    // No rows is the usual case of a repeat report (none written since the snapshot or sums).
    if (rows.length === 0) return [];
    const paths = new Map(
      (this.db.prepare('SELECT id, path FROM files').raw(true).all() as [number, string][]).map(
        ([id, path]) => [id, path],
      ),
    );
    const named = this.strings.valuesIn(rows, [2, 3, 4, 5, 15]);
    return rows.map((row): PricedRecord => {
      masks.set(row[0] as string, row[17] as number);
      return unpricedRecord({
        key: row[0] as string,
        timestamp: row[1] as number,
        sessionId: named.of(row[2]),
        project: named.of(row[3]),
        cwd: named.ofOrNull(row[4]),
        model: named.of(row[5]),
        inputTokens: row[6] as number,
        outputTokens: row[7] as number,
        cacheWrite5mTokens: row[8] as number,
        cacheWrite1hTokens: row[9] as number,
        cacheReadTokens: row[10] as number,
        fast: row[11] === 1,
        sidechain: row[12] === 1,
        file: paths.get(row[13] as number) ?? '',
        root: '',
        alsoIn: null,
        loggedCostUSD: row[14] as number | null,
        inferenceGeo: named.ofOrNull(row[15]),
        webSearchRequests: row[16] as number,
      });
    });
  }

  /**
   * The responses of the ledger, in `recordOrder` (oldest first), not priced yet: the snapshot
   * with the rows written since merged in (a newer copy replaces its key), read in one
   * transaction so that a sync committing meanwhile is seen whole or not at all. `roots` keeps
   * the responses of those folders. With `wanted` (a status line, a live view) only its rows
   * are read, through the indexes, and no snapshot is decoded: the rows are the truth the
   * snapshot is a copy of. A new snapshot of every response is written when many rows were
   * merged; if the ledger is busy it waits for the next report.
   */
  records(query: RecordQuery = {}): PricedRecord[] {
    return this.readRecords(query).records;
  }

  /** `records`, and the data version they are as of. */
  readRecords({ wanted, roots }: RecordQuery = {}): { records: PricedRecord[]; version: number } {
    const masks = new Map<string, number>();
    if (wanted !== undefined) {
      const rows = this.db
        .prepare(SELECT_RECORDS_WANTED)
        .raw(true)
        .all(wanted.since, wanted.sessionId ?? null, wanted.since) as unknown[][];
      const records = this.recordsOfRows(rows, masks).sort(recordOrder);
      return { records: this.inRoots(records, roots, () => masks), version: this.dataVersion() };
    }
    const read = this.db.transaction(() => {
      const snapshot = this.db.prepare('SELECT version, data FROM snapshot').get() as
        | { version: number; data: Buffer }
        | undefined;
      const intact = snapshot !== undefined && isIntactSnapshot(snapshot.data);
      // Without a snapshot, every row: those from before schema 3 have version 0.
      const since = intact ? snapshot.version : -1;
      const changed = this.recordsSince(since, masks);
      // The snapshot's roots masks, only for a filter by folder or a new snapshot.
      const needMasks = roots !== undefined || changed.length > SNAPSHOT_REFRESH_ROWS;
      return {
        broken: snapshot !== undefined && !intact,
        base: intact ? decodeIntact(snapshot.data, needMasks ? masks : null) : [],
        changed,
        version: this.dataVersion(),
      };
    });
    const { base, changed, version, broken } = read();
    let records = base;
    if (changed.length > 0) {
      const replaced = new Set(changed.map((record) => record.key));
      records = base.filter((record) => !replaced.has(record.key));
      records.push(...changed);
    }
    // Mostly in order already, so the sort only compares neighbours (and files, then keys, on ties).
    records.sort(recordOrder);
    // A snapshot that failed its checksum (or is of an older format) is replaced by one of the
    // rows at once; a missing one is written once the rows read are many.
    if (changed.length > SNAPSHOT_REFRESH_ROWS || broken) {
      this.saveSnapshot(records, version, masks);
    }
    return { records: this.inRoots(records, roots, () => masks), version };
  }

  /**
   * The sums of `grain` kept by `saveSums` (every response up to their data version, priced and
   * summed), their version and count, and the responses written since, not priced yet; null
   * when there are none, when they were priced at other prices than `prices` names, or when a
   * response they sum was written again since (a longer copy, a copy in another folder: its row
   * moved to a later version, and the sums hold its old figures). Read in one transaction, as
   * `records` is.
   */
  sumsSince(grain: string, prices: string): KeptSums | null {
    return this.db.transaction(() => {
      const kept = this.db
        .prepare('SELECT version, prices, responses, data FROM sums WHERE grain = ?')
        .get(grain) as
        | { version: number; prices: string; responses: number; data: string }
        | undefined;
      if (kept === undefined || kept.prices !== prices) return null;
      const unchanged = this.db
        .prepare('SELECT count(*) FROM responses WHERE version <= ?')
        .pluck()
        .get(kept.version);
      if (unchanged !== kept.responses) return null;
      return {
        sums: decodeSums(kept.data),
        version: kept.version,
        responses: kept.responses,
        since: this.recordsSince(kept.version, new Map()),
      };
    })();
  }

  /** Forgets the kept sums: the next report of sums makes them again from the rows. */
  dropSums(): void {
    this.db.prepare('DELETE FROM sums').run();
  }

  /**
   * Keeps `sums` of `grain`, the sums of the ledger's `responses` responses at data `version`
   * priced at `prices`, for `sumsSince`; not when the ledger is busy, nor over sums of a later
   * version. Days are kept for one zone: those of another are dropped.
   */
  saveSums(
    grain: string,
    sums: PricedRecord[],
    { responses, version }: { responses: number; version: number },
    prices: string,
  ): void {
    writeWithoutWaiting(this.db, () => {
      this.db.transaction(() => {
        if (grain !== QUARTER_HOURS) {
          this.db.prepare('DELETE FROM sums WHERE grain NOT IN (?, ?)').run(QUARTER_HOURS, grain);
        }
        this.db
          .prepare(
            `INSERT INTO sums (grain, version, prices, responses, data) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (grain) DO UPDATE SET version = excluded.version,
               prices = excluded.prices, responses = excluded.responses, data = excluded.data
             WHERE excluded.version >= sums.version`,
          )
          .run(grain, version, prices, responses, encodeSums(sums));
      })();
    });
  }

  /**
   * Writes the snapshot of `records`: every response the ledger held at data `version`, with
   * their roots masks (read from the rows when not given).
   */
  saveSnapshot(
    records: PricedRecord[],
    version: number,
    masks: Map<string, number> = this.rootMasks(),
  ): void {
    this.saveSnapshotBlob(
      encodeRecords(records, (record) => masks.get(record.key ?? '') ?? 0),
      version,
    );
  }

  /** Writes a snapshot `encodeRecords` made of every response at data `version`. */
  saveSnapshotBlob(snapshot: Buffer, version: number): void {
    // Busy or read-only: the records are right either way, only the next report is slower.
    writeWithoutWaiting(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO snapshot (id, version, data) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data
           WHERE excluded.version >= snapshot.version`,
        )
        .run(version, snapshot);
    });
  }

  /** Every tool call in the ledger, oldest first. */
  toolUses(): ToolUse[] {
    const rows = this.db
      .prepare(
        'SELECT id, name, ts, session_id, project, cwd, model FROM tool_uses ORDER BY ts, id',
      )
      .raw(true)
      .all() as unknown[][];
    const named = this.strings.valuesIn(rows, [1, 3, 4, 5, 6]);
    return rows.map((row) => ({
      id: row[0] as string,
      name: named.of(row[1]),
      timestamp: row[2] as number,
      sessionId: named.of(row[3]),
      project: named.of(row[4]),
      cwd: named.ofOrNull(row[5]),
      model: named.of(row[6]),
    }));
  }

  /** How many responses and tool calls the ledger holds. */
  counts(): { responses: number; toolUses: number } {
    const count = (table: string) =>
      (this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) ?? 0;
    return { responses: count('responses'), toolUses: count('tool_uses') };
  }

  /** Records that the ledger was brought up to date (a sync that found nothing new). */
  markSynced(syncedAt: number): void {
    this.setInfo('last_sync_at', String(syncedAt));
  }

  info(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM ledger_info WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setInfo(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO ledger_info (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
