import { describe, expect, it } from 'vitest';
import { projectPathOf, sessionRows, sessionsMatching } from '../../src/report/sessions.js';
import { pricedRecord } from '../helpers/lines.js';

const at = (iso: string) => Date.parse(iso);

const records = [
  pricedRecord({
    sessionId: 'aaa1',
    timestamp: at('2026-11-20T10:00:00Z'),
    outputTokens: 10,
    cost: 1,
  }),
  pricedRecord({
    sessionId: 'aaa1',
    timestamp: at('2026-11-20T10:05:00Z'),
    outputTokens: 10,
    cost: 1,
  }),
  // 25 minutes idle: not active time
  pricedRecord({
    sessionId: 'aaa1',
    timestamp: at('2026-11-20T10:30:00Z'),
    outputTokens: 10,
    cost: 1,
    sidechain: true,
  }),
  pricedRecord({
    sessionId: 'aaa1',
    timestamp: at('2026-11-20T10:38:00Z'),
    outputTokens: 10,
    cost: 1,
    cwd: '/elsewhere',
  }),
  pricedRecord({
    sessionId: 'bbb2',
    timestamp: at('2026-11-21T09:00:00Z'),
    outputTokens: 500,
    cost: 2,
  }),
];

describe('sessionRows', () => {
  const rows = sessionRows(records, 'cost');

  it('sums each session, subagent requests included, with active time', () => {
    expect(
      rows.map((row) => [row.sessionId, row.requests, row.cost, row.subagentRequests]),
    ).toEqual([
      ['aaa1', 4, 4, 1],
      ['bbb2', 1, 2, 0],
    ]);
    // 5 min + 8 min; the 25-minute gap is idle
    expect(rows[0]?.activeMs).toBe(13 * 60_000);
    expect(rows[0]).toMatchObject({
      first: at('2026-11-20T10:00:00Z'),
      last: at('2026-11-20T10:38:00Z'),
    });
    expect(rows[0]?.projectPath).toBe('/home/ann/app');
  });

  it('sorts by cost, tokens or most recent activity', () => {
    expect(sessionRows(records, 'tokens').map((row) => row.sessionId)).toEqual(['bbb2', 'aaa1']);
    expect(sessionRows(records, 'date').map((row) => row.sessionId)).toEqual(['bbb2', 'aaa1']);
  });

  it('finds sessions by id prefix', () => {
    expect(sessionsMatching(records, 'a')).toEqual(['aaa1']);
    expect(sessionsMatching(records, '')).toEqual(['aaa1', 'bbb2']);
    expect(sessionsMatching(records, 'z')).toEqual([]);
  });
});

describe('projectPathOf', () => {
  it('takes the working directory most requests name, else the folder', () => {
    expect(projectPathOf(records)).toBe('/home/ann/app');
    expect(projectPathOf([pricedRecord({ cwd: null, project: '-x-y' })])).toBe('-x-y');
  });
});
