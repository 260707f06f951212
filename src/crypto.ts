import type * as Crypto from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { onFirstUse } from './builtin.js';

const crypto = onFirstUse<typeof Crypto>('node:crypto');

/** node:crypto's createHash, loaded the first time something is hashed. */
export function createHash(algorithm: 'sha1' | 'sha256'): Crypto.Hash {
  return crypto().createHash(algorithm);
}

/**
 * `bytes` random bytes as hex: from /dev/urandom where there is one, else from node:crypto.
 * Loading node:crypto costs ~4 ms, and the status line, which writes its cache under a random
 * temporary name on every run, has little more than 50 ms of its own.
 */
export function randomHex(bytes: number): string {
  const random = Buffer.alloc(bytes);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      if (readSync(fd, random, 0, bytes, null) === bytes) return random.toString('hex');
    } finally {
      closeSync(fd);
    }
  } catch {
    // no /dev/urandom (Windows)
  }
  return crypto().randomBytes(bytes).toString('hex');
}
