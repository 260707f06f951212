import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newer, officialFiguresOf } from '../../src/limits/official.js';
import { REPO } from '../helpers/cli.js';

/** fixtures/statusline/EXPECTED.md: every payload is read at 2026-12-01T12:00:00Z. */
const NOW = Date.UTC(2026, 11, 1, 12);
const HOUR = 3_600_000;

function figuresOf(name: string) {
  const raw = readFileSync(path.join(REPO, 'fixtures', 'statusline', name), 'utf8');
  return officialFiguresOf(JSON.parse(raw), NOW);
}

describe('officialFiguresOf', () => {
  it('keeps both windows and the session estimate of a full payload', () => {
    expect(figuresOf('full.json')).toEqual({
      limits: {
        fiveHour: {
          usedPercentage: 42,
          resetsAt: NOW + 2 * HOUR,
          observedAt: NOW,
          sessionId: 's1',
          version: '2.1.250',
        },
        sevenDay: {
          usedPercentage: 18.5,
          resetsAt: NOW + 72 * HOUR,
          observedAt: NOW,
          sessionId: 's1',
          version: '2.1.250',
        },
      },
      estimate: {
        sessionId: 's1',
        costUsd: 1.2345,
        observedAt: NOW,
        source: 'statusline',
        version: '2.1.250',
      },
    });
  });

  it('keeps a percentage over 100 and a cost of zero', () => {
    const figures = figuresOf('over-100.json');
    expect(figures.limits.fiveHour?.usedPercentage).toBe(104.5);
    expect(figures.limits.sevenDay?.resetsAt).toBe(NOW + 24 * HOUR);
    expect(figures.estimate?.costUsd).toBe(0);
  });

  it('has no windows without rate_limits, and one when only one is there', () => {
    const none = figuresOf('no-rate-limits.json');
    expect(none.limits).toEqual({ fiveHour: null, sevenDay: null });
    expect(none.estimate).toMatchObject({ sessionId: 's3', costUsd: 0.5 });
    const one = figuresOf('only-five-hour.json');
    expect(one.limits.fiveHour).toMatchObject({ usedPercentage: 7.25, resetsAt: NOW + 4 * HOUR });
    expect(one.limits.sevenDay).toBeNull();
    expect(one.estimate).toBeNull();
  });

  it('ignores strings, nulls, past resets, resets too far ahead and negative costs', () => {
    for (const name of ['bad-values.json', 'past-reset.json', 'null-limits.json']) {
      expect(figuresOf(name), name).toEqual({
        limits: { fiveHour: null, sevenDay: null },
        estimate: null,
      });
    }
  });

  it('never throws on a payload that is not an object', () => {
    for (const payload of [null, 42, 'text', [1, 2], { rate_limits: 'soon' }, undefined]) {
      expect(officialFiguresOf(payload, NOW)).toEqual({
        limits: { fiveHour: null, sevenDay: null },
        estimate: null,
      });
    }
  });
});

describe('newer', () => {
  it('takes the later observation, or whichever there is', () => {
    const early = { observedAt: 1 };
    const late = { observedAt: 2 };
    expect(newer(early, late)).toBe(late);
    expect(newer(late, early)).toBe(late);
    expect(newer(null, early)).toBe(early);
    expect(newer(early, null)).toBe(early);
    expect(newer(null, null)).toBeNull();
  });
});
