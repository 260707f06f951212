import { createReadStream } from 'node:fs';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;

/**
 * Lines longer than this are dropped without being held in memory: no usage line comes near it
 * (they are a few KB), and V8 cannot make a string of a line much longer than this anyway.
 */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

export interface LineCounts {
  /** Non-blank lines handed to the callback. */
  lines: number;
  /** Lines over MAX_LINE_BYTES, dropped. */
  oversized: number;
}

/**
 * Streams a file and calls `onLine` for each non-blank line, without ever holding more than a
 * chunk plus the current line. The last line may lack its newline (a file being written);
 * it is passed on like any other, and the parser decides whether it is complete.
 */
export interface LineOptions {
  maxLineBytes?: number;
  /** Called with the size of each chunk read, for progress on large files. */
  onBytes?: (bytes: number) => void;
}

export async function forEachLine(
  file: string,
  onLine: (line: string) => void,
  { maxLineBytes = MAX_LINE_BYTES, onBytes }: LineOptions = {},
): Promise<LineCounts> {
  const counts: LineCounts = { lines: 0, oversized: 0 };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let dropping = false;
  let first = true;

  const emit = (text: string): void => {
    let line = text;
    if (first) {
      first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return;
    counts.lines++;
    onLine(line);
  };

  const finishPending = (tail: Buffer): void => {
    if (dropping) {
      dropping = false;
      counts.oversized++;
    } else if (pendingBytes + tail.length > maxLineBytes) {
      counts.oversized++;
    } else if (pending.length === 0) {
      emit(tail.toString('utf8'));
    } else {
      pending.push(tail);
      emit(Buffer.concat(pending).toString('utf8'));
    }
    pending = [];
    pendingBytes = 0;
  };

  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      if (pending.length === 0 && !dropping) {
        if (newline - start > maxLineBytes) counts.oversized++;
        else emit(chunk.toString('utf8', start, newline));
      } else {
        finishPending(chunk.subarray(start, newline));
      }
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length && !dropping) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) {
        dropping = true;
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pending.length > 0 || dropping) finishPending(Buffer.alloc(0));
  return counts;
}
