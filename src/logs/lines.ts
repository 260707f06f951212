import { closeSync, openSync, readSync } from 'node:fs';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const CHUNK_BYTES = 1 << 20;

/**
 * Lines longer than this are dropped without being held in memory: no usage line comes near it
 * (they are a few KB), and V8 cannot make a string of a line much longer than this anyway.
 */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

export interface LineCounts {
  /** Non-blank lines handed to the callback. */
  lines: number;
  /** Lines over the size limit, dropped. */
  oversized: number;
  /** Lines handed over or dropped before `complete` (the ones ending in a newline). */
  completeLines: number;
  /** The oversized ones among them. */
  completeOversized: number;
  /**
   * The file offset just past the last newline: where a later read of the same file, grown,
   * goes on from. A last line without its newline may still be being written.
   */
  complete: number;
}

export interface LineOptions {
  maxLineBytes?: number;
  /** The byte offset to start at (the start of a line). */
  from?: number;
  /** Called with the size of each chunk read, for progress on large files. */
  onBytes?: (bytes: number) => void;
  /**
   * Bytes to look for: each line is passed with whether it holds them, found by one search
   * from line to line through the chunk instead of a search of each line (most lines lack
   * them: 280,000 searches per GiB of logs, each on a view of its line).
   */
  marker?: Buffer;
}

/**
 * One read buffer for every file: most transcripts are small, and a fresh megabyte per file
 * cost more than reading them. Files are read one at a time, so sharing it is safe; a buffer
 * grown for a long line is not kept.
 */
const sharedBuffer = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * Receives one line as a byte range of `buffer` (valid only during the call), and with a
 * `marker` whether the line holds it (false without one).
 */
export type LineHandler = (buffer: Buffer, start: number, end: number, marked: boolean) => void;

function isBlank(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = buffer[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}

/**
 * Reads a file and calls `onLine` with each non-blank line as bytes, never decoding a line the
 * caller does not ask for, and never holding more than one chunk plus the current line. The
 * last line may lack its newline (a file being written); it is passed on like any other.
 */
export function forEachLine(
  file: string,
  onLine: LineHandler,
  { maxLineBytes = MAX_LINE_BYTES, onBytes, from = 0, marker }: LineOptions = {},
): LineCounts {
  const counts: LineCounts = {
    lines: 0,
    oversized: 0,
    completeLines: 0,
    completeOversized: 0,
    complete: from,
  };
  let buffer = sharedBuffer;
  let filled = 0;
  let dropping = false;
  let first = from === 0;
  /** The file offsets of the next byte to read and of `buffer[0]`. */
  let position = from;
  let base = from;

  /** The bytes read and not passed on yet, from `buffer[0]`. */
  let chunk = buffer.subarray(0, 0);
  /**
   * Where the marker next is in `chunk`, from the line being passed on: -1 when not looked for
   * since the chunk was read, past its end when it is not there.
   */
  let markerAt = -1;
  const markedWithin = (start: number, end: number): boolean => {
    if (marker === undefined) return false;
    if (markerAt < start) {
      const at = chunk.indexOf(marker, start);
      markerAt = at === -1 ? Number.POSITIVE_INFINITY : at;
    }
    return markerAt + marker.length <= end;
  };

  const emit = (start: number, end: number): void => {
    let from = start;
    if (first) {
      first = false;
      if (buffer[from] === 0xef && buffer[from + 1] === 0xbb && buffer[from + 2] === 0xbf)
        from += 3;
    }
    const to = end > from && buffer[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    if (to - from > maxLineBytes) {
      counts.oversized++;
      return;
    }
    if (buffer[from] !== 0x7b && isBlank(buffer, from, to)) return;
    counts.lines++;
    onLine(buffer, from, to, markedWithin(from, to));
  };

  const fd = openSync(file, 'r');
  try {
    for (;;) {
      if (filled === buffer.length) {
        // One line fills the buffer: grow it, or drop the line when it is over the limit.
        if (buffer.length > maxLineBytes) {
          dropping = true;
          counts.oversized++;
          filled = 0;
          base = position;
        } else {
          const larger = Buffer.allocUnsafe(
            Math.min(buffer.length * 2, maxLineBytes + CHUNK_BYTES),
          );
          buffer.copy(larger, 0, 0, filled);
          buffer = larger;
        }
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, position);
      if (read === 0) break;
      position += read;
      onBytes?.(read);
      const end = filled + read;
      chunk = buffer.subarray(0, end);
      markerAt = -1;
      let start = 0;
      for (
        let newline = chunk.indexOf(NEWLINE, 0);
        newline !== -1;
        newline = chunk.indexOf(NEWLINE, start)
      ) {
        if (dropping) dropping = false;
        else emit(start, newline);
        start = newline + 1;
      }
      if (start > 0) {
        // Every line up to the last newline of this chunk is complete.
        counts.completeLines = counts.lines;
        counts.completeOversized = counts.oversized;
        counts.complete = base + start;
      }
      if (dropping) {
        filled = 0;
        base = position;
      } else {
        // The rest of the chunk (the start of a line) to the front, unless it is there: a line
        // longer than the buffer was moved onto itself, a buffer's worth on every read.
        if (start > 0) buffer.copy(buffer, 0, start, end);
        filled = end - start;
        base += start;
      }
    }
    if (filled > 0 && !dropping) {
      chunk = buffer.subarray(0, filled);
      markerAt = -1;
      emit(0, filled);
    }
  } finally {
    closeSync(fd);
  }
  return counts;
}
