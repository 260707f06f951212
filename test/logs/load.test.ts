import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadUsageRecords, readTranscripts } from '../../src/logs/load.js';
import { REPO } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const expected = JSON.parse(readFileSync(path.join(rules, 'expected.json'), 'utf8'));

describe('loadUsageRecords on fixtures/rules', () => {
  it('counts each response once, by the rules in EXPECTED.md', async () => {
    const { records, stats } = await loadUsageRecords([
      path.join(rules, 'root-a', 'projects'),
      path.join(rules, 'root-b', 'projects'),
    ]);
    expect(stats.filesRead).toBe(expected.filesRead);
    expect(stats.linesRead).toBe(expected.linesRead);
    expect(stats.malformedLines).toBe(expected.malformedLines);
    expect(records).toHaveLength(expected.requests);
    // A line without requestId is known by its file and a hash of the line.
    const byKey = Object.fromEntries(
      records.map((r) => [r.key?.includes('#') ? 'keyless' : r.key, r]),
    );
    expect(byKey['msg_A:req_A']?.outputTokens).toBe(400);
    expect(byKey['msg_E:req_E']?.outputTokens).toBe(80);
    expect(byKey['msg_F:req_F']).toMatchObject({
      outputTokens: 60,
      sidechain: true,
      sessionId: 's2',
    });
    expect(byKey.keyless).toMatchObject({ inputTokens: 7, outputTokens: 70 });
    expect(records.some((r) => r.model === '<synthetic>')).toBe(false);
    const sum = (field: 'inputTokens' | 'outputTokens' | 'cacheReadTokens') =>
      records.reduce((total, r) => total + r[field], 0);
    expect([sum('inputTokens'), sum('outputTokens'), sum('cacheReadTokens')]).toEqual([
      expected.totals.inputTokens,
      expected.totals.outputTokens,
      expected.totals.cacheReadTokens,
    ]);
  });
});

describe('readTranscripts', () => {
  it('names a file it cannot read and still returns the rest', async () => {
    const dir = await fsFixture({ 'p/s.jsonl': [assistantLine({ output: 5 })] });
    const missing = path.join(dir, 'p', 'gone.jsonl');
    const { records, stats } = await readTranscripts([
      {
        path: missing,
        root: dir,
        project: 'p',
        size: 0,
        mtimeMs: 0,
        subagent: false,
        session: 's',
      },
      {
        path: path.join(dir, 'p', 's.jsonl'),
        root: dir,
        project: 'p',
        size: 10,
        mtimeMs: 0,
        subagent: false,
        session: 's',
      },
    ]);
    expect(records).toHaveLength(1);
    expect(stats.filesRead).toBe(1);
    expect(stats.unreadable).toEqual([{ path: missing, reason: 'vanished while reading' }]);
  });

  it('reports progress by chunk and by file, ending at the totals', async () => {
    const line = assistantLine();
    const dir = await fsFixture({ 'a.jsonl': [line], 'b.jsonl': [line] });
    const size = line.length + 1;
    const seen: [number, number][] = [];
    await readTranscripts(
      ['a.jsonl', 'b.jsonl'].map((name) => ({
        path: path.join(dir, name),
        root: dir,
        project: '',
        size,
        mtimeMs: 0,
        subagent: false,
        session: 's',
      })),
      { onProgress: (progress) => seen.push([progress.filesDone, progress.bytesDone]) },
    );
    expect(seen.at(-1)).toEqual([2, 2 * size]);
    // Bytes move before any file is done, so one large file still shows progress.
    expect(seen[0]).toEqual([0, size]);
  });
});
