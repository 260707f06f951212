import { createHash } from '../crypto.js';
import type { PricedRecord, ScanStats, ToolUse } from '../types.js';
import { ResponseDeduper } from './dedupe.js';
import { type EdgeHashes, edgeHashesOrNone } from './edges.js';
import { byPath, describeFsError, type TranscriptFile } from './files.js';
import { forEachLine } from './lines.js';
import { lineVerdict, MALFORMED, parseUsageBytes, USAGE_KEY } from './parse.js';
import { StringPool } from './string-pool.js';

/** A transcript to read, from byte `from` on (where an earlier read of it stopped). */
export interface ReadTask extends TranscriptFile {
  from?: number;
}

/** The bytes of a task still to read: none when its file is shorter than where it starts. */
export function bytesToRead(task: ReadTask): number {
  return Math.max(task.size - (task.from ?? 0), 0);
}

export interface ReadOptions {
  /**
   * Hash each file's first bytes and the bytes before its last complete line (`edgeHashes`),
   * here on the reader's thread, for a store that must notice a rewrite.
   */
  hashEdges?: boolean;
  /**
   * Keep the tool calls (the default); false for a report that does not show them, which then
   * holds ~100,000 fewer objects per GiB of logs.
   */
  toolUses?: boolean;
}

/** What reading one file found, for a store that goes on from where it stopped. */
export interface FileRead {
  path: string;
  /** The offset just past its last complete line. */
  complete: number;
  /** Complete lines read (from `from`), and the malformed ones among them. */
  lines: number;
  malformed: number;
  /** The same for a last line without its newline (0 or 1), read again next time. */
  partialLines: number;
  partialMalformed: number;
  /** With `hashEdges`: hashes of its first bytes and of those before `complete`. */
  edges?: EdgeHashes;
}

/** What reading some transcripts found: each response once, tool calls once, and counts. */
export interface ReadResult {
  /** Each response once, in `recordOrder` (oldest first), not priced yet. */
  records: PricedRecord[];
  /** Tool calls, once each by id, oldest first. */
  toolUses: ToolUse[];
  stats: ScanStats;
  /** Each file read to its end (unreadable ones are in `stats.unreadable` instead). */
  files: FileRead[];
}

/** Progress of a read: bytes read since the last call, and whether a file was finished. */
export type OnRead = (bytes: number, fileDone: boolean) => void;

function emptyStats(): ScanStats {
  return {
    roots: [],
    filesRead: 0,
    linesRead: 0,
    malformedLines: 0,
    malformedFiles: [],
    unreadable: [],
  };
}

function keylessKey(file: string, buffer: Buffer, start: number, end: number): string {
  const hash = createHash('sha1').update(buffer.subarray(start, end)).digest('hex');
  return `${file}#${hash}`;
}

/** Copies of a tool call in order: the earliest, then by where it was logged (any total order). */
function toolOrder(a: ToolUse, b: ToolUse): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  for (const field of ['sessionId', 'project', 'cwd', 'model', 'name'] as const) {
    const x = a[field] ?? '';
    const y = b[field] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Keeps the first copy of a tool call (`toolOrder`), whichever reader met which copy first. */
function keepEarliest(toolUses: Map<string, ToolUse>, tool: ToolUse): void {
  const seen = toolUses.get(tool.id);
  if (seen === undefined || toolOrder(tool, seen) < 0) toolUses.set(tool.id, tool);
}

/**
 * Reads transcripts on this thread and takes in what other readers found; deduplication spans
 * all of them. Keeping the copy with the largest output does not depend on the order copies
 * are met, so another reader's winners, deduplicated again here, give the same records as one
 * reader of all the files.
 */
export class TranscriptReader {
  private readonly stats = emptyStats();
  private readonly deduper = new ResponseDeduper<PricedRecord>();
  private readonly toolUses = new Map<string, ToolUse>();
  private readonly reads: FileRead[] = [];
  private readonly strings = new StringPool();

  read(
    files: Iterable<ReadTask>,
    onRead: OnRead = () => {},
    { hashEdges = false, toolUses: keepToolUses = true }: ReadOptions = {},
  ): void {
    const { stats, deduper, toolUses, reads, strings } = this;
    for (const file of files) {
      const from = file.from ?? 0;
      let bytesRead = 0;
      let malformed = 0;
      let lastMalformed = false;
      try {
        const counts = forEachLine(
          file.path,
          (buffer, start, end, namesUsage) => {
            const verdict = lineVerdict(buffer, start, end, namesUsage);
            lastMalformed = false;
            if (verdict === 'skip') return;
            const parsed =
              verdict === 'malformed'
                ? MALFORMED
                : parseUsageBytes(buffer, start, end, file, strings);
            if (parsed === MALFORMED) {
              malformed++;
              lastMalformed = true;
            } else if (parsed !== null) {
              const record = parsed.record;
              if (record !== null) {
                // A response without message.id/requestId is known by its file and its line:
                // the same line twice in a file is one response, as the ledger counts it when it
                // reads a rewritten file again.
                if (record.key === null) record.key = keylessKey(file.path, buffer, start, end);
                deduper.add(record);
              }
              if (keepToolUses) for (const tool of parsed.tools) keepEarliest(toolUses, tool);
            }
          },
          {
            from,
            marker: USAGE_KEY,
            onBytes: (bytes) => {
              bytesRead += bytes;
              onRead(bytes, false);
            },
          },
        );
        stats.filesRead++;
        stats.linesRead += counts.lines + counts.oversized;
        stats.malformedLines += malformed + counts.oversized;
        if (malformed + counts.oversized > 0) {
          stats.malformedFiles.push({ path: file.path, lines: malformed + counts.oversized });
        }
        // A last line without its newline is read again next time: keep it apart.
        const partialLines =
          counts.lines + counts.oversized - counts.completeLines - counts.completeOversized;
        const partialMalformed =
          (counts.lines > counts.completeLines && lastMalformed ? 1 : 0) +
          counts.oversized -
          counts.completeOversized;
        reads.push({
          path: file.path,
          complete: counts.complete,
          lines: counts.completeLines + counts.completeOversized,
          malformed: malformed + counts.oversized - partialMalformed,
          partialLines,
          partialMalformed,
          edges: hashEdges ? edgeHashesOrNone(file.path, counts.complete) : undefined,
        });
      } catch (error) {
        stats.unreadable.push({ path: file.path, reason: describeFsError(error) });
      }
      // The size was taken when the file was found; it may have grown or shrunk since.
      onRead(Math.max(file.size - from - bytesRead, 0), true);
    }
  }

  /**
   * Puts what was read so far in order now (while other readers finish): `result` merges it
   * with what is absorbed after.
   */
  orderNow(): void {
    this.deduper.orderNow();
  }

  /** Takes in what another reader found (its `result`, in order). */
  absorb(part: ReadResult): void {
    this.reads.push(...part.files);
    this.deduper.addOrdered(part.records);
    for (const tool of part.toolUses) keepEarliest(this.toolUses, tool);
    this.stats.filesRead += part.stats.filesRead;
    this.stats.linesRead += part.stats.linesRead;
    this.stats.malformedLines += part.stats.malformedLines;
    this.stats.malformedFiles.push(...part.stats.malformedFiles);
    this.stats.unreadable.push(...part.stats.unreadable);
  }

  /** What was read, in an order that does not depend on which reader read which file. */
  result(): ReadResult {
    this.stats.malformedFiles.sort(byPath);
    return {
      records: this.deduper.records(),
      toolUses: [...this.toolUses.values()].sort(toolOrder),
      stats: this.stats,
      files: this.reads.sort(byPath),
    };
  }
}

/** Reads transcripts on this thread; deduplication spans all of them. */
export function readHere(
  files: Iterable<ReadTask>,
  onRead?: OnRead,
  options?: ReadOptions,
): ReadResult {
  const reader = new TranscriptReader();
  reader.read(files, onRead, options);
  return reader.result();
}
