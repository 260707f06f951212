import { describe, expect, it } from 'vitest';
import {
  activeBlock,
  blockSpans,
  maxTokensOfFinishedBlocks,
  usageBlocks,
} from '../../src/report/blocks.js';
import { pricedRecord } from '../helpers/lines.js';

const at = (iso: string) => Date.parse(iso);
const request = (iso: string, outputTokens: number, cost: number) =>
  pricedRecord({ timestamp: at(iso), outputTokens, cost });

const records = [
  request('2026-11-20T10:20:00Z', 100, 1),
  request('2026-11-20T11:00:00Z', 100, 1),
  request('2026-11-20T14:59:59Z', 100, 1), // still in the 10:00-15:00 window
  request('2026-11-20T15:00:00Z', 1000, 3), // opens the next one, at 15:00
  request('2026-11-21T08:30:00Z', 50, 0.5),
];

describe('usageBlocks', () => {
  it('finds the same windows whatever order the requests come in', () => {
    const now = at('2026-11-23T00:00:00Z');
    expect(usageBlocks([...records].reverse(), now)).toEqual(usageBlocks(records, now));
  });

  it('opens a window at the hour of the first request and keeps it for five hours', () => {
    const blocks = usageBlocks(records, at('2026-11-23T00:00:00Z'));
    expect(
      blocks.map((b) => [new Date(b.start).toISOString(), b.requests, b.outputTokens, b.cost]),
    ).toEqual([
      ['2026-11-20T10:00:00.000Z', 3, 300, 3],
      ['2026-11-20T15:00:00.000Z', 1, 1000, 3],
      ['2026-11-21T08:00:00.000Z', 1, 50, 0.5],
    ]);
    expect(blocks.every((b) => !b.isActive)).toBe(true);
    expect(maxTokensOfFinishedBlocks(blockSpans(records), at('2026-11-23T00:00:00Z'))).toBe(1000);
  });

  it('gives the open window its burn rate and projection', () => {
    const now = at('2026-11-21T10:00:00Z'); // 2 h into the 08:00-13:00 window
    const blocks = usageBlocks(records, now);
    const active = activeBlock(blocks, now);
    expect(active?.block.start).toBe(at('2026-11-21T08:00:00Z'));
    expect(active?.remainingMs).toBe(3 * 3_600_000);
    // 50 tokens and $0.50 over 2 hours: 25 tokens/h and $0.25/h; 3 more hours at that rate.
    expect(active?.tokensPerHour).toBe(25);
    expect(active?.costPerHour).toBe(0.25);
    expect(active?.projectedTokens).toBe(125);
    expect(active?.projectedCost).toBe(1.25);
    expect(maxTokensOfFinishedBlocks(blockSpans(records), now)).toBe(1000);
    // Half an hour before the 15:00 window ends, it is not finished: the most is the first's.
    expect(maxTokensOfFinishedBlocks(blockSpans(records), at('2026-11-20T19:30:00Z'))).toBe(300);
  });
});
