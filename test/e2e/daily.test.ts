import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, QUIET_OR_MALFORMED, REPO, RULES_STDERR, runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const expected = JSON.parse(readFileSync(path.join(rules, 'expected.json'), 'utf8'));
const ESC = '\u001b[';

function json(args: string[], env: Record<string, string> = {}) {
  const result = runCli([...args, '--json'], env);
  expect(result.stderr).toMatch(QUIET_OR_MALFORMED);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** The fields of a day that expected.json states, so the file decides what is compared. */
const DAY_FIELDS = Object.keys(expected.days.UTC[0]);

function dayFigures(day: Record<string, unknown>) {
  return Object.fromEntries(DAY_FIELDS.map((field) => [field, day[field]]));
}

describe('usage --json on fixtures/rules', () => {
  it.each(['Europe/Berlin', 'UTC'])('matches the hand-computed days in %s', (zone) => {
    const report = json([...expected.args, '--timezone', zone]);
    expect(report.daily.map(dayFigures)).toEqual(expected.days[zone]);
    expect(report.totals).toMatchObject(expected.totals);
    expect(report.meta).toMatchObject({
      timeZone: zone,
      filesRead: expected.filesRead,
      linesRead: expected.linesRead,
      malformedLines: expected.malformedLines,
      unpricedModels: [],
      unreadable: [],
    });
  });

  it('gives the same report when reading on worker threads', () => {
    const report = json([...expected.args, '--timezone', 'Europe/Berlin'], {
      USAGE_LEDGER_THREADS: '3',
    });
    expect(report.daily.map(dayFigures)).toEqual(expected.days['Europe/Berlin']);
    expect(report.meta).toMatchObject({
      filesRead: expected.filesRead,
      linesRead: expected.linesRead,
      malformedLines: expected.malformedLines,
    });
  });

  it('reads the same roots from CLAUDE_CONFIG_DIR', () => {
    const roots = `${path.join(rules, 'root-a')},${path.join(rules, 'root-b')}`;
    const report = json(['--all', '--timezone', 'UTC'], { CLAUDE_CONFIG_DIR: roots });
    expect(report.daily.map(dayFigures)).toEqual(expected.days.UTC);
  });

  it('keeps one project, named by its path, last path part or folder', () => {
    for (const name of ['api', '/home/bob/api', '-home-bob-api']) {
      const report = json([...expected.args, '--timezone', 'UTC', '--project', name]);
      expect(report.daily.map((day: { date: string }) => day.date)).toEqual(['2026-11-20']);
      expect(report.totals.totalTokens).toBe(11041);
      expect(report.meta.project).toBe(name);
    }
  });

  it('shows a default week ending today, zero days included', async () => {
    const now = Date.now();
    const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
    const dir = await fsFixture({
      'projects/p/s.jsonl': [
        assistantLine({ id: 'm1', timestamp: iso(0), output: 11 }),
        assistantLine({ id: 'm2', timestamp: iso(3), output: 22 }),
        assistantLine({ id: 'm3', timestamp: iso(9), output: 44 }),
      ],
    });
    const report = json(['--data-dir', dir]);
    expect(report.daily).toHaveLength(7);
    expect(report.daily[6].date).toBe(iso(0).slice(0, 10));
    expect(report.daily[6].outputTokens).toBe(11);
    expect(report.daily[3].outputTokens).toBe(22);
    expect(report.totals.outputTokens).toBe(33);
  });
});

describe('usage (table)', () => {
  const args = [...expected.args, '--timezone', 'Europe/Berlin'];

  it('prints the report alone on stdout, within 80 columns and without colour when piped', () => {
    const result = runCli(args);
    expect(result.status).toBe(0);
    // Notes go to stderr: the skipped lines, once; no layout note when piped.
    expect(result.stderr).toBe(RULES_STDERR);
    expect(result.stdout).not.toContain(ESC);
    for (const line of result.stdout.trimEnd().split('\n'))
      expect(line.length).toBeLessThanOrEqual(80);
    expect(result.stdout).toMatch(/2026-11-18 .* 12,807 .* \$0\.04/);
    expect(result.stdout).toMatch(/Total .* 36,513 .* \$0\.10/);
    expect(result.stdout).not.toContain('malformed');
  });

  it('uses the full layout when COLUMNS allows it', () => {
    const result = runCli([...args, '--breakdown'], { COLUMNS: '160' });
    expect(result.stdout).toMatch(/Input .* Output .* Cache write .* Cache read .* Total tokens/);
    expect(result.stdout).toMatch(/2026-11-19 .* 355 .* 310 .* 600 .* 11,400 .* 12,665/);
    expect(result.stdout).toMatch(/└ haiku-4-5 .* 350 .* 190 .* 400 .* 1,400 .* 2,340/);
  });

  it('colours only when asked: FORCE_COLOR or --color, never with --no-color', () => {
    expect(runCli(args, { FORCE_COLOR: '1' }).stdout).toContain(ESC);
    expect(runCli([...args, '--color']).stdout).toContain(ESC);
    expect(runCli([...args, '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(runCli(args, { NO_COLOR: '1' }).stdout).not.toContain(ESC);
  });
});

describe('usage errors', () => {
  it.each([
    [
      ['--since', 'someday'],
      /--since: 'someday' is not a date; use YYYY-MM-DD, YYYYMMDD, today, yesterday, or Nd/,
    ],
    [['--until', '2026-02-30'], /--until: '2026-02-30' is not a date/],
    [['--timezone', 'Mars/Olympus'], /unknown time zone 'Mars\/Olympus'; use an IANA name/],
    [['--data-dir', '/no/such/dir'], /--data-dir: no such directory: \/no\/such\/dir/],
    [['--all', '--since', '7d'], /cannot be used with/],
    [['--since', '2026-11-20', '--until', '2026-11-01'], /is after --until/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('%j exits 2 with a message on stderr only', (args, message) => {
    const result = runCli([...args, '--data-dir', rules]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says where it looked when there are no logs, and exits 1', () => {
    const result = runCli([]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const home = path.join(REPO, 'test', 'no-home');
    expect(result.stderr).toContain(path.join(home, '.config', 'claude', 'projects'));
    expect(result.stderr).toContain(path.join(home, '.claude', 'projects'));
    expect(result.stderr).toMatch(/--data-dir .*CLAUDE_CONFIG_DIR/);
    expect(result.stderr).toContain('fixtures/demo');
  });

  it('treats a projects folder without transcripts as no logs', async () => {
    const empty = await fsFixture({ 'projects/readme.txt': 'nothing here' });
    const result = runCli(['--data-dir', empty]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `no Claude Code logs (*.jsonl transcripts) found. Looked in:\n  ${path.join(empty, 'projects')}`,
    );
  });

  it('prints help and version with exit 0', () => {
    const help = runCli(['daily', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--since <date>');
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('unreadable logs', () => {
  // Permissions do not bind root, so as root the CLI runs as "nobody" through setpriv.
  const isRoot = process.getuid?.() === 0;
  const dropRoot = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const nobodyCanRun =
    !isRoot || spawnSync(dropRoot[0] ?? '', [...dropRoot.slice(1), 'test', '-r', CLI]).status === 0;
  let dir = '';

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!nobodyCanRun)(
    'names each unreadable file and folder on stderr and reports the rest',
    async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'usage-unreadable-'));
      await cp(path.join(rules, 'root-a'), dir, { recursive: true });
      await cp(
        path.join(rules, 'root-b', 'projects', '-home-bob-api'),
        path.join(dir, 'projects', '-home-bob-api'),
        {
          recursive: true,
        },
      );
      await chmod(dir, 0o755);
      const lockedFile = path.join(dir, 'projects', '-home-ann-app', 'agent-a1.jsonl'); // response D
      const lockedDir = path.join(dir, 'projects', '-home-bob-api'); // responses G and H
      await chmod(lockedFile, 0o000);
      await chmod(lockedDir, 0o000);
      const result = runCli(
        ['--data-dir', dir, '--all', '--json'],
        {},
        isRoot ? { wrapper: dropRoot } : {},
      );
      await chmod(lockedDir, 0o755);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`cannot read ${lockedFile}: permission denied`);
      expect(result.stderr).toContain(`cannot read ${lockedDir}: permission denied`);
      const report = JSON.parse(result.stdout);
      expect(report.meta.unreadable).toHaveLength(2);
      // Everything but D, G and H (EXPECTED.md): 2026-11-18 whole, 2026-11-19 less D.
      expect(
        report.daily.map((day: { date: string; totalTokens: number }) => [
          day.date,
          day.totalTokens,
        ]),
      ).toEqual([
        ['2026-11-18', 12807],
        ['2026-11-19', 12665 - (100 + 50 + 300 + 400)],
      ]);
    },
  );
});
