import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { claimed, PARALLEL_BYTES, threadCount } from '../../src/logs/load.js';
import { readHere, TranscriptReader } from '../../src/logs/read.js';
import { decodeRead, encodeRead } from '../../src/logs/transfer.js';
import { REPO } from '../helpers/cli.js';

const rules = path.join(REPO, 'fixtures', 'rules');

describe('TranscriptReader.absorb', () => {
  it('gives the same records as one reader, however the files are split', async () => {
    const { files } = await findTranscriptFiles([
      path.join(rules, 'root-a', 'projects'),
      path.join(rules, 'root-b', 'projects'),
    ]);
    const whole = readHere(files);
    const everyNth = (n: number) =>
      Array.from({ length: n }, (_, k) => files.filter((_, i) => i % n === k));
    for (const groups of [
      everyNth(2),
      everyNth(3),
      files.map((file) => [file]),
      [[...files].reverse()],
    ]) {
      const reader = new TranscriptReader();
      for (const group of groups) reader.absorb(readHere(group));
      const merged = reader.result();
      expect(merged.records).toEqual(whole.records);
      expect(merged.toolUses).toEqual(whole.toolUses);
      expect(merged.stats).toEqual(whole.stats);
      expect(merged.files).toEqual(whole.files);
    }
  });
});

describe('readHere', () => {
  it('leaves the tool calls out when asked, and nothing else', async () => {
    const { files } = await findTranscriptFiles([path.join(REPO, 'fixtures', 'demo', 'projects')]);
    const whole = readHere(files);
    const withoutTools = readHere(files, undefined, { toolUses: false });
    expect(whole.toolUses.length).toBeGreaterThan(0);
    expect(withoutTools.toolUses).toEqual([]);
    expect(withoutTools.records).toEqual(whole.records);
    expect(withoutTools.stats).toEqual(whole.stats);
    expect(withoutTools.files).toEqual(whole.files);
  });
});

describe('claimed', () => {
  it('gives each file to one reader, whichever asks first, until none is left', () => {
    const files = ['a', 'b', 'c', 'd', 'e'];
    const next = new Int32Array(new SharedArrayBuffer(4));
    const readers = [claimed(files, next), claimed(files, next)];
    const taken: string[][] = [[], []];
    // The first asks twice for each time the second asks.
    for (let turn = 0; turn < 6; turn++) {
      const k = turn % 3 === 2 ? 1 : 0;
      const file = readers[k]?.next();
      if (file !== undefined && file.done !== true) taken[k]?.push(file.value);
    }
    expect(taken).toEqual([['a', 'b', 'd', 'e'], ['c']]);
    expect(readers.map((reader) => reader.next().done)).toEqual([true, true]);
  });

  it('leaves the last files to the other reader once fewer bytes than asked are left', () => {
    const files = [{ size: 40 }, { size: 30 }, { size: 20 }, { size: 6 }, { size: 4 }];
    const next = new Int32Array(new SharedArrayBuffer(4));
    const worker = claimed(files, next, { bytes: 11, sizeOf: (file) => file.size });
    const main = claimed(files, next);
    const taken = (reader: Generator<{ size: number }>) => [...reader].map((file) => file.size);
    // After 40, 30 and 20, the 10 bytes left are fewer than 11: the worker takes no more.
    expect(taken(worker)).toEqual([40, 30, 20]);
    expect(taken(main)).toEqual([6, 4]);
    // Leaving nothing, it takes every file, as without.
    const again = new Int32Array(new SharedArrayBuffer(4));
    expect(taken(claimed(files, again, { bytes: 0, sizeOf: (file) => file.size }))).toEqual([
      40, 30, 20, 6, 4,
    ]);
  });
});

describe('threadCount', () => {
  const small = PARALLEL_BYTES - 1;

  it('reads a small history on one thread, a large one on two when there are two cores', () => {
    expect(threadCount(100, small, {}, 8)).toBe(1);
    expect(threadCount(100, PARALLEL_BYTES, {}, 2)).toBe(2);
    expect(threadCount(100, PARALLEL_BYTES, {}, 1)).toBe(1);
  });

  it('follows USAGE_LEDGER_THREADS, never more threads than files', () => {
    expect(threadCount(10, small, { USAGE_LEDGER_THREADS: '2' }, 2)).toBe(2);
    expect(threadCount(10, PARALLEL_BYTES, { USAGE_LEDGER_THREADS: '1' }, 2)).toBe(1);
    expect(threadCount(1, small, { USAGE_LEDGER_THREADS: '4' }, 2)).toBe(1);
    expect(threadCount(10, small, { USAGE_LEDGER_THREADS: 'many' }, 2)).toBe(1);
  });
});

describe('encodeRead / decodeRead', () => {
  it('carries a reader thread’s result across unchanged', async () => {
    const { files } = await findTranscriptFiles([
      path.join(rules, 'root-a', 'projects'),
      path.join(rules, 'root-b', 'projects'),
      path.join(REPO, 'fixtures', 'pricing', 'projects'),
      path.join(REPO, 'fixtures', 'demo', 'projects'),
    ]);
    const read = readHere(files);
    const first = read.records[0];
    if (first) read.records.push({ ...first, key: 'no-cwd', cwd: null, fast: true });
    // Counts past a small integer's range come back whole.
    if (first) {
      read.records.push({
        ...first,
        key: 'big',
        outputTokens: 2 ** 31 + 5,
        cacheReadTokens: 2 ** 40,
      });
    }
    // The fields that are rare on real logs are there to be carried.
    expect(read.records.some((record) => record.alsoIn !== null)).toBe(true);
    expect(read.records.some((record) => record.loggedCostUSD !== null)).toBe(true);
    expect(read.records.some((record) => record.inferenceGeo !== null)).toBe(true);
    expect(read.toolUses.length).toBeGreaterThan(0);
    const copy = structuredClone(encodeRead(read));
    expect(decodeRead(copy)).toEqual(read);
  });
});
