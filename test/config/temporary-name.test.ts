import { describe, expect, it } from 'vitest';
import { randomHex } from '../../src/crypto.js';
import { temporaryNameFor } from '../../src/write-file-atomic.js';

describe('temporaryNameFor', () => {
  it('names a file beside the target, with the process and 12 random hex digits', () => {
    const name = temporaryNameFor('/home/ann/.cache/usage-ledger/statusline.json');
    expect(name).toMatch(
      new RegExp(
        `^/home/ann/\\.cache/usage-ledger/statusline\\.json\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`,
      ),
    );
  });

  it('does not name the same file twice', () => {
    const names = new Set(Array.from({ length: 1_000 }, () => randomHex(6)));
    expect(names.size).toBe(1_000);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{12}$/);
  });
});
