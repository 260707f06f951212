import path from 'node:path';
import { ResponseDeduper } from '../logs/dedupe.js';
import { edgeHashes, edgeHashesOrNone } from '../logs/edges.js';
import { type FileSearch, findTranscriptFiles, type TranscriptFile } from '../logs/files.js';
import { type LoadProgress, ReaderThreads, readTranscripts } from '../logs/load.js';
import { bytesToRead, type ReadResult, type ReadTask } from '../logs/read.js';
import type { PricedRecord, ScanStats } from '../types.js';
import type { IndexBuilder } from './indexes.js';
import type { FileUpdate, LedgerStore, TrackedFile } from './store.js';

/**
 * Files are read and written in batches of about this many bytes: memory stays bounded on a
 * large first sync, and a sync that is stopped keeps the batches it finished.
 */
const BATCH_BYTES = 256 * 1024 * 1024;

/**
 * Where to read a known file from: nothing to read when its size and mtime are as they were,
 * on from the last complete line when it only grew, from the start when it shrank or its
 * bytes before that point changed (it was rewritten).
 */
export function resumePoint(file: TranscriptFile, tracked: TrackedFile | undefined): number | null {
  if (tracked === undefined) return 0;
  if (file.size === tracked.size && file.mtimeMs === tracked.mtimeMs) return null;
  if (file.size < tracked.complete) return 0;
  try {
    const now = edgeHashes(file.path, tracked.complete);
    return now.headHash === tracked.headHash && now.tailHash === tracked.tailHash
      ? tracked.complete
      : 0;
  } catch {
    return 0; // reading it will say why it cannot be read
  }
}

/**
 * Groups tasks into batches to read, in path order: as many as `limit` bytes go into (rounded,
 * so a batch may be up to half as large again), the last a quarter the size of the others
 * when the files allow it, else all of about the same size. Each batch is written while the
 * next is read, but nothing is read while the last is written: at 1 GiB, four equal batches
 * left ~0.25 s of writing after the last read.
 */
export function batchesOf(tasks: ReadTask[], limit = BATCH_BYTES): ReadTask[][] {
  const total = tasks.reduce((sum, task) => sum + bytesToRead(task), 0);
  const count = Math.max(1, Math.round(total / limit));
  /** Batches closed once the bytes in reach each of `ends`, the last holding the rest. */
  const closedAt = (ends: number[]) => {
    const batches: ReadTask[][] = [];
    let current: ReadTask[] = [];
    let done = 0;
    for (const task of tasks) {
      current.push(task);
      done += bytesToRead(task);
      const end = ends[batches.length];
      if (end !== undefined && done >= end) {
        batches.push(current);
        current = [];
      }
    }
    if (current.length > 0) batches.push(current);
    return batches;
  };
  const ends = (weights: number[]) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    let at = 0;
    return weights.slice(0, -1).map((weight) => (at += (weight * total) / sum));
  };
  const equal = Array.from({ length: count }, () => 1);
  const shortLast = closedAt(ends([...equal.slice(1), 0.25]));
  return shortLast.length === count ? shortLast : closedAt(ends(equal));
}

export interface SyncOptions {
  onProgress?: (progress: LoadProgress) => void;
  now?: () => number;
  /** Sync only the files under this folder (a status line's project); the rest stay as they are. */
  within?: string;
  /**
   * Read nothing when there is more than this to read (a status line must not wait for a big
   * sync; it leaves that to one in the background). The outcome says it was put off.
   */
  maxBytes?: number;
  /** The size of a batch (tests make it small to have several). */
  batchBytes?: number;
  /**
   * A thread to build the responses' indexes on (`startIndexBuilder`): a first sync that
   * dropped them starts it while its last batch is written and builds them as soon as that is
   * done, while the caller makes the snapshot and the sums; the outcome holds the build.
   */
  indexesAside?: () => IndexBuilder;
}

export interface SyncOutcome {
  /** What the logs under the roots hold, as the ledger knows them, for the report's `meta`. */
  stats: ScanStats;
  /** Files read (whole or in part) by this sync, and the bytes read. */
  filesSynced: number;
  bytesSynced: number;
  /** Every response in the ledger, when this sync was the first to fill it (not priced yet). */
  records?: PricedRecord[];
  /** The data version `records` are as of. */
  version?: number;
  /** More than `maxBytes` was new, so nothing was read. */
  deferred: boolean;
  /**
   * The indexes being built on another thread (`indexesAside`): true once built, false when
   * they could not be, and the caller builds them.
   */
  indexing?: Promise<boolean>;
}

/**
 * Brings the ledger up to date with the transcripts under `projectDirs`: reads only what is
 * new, writes each batch in one transaction. Responses are only ever added or replaced by a
 * more complete copy, never removed, so the usage of deleted or shortened files stays.
 */
export async function syncLedger(
  store: LedgerStore,
  projectDirs: string[],
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  return syncFound(store, await findTranscriptFiles(projectDirs), projectDirs, options);
}

/** `syncLedger` of transcripts already found (a status line finds only its project's). */
export async function syncFound(
  store: LedgerStore,
  found: FileSearch,
  projectDirs: string[],
  {
    onProgress,
    now = Date.now,
    within,
    maxBytes = Number.POSITIVE_INFINITY,
    batchBytes = BATCH_BYTES,
    indexesAside,
  }: SyncOptions = {},
): Promise<SyncOutcome> {
  const prefix = within === undefined ? undefined : within + path.sep;
  let tracked = store.trackedFiles(prefix);
  if (prefix !== undefined) {
    found = { ...found, files: found.files.filter((file) => file.path.startsWith(prefix)) };
  }
  const tasks: (ReadTask & { fromHeadHash: string })[] = [];
  for (const file of found.files) {
    const known = tracked.get(file.path);
    const from = resumePoint(file, known);
    if (from !== null) tasks.push({ ...file, from, fromHeadHash: known?.headHash ?? '' });
  }

  const unreadable = [...found.unreadable];
  const byPath = new Map(tasks.map((task) => [task.path, task]));
  const total = { filesTotal: tasks.length, bytesTotal: 0, filesDone: 0, bytesDone: 0 };
  for (const task of tasks) total.bytesTotal += bytesToRead(task);
  const deferred = total.bytesTotal > maxBytes;
  if (deferred) {
    tasks.length = 0;
    byPath.clear();
  }
  let bytesSynced = 0;
  const batches = batchesOf(tasks, batchBytes);
  // With more than one batch, each is read on a worker thread while the one before is written.
  const background = batches.length > 1;
  // The same reader threads for every batch.
  const threads = background ? new ReaderThreads() : undefined;
  /**
   * The read of the batch after the one being written, once started: as soon as the threads
   * have read the one before. Only that one is held, so a batch's result goes once written.
   */
  let started: { index: number; reading: Promise<ReadResult> } | undefined;
  const startRead = (i: number): Promise<ReadResult> | null => {
    const batch = batches[i];
    if (batch === undefined) return null;
    if (started?.index === i) return started.reading;
    const before = { files: total.filesDone, bytes: total.bytesDone };
    const reading = readTranscripts(batch, {
      hashEdges: true,
      background,
      threads,
      onProgress: (progress) => {
        total.filesDone = before.files + progress.filesDone;
        total.bytesDone = before.bytes + progress.bytesDone;
        onProgress?.(total);
      },
      // The threads go on to the next batch while this thread takes in what they read.
      onThreadsDone: () => startRead(i + 1),
    });
    reading.catch(() => {}); // awaited below; a commit failing first must not leave it unhandled
    started = { index: i, reading };
    return reading;
  };
  // A ledger that starts empty ends up holding exactly what this sync reads: keep the
  // records, so the report need not read them back.
  const empty = store.isEmpty();
  const kept = empty ? new ResponseDeduper<PricedRecord>() : null;
  const versionBefore = store.dataVersion();
  const dropIndexes = empty && background;
  if (dropIndexes) store.dropIndexes();
  let next = startRead(0);
  let builder: IndexBuilder | undefined;
  let written = false;
  try {
    for (let i = 0; next !== null; i++) {
      const read = await next;
      // The next batch is read on the reader threads while this one is written.
      next = startRead(i + 1);
      if (next === null && dropIndexes) builder = indexesAside?.();
      unreadable.push(...read.stats.unreadable);
      const files: FileUpdate[] = [];
      for (const fileRead of read.files) {
        const task = byPath.get(fileRead.path);
        if (task === undefined) continue;
        bytesSynced += fileRead.complete - (task.from ?? 0);
        files.push({
          path: task.path,
          root: task.root,
          size: task.size,
          mtimeMs: task.mtimeMs,
          complete: fileRead.complete,
          ...(fileRead.edges ?? edgeHashesOrNone(task.path, fileRead.complete)),
          lines: fileRead.lines,
          malformed: fileRead.malformed,
          partialLines: fileRead.partialLines,
          partialMalformed: fileRead.partialMalformed,
          from: task.from ?? 0,
          fromHeadHash: task.fromHeadHash,
        });
      }
      store.commit({ files, records: read.records, toolUses: read.toolUses }, now());
      // In order already (`readTranscripts`): merged at the end, not sorted again.
      kept?.addOrdered(read.records);
    }
    written = true;
  } finally {
    threads?.close();
    if (!written) builder?.cancel();
  }
  // Before the rest below (reading the files' states back, merging the records).
  const indexing = builder?.build();
  if (indexing === undefined) store.ensureIndexes();
  if (tasks.length > 0) tracked = store.trackedFiles(prefix);
  // Only a sync of everything there is brings the ledger up to date.
  else if (!deferred && within === undefined) store.markSynced(now());

  const stats: ScanStats = {
    roots: projectDirs,
    filesRead: 0,
    linesRead: 0,
    malformedLines: 0,
    malformedFiles: [],
    unreadable: unreadable.sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  for (const file of found.files) {
    const known = tracked.get(file.path);
    if (known === undefined) continue;
    stats.filesRead++;
    stats.linesRead += known.lines + known.partialLines;
    const malformed = known.malformed + known.partialMalformed;
    stats.malformedLines += malformed;
    if (malformed > 0) stats.malformedFiles.push({ path: file.path, lines: malformed });
  }
  // Unless another process wrote to the ledger meanwhile (then it holds more than was read).
  const version = versionBefore + batches.length;
  const records = kept !== null && store.dataVersion() === version ? kept.records() : undefined;
  return {
    stats,
    filesSynced: tasks.length,
    bytesSynced,
    records,
    version,
    deferred,
    ...(indexing === undefined ? {} : { indexing }),
  };
}
