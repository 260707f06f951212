import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO, runCli } from '../helpers/cli.js';
import { fsFixture } from '../helpers/fs-fixture.js';
import { assistantLine } from '../helpers/lines.js';

/** A transcript with one Sonnet 4.5 response logged a minute ago: 100,000 output tokens, $1.50. */
async function today(): Promise<{ dir: string; transcript: string }> {
  const dir = await fsFixture({
    'projects/-home-ann-app/s1.jsonl': [
      assistantLine({
        id: 'm1',
        timestamp: new Date(Date.now() - 60_000).toISOString(),
        input: 0,
        output: 100_000,
      }),
    ],
  });
  return { dir, transcript: path.join(dir, 'projects/-home-ann-app/s1.jsonl') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * Runs watch on `dir` in a tmux pane of `width` x `height`, after printing `before`; the pane
 * prints the exit code after.
 */
function inTmux(dir: string, width: number, height: number, extra: string[], before = '') {
  const session = `usage-watch-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', session).stdout;
  const waitFor = async (seen: (text: string) => boolean) => {
    for (let waited = 0; waited < 10_000; waited += 100) {
      if (seen(screen())) return true;
      await sleep(100);
    }
    return false;
  };
  const command = [
    'env',
    `PATH=${process.env.PATH}`,
    `HOME=${path.join(dir, 'home')}`,
    'TZ=UTC',
    'NO_COLOR=1',
    process.execPath,
    CLI,
    'watch',
    '--data-dir',
    dir,
    '--no-ledger',
    '--timezone',
    'UTC',
    ...extra,
  ].join(' ');
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    String(width),
    '-y',
    String(height),
    '-c',
    REPO,
    `${before}${command}; printf 'exit %s\\n' $?; sleep 30`,
  );
  return { tmux, screen, waitFor, session, close: () => tmux('kill-session', '-t', session) };
}

describe('usage watch', () => {
  it('prints the report again and again when stdout is not a terminal', async () => {
    const { dir } = await today();
    const result = runCli([
      'watch',
      '--data-dir',
      dir,
      '--no-ledger',
      '--count',
      '2',
      '--interval',
      '1',
      '--timezone',
      'UTC',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const frames = result.stdout.split('usage watch · ').slice(1);
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame).toContain('$1.50');
      expect(frame).toMatch(/5-hour window \d\d:00–\d\d:00: \$1\.50 so far/);
    }
    expect(result.stdout).not.toContain('\u001b['); // no escape codes into a pipe
    // The ledger kept in memory leaves no file behind (not even one named ':memory:').
    expect(existsSync(path.join(REPO, ':memory:'))).toBe(false);
  });

  it.skipIf(!hasTmux)(
    'redraws in place in a terminal after a transcript grows, and q gives the terminal back',
    async () => {
      const { dir, transcript } = await today();
      const pane = inTmux(dir, 100, 40, ['--interval', '60'], "printf 'before the watch\\n'; ");
      try {
        expect(await pane.waitFor((text) => text.includes('$1.50'))).toBe(true);
        expect(pane.screen()).not.toContain('before the watch'); // drawn on the alternate screen
        // A second response of $1.50: the change to the file redraws without waiting 60 s.
        appendFileSync(
          transcript,
          `${assistantLine({ id: 'm2', timestamp: new Date().toISOString(), input: 0, output: 100_000 })}\n`,
        );
        expect(await pane.waitFor((text) => text.includes('$3.00'))).toBe(true);
        pane.tmux('send-keys', '-t', pane.session, 'q');
        expect(await pane.waitFor((text) => text.includes('exit 0'))).toBe(true);
        // The screen is the one from before the watch, with nothing of the report left.
        const after = pane.screen();
        expect(after).toContain('before the watch');
        expect(after).not.toContain('Claude Code usage');
      } finally {
        pane.close();
      }
    },
    30_000,
  );
});

describe.skipIf(!hasTmux)('usage watch in a terminal', () => {
  it('keeps the title on a small terminal, redraws at once on resize, and exits 130 on Ctrl-C', async () => {
    const pane = inTmux((await today()).dir, 80, 12, ['--interval', '60']);
    try {
      expect(await pane.waitFor((text) => text.includes('more lines'))).toBe(true);
      const small = pane.screen().split('\n');
      expect(small[0]).toMatch(/^usage watch · /);
      expect(small.filter((line) => line !== '').length).toBeLessThanOrEqual(12);
      pane.tmux('resize-window', '-t', pane.session, '-x', '100', '-y', '40');
      // Redrawn at the new size without waiting for the 60 s interval.
      expect(
        await pane.waitFor(
          (text) => text.includes('5-hour window') && !text.includes('more lines'),
        ),
      ).toBe(true);
      pane.tmux('send-keys', '-t', pane.session, 'C-c');
      expect(await pane.waitFor((text) => text.includes('exit 130'))).toBe(true);
    } finally {
      pane.close();
    }
  }, 30_000);

  it('leaves the last frame of --count on the screen', async () => {
    const pane = inTmux((await today()).dir, 100, 40, ['--count', '1']);
    try {
      expect(await pane.waitFor((text) => text.includes('exit 0'))).toBe(true);
      const after = pane.screen();
      expect(after).toContain('usage watch · ');
      expect(after).toContain('$1.50');
    } finally {
      pane.close();
    }
  }, 30_000);
});

describe.skipIf(!hasTmux)('usage watch steered with keys', () => {
  it('moves by day, week and month, lists and opens sessions, and comes back to today', async () => {
    const now = Date.now();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const today = day(now);
    const yesterday = day(now - 86_400_000);
    // Today: session s1, $1.50 (100,000 output tokens of Sonnet 4.5); yesterday: s0, $3.00.
    const dir = await fsFixture({
      'projects/-home-ann-app/s1.jsonl': [
        assistantLine({
          id: 'm1',
          sessionId: 's1',
          timestamp: new Date(now - 60_000).toISOString(),
          input: 0,
          output: 100_000,
        }),
      ],
      'projects/-home-ann-app/s0.jsonl': [
        assistantLine({
          id: 'm0',
          sessionId: 's0',
          timestamp: `${yesterday}T12:00:00.000Z`,
          input: 0,
          output: 200_000,
        }),
      ],
    });
    const pane = inTmux(dir, 120, 40, ['--interval', '60']);
    const press = (...keys: string[]) => pane.tmux('send-keys', '-t', pane.session, ...keys);
    const header = () => pane.screen().split('\n')[0] ?? '';
    try {
      expect(await pane.waitFor((text) => text.includes('$1.50'))).toBe(true);
      expect(header()).toContain(`day ${today} (today)`);
      expect(header()).toContain('? keys');

      press('Left');
      expect(
        await pane.waitFor((text) => text.split('\n')[0]?.includes(`day ${yesterday} ·`) === true),
      ).toBe(true);
      expect(await pane.waitFor((text) => text.includes('$3.00'))).toBe(true);
      expect(pane.screen()).not.toContain('5-hour window');

      press('Right');
      expect(await pane.waitFor((text) => text.includes(`day ${today} (today)`))).toBe(true);
      press('Right'); // no further than today
      await sleep(300);
      expect(header()).toContain(`day ${today} (today)`);

      press('w');
      expect(
        await pane.waitFor((text) =>
          /^usage watch · week \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(today\)/.test(text),
        ),
      ).toBe(true);
      press('m');
      expect(
        await pane.waitFor((text) =>
          text.includes(`month ${today.slice(0, 8)}01 to ${today.slice(0, 8)}`),
        ),
      ).toBe(true);
      press('t');
      expect(await pane.waitFor((text) => text.includes(`day ${today} (today)`))).toBe(true);

      press('s');
      expect(await pane.waitFor((text) => text.includes('Sessions of the day'))).toBe(true);
      expect(pane.screen()).toMatch(/^> .*\$1\.50 +s1 /m);
      press('Enter');
      expect(await pane.waitFor((text) => text.includes('Session s1'))).toBe(true);
      press('Escape');
      expect(await pane.waitFor((text) => text.includes('Sessions of the day'))).toBe(true);
      press('?');
      expect(await pane.waitFor((text) => text.includes('Left / Right'))).toBe(true);
      press('q');
      expect(await pane.waitFor((text) => text.includes('exit 0'))).toBe(true);
    } finally {
      pane.close();
    }
  }, 60_000);
});
