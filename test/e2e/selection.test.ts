import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

/** One request a line, numbered, at the given UTC times (output 100 each, $0.0015 each). */
function requests(times: string[], more: Parameters<typeof assistantLine>[0] = {}): string[] {
  return times.map((time, i) =>
    assistantLine({ id: `m${i}`, requestId: `r${i}`, timestamp: time, output: 100, ...more }),
  );
}

function json(args: string[], env: Record<string, string> = {}) {
  const result = runCli([...args, '--json'], env);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('blocks come from the whole history', () => {
  it('shows the same windows for one day as --all shows on that day', async () => {
    const logs = await fsFixture({
      'projects/-home-ann-app/s.jsonl': requests([
        '2026-11-19T20:30:00Z', // opens 20:00-01:00
        '2026-11-19T23:00:00Z',
        '2026-11-20T00:30:00Z', // still in the window that began the day before
        '2026-11-20T01:30:00Z', // opens 01:00-06:00
        '2026-11-20T03:00:00Z',
        '2026-11-20T08:10:00Z', // opens 08:00-13:00
      ]),
    });
    const args = ['blocks', '--data-dir', logs, '--timezone', 'UTC'];
    const starts = (report: { blocks: { startTime: string; requests: number }[] }) =>
      report.blocks.map((block) => [block.startTime, block.requests]);
    const all = json([...args, '--all']);
    expect(starts(all)).toEqual([
      ['2026-11-19T20:00:00+00:00', 3],
      ['2026-11-20T01:00:00+00:00', 2],
      ['2026-11-20T08:00:00+00:00', 1],
    ]);
    const day = json([...args, '--since', '2026-11-20', '--until', '2026-11-20']);
    expect(starts(day)).toEqual(starts(all).slice(1));
    // An earlier --until does not change what a window holds.
    const until = json([...args, '--since', '2026-11-19', '--until', '2026-11-19']);
    expect(starts(until)).toEqual([['2026-11-19T20:00:00+00:00', 3]]);
    expect(until.blocks[0].totalCost).toBe(all.blocks[0].totalCost);
  });
});
