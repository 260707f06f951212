import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
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

describe('a ledger shows the log folders in view', () => {
  const rules = path.join(REPO, 'fixtures', 'rules');

  async function twoRoots() {
    const dir = await fsFixture({});
    for (const root of ['root-a', 'root-b'])
      cpSync(path.join(rules, root), path.join(dir, root), { recursive: true });
    return {
      a: path.join(dir, 'root-a'),
      b: path.join(dir, 'root-b'),
      ledger: path.join(dir, 'l.db'),
    };
  }
  const totals = (report: {
    totals: { totalTokens: number; totalCost: number; requests: number };
  }) => {
    const { totalTokens, totalCost, requests } = report.totals;
    return { totalTokens, totalCost, requests };
  };

  it('reports one root from a ledger that holds two as the logs of that root do', async () => {
    const { a, b, ledger } = await twoRoots();
    const both = json(['--all', '--ledger', ledger], { CLAUDE_CONFIG_DIR: `${a},${b}` });
    expect(both.totals.totalCost).toBe(0.098421);
    for (const root of [a, b]) {
      const env = { CLAUDE_CONFIG_DIR: root };
      const fromLedger = json(['--all', '--ledger', ledger], env);
      const fromLogs = json(['--all', '--no-ledger'], env);
      expect(totals(fromLedger)).toEqual(totals(fromLogs));
      expect(fromLedger.meta.roots).toEqual([path.join(root, 'projects')]);
      expect(fromLedger.meta.allRoots).toBe(false);
    }
    // Response C is in both roots: root-b's report counts it wherever the kept copy came from.
    expect(json(['--all', '--ledger', ledger], { CLAUDE_CONFIG_DIR: b }).totals.requests).toBe(3);
  });

  it("keeps a root's history after its files are deleted, and shows everything with --all-roots", async () => {
    const { a, b, ledger } = await twoRoots();
    json(['--all', '--ledger', ledger], { CLAUDE_CONFIG_DIR: `${a},${b}` });
    const before = json(['--all', '--ledger', ledger], { CLAUDE_CONFIG_DIR: b });
    rmSync(path.join(b, 'projects', '-home-bob-api', 's3.jsonl'));
    const after = json(['--all', '--ledger', ledger], { CLAUDE_CONFIG_DIR: b });
    expect(totals(after)).toEqual(totals(before));
    const all = json(['--all', '--ledger', ledger, '--all-roots'], { CLAUDE_CONFIG_DIR: a });
    expect(all.totals.totalCost).toBe(0.098421);
    expect(all.meta.allRoots).toBe(true);
    expect(all.meta.roots).toEqual([path.join(a, 'projects'), path.join(b, 'projects')]);
    const table = runCli(['--all', '--ledger', ledger, '--all-roots'], { CLAUDE_CONFIG_DIR: a });
    expect(table.stdout.replace(/\s+/g, ' ')).toContain('every log folder in the ledger');
  });

  it('counts imported backups in every report', async () => {
    const { a, b, ledger } = await twoRoots();
    runCli(['ledger', 'import', b, '--ledger', ledger]);
    const report = json(['--all', '--ledger', ledger], { CLAUDE_CONFIG_DIR: a });
    expect(report.totals.totalCost).toBe(0.098421);
  });

  it('never writes --data-dir logs into the USAGE_LEDGER_DB ledger, and says so', async () => {
    const { a, ledger } = await twoRoots();
    const result = runCli(['--data-dir', a, '--all', '--json'], { USAGE_LEDGER_DB: ledger });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).meta.ledger).toBeNull();
    expect(result.stderr).toContain('the ledger of USAGE_LEDGER_DB is left alone');
    expect(existsSync(ledger)).toBe(false);
  });
});

describe('--project and --model select what usage projects and models list', () => {
  async function project() {
    return fsFixture({
      'projects/-home-ann-app/s1.jsonl': [
        assistantLine({ id: 'm1', cwd: '/home/ann/app', output: 100 }),
        assistantLine({ id: 'm2', requestId: 'r2', cwd: '/home/ann/app/web', output: 200 }),
        assistantLine({ id: 'm3', requestId: 'r3', cwd: '/home/ann/app', output: 300 }),
      ],
      'projects/-home-ann-other/s2.jsonl': [
        assistantLine({ id: 'm4', requestId: 'r4', cwd: '/home/ann/other', output: 400 }),
      ],
    });
  }

  it('gives the projects row of a path, subfolders included, whatever the case', async () => {
    const logs = await project();
    const args = ['--data-dir', logs, '--all'];
    const rows = json(['projects', ...args]).projects as {
      projectPath: string;
      totalCost: number;
      requests: number;
    }[];
    const row = rows.find((r) => r.projectPath === '/home/ann/app');
    expect(row?.requests).toBe(3);
    for (const name of ['/home/ann/app', '/HOME/ann/App/', 'app', '-home-ann-app']) {
      const report = json([...args, '--project', name]);
      expect(report.totals.requests, name).toBe(3);
      expect(report.totals.totalCost, name).toBe(row?.totalCost);
      expect(report.meta.project).toBe(name);
    }
  });

  it('warns when --model matches nothing, naming the models there are', async () => {
    const logs = await project();
    const result = runCli(['--data-dir', logs, '--all', '--model', 'opus-9']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      "no usage found for model 'opus-9'; the logs have claude-sonnet-4-5-20250929",
    );
  });

  it('names every active filter in the title and in meta', async () => {
    const logs = await project();
    const args = ['--data-dir', logs, '--all', '--project', 'app', '--model', 'sonnet-4-5'];
    for (const command of [
      [],
      ['weekly'],
      ['sessions'],
      ['blocks'],
      ['trends'],
      ['--day', '2026-11-20'],
    ]) {
      const result = runCli([
        ...command,
        ...args.filter((a) => !(command[0] === '--day' && a === '--all')),
      ]);
      expect(result.status, command.join(' ')).toBe(0);
      const title = result.stdout.split('\n\n')[0]?.replace(/\s+/g, ' ') ?? '';
      expect(title, command.join(' ')).toContain('project app · model sonnet-4-5');
    }
    const meta = json(args).meta;
    expect(meta).toMatchObject({ project: 'app', model: 'sonnet-4-5', allRoots: false });
  });
});

describe('commands', () => {
  const demo = ['--data-dir', path.join(REPO, 'fixtures', 'demo'), '--all'];

  it.each([
    ['sesions', "did you mean 'sessions'"],
    ['modles', "did you mean 'models'"],
    ['blokcs', "did you mean 'blocks'"],
    ['frobnicate', 'usage --help lists the commands'],
  ])('says %s is no command, exit 2', (word, message) => {
    const result = runCli([word, ...demo]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`unknown command '${word}'`);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ['session', 'sessions'],
    ['block', 'blocks'],
    ['model', 'models'],
    ['project', 'projects'],
    ['tool', 'tools'],
  ])('takes %s for %s', (alias, command) => {
    expect(runCli([alias, ...demo, '--json']).stdout).toBe(
      runCli([command, ...demo, '--json']).stdout,
    );
  });

  it('takes shared options before the command', () => {
    expect(runCli(['--json', 'models', ...demo]).stdout).toBe(
      runCli(['models', '--json', ...demo]).stdout,
    );
    expect(runCli(['--all', '--data-dir', demo[1] ?? '', 'sessions']).stdout).toBe(
      runCli(['sessions', ...demo]).stdout,
    );
  });

  it('has a root help with --day, examples, and report help with its own options first', () => {
    const root = runCli(['--help']);
    expect(root.status).toBe(0);
    expect(root.stdout).toContain('--day <date>');
    expect(root.stdout.trimEnd()).toMatch(/Examples:\n(.*\n)*.*usage pricing --changes.*$/);
    const sessions = runCli(['sessions', '--help']).stdout;
    expect(sessions.indexOf('--limit <n>')).toBeLessThan(sessions.indexOf('Shared options'));
    expect(sessions.indexOf('Shared options')).toBeLessThan(sessions.indexOf('--since <date>'));
  });
});

describe('empty and past ranges', () => {
  const demoDir = path.join(REPO, 'fixtures', 'demo');
  const demo = ['--data-dir', demoDir, '--timezone', 'UTC'];

  it('says in one line when the usage was, instead of a table of zeros', () => {
    const week = runCli(demo); // the demo's last usage is 2026-11-15, long before today
    expect(week.status).toBe(0);
    expect(week.stdout.replace(/\s+/g, ' ')).toMatch(
      /^No usage from \S+ to \S+ \(UTC\)\. The last was on 2026-11-15; usage --all shows every day\. $/,
    );
    for (const line of week.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const before = runCli([...demo, '--since', '2026-11-01', '--until', '2026-11-05', 'models']);
    expect(before.stdout).toContain('The first was on 2026-11-09');
    const day = runCli([...demo, '--day', '2026-11-01']);
    expect(day.stdout.replace(/\s+/g, ' ')).toBe(
      'No usage on 2026-11-01 (UTC). The first was on 2026-11-09; usage --all shows every day. ',
    );
    // JSON keeps its shape: empty lists and zero totals.
    expect(json([...demo, '--since', '2026-11-01', '--until', '2026-11-05']).totals.requests).toBe(
      0,
    );
  });

  it('refuses a --day that has not happened, and gives a past month its actual total', () => {
    const future = runCli([...demo, '--day', '2099-01-01']);
    expect(future.status).toBe(2);
    expect(future.stderr).toMatch(
      /--day: 2099-01-01 has not happened yet \(today is \d{4}-\d{2}-\d{2} in UTC\)/,
    );
    const past = runCli([...demo, '--day', '2026-11-12']);
    expect(past.stdout).toMatch(/Month total \(2026-11\)\n {2}\$5\.17: the whole month, as it was/);
    expect(past.stdout).not.toContain('projection');
    expect(past.stdout).toMatch(/ · 2 sessions · /);
    const projection = json([...demo, '--day', '2026-11-12']).day.projection;
    expect(projection).toMatchObject({ isEstimate: false, daysLeft: 0 });
    expect(projection.estimate).toBe(projection.monthToDate);
    expect(projection.estimate).toBeCloseTo(5.17, 2);
  });

  it('says "1 session" and "N of M sessions", and labels the totals of a limited list', async () => {
    const logs = await fsFixture({
      'projects/-home-ann-app/s.jsonl': requests(['2026-11-20T10:00:00Z']),
    });
    expect(runCli(['--data-dir', logs, '--day', '2026-11-20']).stdout).toContain(
      ' · 1 session · 1 request',
    );
    const limited = runCli([...demo, '--all', 'sessions', '--limit', '3']);
    expect(limited.stdout).toContain('by session · 3 of 15 sessions');
    expect(limited.stdout).toMatch(/Total, all 15 .* \$5\.17/);
    const listed = json([...demo, '--all', 'sessions', '--limit', '3']);
    expect(listed.sessions).toHaveLength(3);
    expect(listed.sessionCount).toBe(15);
  });

  it('gives --since 7d the days of the default range, and one meaning to the daily average', () => {
    const today = new Date().toISOString().slice(0, 10);
    const sevenDays = json([...demo, '--since', '7d']).meta;
    const byDefault = json(demo).meta;
    expect([sevenDays.since, sevenDays.until]).toEqual([byDefault.since, byDefault.until]);
    expect(byDefault.until).toBe(today);
    // --all over 2026-11-09..15 (7 calendar days): $5.17 / 7.
    const all = runCli([...demo, '--all']);
    expect(all.stdout).toMatch(/Avg, 7 days .* \$0\.74/);
    expect(json([...demo, '--all']).totals.averageDailyCost).toBeCloseTo(5.167 / 7, 3);
  });

  it('puts notes on stderr, for the files shown only, and names them with --debug', () => {
    const rules = path.join(REPO, 'fixtures', 'rules');
    const both = ['--data-dir', `${rules}/root-a`, '--data-dir', `${rules}/root-b`, '--all'];
    const all = runCli(both);
    expect(all.stderr).toContain('skipped 2 malformed lines in 2 files');
    expect(all.stdout).not.toContain('malformed');
    // /home/bob/api holds one of the two (the half-written last line of s3).
    const bob = runCli([...both, '--project', '/home/bob/api']);
    expect(bob.stderr).toContain('skipped 1 malformed line in 1 file');
    expect(json([...both, '--project', '/home/bob/api']).meta.malformedLines).toBe(1);
    const debug = runCli([...both, '--debug']);
    expect(debug.stderr).toMatch(/root-a\/projects\/-home-ann-app\/s1\.jsonl: 1\n/);
    // The layout note is for a terminal; piped output has none.
    expect(all.stderr).not.toContain('compact view');
  });
});

describe('tables use the width there is', () => {
  async function longNames() {
    const a = '/home/ann/work/clients/northwind/very-long-project-name/api';
    const b = '/home/ann/work/clients/northwind/very-long-project-name/web';
    const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    return fsFixture({
      'projects/-a/s1.jsonl': [assistantLine({ id: 'm1', cwd: a, model, sessionId: 's1' })],
      'projects/-b/s2.jsonl': [
        assistantLine({ id: 'm2', requestId: 'r2', cwd: b, sessionId: 's2' }),
      ],
    });
  }

  it('shows names whole when there is room, and cuts paths at a folder when there is not', async () => {
    const logs = await longNames();
    const day = ['--data-dir', logs, '--day', '2026-11-20', '--timezone', 'UTC'];
    const wide = runCli(day, { COLUMNS: '200' }).stdout;
    expect(wide).toContain('/home/ann/work/clients/northwind/very-long-project-name/api');
    expect(wide).toContain('/home/ann/work/clients/northwind/very-long-project-name/web');
    const narrow = runCli(day, { COLUMNS: '80' }).stdout;
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Cut at a folder boundary, so the two projects still read apart.
    expect(narrow).toMatch(/…\/[^\s│]*\/api /);
    expect(narrow).toMatch(/…\/[^\s│]*\/web /);
    const session = ['sessions', 's1', '--data-dir', logs, '--all', '--timezone', 'UTC'];
    expect(runCli(session, { COLUMNS: '200' }).stdout).toContain(
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
  });

  it('keeps the token kinds and drops Models first at 111-135 columns', () => {
    const demo = ['--data-dir', path.join(REPO, 'fixtures', 'demo'), '--all', '--timezone', 'UTC'];
    for (const columns of ['111', '120', '135']) {
      const out = runCli(demo, { COLUMNS: columns }).stdout;
      const header = out.split('\n').find((line) => line.includes('Date')) ?? '';
      expect(header, columns).toMatch(/Input .*Output .*Cache write .*Cache read/);
      for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(Number(columns));
    }
  });
});
