import { describe, expect, it } from 'vitest';
import { exportChunks } from '../../src/format/export.js';
import type { Cell } from '../../src/report/export-rows.js';

const head = {
  groupBy: 'request' as const,
  from: '2026-01-01',
  to: '2026-01-02',
  timeZone: 'UTC',
  columns: ['id', 'requests', 'cost'],
};

function* rows(n: number): Generator<Record<string, Cell>> {
  for (let i = 0; i < n; i++) yield { id: `r${i}`, requests: 1, cost: 0.000001 * i };
}

describe('exportChunks', () => {
  it('streams a large export in bounded chunks, never one string', () => {
    let chunks = 0;
    let largest = 0;
    let lines = 0;
    for (const chunk of exportChunks('csv', head, rows(200_000), {})) {
      chunks++;
      largest = Math.max(largest, chunk.length);
      lines += chunk.split('\r\n').length - 1;
    }
    expect(lines).toBe(200_001);
    expect(chunks).toBeGreaterThan(50);
    expect(largest).toBeLessThan(70 * 1024);
  });

  it('writes NDJSON rows with schemaVersion on each', () => {
    const text = [...exportChunks('ndjson', head, rows(3), {})].join('');
    const parsed = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(parsed).toEqual([
      { schemaVersion: 3, id: 'r0', requests: 1, cost: 0 },
      { schemaVersion: 3, id: 'r1', requests: 1, cost: 0.000001 },
      { schemaVersion: 3, id: 'r2', requests: 1, cost: 0.000002 },
    ]);
  });

  it('writes one JSON document with the rows, their totals and meta', () => {
    const json = JSON.parse([...exportChunks('json', head, rows(4), { note: 'm' })].join(''));
    expect(json).toMatchObject({
      schemaVersion: 3,
      groupBy: 'request',
      columns: head.columns,
      meta: { note: 'm' },
    });
    expect(json.rows).toHaveLength(4);
    expect(json.totals).toMatchObject({ requests: 4, cost: 0.000006 });
    expect(JSON.parse([...exportChunks('json', head, rows(0), {})].join('')).rows).toEqual([]);
  });
});
