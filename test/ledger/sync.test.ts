import { appendFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLedger } from '../../src/ledger/ledger.js';
import { batchesOf, syncLedger } from '../../src/ledger/sync.js';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { readTranscripts } from '../../src/logs/load.js';
import type { PricedRecord } from '../../src/types.js';
import { REPO } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { asStored, assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');

/** Syncs the ledger at `db` with `projects` and returns what a report would get from it. */
function sync(db: string, projects: string[]) {
  return withLedger(db, async (store) => {
    const outcome = await syncLedger(store, projects);
    return { ...outcome, records: store.records() };
  });
}

async function logsOf(projects: string[]) {
  const { files } = await findTranscriptFiles(projects);
  return readTranscripts(files);
}

/** Records without their keys: the ledger gives a line without a key one of its own. */
function withoutKeys(records: PricedRecord[]) {
  return asStored(records).map(({ key: _key, ...rest }) => rest);
}

function outputs(records: { outputTokens: number }[]): number {
  return records.reduce((sum, record) => sum + record.outputTokens, 0);
}

describe('syncLedger', () => {
  it('gives the records a read of the logs gives, and reads nothing the second time', async () => {
    const dir = await fsFixture({});
    const projects = ['root-a', 'root-b'].map((root) => path.join(rules, root, 'projects'));
    const logs = await logsOf(projects);
    const first = await sync(path.join(dir, 'l.db'), projects);
    expect(withoutKeys(first.records)).toEqual(withoutKeys(logs.records));
    expect(first.stats).toMatchObject({
      filesRead: logs.stats.filesRead,
      linesRead: logs.stats.linesRead,
      malformedLines: logs.stats.malformedLines,
    });
    expect(first.filesSynced).toBe(6);
    const second = await sync(path.join(dir, 'l.db'), projects);
    expect(second.filesSynced).toBe(0);
    expect(second.bytesSynced).toBe(0);
    expect(second.records).toEqual(first.records);
    expect(second.stats).toEqual(first.stats);
  });

  it("works out a first sync's roots masks from its records as the rows hold them", async () => {
    const dir = await fsFixture({});
    const projects = ['root-a', 'root-b'].map((root) => path.join(rules, root, 'projects'));
    // In one batch (several are read on the built reader threads: e2e, ledger check).
    const { made, read } = await withLedger(path.join(dir, 'l.db'), async (store) => {
      const outcome = await syncLedger(store, projects);
      return { made: store.masksOfRecords(outcome.records ?? []), read: store.rootMasks() };
    });
    expect(made).toEqual(read);
    // A response in both folders has both bits.
    expect(new Set(made.values())).toEqual(new Set([1, 2, 3]));
  });

  it('reads a grown file from its last complete line, finishing a half-written one', async () => {
    const line1 = assistantLine({ id: 'm1', output: 10 });
    const line2 = assistantLine({ id: 'm2', output: 20, timestamp: '2026-11-20T11:00:00Z' });
    const dir = await fsFixture({ 'p/s.jsonl': `${line1}\n${line2.slice(0, 40)}` });
    const db = path.join(dir, 'l.db');
    const first = await sync(db, [dir]);
    expect(outputs(first.records)).toBe(10);
    expect(first.stats.malformedLines).toBe(1); // the half-written line, for now

    appendFileSync(path.join(dir, 'p/s.jsonl'), `${line2.slice(40)}\n`);
    const second = await sync(db, [dir]);
    expect(second.bytesSynced).toBe(line2.length + 1); // from the start of the unfinished line
    expect(outputs(second.records)).toBe(30);
    expect(second.stats).toMatchObject({ linesRead: 2, malformedLines: 0 });
  });

  it('keeps the usage of files that were deleted or cut short', async () => {
    const lines = [1, 2, 3].map((n) => assistantLine({ id: `m${n}`, output: n * 100 }));
    const dir = await fsFixture({ 'p/a.jsonl': lines, 'p/b.jsonl': [assistantLine({ id: 'm9' })] });
    const db = path.join(dir, 'l.db');
    expect(outputs((await sync(db, [dir])).records)).toBe(700);

    rmSync(path.join(dir, 'p/b.jsonl'));
    truncateSync(path.join(dir, 'p/a.jsonl'), (lines[0]?.length ?? 0) + 1);
    const after = await sync(db, [dir]);
    expect(outputs(after.records)).toBe(700);
    expect(after.stats.filesRead).toBe(1);
    // The logs alone have lost all but the first response.
    expect(outputs((await logsOf([dir])).records)).toBe(100);
  });

  it('reads a rewritten file again from the start, counting nothing twice', async () => {
    const a = assistantLine({ id: 'm1', output: 10 });
    const b = assistantLine({ id: 'm2', output: 20 });
    const keyless = assistantLine({ id: null, output: 5, timestamp: '2026-11-20T09:00:00Z' });
    const dir = await fsFixture({ 'p/s.jsonl': [a, keyless, b] });
    const file = path.join(dir, 'p/s.jsonl');
    const db = path.join(dir, 'l.db');
    expect(outputs((await sync(db, [dir])).records)).toBe(35);

    // Compaction: the same responses in another order, a more complete copy of m1, and a
    // new one; the file is longer, but its first bytes differ.
    const a2 = assistantLine({ id: 'm1', output: 15 });
    const c = assistantLine({ id: 'm3', output: 1000 });
    writeFileSync(file, `${b}\n${keyless}\n${a2}\n${c}\n`);
    const after = await sync(db, [dir]);
    expect(after.bytesSynced).toBe(b.length + keyless.length + a2.length + c.length + 4);
    expect(outputs(after.records)).toBe(20 + 5 + 15 + 1000);
    expect(after.records).toHaveLength(4);
  });

  it('reads a file again when its bytes before the resume point changed in place', async () => {
    const a = assistantLine({ id: 'm1', output: 10 });
    const dir = await fsFixture({ 'p/s.jsonl': [a] });
    const file = path.join(dir, 'p/s.jsonl');
    const db = path.join(dir, 'l.db');
    await sync(db, [dir]);
    const same = assistantLine({ id: 'm7', output: 70 }); // same length, other bytes
    expect(same.length).toBe(a.length);
    writeFileSync(file, `${same}\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = await sync(db, [dir]);
    expect(after.filesSynced).toBe(1);
    expect(outputs(after.records)).toBe(80);
  });

  it('counts a response met again in another file once, keeping the larger copy', async () => {
    const dir = await fsFixture({ 'p/a.jsonl': [assistantLine({ id: 'm1', output: 10 })] });
    const db = path.join(dir, 'l.db');
    await sync(db, [dir]);
    writeFileSync(
      path.join(dir, 'p/b.jsonl'),
      `${assistantLine({ id: 'm1', output: 40, timestamp: '2026-11-20T10:00:05Z' })}\n`,
    );
    const after = await sync(db, [dir]);
    expect(after.records).toHaveLength(1);
    expect(after.records[0]).toMatchObject({
      outputTokens: 40,
      file: path.join(dir, 'p/b.jsonl'),
    });
  });

  it('puts off a sync with more to read than maxBytes, and reads it all later', async () => {
    const lines = [1, 2, 3].map((n) => assistantLine({ id: `m${n}`, output: n }));
    const dir = await fsFixture({ 'p/s.jsonl': lines });
    const db = path.join(dir, 'l.db');
    const put = await withLedger(db, async (store) => {
      const outcome = await syncLedger(store, [dir], { maxBytes: 100 });
      return { ...outcome, records: store.records() };
    });
    expect(put).toMatchObject({ deferred: true, filesSynced: 0, bytesSynced: 0, records: [] });
    const later = await sync(db, [dir]);
    expect(later.deferred).toBe(false);
    expect(outputs(later.records)).toBe(6);
  });
});

describe('batchesOf', () => {
  const task = (name: string, size: number, from = 0) => ({
    path: name,
    root: '/p',
    project: 'p',
    size,
    mtimeMs: 0,
    subagent: false,
    session: 's',
    from,
  });
  const sizes = (batches: { size: number; from?: number }[][]) =>
    batches.map((batch) => batch.reduce((sum, t) => sum + t.size - (t.from ?? 0), 0));

  it('makes batches of about the same size, in path order, and a last one a quarter of them', () => {
    // 1,030 bytes with a limit of 256: four batches (1,030 / 256 = 4.02), three of 1,030 / 3.25
    // = 316.9 and a last one of a quarter of that: closed once 316.9, 633.8 and 950.8 are in,
    // at 400, 700 and 1,000; the last holds what is left.
    const tasks = [...Array.from({ length: 10 }, (_, i) => task(`f${i}`, 100)), task('g', 30)];
    const batches = batchesOf(tasks, 256);
    expect(sizes(batches)).toEqual([400, 300, 300, 30]);
    expect(batches.flat().map((t) => t.path)).toEqual(tasks.map((t) => t.path));
    // 1 GiB of 1 MiB files, in batches of 256 MiB: three of 315 MiB and one of 79.
    const mib = 1024 * 1024;
    const gib = Array.from({ length: 1024 }, (_, i) => task(`m${String(i).padStart(4, '0')}`, mib));
    expect(sizes(batchesOf(gib, 256 * mib)).map((bytes) => bytes / mib)).toEqual([
      316, 315, 315, 78,
    ]);
  });

  it('counts only what is left to read of a file, and keeps one batch under the limit', () => {
    expect(sizes(batchesOf([task('a', 500, 450), task('b', 20)], 256))).toEqual([70]);
    expect(batchesOf([task('a', 0), task('b', 0)], 256)).toHaveLength(1);
    expect(batchesOf([], 256)).toEqual([]);
  });

  it('lets a batch grow to half as large again rather than add one', () => {
    // 370 bytes, limit 256: one batch of 370 (1.45 batches round to 1); 400 makes two.
    expect(sizes(batchesOf([task('a', 200), task('b', 170)], 256))).toEqual([370]);
    expect(sizes(batchesOf([task('a', 200), task('b', 200)], 256))).toEqual([200, 200]);
  });
});

describe('rootsMask', () => {
  it('is no filter when every folder the ledger read is in view, a mask otherwise', async () => {
    const dir = await fsFixture({});
    const projects = ['root-a', 'root-b'].map((root) => path.join(rules, root, 'projects'));
    await withLedger(path.join(dir, 'l.db'), async (store) => {
      await syncLedger(store, projects);
      expect(store.rootsMask(projects)).toBeUndefined();
      expect(store.rootsMask([...projects, '/elsewhere'])).toBeUndefined();
      const one = store.rootsMask([projects[0] ?? '']);
      expect(one).toBe(1);
      // One folder's report from the ledger: its responses, and those kept from the other
      // folder that it also holds a copy of.
      const all = store.records();
      const mine = store.records({ roots: one });
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThan(all.length);
    });
  });
});
