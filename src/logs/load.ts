import type { PricedRecord, ScanStats, ToolUse } from '../types.js';
import { ResponseDeduper } from './dedupe.js';
import { describeFsError, findTranscriptFiles, type TranscriptFile } from './files.js';
import { forEachLine } from './lines.js';
import { lineVerdict, MALFORMED, parseUsageLine } from './parse.js';

export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface LoadOptions {
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadedUsage {
  /** Each response once, oldest first, not priced yet. */
  records: PricedRecord[];
  /** Tool calls, once each by id, oldest first. */
  toolUses: ToolUse[];
  stats: ScanStats;
}

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

/** Reads the given transcripts; deduplication spans all of them. */
export async function readTranscripts(
  files: TranscriptFile[],
  options: LoadOptions = {},
): Promise<LoadedUsage> {
  const stats: ScanStats = {
    roots: [],
    filesRead: 0,
    linesRead: 0,
    malformedLines: 0,
    unreadable: [],
  };
  const deduper = new ResponseDeduper<PricedRecord>();
  const toolUses = new Map<string, ToolUse>();
  const progress: LoadProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((sum, file) => sum + file.size, 0),
  };

  function readFile(file: TranscriptFile): void {
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
            for (const tool of parsed.tools) {
              const seen = toolUses.get(tool.id);
              if (seen === undefined || tool.timestamp < seen.timestamp)
                toolUses.set(tool.id, tool);
            }
          }
        },
        {
          onBytes: (bytes) => {
            bytesRead += bytes;
            progress.bytesDone += bytes;
            options.onProgress?.(progress);
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
    progress.bytesDone += Math.max(file.size - bytesRead, 0);
    progress.filesDone++;
    options.onProgress?.(progress);
  }

  for (const file of files) readFile(file);
  const tools = [...toolUses.values()].sort((a, b) => a.timestamp - b.timestamp);
  return { records: deduper.records(), toolUses: tools, stats };
}
