// usage report --html: the dashboard as one file, its data embedded, read back as the CLI's
// --json and opened from disk in Chromium with no server.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../../bench/chromium.mjs';
import { REPO, runCli } from '../helpers/cli.js';
import { assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const dataDirs = ['--data-dir', `${rules}/root-a`, '--data-dir', `${rules}/root-b`];
const range = ['--since', '2026-11-01', '--timezone', 'UTC'];

/** The data a report file embeds. */
function embedded(html: string): { state: string; answers: Record<string, unknown> } {
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html);
  if (json?.[1] === undefined) throw new Error('no report-data in the file');
  return JSON.parse(json[1]);
}

const cliJson = (args: string[]) =>
  JSON.parse(runCli([...args, ...dataDirs, ...range, '--no-ledger', '--json']).stdout);

describe('usage report --html', () => {
  it('writes one file whose embedded answers are what --json prints', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'usage-report-')), 'r.html');
    const result = runCli(['report', '--html', file, ...dataDirs, ...range]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^usage: wrote .*r\.html \(\d+ KiB\)\n/m);
    const { state, answers } = embedded(readFileSync(file, 'utf8'));
    expect(state).toBe('timezone=UTC&since=2026-11-01');
    expect(answers['/api/daily?since=2026-11-01&timezone=UTC']).toEqual(cliJson([]));
    expect(answers['/api/models?since=2026-11-01&timezone=UTC']).toEqual(cliJson(['models']));
    // Every session listed comes with its requests, as `usage sessions <id> --json` has them.
    const sessions = cliJson(['sessions', '--limit', '20']).sessions as { sessionId: string }[];
    expect(sessions.length).toBe(3);
    for (const { sessionId } of sessions) {
      const detail = JSON.parse(
        runCli(['sessions', sessionId, ...dataDirs, '--all', '--timezone', 'UTC', '--json']).stdout,
      );
      expect(answers[`/api/sessions/${sessionId}?since=2026-11-01&timezone=UTC`]).toEqual(detail);
    }
    // A second run does not replace the file unless told.
    const again = runCli(['report', '--html', file, ...dataDirs, ...range]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`--html: ${file} exists; add --force to replace it`);
    expect(runCli(['report', '--html', file, '--force', ...dataDirs, ...range]).status).toBe(0);
  });

  it('writes to stdout with - and says what is wrong with bad options', () => {
    const piped = runCli(['report', '--html', '-', ...dataDirs, ...range]);
    expect(piped.status).toBe(0);
    expect(piped.stdout.startsWith('<!doctype html>')).toBe(true);
    const none = runCli(['report', ...dataDirs]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      'usage: report: --html <file> names the file to write (- for stdout)\n',
    );
    const bad = runCli(['report', '--html', '-', '--since', 'soon', ...dataDirs]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("--since: 'soon' is not a date");
  });
});

describe.skipIf(!existsSync(CHROMIUM))('a report file in a real browser (Chromium)', () => {
  it('opens from disk with no server: the totals of --json, a chart, a session, strings as text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'usage-report-browser-'));
    cpSync(rules, dir, { recursive: true });
    // A model named to end the data's script element and run its own.
    const hostile = '</script><script>window.__xss=1</script>';
    appendFileSync(
      `${dir}/root-a/projects/-home-ann-app/s1.jsonl`,
      `\n${assistantLine({ id: 'x1', requestId: 'rx', model: hostile, timestamp: '2026-11-19T09:30:00Z', sessionId: 's1' })}\n`,
    );
    const file = path.join(dir, 'report.html');
    const args = ['--data-dir', `${dir}/root-a`, '--data-dir', `${dir}/root-b`, ...range];
    expect(runCli(['report', '--html', file, ...args]).status).toBe(0);
    const cli = JSON.parse(runCli([...args, '--json']).stdout);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => problems.push(`${message.type()}: ${message.text()}`));
      page.on('request', (request) => {
        if (request.url() !== `file://${file}`) problems.push(`asked for ${request.url()}`);
      });
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      expect(await page.textContent('#total-cost')).toBe(
        `$${cli.totals.totalCost.toFixed(2)}${cli.totals.costIsPartial ? '+' : ''}`,
      );
      expect(await page.textContent('#total-requests')).toBe(String(cli.totals.requests));
      expect(Number(await page.getAttribute('#chart', 'data-total'))).toBeCloseTo(
        cli.totals.totalCost,
        9,
      );
      await page.selectOption('#chart-period', 'week');
      await page.waitForFunction(() =>
        document.querySelector('#chart-title')?.textContent?.endsWith('per week'),
      );
      await page.click('#sessions tr.link');
      await page.waitForSelector('#session:not([hidden]) #requests tr:nth-child(2)');
      expect(await page.$$eval('#models td', (cells) => cells.map((c) => c.textContent))).toContain(
        hostile,
      );
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.isHidden('#downloads')).toBe(true);
      mkdirSync(path.join(REPO, 'test-output'), { recursive: true });
      await page.screenshot({ path: path.join(REPO, 'test-output', 'report-file.png') });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
