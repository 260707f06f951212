import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from '../crypto.js';

/** Bytes hashed at the start of a file, and just before where reading stopped. */
const HEAD_BYTES = 4096;
const TAIL_BYTES = 256;

export interface EdgeHashes {
  headHash: string;
  tailHash: string;
}

function hashOf(fd: number, start: number, end: number): string {
  const bytes = Buffer.alloc(end - start);
  let done = 0;
  while (done < bytes.length) {
    const read = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (read === 0) break;
    done += read;
  }
  return createHash('sha1').update(bytes.subarray(0, done)).digest('hex');
}

/**
 * Hashes of the bytes at the start of a file and just before `complete`. Appending leaves
 * both as they were; rewriting the file (resume, compaction) almost never does.
 */
export function edgeHashes(file: string, complete: number): EdgeHashes {
  const fd = openSync(file, 'r');
  try {
    return {
      headHash: hashOf(fd, 0, Math.min(HEAD_BYTES, complete)),
      tailHash: hashOf(fd, Math.max(0, complete - TAIL_BYTES), complete),
    };
  } finally {
    closeSync(fd);
  }
}

/** The hashes, or none when the file is gone: then it will not match, and is read again. */
export function edgeHashesOrNone(file: string, complete: number): EdgeHashes {
  try {
    return edgeHashes(file, complete);
  } catch {
    return { headHash: '', tailHash: '' };
  }
}
