import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUIET_OR_MALFORMED, REPO, runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const expected = JSON.parse(readFileSync(path.join(rules, 'expected.json'), 'utf8'));
const berlin = [...expected.args, '--timezone', 'Europe/Berlin'];
const dataDirs = (expected.args as string[]).filter((arg) => arg !== '--all');

function json(args: string[]) {
  const result = runCli([...args, '--json']);
  expect(result.stderr).toMatch(QUIET_OR_MALFORMED);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe('every report on fixtures/rules adds up to the hand-computed totals', () => {
  it.each([
    [['weekly'], 'weekly'],
    [['weekly', '--start-of-week', 'sunday'], 'weekly'],
    [['monthly'], 'monthly'],
    [['sessions'], 'sessions'],
    [['models'], 'models'],
    [['projects'], 'projects'],
    [['hourly'], 'hourly'],
    [['hourly', '--by-hour-of-day'], 'hourOfDay'],
    [['blocks'], 'blocks'],
  ])('usage %j', (command, key) => {
    const report = json([...command, ...berlin]);
    const rows = report[key] as { totalTokens: number; requests: number }[];
    expect(rows.reduce((sum, row) => sum + row.totalTokens, 0)).toBe(expected.totals.totalTokens);
    expect(rows.reduce((sum, row) => sum + row.requests, 0)).toBe(expected.requests);
    if (report.totals) expect(report.totals.totalCost).toBe(expected.totals.totalCost);
  });

  it('has sessions with subagents inside their parent, and projects by real path', () => {
    const sessions = json(['sessions', ...berlin]).sessions;
    // s1 holds A, B, K; s2 holds C, D, E, F (D, E, F from subagents); s3 holds G, H.
    expect(
      sessions.map((s: { sessionId: string; requests: number; subagentRequests: number }) => [
        s.sessionId,
        s.requests,
        s.subagentRequests,
      ]),
    ).toEqual([
      ['s3', 2, 0],
      ['s1', 3, 0],
      ['s2', 4, 3],
    ]);
    const projects = json(['projects', ...berlin]).projects;
    expect(
      projects.map((p: { projectPath: string; totalTokens: number }) => [
        p.projectPath,
        p.totalTokens,
      ]),
    ).toEqual([
      ['/home/bob/api', 11041],
      ['/home/ann/app', 12807 + 12665],
    ]);
  });

  it('shows one day in detail (2026-11-19: C, D, E, F)', () => {
    const { day } = json(['--day', '2026-11-19', ...dataDirs, '--timezone', 'Europe/Berlin']);
    expect(day).toMatchObject({
      date: '2026-11-19',
      totalTokens: 12665,
      totalCost: 0.007505,
      requests: 4,
      sessions: 1,
    });
    expect(
      day.models.map((m: { modelName: string; cost: number; costShare: number }) => [
        m.modelName,
        m.cost,
      ]),
    ).toEqual([
      ['claude-sonnet-4-5-20250929', 0.005565],
      ['claude-haiku-4-5-20251001', 0.00194],
    ]);
    // cache hit rate: 11,400 / (11,400 + 355 + 600)
    expect(day.cacheHitRate).toBeCloseTo(11400 / 12355, 12);
    expect(day.hours).toHaveLength(24);
    expect(day.peakHour).toBe('11:00');
    // November is over (tests run on the real today): its actual total, not an estimate.
    expect(day.projection).toMatchObject({ isEstimate: false, daysLeft: 0 });
    expect(day.projection.estimate).toBe(day.projection.monthToDate);
  });

  it('shows one session request by request, found by a prefix', () => {
    const detail = json(['sessions', 's2', ...berlin]);
    expect(detail.session).toMatchObject({ sessionId: 's2', requests: 4, totalTokens: 12665 });
    expect(
      detail.requests.map((r: { model: string; subagent: boolean }) => [r.model, r.subagent]),
    ).toEqual([
      ['claude-sonnet-4-5-20250929', false],
      ['claude-haiku-4-5-20251001', true],
      ['claude-haiku-4-5-20251001', true],
      ['claude-haiku-4-5-20251001', true],
    ]);
    const ambiguous = runCli(['sessions', 's', ...berlin]);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/'s' starts 3 session ids: s1, s2, s3/);
    expect(runCli(['sessions', 'zz', ...berlin]).status).toBe(1);
  });

  it('filters by model name', () => {
    const report = json([...berlin, '--model', 'haiku-4-5']);
    expect(report.totals).toMatchObject({ requests: 3, inputTokens: 350, outputTokens: 190 });
  });

  it('fits every table in 80 columns when piped', () => {
    for (const command of [
      [],
      ['--day', '2026-11-19'],
      ['weekly'],
      ['monthly'],
      ['sessions'],
      ['models'],
      ['projects'],
      ['hourly'],
      ['blocks'],
      ['tools'],
    ]) {
      const args =
        command[0] === '--day'
          ? [...command, ...dataDirs, '--timezone', 'Europe/Berlin']
          : [...command, ...berlin];
      const result = runCli(args);
      expect(result.status, command.join(' ')).toBe(0);
      for (const line of result.stdout.trimEnd().split('\n')) {
        expect(line.length, `${command.join(' ')}: ${line}`).toBeLessThanOrEqual(80);
      }
    }
  });
});

describe('time zones and DST in the CLI', () => {
  it('gives the day Berlin clocks go back 25 hours, and the hourly timeline both 02:00s', async () => {
    const dir = await fsFixture({
      'projects/p/s.jsonl': [
        assistantLine({ id: 'a', timestamp: '2026-10-25T00:30:00Z', output: 10 }),
        assistantLine({ id: 'b', timestamp: '2026-10-25T01:30:00Z', output: 20 }),
      ],
    });
    const day = json(['--day', '2026-10-25', '--data-dir', dir, '--timezone', 'Europe/Berlin']).day;
    expect(day.hours).toHaveLength(25);
    const hourly = json([
      'hourly',
      '--since',
      '2026-10-25',
      '--until',
      '2026-10-25',
      '--data-dir',
      dir,
      '--timezone',
      'Europe/Berlin',
    ]);
    expect(
      hourly.hourly.map((h: { hour: string; outputTokens: number }) => [h.hour, h.outputTokens]),
    ).toEqual([
      ['2026-10-25T02:00+02:00', 10],
      ['2026-10-25T02:00+01:00', 20],
    ]);
    const spring = json([
      '--day',
      '2026-03-08',
      '--data-dir',
      dir,
      '--timezone',
      'America/New_York',
    ]).day;
    expect(spring.hours).toHaveLength(23);
  });
});

describe('usage tools', () => {
  it('counts each tool call once, though its response is copied into other files', async () => {
    const withTools = (id: string, tools: [string, string][]) => {
      const line = JSON.parse(assistantLine({ id, timestamp: '2026-11-20T10:00:00Z' }));
      line.message.content = tools.map(([toolId, name]) => ({
        type: 'tool_use',
        id: toolId,
        name,
        input: {},
      }));
      return JSON.stringify(line);
    };
    const dir = await fsFixture({
      'projects/p/s1.jsonl': [withTools('m1', [['t1', 'Read']]), withTools('m1', [['t2', 'Edit']])],
      'projects/p/s2.jsonl': [withTools('m1', [['t1', 'Read']]), withTools('m2', [['t3', 'Read']])],
    });
    const report = json(['tools', '--data-dir', dir, '--all']);
    expect(report.tools).toEqual([
      { name: 'Read', calls: 2, share: 2 / 3, sessions: 1 },
      { name: 'Edit', calls: 1, share: 1 / 3, sessions: 1 },
    ]);
    expect(report.totals.calls).toBe(3);
  });
});
