import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { splitBySize, threadCount } from '../../src/logs/load.js';
import { mergeReads, readHere } from '../../src/logs/read.js';
import { REPO } from '../helpers/cli.js';

const rules = path.join(REPO, 'fixtures', 'rules');

describe('mergeReads', () => {
  it('gives the same records as one reader, however the files are split', async () => {
    const { files } = await findTranscriptFiles([
      path.join(rules, 'root-a', 'projects'),
      path.join(rules, 'root-b', 'projects'),
    ]);
    const whole = readHere(files);
    for (const groups of [
      splitBySize(files, 2),
      splitBySize(files, 3),
      files.map((file) => [file]),
    ]) {
      const merged = mergeReads(groups.map((group) => readHere(group)));
      expect(merged.records).toEqual(whole.records);
      expect(merged.toolUses).toEqual(whole.toolUses);
      expect(merged.stats).toEqual(whole.stats);
    }
  });
});

describe('splitBySize', () => {
  it('balances bytes, largest files first, and keeps every file once', () => {
    const files = [9, 1, 5, 4, 3, 2].map((size, i) => ({
      path: `f${i}`,
      root: '',
      project: '',
      size,
      mtimeMs: 0,
      subagent: false,
      session: '',
    }));
    const groups = splitBySize(files, 2);
    expect(groups.map((group) => group.reduce((sum, f) => sum + f.size, 0))).toEqual([12, 12]);
    expect(
      groups
        .flat()
        .map((f) => f.path)
        .sort(),
    ).toEqual(files.map((f) => f.path).sort());
  });
});

describe('threadCount', () => {
  it('reads on one thread unless told otherwise', () => {
    expect(threadCount(100, {})).toBe(1);
  });

  it('follows USAGE_LEDGER_THREADS, never more threads than files', () => {
    expect(threadCount(10, { USAGE_LEDGER_THREADS: '2' })).toBe(2);
    expect(threadCount(1, { USAGE_LEDGER_THREADS: '4' })).toBe(1);
    expect(threadCount(10, { USAGE_LEDGER_THREADS: '1' })).toBe(1);
    expect(threadCount(10, { USAGE_LEDGER_THREADS: 'many' })).toBe(1);
  });
});
