import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';
import { validator } from '../helpers/schema.js';

interface Setup {
  dir: string;
  transcript: string;
  env: Record<string, string>;
}

/**
 * A Claude config folder with two responses logged a minute ago (Sonnet 4.5: $3 input, $15
 * output, $3.75 cache write, $0.30 cache read per million). Session s1: 10 input, 100,000
 * output, 1,000 written, 40,000 read: $0.00003 + $1.50 + $0.00375 + $0.012 = $1.51578, and a
 * context of 41,010 tokens. Session s2: 100,000 output, $1.50. Today: $3.01578.
 */
async function setup(): Promise<Setup> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const dir = await fsFixture({
    'claude/projects/-home-ann-app/s1.jsonl': [
      assistantLine({
        id: 'm1',
        sessionId: 's1',
        timestamp: at,
        input: 10,
        output: 100_000,
        cacheWrite: 1_000,
        cacheRead: 40_000,
      }),
    ],
    'claude/projects/-home-ann-app/s2.jsonl': [
      assistantLine({ id: 'm2', sessionId: 's2', timestamp: at, input: 0, output: 100_000 }),
    ],
  });
  return {
    dir,
    transcript: path.join(dir, 'claude/projects/-home-ann-app/s1.jsonl'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: path.join(dir, 'home'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      CLAUDE_CONFIG_DIR: path.join(dir, 'claude'),
      TZ: 'UTC',
    },
  };
}

function statusline(setup: Setup, input: string, args: string[] = []) {
  const result = spawnSync(process.execPath, [CLI, 'statusline', ...args], {
    cwd: REPO,
    env: setup.env,
    input,
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Room for a loaded machine, where the default 180 ms would print the fallback line instead. */
const patient = ['--timeout', '10000'];

const payload = (s: Setup, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    session_id: 's1',
    transcript_path: s.transcript,
    model: { id: 'claude-sonnet-4-5-20250929', display_name: 'Sonnet 4.5' },
    workspace: { current_dir: '/home/ann/app', project_dir: '/home/ann/app' },
    version: '2.0.31',
    ...extra,
  });

describe('usage statusline', () => {
  it('shows the model, the session, today, the open window and the context', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    // Make the ledger first, as a report would.
    const report = spawnSync(process.execPath, [CLI, ...ledger, '--json'], {
      env: s.env,
      encoding: 'utf8',
    });
    expect(report.status).toBe(0);
    const result = statusline(s, payload(s, { some_future_field: { nested: true } }), [
      ...ledger,
      ...patient,
      '--daily-budget',
      '20',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Sonnet 4\.5 \| session \$1\.52 · today \$3\.02 \/ \$20\.00 · block \$3\.02 \((\d+h )?\d+m left\) \| 41k ctx\n$/,
    );
    const picked = statusline(s, payload(s), [...ledger, '--format', 'model,ctx']);
    expect(picked.stdout).toBe('Sonnet 4.5 | 41k ctx\n');
  });

  it("loads none of Node's stream code, and no Intl in a zone outside UTC", async () => {
    // What a status line costs is mostly Node starting and our code loading: Node's streams
    // (~20 modules, which importing node:fs brought) and Intl (20-25 ms) it does not need.
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    spawnSync(process.execPath, [CLI, ...ledger, '--json'], { env: s.env, encoding: 'utf8' });
    // A sync just started from here: like most status lines, this one starts none (a sync
    // in the background, every 30 s, loads node:child_process and with it the streams).
    mkdirSync(path.join(s.dir, 'cache', 'usage-ledger'), { recursive: true });
    writeFileSync(path.join(s.dir, 'cache', 'usage-ledger', 'statusline-sync'), '{}');
    const loaded = path.join(s.dir, 'loaded.txt');
    const probe = path.join(s.dir, 'probe.mjs');
    writeFileSync(
      probe,
      `import { createRequire } from 'node:module';
      const { writeFileSync } = createRequire(import.meta.url)('node:fs');
      process.on('exit', () => writeFileSync(${JSON.stringify(loaded)},
        process.moduleLoadList.join('\\n') + (globalThis.usedIntl ? '\\nIntl' : '')));
      for (const name of ['DateTimeFormat', 'NumberFormat']) {
        const Real = Intl[name];
        Intl[name] = function (...args) { globalThis.usedIntl = true; return new Real(...args); };
      }`,
    );
    const result = spawnSync(
      process.execPath,
      ['--import', probe, CLI, 'statusline', ...ledger, ...patient],
      { env: { ...s.env, TZ: 'Europe/Berlin' }, input: payload(s), encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Sonnet 4\.5 \| session \$1\.52 · today /);
    const modules = readFileSync(loaded, 'utf8').split('\n');
    expect(modules).toContain('NativeModule fs');
    expect(
      modules.filter((name) => /^NativeModule (stream|internal\/fs\/streams)/.test(name)),
    ).toEqual([]);
    expect(modules).not.toContain('Intl');
  });

  it('makes do with a malformed payload, a missing transcript, or no ledger yet', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    for (const input of ['not json at all', '', '[1,2]', '{"model": 42}']) {
      const result = statusline(s, input, ['--no-ledger']);
      expect(result.status, input).toBe(0);
      expect(result.stderr, input).toBe('');
      expect(result.stdout, input).toBe('\n');
    }
    const gone = statusline(s, payload(s, { transcript_path: path.join(s.dir, 'gone.jsonl') }), [
      '--no-ledger',
    ]);
    expect(gone).toMatchObject({ status: 0, stdout: 'Sonnet 4.5\n', stderr: '' });
    // No ledger yet: the cheap parts now, and a sync in the background makes the ledger.
    const first = statusline(s, payload(s), ledger);
    expect(first).toMatchObject({ status: 0, stdout: 'Sonnet 4.5 | 41k ctx\n', stderr: '' });
    for (let waited = 0; waited < 10_000 && !existsSync(path.join(s.dir, 'l.db')); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(path.join(s.dir, 'l.db'))).toBe(true);
  });

  it('prints the last known line when the figures take longer than --timeout', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    spawnSync(process.execPath, [CLI, ...ledger], { env: s.env });
    // A background sync of an earlier call may hold the ledger a moment on a loaded machine.
    let known = '';
    for (let attempt = 0; attempt < 5 && !known.includes('session'); attempt++) {
      known = statusline(s, payload(s), [...ledger, ...patient]).stdout;
    }
    expect(known).toContain('session $1.52');
    // Older than the 2 s a line is reused for, so the figures are worked out again: too late.
    const cacheFile = path.join(s.dir, 'cache', 'usage-ledger', 'statusline.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(cache)).toHaveLength(1);
    const aged = Object.fromEntries(
      Object.keys(cache).map((key) => [key, { line: 'the last known line', at: 0 }]),
    );
    writeFileSync(cacheFile, JSON.stringify(aged));
    const late = statusline(s, payload(s), [...ledger, '--timeout', '1']);
    // Marked, so nobody takes it for today's figures.
    expect(late).toMatchObject({ status: 0, stdout: 'the last known line (stale)\n', stderr: '' });
  });

  it('reuses a line only for the same options: another budget is another line', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    spawnSync(process.execPath, [CLI, ...ledger], { env: s.env });
    const five = statusline(s, payload(s), [...ledger, ...patient, '--daily-budget', '5']);
    expect(five.stdout).toContain('today $3.02 / $5.00');
    // Within the 2 s a line is reused for.
    const hundred = statusline(s, payload(s), [...ledger, ...patient, '--daily-budget', '100']);
    expect(hundred.stdout).toContain('today $3.02 / $100.00');
    const none = statusline(s, payload(s), [...ledger, ...patient]);
    expect(none.stdout).toMatch(/today \$3\.02 · /);
  });

  it('shows model and context, and the session from the transcript name, without session_id', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    spawnSync(process.execPath, [CLI, ...ledger], { env: s.env });
    const input = JSON.stringify({
      transcript_path: s.transcript,
      model: { id: 'claude-sonnet-4-5-20250929', display_name: 'Sonnet 4.5' },
    });
    const result = statusline(s, input, [...ledger, ...patient]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Sonnet 4\.5 \| session \$1\.52 · .* \| 41k ctx\n$/);
    expect(statusline(s, input, ['--no-ledger']).stdout).toBe('Sonnet 4.5 | 41k ctx\n');
  });

  it('leaves out a --format field it does not know, exit 0 and no error, as the README says', async () => {
    const s = await setup();
    const result = statusline(s, payload(s), ['--no-ledger', '--format', 'model,weather,ctx']);
    expect(result).toMatchObject({ status: 0, stdout: 'Sonnet 4.5 | 41k ctx\n', stderr: '' });
    const none = statusline(s, payload(s), ['--no-ledger', '--format', 'weather']);
    expect(none).toMatchObject({ status: 0, stdout: 'Sonnet 4.5 | 41k ctx\n', stderr: '' });
  });
});

describe('usage statusline, its options', () => {
  it('reads a spelling it leaves to commander the same: -zUTC, a value that looks like a flag', async () => {
    const s = await setup();
    const quick = statusline(s, payload(s), ['--no-ledger', '--timezone', 'UTC']);
    const commander = statusline(s, payload(s), ['--no-ledger', '-zUTC']);
    expect(quick).toMatchObject({ status: 0, stdout: 'Sonnet 4.5 | 41k ctx\n', stderr: '' });
    expect(commander).toEqual(quick);
  });

  it('gives its help, and an invalid value exit 2 with what is allowed', async () => {
    const s = await setup();
    const help = statusline(s, '', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: usage statusline [options]');
    expect(help.stdout).toContain('--timeout <ms>');
    const invalid = statusline(s, '', ['--timeout', '0']);
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain('expected a whole number of milliseconds above 0');
    const mode = statusline(s, '', ['--mode', 'cheap']);
    expect(mode.status).toBe(2);
    expect(mode.stderr).toContain('calculate, auto, display');
  });
});

describe('usage statusline under hostile input and load', () => {
  it('does not hang on a transcript_path that names a FIFO', async () => {
    const s = await setup();
    const fifo = path.join(s.dir, 'fifo.jsonl');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = Date.now();
    const result = spawnSync(process.execPath, [CLI, 'statusline', '--no-ledger'], {
      env: s.env,
      input: payload(s, { transcript_path: fifo }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Sonnet 4.5\n');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reads every payload to its end: 50 at once, each line its own, all exit 0', async () => {
    const s = await setup();
    const calls = Array.from(
      { length: 50 },
      (_, i) =>
        new Promise<{ i: number; status: number | null; stdout: string }>((resolve) => {
          const child = spawn(process.execPath, [CLI, 'statusline', '--no-ledger'], { env: s.env });
          let stdout = '';
          child.stdout.setEncoding('utf8').on('data', (text: string) => {
            stdout += text;
          });
          child.on('close', (status) => resolve({ i, status, stdout }));
          child.stdin.end(
            JSON.stringify({ session_id: `p${i}`, model: { display_name: `Model ${i}` } }),
          );
        }),
    );
    for (const call of await Promise.all(calls)) {
      expect(call.status, String(call.i)).toBe(0);
      expect(call.stdout, String(call.i)).toBe(`Model ${call.i}\n`);
    }
  }, 60_000);
});

describe('Claude Code’s rate limits, from the status line to usage limits', () => {
  const limitsJson = (s: Setup, args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, 'limits', '--json', ...args], {
      env: s.env,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const value = JSON.parse(result.stdout);
    const validate = validator('limits');
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    return value;
  };
  const inHours = (hours: number) => Math.floor(Date.now() / 1000 + hours * 3600);

  it('keeps the windows in the ledger and shows them on the line and in usage limits', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    spawnSync(process.execPath, [CLI, ...ledger], { env: s.env });
    const before = limitsJson(s, ledger);
    expect(before).toMatchObject({ fiveHour: null, sevenDay: null });
    expect(before.note).toMatch(/No official rate-limit figure seen yet/);

    const fiveHourReset = inHours(2);
    const input = payload(s, {
      cost: { total_cost_usd: 1.4 },
      rate_limits: {
        five_hour: { used_percentage: 42, resets_at: fiveHourReset },
        seven_day: { used_percentage: 18.4, resets_at: inHours(50) },
      },
    });
    const line = statusline(s, input, [...ledger, ...patient, '--format', 'limits']);
    expect(line.status).toBe(0);
    const resetClock = new Date(fiveHourReset * 1000).toISOString().slice(11, 16);
    // TZ=UTC; into a pipe without colour, as everywhere; --color (or FORCE_COLOR) colours it.
    expect(line.stdout).toBe(`5h 42% (resets ${resetClock}) · 7d 18%\n`);
    const coloured = statusline(s, input, [...ledger, ...patient, '--format', 'limits', '--color']);
    expect(coloured.stdout).toBe(
      `5h \u001b[32m42%\u001b[39m (resets ${resetClock}) · 7d \u001b[32m18%\u001b[39m\n`,
    );
    const forced = spawnSync(
      process.execPath,
      [CLI, 'statusline', ...ledger, ...patient, '--format', 'limits'],
      { env: { ...s.env, FORCE_COLOR: '1' }, input, encoding: 'utf8' },
    );
    expect(forced.stdout).toBe(coloured.stdout);

    const after = limitsJson(s, [...ledger, '--timezone', 'UTC']);
    expect(after.fiveHour).toMatchObject({
      usedPercentage: 42,
      resetsAt: `${new Date(fiveHourReset * 1000).toISOString().slice(0, 19)}+00:00`,
      freshness: 'current',
      state: 'ok',
      // Both responses of the fixture ran a minute ago, inside both windows.
      ourCost: 3.01578,
      ourRequests: 2,
    });
    expect(after.sevenDay).toMatchObject({ usedPercentage: 18.4, freshness: 'current' });
    expect(after.note).toBeNull();
    // A later payload without rate_limits (a new session before its first response) keeps them.
    statusline(s, payload(s, { session_id: 's9' }), [...ledger, ...patient]);
    expect(limitsJson(s, ledger).fiveHour.usedPercentage).toBe(42);
  });

  it('keeps them in the cache folder without a ledger, and ignores bad values', async () => {
    const s = await setup();
    const bad = payload(s, {
      rate_limits: {
        five_hour: { used_percentage: '42', resets_at: inHours(1) },
        seven_day: { used_percentage: 10, resets_at: inHours(-1) },
      },
    });
    const first = statusline(s, bad, ['--no-ledger', '--format', 'model,limits']);
    expect(first).toMatchObject({ status: 0, stdout: 'Sonnet 4.5\n', stderr: '' });
    expect(limitsJson(s, ['--no-ledger'])).toMatchObject({ fiveHour: null, sevenDay: null });
    const good = payload(s, {
      rate_limits: { five_hour: { used_percentage: 120.5, resets_at: inHours(1) } },
    });
    const over = spawnSync(
      process.execPath,
      [CLI, 'statusline', '--no-ledger', '--no-color', '--format', 'limits'],
      { env: { ...s.env, FORCE_COLOR: '1' }, input: good, encoding: 'utf8' },
    );
    expect(over.stdout).toMatch(/^5h 121% \(resets \d\d:\d\d\)\n$/);
    const kept = limitsJson(s, ['--no-ledger']);
    expect(kept.fiveHour).toMatchObject({ usedPercentage: 120.5, state: 'over' });
    expect(kept.sevenDay).toBeNull();
    const text = spawnSync(process.execPath, [CLI, 'limits', '--no-ledger'], {
      env: s.env,
      encoding: 'utf8',
    });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^5-hour window +120\.5% used {3}resets /);
    expect(text.stdout).toContain('No official figure seen yet for the 7-day window.');
  });
});

describe('Claude Code’s own session cost beside ours', () => {
  it('shows the status line’s estimate, then a newer cost-state line, with the difference', async () => {
    const s = await setup();
    const ledger = ['--ledger', path.join(s.dir, 'l.db')];
    spawnSync(process.execPath, [CLI, ...ledger], { env: s.env });
    statusline(s, payload(s, { cost: { total_cost_usd: 1.4 } }), [...ledger, ...patient]);
    const sessionJson = () => {
      const result = spawnSync(process.execPath, [CLI, 'sessions', 's1', '--json', ...ledger], {
        env: s.env,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      const value = JSON.parse(result.stdout);
      const validate = validator('session');
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
      return value.claudeCodeEstimate;
    };
    // Ours: $1.51578 (see setup), all of it before Claude Code's figure was given.
    expect(sessionJson()).toMatchObject({
      costUsd: 1.4,
      source: 'statusline',
      version: '2.0.31',
      oursThen: 1.51578,
      oursThenIsPartial: false,
      difference: 0.11578,
      differencePercent: 8.27,
      fast: { requests: 0, cost: 0 },
      subagents: { requests: 0, cost: 0 },
    });
    const text = spawnSync(process.execPath, [CLI, 'sessions', 's1', ...ledger], {
      env: s.env,
      encoding: 'utf8',
    });
    expect(text.stdout).toContain("Claude Code's own estimate: $1.40 (from its status line");
    expect(text.stdout).toContain('ours then: $1.52, +$0.12 (+8.3%).');
    // A cost-state line written after it (2.1.248 and later) is the newer figure.
    await new Promise((resolve) => setTimeout(resolve, 5));
    appendFileSync(
      s.transcript,
      `${JSON.stringify({ type: 'cost-state', sessionId: 's1', timestamp: new Date().toISOString(), totalCostUSD: 1.6 })}\n`,
    );
    expect(sessionJson()).toMatchObject({
      costUsd: 1.6,
      source: 'cost-state',
      difference: -0.08422,
    });
    // Another session has none.
    const other = spawnSync(process.execPath, [CLI, 'sessions', 's2', '--json', ...ledger], {
      env: s.env,
      encoding: 'utf8',
    });
    expect(JSON.parse(other.stdout).claudeCodeEstimate).toBeNull();
  });
});
