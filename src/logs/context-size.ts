import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { MALFORMED, parseUsageLine } from './parse.js';

/** A context is a few hundred KB of JSON at most; the last response is within this much. */
const TAIL_BYTES = 512 * 1024;

/**
 * The size of the conversation's context as of its last response: what that request sent
 * (input, cache writes and cache reads). Read from the end of the transcript; a subagent's
 * response is not the conversation's. Null when there is no such response (or no file).
 */
export function contextTokensOf(transcript: string): number | null {
  let fd: number;
  try {
    // Non-blocking, then checked: a FIFO or a device named as the transcript must not hold
    // the status line (opening a FIFO for reading waits for a writer).
    fd = openSync(transcript, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return null;
    const size = stats.size;
    const start = Math.max(0, size - TAIL_BYTES);
    const bytes = Buffer.alloc(size - start);
    const read = readSync(fd, bytes, 0, bytes.length, start);
    const lines = bytes.toString('utf8', 0, read).split('\n');
    const source = { path: transcript, root: '', project: '', subagent: false, session: '' };
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] ?? '';
      if (!line.includes('"usage"')) continue;
      const parsed = parseUsageLine(line, source);
      if (parsed === null || parsed === MALFORMED || parsed.record === null) continue;
      const { record } = parsed;
      if (record.sidechain) continue;
      return (
        record.inputTokens +
        record.cacheWrite5mTokens +
        record.cacheWrite1hTokens +
        record.cacheReadTokens
      );
    }
    return null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
