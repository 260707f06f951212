import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

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
