import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLedger } from '../../src/ledger/ledger.js';
import { decodeRecords, encodeRecords } from '../../src/ledger/snapshot.js';
import { syncLedger } from '../../src/ledger/sync.js';
import { findTranscriptFiles } from '../../src/logs/files.js';
import { readTranscripts } from '../../src/logs/load.js';
import type { PricedRecord } from '../../src/types.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { asStored, assistantLine, pricedRecord } from '../helpers/lines.js';

describe('encodeRecords / decodeRecords', () => {
  it('gives back the records, nulls, flags, costs and any text included', () => {
    const records = [
      pricedRecord({ key: 'm1:r1', cwd: null, loggedCostUSD: null, fast: true, cost: null }),
      pricedRecord({
        key: 'm2:r2',
        cost: null, // records are priced after loading
        timestamp: Date.parse('2026-11-20T10:00:00.123Z'),
        sessionId: 'séance-☃',
        project: '-home-zoë',
        cwd: '/home/zoë',
        model: 'claude-opus-4-6',
        sidechain: true,
        loggedCostUSD: 0.012345,
        inputTokens: 1,
        outputTokens: 2_000_000,
        cacheWrite5mTokens: 3,
        cacheWrite1hTokens: 4,
        cacheReadTokens: 5,
        file: '/logs/a "quoted" file.jsonl',
      }),
    ];
    const masks = new Map([
      ['m1:r1', 1],
      ['m2:r2', 2 ** 30],
    ]);
    const maskOf = (record: PricedRecord) => masks.get(record.key ?? '') ?? 0;
    const decoded = new Map<string, number>();
    expect(decodeRecords(encodeRecords(records, maskOf), decoded)).toEqual(asStored(records));
    expect(decoded).toEqual(masks);
    // A blob inside a larger buffer, at an aligned or an unaligned offset, decodes the same.
    const blob = encodeRecords(records, maskOf);
    for (const offset of [8, 3]) {
      const within = new Uint8Array(blob.byteLength + 16);
      within.set(blob, offset);
      expect(
        decodeRecords(within.subarray(offset, offset + blob.byteLength), new Map()),
        `offset ${offset}`,
      ).toEqual(asStored(records));
    }
    expect(decodeRecords(encodeRecords([], maskOf), decoded)).toEqual([]);
  });

  it('refuses a blob of another format', () => {
    expect(decodeRecords(Buffer.from('not a snapshot at all'), new Map())).toBeNull();
    expect(decodeRecords(Buffer.alloc(3), new Map())).toBeNull();
    // A flipped byte fails the checksum, whichever byte it is.
    const blob = encodeRecords([pricedRecord({ key: 'm1:r1', outputTokens: 77 })], () => 0);
    for (const at of [20, blob.length - 1]) {
      const flipped = Buffer.from(blob);
      flipped[at] = (flipped[at] ?? 0) ^ 1;
      expect(decodeRecords(flipped, new Map()), String(at)).toBeNull();
    }
  });
});

describe('the snapshot in the ledger', () => {
  it('is written once many responses are new, and merged with what came after', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) =>
      assistantLine({
        id: `m${i}`,
        output: i,
        timestamp: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
      }),
    );
    const dir = await fsFixture({ 'p/s.jsonl': lines });
    const db = path.join(dir, 'l.db');
    const ledger = async () =>
      withLedger(db, async (store) => {
        await syncLedger(store, [dir]);
        const snapshot = store.db.prepare('SELECT version FROM snapshot').pluck().get();
        return { records: store.records(), snapshot };
      });
    const logs = async () => {
      const { files } = await findTranscriptFiles([dir]);
      return asStored((await readTranscripts(files)).records);
    };

    const first = await ledger();
    expect(first.snapshot).toBeUndefined(); // written while reading the records
    expect(first.records).toEqual(await logs());
    const second = await ledger();
    expect(second.snapshot).toBe(1);
    expect(second.records).toEqual(first.records);

    // A more complete copy of a response in the snapshot, and a new one.
    appendFileSync(
      path.join(dir, 'p/s.jsonl'),
      `${assistantLine({ id: 'm5', output: 5000, timestamp: '2026-11-01T00:05:00.000Z' })}\n` +
        `${assistantLine({ id: 'new', output: 1, timestamp: '2026-10-01T00:00:00.000Z' })}\n`,
    );
    const third = await ledger();
    expect(third.snapshot).toBe(1); // two rows to merge: not worth a new snapshot
    expect(third.records).toEqual(await logs());
    expect(third.records).toHaveLength(2501);
    expect(third.records[0]?.key).toBe('new:req_1');
  });

  it('is not needed by a filtered read: the rows of the window and of the session, in order', async () => {
    const at = (i: number) => new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000);
    const lines = Array.from({ length: 30 }, (_, i) =>
      assistantLine({
        id: `m${i}`,
        output: i,
        sessionId: i % 2 === 0 ? 'even' : 'odd',
        timestamp: at(i).toISOString(),
      }),
    );
    const dir = await fsFixture({ 'p/s.jsonl': lines });
    const since = at(20).getTime();
    const { snapshot, wanted, all } = await withLedger(path.join(dir, 'l.db'), async (store) => {
      await syncLedger(store, [dir]);
      const wanted = store.records({ wanted: { since, sessionId: 'even' } });
      const snapshot = store.db.prepare('SELECT version FROM snapshot').pluck().get();
      return { snapshot, wanted, all: store.records() };
    });
    expect(snapshot).toBeUndefined(); // the filtered read wrote none
    expect(all).toHaveLength(30);
    // The 15 of session even, and the 5 odd ones from minute 20 on: 20.
    expect(wanted).toEqual(
      all.filter((record) => record.timestamp >= since || record.sessionId === 'even'),
    );
    expect(wanted).toHaveLength(20);
  });
});
