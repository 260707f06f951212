import type * as Crypto from 'node:crypto';
import { onFirstUse } from './builtin.js';

const crypto = onFirstUse<typeof Crypto>('node:crypto');

/** node:crypto's createHash, loaded the first time something is hashed. */
export function createHash(algorithm: 'sha1' | 'sha256'): Crypto.Hash {
  return crypto().createHash(algorithm);
}

/** `bytes` random bytes as hex, from node:crypto loaded on first use. */
export function randomHex(bytes: number): string {
  return crypto().randomBytes(bytes).toString('hex');
}
