import type { PricedRecord, ScanStats, ToolUse } from '../types.js';
import { ResponseDeduper } from './dedupe.js';
import { describeFsError, type TranscriptFile } from './files.js';
import { forEachLine } from './lines.js';
import { lineVerdict, MALFORMED, parseUsageLine } from './parse.js';

/** What reading some transcripts found: each response once, tool calls once, and counts. */
export interface ReadResult {
  /** Each response once, oldest first, not priced yet. */
  records: PricedRecord[];
  /** Tool calls, once each by id, oldest first. */
  toolUses: ToolUse[];
  stats: ScanStats;
}

/** Progress of a read: bytes read since the last call, and whether a file was finished. */
export type OnRead = (bytes: number, fileDone: boolean) => void;

function emptyStats(): ScanStats {
  return { roots: [], filesRead: 0, linesRead: 0, malformedLines: 0, unreadable: [] };
}

function result(
  deduper: ResponseDeduper<PricedRecord>,
  toolUses: Map<string, ToolUse>,
  stats: ScanStats,
): ReadResult {
  return {
    records: deduper.records(),
    toolUses: [...toolUses.values()].sort((a, b) => a.timestamp - b.timestamp),
    stats,
  };
}

function keepEarliest(toolUses: Map<string, ToolUse>, tool: ToolUse): void {
  const seen = toolUses.get(tool.id);
  if (seen === undefined || tool.timestamp < seen.timestamp) toolUses.set(tool.id, tool);
}

/** Reads transcripts on this thread; deduplication spans all of them. */
export function readHere(files: TranscriptFile[], onRead: OnRead = () => {}): ReadResult {
  const stats = emptyStats();
  const deduper = new ResponseDeduper<PricedRecord>();
  const toolUses = new Map<string, ToolUse>();

  for (const file of files) {
    let bytesRead = 0;
    try {
      const counts = forEachLine(
        file.path,
        (buffer, start, end) => {
          const verdict = lineVerdict(buffer, start, end);
          if (verdict === 'skip') return;
          const parsed =
            verdict === 'malformed'
              ? MALFORMED
              : parseUsageLine(buffer.toString('utf8', start, end), file);
          if (parsed === MALFORMED) {
            stats.malformedLines++;
          } else if (parsed !== null) {
            if (parsed.record !== null) deduper.add(parsed.record);
            for (const tool of parsed.tools) keepEarliest(toolUses, tool);
          }
        },
        {
          onBytes: (bytes) => {
            bytesRead += bytes;
            onRead(bytes, false);
          },
        },
      );
      stats.filesRead++;
      stats.linesRead += counts.lines + counts.oversized;
      stats.malformedLines += counts.oversized;
    } catch (error) {
      stats.unreadable.push({ path: file.path, reason: describeFsError(error) });
    }
    // The size was taken when the file was found; it may have grown or shrunk since.
    onRead(Math.max(file.size - bytesRead, 0), true);
  }
  return result(deduper, toolUses, stats);
}

/**
 * Joins what several readers found. Keeping the copy with the largest output does not depend
 * on the order copies are met, so each reader's winners, deduplicated again here, give the
 * same records as one reader of all the files.
 */
export function mergeReads(parts: ReadResult[]): ReadResult {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const deduper = new ResponseDeduper<PricedRecord>();
  const toolUses = new Map<string, ToolUse>();
  const stats = emptyStats();
  for (const part of parts) {
    for (const record of part.records) deduper.add(record);
    for (const tool of part.toolUses) keepEarliest(toolUses, tool);
    stats.filesRead += part.stats.filesRead;
    stats.linesRead += part.stats.linesRead;
    stats.malformedLines += part.stats.malformedLines;
    stats.unreadable.push(...part.stats.unreadable);
  }
  return result(deduper, toolUses, stats);
}
