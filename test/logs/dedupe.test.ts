import { describe, expect, it } from 'vitest';
import { ResponseDeduper } from '../../src/logs/dedupe.js';
import type { UsageRecord } from '../../src/types.js';
import { pricedRecord } from '../helpers/lines.js';

function dedupeResponses(records: UsageRecord[]): UsageRecord[] {
  const deduper = new ResponseDeduper();
  for (const record of records) deduper.add(record);
  return deduper.records();
}

function copy(overrides: Partial<UsageRecord>): UsageRecord {
  const {
    cost: _cost,
    unpriced: _unpriced,
    ...record
  } = pricedRecord({ key: 'msg_1:req_1', ...overrides });
  return record;
}

describe('ResponseDeduper', () => {
  it('keeps the copy with the largest output, whatever order the copies come in', () => {
    const copies = [
      copy({ outputTokens: 1 }),
      copy({ outputTokens: 400 }),
      copy({ outputTokens: 50 }),
    ];
    for (const order of [copies, [...copies].reverse()]) {
      const kept = dedupeResponses(order);
      expect(kept).toHaveLength(1);
      expect(kept[0]?.outputTokens).toBe(400);
    }
  });

  it('keeps the right copy when copies follow one another, and when others come between', () => {
    // a1 a2 b1 a3 a4: a2 loses to a1 right after it, a3 wins after b, a4 loses to a3 after it.
    const a = (outputTokens: number, timestamp: number) =>
      copy({ key: 'a', outputTokens, timestamp });
    const b = copy({ key: 'b', outputTokens: 7, timestamp: 3 });
    const records = [a(50, 1), a(5, 2), b, a(90, 4), a(60, 5)];
    const deduper = new ResponseDeduper();
    for (const record of records) deduper.add(record);
    expect(deduper.records().map((r) => [r.key, r.outputTokens])).toEqual([
      ['b', 7],
      ['a', 90],
    ]);
    // The same with lists: the losers are left out of them.
    const ordered = new ResponseDeduper();
    ordered.addOrdered(records.slice(0, 2));
    ordered.addOrdered(records.slice(2));
    expect(ordered.records().map((r) => [r.key, r.outputTokens])).toEqual([
      ['b', 7],
      ['a', 90],
    ]);
  });

  it('matches copies across files and roots by the global key', () => {
    const kept = dedupeResponses([
      copy({ file: '/a/projects/p/s1.jsonl', outputTokens: 30 }),
      copy({ file: '/b/projects/p/s2.jsonl', outputTokens: 80 }),
      copy({ key: 'msg_2:req_2', file: '/b/projects/p/s2.jsonl' }),
    ]);
    expect(kept.map((record) => [record.key, record.outputTokens])).toEqual([
      ['msg_1:req_1', 80],
      ['msg_2:req_2', 0],
    ]);
  });

  it('counts every keyless record as it is', () => {
    const keyless = copy({ key: null, outputTokens: 7 });
    expect(dedupeResponses([keyless, { ...keyless }])).toHaveLength(2);
  });

  it('picks the same copy among equal ones regardless of file order', () => {
    const early = copy({ file: '/z.jsonl', timestamp: 1000, sessionId: 'early' });
    const late = copy({ file: '/a.jsonl', timestamp: 2000, sessionId: 'late' });
    expect(dedupeResponses([early, late])[0]?.sessionId).toBe('early');
    expect(dedupeResponses([late, early])[0]?.sessionId).toBe('early');
    const first = copy({ file: '/a.jsonl', sessionId: 'a' });
    const second = copy({ file: '/b.jsonl', sessionId: 'b' });
    expect(dedupeResponses([second, first])[0]?.sessionId).toBe('a');
  });

  it('returns records oldest first', () => {
    const kept = dedupeResponses([
      copy({ key: 'k2', timestamp: 2000 }),
      copy({ key: null, timestamp: 500 }),
      copy({ key: 'k1', timestamp: 1000 }),
    ]);
    expect(kept.map((record) => record.timestamp)).toEqual([500, 1000, 2000]);
  });
});

describe('ResponseDeduper, records read apart', () => {
  /** Three readers' records: copies of 400 responses in 30 files, some at one time. */
  function readersRecords(): UsageRecord[][] {
    const readers: UsageRecord[][] = [[], [], []];
    for (let i = 0; i < 1200; i++) {
      const response = i % 400;
      const file = `/p/f${(i * 7) % 30}.jsonl`;
      readers[(i * 13) % 3]?.push(
        copy({
          key: `msg_${response}:req`,
          file,
          timestamp: Date.parse('2026-11-20T10:00:00Z') + (response % 50) * 1000,
          outputTokens: (i * 31) % 97,
        }),
      );
    }
    return readers;
  }

  it('merges lists in order, less the copies that lost, into what one sort gives', () => {
    const readers = readersRecords();
    const sorted = dedupeResponses(readers.flat());
    expect(sorted).toHaveLength(400);
    const merged = new ResponseDeduper();
    const [first = [], ...others] = readers;
    for (const record of first) merged.add(record);
    merged.orderNow();
    for (const reader of others) {
      const inOrder = dedupeResponses(reader);
      merged.addOrdered(inOrder);
    }
    expect(merged.records()).toEqual(sorted);
  });

  it('sorts whole when a record is in two lists and another in none', () => {
    const [a, b, c] = ['msg_a:r', 'msg_b:r', 'msg_c:r'].map((key, i) =>
      copy({ key, timestamp: Date.parse('2026-11-20T10:00:00Z') + i }),
    ) as [UsageRecord, UsageRecord, UsageRecord];
    const deduper = new ResponseDeduper();
    deduper.add(a);
    deduper.add(b);
    deduper.orderNow();
    deduper.add(c);
    deduper.addOrdered([a]);
    expect(deduper.records()).toEqual([a, b, c]);
  });

  it('sorts whole when records came after the lists were put in order', () => {
    const readers = readersRecords();
    const deduper = new ResponseDeduper();
    deduper.addOrdered(dedupeResponses(readers[0] ?? []));
    for (const record of readers[1] ?? []) deduper.add(record);
    deduper.orderNow();
    for (const record of readers[2] ?? []) deduper.add(record);
    expect(deduper.records()).toEqual(dedupeResponses(readers.flat()));
  });
});
