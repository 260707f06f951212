import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

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
