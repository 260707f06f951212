import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  lstatSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/gen.mjs';
import { writeFileAtomic } from '../../src/write-file-atomic.js';
import { CLI, REPO, runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

const bashUlimit = spawnSync('bash', ['-c', 'ulimit -f 64']).status === 0;

function json(args: string[], env: Record<string, string> = {}) {
  const result = runCli([...args, '--json'], env);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

/** Two good responses on 2026-11-19 and 2026-11-20, and `bad` lines after them. */
async function logsWith(bad: string[]) {
  return fsFixture({
    'projects/-home-ann-app/s.jsonl': [
      assistantLine({ id: 'g1', requestId: 'r1', timestamp: '2026-11-19T10:00:00Z' }),
      assistantLine({ id: 'g2', requestId: 'r2', timestamp: '2026-11-20T10:00:00Z' }),
      ...bad,
    ],
  });
}

const line = (usage: Record<string, unknown>, more: Record<string, unknown> = {}) => {
  const value = JSON.parse(assistantLine({ id: 'bad', requestId: 'rb' }));
  value.message.usage = { ...value.message.usage, ...usage };
  return JSON.stringify({ ...value, ...more });
};

describe('hostile lines are malformed: counted, named, never moving a range', () => {
  it.each([
    ['a year of +010000', line({}, { timestamp: '+010000-01-01T00:00:00.000Z' })],
    ['a time before 2023', line({}, { timestamp: '1999-12-31T23:59:59Z' })],
    ['a time years ahead', line({}, { timestamp: '2099-01-01T00:00:00Z' })],
    ['1e300 tokens', line({ output_tokens: 1e300 })],
    ['more than 2^53 tokens', line({ input_tokens: 2 ** 53 + 2 })],
    ['negative tokens', line({ cache_read_input_tokens: -5 })],
  ])('%s', async (_what, bad) => {
    const logs = await logsWith([bad]);
    for (const ledger of [['--no-ledger'], ['--ledger', path.join(logs, 'l.db')]]) {
      const args = ['--data-dir', logs, '--all', '--timezone', 'UTC', ...ledger];
      const report = json(args);
      expect(report.meta).toMatchObject({
        since: '2026-11-19',
        until: '2026-11-20',
        malformedLines: 1,
      });
      expect(report.totals.requests).toBe(2);
      expect(report.daily.map((day: { date: string }) => day.date)).toEqual([
        '2026-11-19',
        '2026-11-20',
      ]);
      const rows = JSON.parse(runCli(['export', ...args, '--format', 'json']).stdout).rows;
      expect(rows).toHaveLength(2);
    }
    const debug = runCli(['--data-dir', logs, '--all', '--debug']);
    expect(debug.stderr).toContain(`${path.join(logs, 'projects/-home-ann-app/s.jsonl')}: 1`);
  });
});

describe('one rule for what counts, on both paths', () => {
  it('counts a line without requestId once per file and content, from the logs and the ledger alike', async () => {
    const keyless = assistantLine({ id: 'k', requestId: null, output: 7 });
    const logs = await fsFixture({
      'projects/-home-ann-app/s.jsonl': [keyless, keyless, assistantLine({ id: 'm1', output: 9 })],
    });
    const args = ['--data-dir', logs, '--all'];
    const fromLogs = json([...args, '--no-ledger']).totals;
    const fromLedger = json([...args, '--ledger', path.join(logs, 'l.db')]).totals;
    expect(fromLogs).toMatchObject({ requests: 2, outputTokens: 16 });
    expect(fromLedger).toEqual(fromLogs);
  });

  it('does not count a user line that carries a usage object', async () => {
    const user = JSON.parse(assistantLine({ id: 'u1', requestId: 'ru', output: 500 }));
    user.type = 'user';
    const logs = await fsFixture({
      'projects/-home-ann-app/s.jsonl': [
        JSON.stringify(user),
        assistantLine({ id: 'm1', output: 9 }),
      ],
    });
    expect(json(['--data-dir', logs, '--all']).totals).toMatchObject({
      requests: 1,
      outputTokens: 9,
    });
  });
});

describe('absurd values', () => {
  it('refuses a config price of 1e308, naming the key', async () => {
    const dir = await fsFixture({
      'c.json': JSON.stringify({ prices: { m: { input: 1e308, output: 1 } } }),
    });
    const logs = await logsWith([]);
    const result = runCli(['--data-dir', logs, '--config', path.join(dir, 'c.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/prices\.m\.input: /);
  });

  it('never writes exponent notation into CSV', async () => {
    const logs = await logsWith([]);
    const huge = assistantLine({
      id: 'h',
      requestId: 'rh',
      timestamp: '2026-11-20T11:00:00Z',
      output: 2 ** 53 - 1,
    });
    const all = await fsFixture({ 'projects/-p/s.jsonl': [huge] });
    for (const dir of [logs, all]) {
      const csv = runCli([
        'export',
        '--data-dir',
        dir,
        '--format',
        'csv',
        '--group-by',
        'request',
      ]).stdout;
      expect(csv).not.toMatch(/\de[+-]?\d/);
    }
  });
});

describe('strings from the logs never steer the terminal', () => {
  const ESC = '\u001b';
  const evil = {
    model: `claude-evil${ESC}]0;pwned\u0007${ESC}[2J\u202eliam`,
    cwd: `/home/ann/${ESC}[31mred${ESC}[0m\r\tapp`,
    session: `s${ESC}[2Jx`,
    tool: 'Bash\u009b2J',
    folder: `-home-${ESC}[2J-x`,
  };
  // Any C0 control but the line break, DEL, C1, or a bidi control.
  const unsafe = (text: string) =>
    [...text].some((char) => {
      const code = char.codePointAt(0) ?? 0;
      return (
        (code < 0x20 && code !== 0x0a) ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2066 && code <= 0x2069)
      );
    });

  async function hostile() {
    const line = JSON.parse(
      assistantLine({
        id: 'e1',
        model: evil.model,
        cwd: evil.cwd,
        sessionId: evil.session,
        timestamp: new Date(Date.now() - 60_000).toISOString(),
      }),
    );
    line.message.content = [{ type: 'tool_use', id: 'toolu_1', name: evil.tool, input: {} }];
    return fsFixture({ [`projects/${evil.folder}/s.jsonl`]: [JSON.stringify(line)] });
  }

  it('escapes them in every table, note and warning (with NO_COLOR and without)', async () => {
    const logs = await hostile();
    const args = ['--data-dir', logs, '--timezone', 'UTC'];
    const commands = [
      [],
      ['--day', 'today'],
      ['weekly'],
      ['monthly'],
      ['sessions'],
      ['sessions', 's'],
      ['models'],
      ['projects'],
      ['hourly'],
      ['blocks'],
      ['tools'],
      ['trends'],
      ['budget', '--daily-budget', '5'],
      ['--model', evil.model],
      ['--project', evil.folder],
      ['watch', '--count', '1'],
      ['pricing', evil.model],
    ];
    for (const command of commands) {
      for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '1' }]) {
        const result = runCli([...command, ...args], env);
        const what = `${command.join(' ')} ${Object.keys(env)[0]}`;
        // Colour codes of our own palette are the only escapes allowed.
        const plain = (text: string) => text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');
        expect(unsafe(plain(result.stdout)), what).toBe(false);
        expect(unsafe(plain(result.stderr)), what).toBe(false);
        expect(result.stdout, what).not.toContain(`${ESC}[2J`);
        expect(result.stdout, what).not.toContain(`${ESC}]0;`);
      }
    }
    // The data is still there, escaped where a terminal shows it, whole in JSON.
    expect(runCli(['models', ...args, '--all']).stdout).toContain('\\u001b]0;pwned');
    expect(JSON.parse(runCli(['models', ...args, '--all', '--json']).stdout).models[0].model).toBe(
      evil.model,
    );
  });
});

describe('environment and odd ledger paths', () => {
  it('falls back to UTC, with one warning, when the system zone is unknown', async () => {
    const logs = await logsWith([]);
    const result = runCli(['--data-dir', logs, '--all', '--json'], { TZ: 'garbage' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'usage: the system time zone (TZ=garbage) is unknown; using UTC (--timezone sets one)\n',
    );
    expect(JSON.parse(result.stdout).meta.timeZone).toBe('UTC');
    expect(runCli(['--data-dir', logs, '--all'], { TZ: 'garbage' }).stdout).toContain('· UTC');
  });

  it('names the system zone as TZ does, without Intl, and as Intl does where the system has no such zone', async () => {
    const logs = await logsWith([]);
    const probe = path.join(logs, 'probe.mjs');
    const used = path.join(logs, 'intl.txt');
    // Intl's first use costs 20-25 ms of a report: the probe notes any.
    writeFileSync(
      probe,
      `import { createRequire } from 'node:module';
      const { writeFileSync } = createRequire(import.meta.url)('node:fs');
      for (const name of ['DateTimeFormat', 'NumberFormat']) {
        const Real = Intl[name];
        Intl[name] = function (...args) {
          writeFileSync(${JSON.stringify(used)}, name);
          return new Real(...args);
        };
      }`,
    );
    const berlin = existsSync('/usr/share/zoneinfo/Europe/Berlin');
    const result = runCli(
      ['--data-dir', logs, '--all', '--json'],
      { TZ: 'Europe/Berlin' },
      { nodeArgs: ['--import', probe] },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).meta.timeZone).toBe('Europe/Berlin');
    expect(existsSync(used)).toBe(!berlin);
  });

  it('says a ledger at /dev/null is no file', async () => {
    const logs = await logsWith([]);
    const result = runCli(['--data-dir', logs, '--all', '--ledger', '/dev/null']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'usage: the ledger /dev/null is not a regular file; point --ledger or USAGE_LEDGER_DB at a file, or use --no-ledger\n',
    );
  });

  it('reports from the logs when the ledger path cannot be written, /proc/self/mem say', async () => {
    const logs = await logsWith([]);
    const result = runCli(['--data-dir', logs, '--all', '--ledger', '/proc/self/mem', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^usage: cannot write the ledger \/proc\/self\/mem \(.+\); reading the logs only/,
    );
    expect(JSON.parse(result.stdout).totals.requests).toBe(2);
  });
});

describe('files and permissions', () => {
  it('keeps the ledger, its folder and the caches private', async () => {
    const logs = await logsWith([]);
    const data = path.join(logs, 'data');
    const cache = path.join(logs, 'cache');
    const env = { XDG_DATA_HOME: data, XDG_CACHE_HOME: cache, CLAUDE_CONFIG_DIR: logs };
    expect(runCli(['--all'], env).status).toBe(0);
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(path.join(data, 'usage-ledger'))).toBe(0o700);
    expect(mode(path.join(data, 'usage-ledger', 'ledger.db'))).toBe(0o600);
    const status = spawnSync(process.execPath, [CLI, 'statusline', '--timeout', '10000'], {
      env: { ...env, PATH: process.env.PATH ?? '', HOME: logs },
      input: JSON.stringify({
        session_id: 's',
        transcript_path: path.join(logs, 'projects/-home-ann-app/s.jsonl'),
      }),
    });
    expect(status.status).toBe(0);
    expect(mode(path.join(cache, 'usage-ledger'))).toBe(0o700);
    expect(mode(path.join(cache, 'usage-ledger', 'statusline.json'))).toBe(0o600);
  });

  it('writes files through an exclusive temporary file: a planted symlink changes nothing', async () => {
    const dir = await fsFixture({ 'victim.txt': 'keep me\n' });
    const target = path.join(dir, 'out.json');
    // The names a non-exclusive writer would have used.
    for (const name of [`${target}.tmp`, `${target}.${process.pid}.tmp`]) {
      symlinkSync(path.join(dir, 'victim.txt'), name);
    }
    await writeFileAtomic(target, '{"ok":true}\n');
    expect(readFileSync(target, 'utf8')).toBe('{"ok":true}\n');
    expect(readFileSync(path.join(dir, 'victim.txt'), 'utf8')).toBe('keep me\n');
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
  });

  it('writes an export to a device rather than replacing it, and refuses a folder', async () => {
    const logs = await logsWith([]);
    const result = runCli(['export', '--data-dir', logs, '--output', '/dev/null', '--force']);
    expect(result.status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const folder = runCli(['export', '--data-dir', logs, '--output', logs, '--force']);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain('is a folder; name a file');
  });

  it('does not take over an empty SQLite file of another program', async () => {
    const logs = await logsWith([]);
    const file = path.join(logs, 'other.db');
    const other = new Database(file);
    other.exec('VACUUM');
    other.close();
    const before = readFileSync(file);
    const result = runCli(['--data-dir', logs, '--all', '--ledger', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is an SQLite database of another program (or an empty one)');
    expect(readFileSync(file)).toEqual(before);
  });
});

describe('a ledger that cannot be written or read as it should', () => {
  it('reports from the logs, with one warning, when another process holds the write lock', async () => {
    const logs = await logsWith([]);
    const file = path.join(logs, 'l.db');
    expect(runCli(['--data-dir', logs, '--all', '--ledger', file]).status).toBe(0);
    // New lines to sync, and the lock held by someone else for longer than we wait.
    appendFileSync(
      path.join(logs, 'projects/-home-ann-app/s.jsonl'),
      `${assistantLine({ id: 'g3', requestId: 'r3', timestamp: '2026-11-20T12:00:00Z' })}\n`,
    );
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = runCli(['--data-dir', logs, '--all', '--ledger', file, '--json'], {
        USAGE_LEDGER_BUSY_TIMEOUT: '200',
      });
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(
        /cannot write the ledger .* reading the logs only \(--no-ledger\)\n$/,
      );
      expect(JSON.parse(result.stdout).totals.requests).toBe(3);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('gives the rebuild hint for a ledger whose table was dropped', async () => {
    const logs = await logsWith([]);
    const file = path.join(logs, 'l.db');
    expect(runCli(['--data-dir', logs, '--all', '--ledger', file]).status).toBe(0);
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.exec('DROP TABLE files');
    db.close();
    const result = runCli(['--data-dir', logs, '--all', '--ledger', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is damaged or not a database');
    expect(result.stderr).toContain('usage ledger rebuild');
    expect(result.stderr).not.toContain('unexpected error');
  });

  it.skipIf(!bashUlimit)(
    'on a full disk: one warning, the report from the logs, no ledger left half-made',
    async () => {
      const dir = await fsFixture({});
      generate(dir, 3 * 1024 * 1024, { seed: 7 });
      const file = path.join(dir, 'l.db');
      // A 64 KiB file-size limit, the signal ignored so writes fail with EFBIG as on a full disk.
      const limited = (args: string[]) =>
        spawnSync(
          'bash',
          ['-c', `trap '' XFSZ; ulimit -f 64; exec "$@"`, 'bash', process.execPath, CLI, ...args],
          {
            encoding: 'utf8',
            env: { PATH: process.env.PATH ?? '', HOME: dir, TZ: 'UTC' },
          },
        );
      const args = ['--data-dir', dir, '--all', '--json', '--ledger', file];
      const result = limited(args);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(
        /usage: cannot write the ledger .*; reading the logs only \(--no-ledger\)\n/,
      );
      expect(result.stderr.match(/cannot write the ledger/g)).toHaveLength(1);
      const truth = JSON.parse(
        runCli(['--data-dir', dir, '--all', '--json', '--no-ledger']).stdout,
      );
      expect(JSON.parse(result.stdout).totals).toEqual(truth.totals);
      for (const left of [file, `${file}-wal`, `${file}-shm`]) expect(existsSync(left)).toBe(false);
    },
  );

  it('ledger sync of a read-only ledger says it cannot write, exit 1', async () => {
    const logs = await logsWith([]);
    const file = path.join(logs, 'l.db');
    expect(runCli(['--data-dir', logs, '--all', '--ledger', file]).status).toBe(0);
    const result = runCli(['ledger', 'sync', '--data-dir', logs, '--ledger', '/proc/version']);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('unexpected error');
  });
});

describe('the snapshot is checked', () => {
  async function ledgerOfDemo() {
    const dir = await fsFixture({});
    const file = path.join(dir, 'l.db');
    const args = ['--data-dir', path.join(REPO, 'fixtures', 'demo'), '--all', '--ledger', file];
    expect(runCli(args).status).toBe(0);
    return { file, args };
  }

  it('reads the rows instead of a snapshot with a flipped byte, and writes it again', async () => {
    const { file, args } = await ledgerOfDemo();
    // A report of every response (by project), not one of sums: it reads the snapshot.
    const truth = json([
      'projects',
      ...args.filter((a) => a !== file && a !== '--ledger'),
      '--no-ledger',
    ]).totals;
    const db = new Database(file);
    const blob = db.prepare('SELECT data FROM snapshot').pluck().get() as Buffer;
    blob[blob.length - 2000] = (blob[blob.length - 2000] ?? 0) ^ 0x40;
    db.prepare('UPDATE snapshot SET data = ?').run(blob);
    db.close();
    expect(json(['projects', ...args]).totals).toEqual(truth);
    const check = JSON.parse(runCli(['ledger', 'check', '--ledger', file, '--json']).stdout);
    expect(check).toMatchObject({ integrity: 'ok', snapshot: 'intact', differing: 0 });
  });

  it('ledger check finds a row changed behind its back and rebuilds the snapshot from the rows', async () => {
    const { file, args } = await ledgerOfDemo();
    const before = json(args).totals.outputTokens;
    const db = new Database(file);
    db.prepare(
      'UPDATE responses SET output = output + 1000 WHERE key = (SELECT min(key) FROM responses)',
    ).run();
    db.close();
    const result = runCli(['ledger', 'check', '--ledger', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 responses differ from the rows');
    expect(result.stdout).toContain('written again from the rows');
    // The daily report's sums are copies of the rows too: made again from them.
    expect(json(args).totals.outputTokens).toBe(before + 1000);
    expect(json(['projects', ...args]).totals.outputTokens).toBe(before + 1000);
    const again = JSON.parse(runCli(['ledger', 'check', '--ledger', file, '--json']).stdout);
    expect(again).toMatchObject({ snapshot: 'intact', differing: 0, rewritten: false });
  });
});
