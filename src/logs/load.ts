import { availableParallelism } from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';
import { onFirstUse } from '../builtin.js';
import { findTranscriptFiles } from './files.js';
import {
  bytesToRead,
  type ReadOptions,
  type ReadResult,
  type ReadTask,
  readHere,
  TranscriptReader,
} from './read.js';
import { decodeRead, type EncodedRead } from './transfer.js';

export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface LoadOptions extends ReadOptions {
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Read on worker threads only, leaving this one free: a sync writes one batch while the
   * next is read (on this thread, the read would wait for the write).
   */
  background?: boolean;
  /** The reader threads to read on, kept by the caller for its next read (a sync's batches). */
  threads?: ReaderThreads;
  /**
   * Called once the reader threads have read their last file, before what they read is taken
   * in here: a sync starts its next batch on them then, instead of leaving them idle meanwhile.
   */
  onThreadsDone?: () => void;
}

export type LoadedUsage = ReadResult;

/**
 * Reads every transcript under the given `projects/` folders and returns each API response
 * once (deduplicated across all files and roots). Nothing here stops the run: malformed lines
 * are counted, unreadable files are listed, and the rest is still returned.
 */
export async function loadUsageRecords(
  projectDirs: string[],
  options: LoadOptions = {},
): Promise<LoadedUsage> {
  const found = await findTranscriptFiles(projectDirs);
  const loaded = await readTranscripts(found.files, options);
  loaded.stats.roots = projectDirs;
  loaded.stats.unreadable = [...found.unreadable, ...loaded.stats.unreadable].sort((a, b) =>
    a.path < b.path ? -1 : 1,
  );
  return loaded;
}

/** Below this many bytes to read, a second reader thread costs what it saves. */
export const PARALLEL_BYTES = 512 * 1024 * 1024;

/**
 * Threads to read with: `USAGE_LEDGER_THREADS` when set, else two for a large read on a
 * machine with two cores or more. The main thread reads a share itself and the worker hands
 * back columns, so two threads pay at 1 GiB (2.31-2.54 s against 2.69-2.79 s for one, for
 * 45 MiB more memory) but not at 256 MiB (0.99-1.04 s against 0.65-1.07 s).
 */
export function threadCount(
  files: number,
  bytes: number,
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
): number {
  const set = Number.parseInt(env.USAGE_LEDGER_THREADS ?? '', 10);
  const wanted =
    Number.isInteger(set) && set > 0 ? set : bytes >= PARALLEL_BYTES && cores >= 2 ? 2 : 1;
  return Math.max(1, Math.min(wanted, files));
}

/**
 * The files of a read taken one at a time by whichever reader is free, through a counter in
 * memory every reader thread shares: a worker starts later than this thread (70-160 ms) and
 * hands its records over at the end, so with the files split in halves by size beforehand
 * this thread waited for it (1 GiB: 10-450 ms; usage-heavy: 400-680 ms). Largest first, so the
 * last files taken are small and the readers finish together. With `leave`, a reader stops
 * once the files not taken yet hold fewer bytes than that (`LEFT_TO_THIS_THREAD`).
 */
export function* claimed<T>(
  files: readonly T[],
  next: Int32Array,
  leave?: { bytes: number; sizeOf: (file: T) => number },
): Generator<T> {
  // With `leave`, the bytes of the files after each one.
  const after: number[] = [];
  if (leave !== undefined) {
    let sum = 0;
    for (let i = files.length - 1; i >= 0; i--) {
      after[i] = sum;
      sum += leave.sizeOf(files[i] as T);
    }
  }
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    const file = files[index];
    if (file === undefined) return;
    yield file;
    if (leave !== undefined && (after[index] ?? 0) < leave.bytes) return;
  }
}

/**
 * The share of a read's bytes (its smallest files) a worker leaves to this thread, which reads
 * them while the worker puts its records in order and hands them over: this thread waited
 * 29-60 ms for that at 1 GiB, 3-22 ms with 2% left to it.
 */
const LEFT_TO_THIS_THREAD = 0.02;

/** What a reader thread is given: files to take from (`claimed`) with the shared counter. */
export interface WorkerTask {
  files: ReadTask[];
  next: SharedArrayBuffer;
  /** The bytes of the last files to leave to the main thread (0 when it does not read). */
  leaveBytes: number;
  options: ReadOptions;
}

/** Loaded only when a run reads on more than one thread. */
const workerThreads = onFirstUse<typeof WorkerThreads>('node:worker_threads');

type ReaderMessage =
  | { type: 'progress'; bytes: number; files: number }
  | { type: 'done'; result: EncodedRead };

/**
 * A reader thread's young generation, where its objects are made (V8's default is tens of MB).
 * Its records live until they are handed over, so a larger one only holds more garbage:
 * 1 GiB, 7 alternating runs: the same time (2.13 against 2.12 s median), peak RSS 196 MB
 * against 223 MB; a first sync 278 against 310 MB.
 */
const READER_YOUNG_GENERATION_MB = 4;

/**
 * Reader threads, each started once for all the reads of a run: a sync reads batch after
 * batch, and a thread started for each batch spent 70-160 ms before its first line (starting,
 * loading and compiling its code again), eight times for 1 GiB. An idle thread does not keep
 * the process alive; `close` ends them.
 */
export class ReaderThreads {
  private readonly idle: WorkerThreads.Worker[] = [];

  read(task: WorkerTask, onRead: (bytes: number, files: number) => void): Promise<EncodedRead> {
    const worker =
      this.idle.pop() ??
      new (workerThreads().Worker)(new URL('./read-worker.js', import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB },
      });
    worker.ref();
    return new Promise((resolve, reject) => {
      const settle = (failed: boolean) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (failed) return;
        worker.unref();
        this.idle.push(worker);
      };
      const onMessage = (message: ReaderMessage) => {
        if (message.type === 'progress') {
          onRead(message.bytes, message.files);
          return;
        }
        settle(false);
        resolve(message.result);
      };
      const onError = (error: Error) => {
        settle(true);
        void worker.terminate();
        reject(error);
      };
      const onExit = (code: number) => {
        settle(true);
        reject(new Error(`a reader thread stopped with code ${code}`));
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(task);
    });
  }

  close(): void {
    for (const worker of this.idle.splice(0)) void worker.terminate();
  }
}

/**
 * Reads the given transcripts; deduplication spans all of them. With more than one thread
 * (`threadCount`) every thread takes the next file until none is left (`claimed`): this one
 * too (not with `background`), while worker threads hand back columns (`transfer.ts`), merged
 * with the same rule, which gives the same records as one reader whoever read which file.
 */
export async function readTranscripts(
  files: ReadTask[],
  options: LoadOptions = {},
): Promise<LoadedUsage> {
  const progress: LoadProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((sum, file) => sum + bytesToRead(file), 0),
  };
  const onRead = (bytes: number, filesDone: number) => {
    progress.bytesDone += bytes;
    progress.filesDone += filesDone;
    options.onProgress?.(progress);
  };
  const readOptions: ReadOptions = { hashEdges: options.hashEdges, toolUses: options.toolUses };
  const onReadHere = (bytes: number, fileDone: boolean) => onRead(bytes, fileDone ? 1 : 0);
  // A batch of a sync is read on workers, however small: the writing of the batch before
  // waits for it.
  const background = options.background === true;
  const threads = threadCount(
    files.length,
    background ? Math.max(progress.bytesTotal, PARALLEL_BYTES) : progress.bytesTotal,
  );
  if (!background && threads === 1) return readHere(files, onReadHere, readOptions);
  const largestFirst = [...files].sort((a, b) => bytesToRead(b) - bytesToRead(a));
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const task = {
    files: largestFirst,
    next: next.buffer as SharedArrayBuffer,
    leaveBytes: background ? 0 : Math.round(progress.bytesTotal * LEFT_TO_THIS_THREAD),
    options: readOptions,
  };
  const readers = options.threads ?? new ReaderThreads();
  try {
    // Started first, so the workers boot while this thread reads.
    const workers = background ? threads : threads - 1;
    const others = Promise.all(Array.from({ length: workers }, () => readers.read(task, onRead)));
    others.catch(() => {}); // awaited below, after this thread's files
    const reader = new TranscriptReader();
    if (!background) {
      reader.read(claimed(largestFirst, next), onReadHere, readOptions);
      reader.orderNow();
    }
    const parts = await others;
    // Threads of this read alone end now, before their records are decoded here: a thread's
    // heap (its records, its young generation) stayed until the end and made the peak (1 GiB,
    // 16 alternating runs: 186 -> 165-173 MB, the same time; usage-heavy 292 -> 236 MB).
    if (options.threads === undefined) readers.close();
    options.onThreadsDone?.();
    for (const part of parts) reader.absorb(decodeRead(part));
    return reader.result();
  } finally {
    if (options.threads === undefined) readers.close();
  }
}
