/// <reference lib="dom" />
import type { ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, startDashboard } from '../../bench/chromium.mjs';
import { REPORTS } from '../../src/reports/registry.js';
import { dashboardApp } from '../../src/server/app.js';
import { loadUsage } from '../../src/usage.js';
import { REPO, runCli } from '../helpers/cli.js';
import { assistantLine } from '../helpers/lines.js';

const rules = path.join(REPO, 'fixtures', 'rules');
const dataDirs = ['--data-dir', `${rules}/root-a`, '--data-dir', `${rules}/root-b`];
const TOKEN = 'test-token';
const HOST = '127.0.0.1:4177';

/** The app in-process over fixtures/rules, read from the logs as the CLI's --no-ledger does. */
function app(now?: () => number) {
  return dashboardApp({
    now,
    token: TOKEN,
    hosts: () => [HOST],
    load: (request) =>
      loadUsage(
        { ...request, dataDir: [`${rules}/root-a`, `${rules}/root-b`], ledger: false },
        {
          env: { HOME: path.join(REPO, 'test', 'no-home') },
          homeDir: path.join(REPO, 'test', 'no-home'),
        },
      ),
    timeZone: 'UTC',
    assets: path.join(REPO, 'dist', 'dashboard'),
    onChange: () => () => {},
  });
}

const get = (url: string, headers: Record<string, string> = {}, served = app()) =>
  served.request(`http://${HOST}${url}`, {
    headers: { host: HOST, authorization: `Bearer ${TOKEN}`, ...headers },
  });

/** Queries of the reports of sums, and the CLI's flags for the same. */
const SUMS_QUERIES: [string, string[]][] = [
  ['all=true', ['--all']],
  ['since=2026-11-19&model=sonnet-4-5', ['--since', '2026-11-19', '--model', 'sonnet-4-5']],
];

describe('the dashboard API answers what --json prints', () => {
  // Every report of the registry: its route and its command.
  it.each(
    REPORTS.map((definition) => [
      definition.name,
      definition.name === 'daily' ? [] : [definition.name],
    ]),
  )('/api/%s?all=true', async (name, command) => {
    const response = await get(`/api/${name}?all=true&timezone=UTC`);
    expect(response.status).toBe(200);
    const cli = JSON.parse(
      runCli([...command, ...dataDirs, '--all', '--timezone', 'UTC', '--no-ledger', '--json'])
        .stdout,
    );
    expect(await response.json()).toEqual(cli);
  });

  // Reports of sums are answered from the records summed by day of the zone: the CLI here
  // reads every record. In a zone 5:45 ahead, of a range, of one model.
  it.each(
    REPORTS.filter((definition) => definition.sums === true).flatMap((definition) =>
      SUMS_QUERIES.map(([query, flags]) => [definition.name, query, flags] as const),
    ),
  )('/api/%s?%s in Asia/Kathmandu', async (name, query, flags) => {
    const response = await get(`/api/${name}?${query}&timezone=Asia/Kathmandu`);
    expect(response.status).toBe(200);
    const command = name === 'daily' ? [] : [name];
    const cli = JSON.parse(
      runCli([
        ...command,
        ...dataDirs,
        ...flags,
        '--timezone',
        'Asia/Kathmandu',
        '--no-ledger',
        '--json',
      ]).stdout,
    );
    expect(await response.json()).toEqual(cli);
  });

  it('answers --day, budget, the global figures and a page of requests as the CLI counts them', async () => {
    const day = await (await get('/api/day/2026-11-19?timezone=UTC')).json();
    const cliDay = JSON.parse(
      runCli(['--day', '2026-11-19', ...dataDirs, '--timezone', 'UTC', '--no-ledger', '--json'])
        .stdout,
    );
    expect(day).toEqual(cliDay);
    const budget = await (await get('/api/budget?all=true&timezone=UTC&dailyBudget=5')).json();
    const cliBudget = JSON.parse(
      runCli([
        'budget',
        ...dataDirs,
        '--all',
        '--timezone',
        'UTC',
        '--no-ledger',
        '--json',
        '--daily-budget',
        '5',
      ]).stdout,
    );
    expect(budget).toEqual(cliBudget);
    expect((await get('/api/budget')).status).toBe(400);
    const global = (await (await get('/api/usage/global?timezone=UTC')).json()) as Record<
      string,
      { totalCost: number; requests: number; sessions: number }
    >;
    expect(global.all).toMatchObject({ totalCost: 0.098421, requests: 9, sessions: 3 });
    // On Sunday 2026-11-22, the week from Monday holds all nine requests (18th to 20th); the
    // week from Sunday has just begun.
    const sunday = app(() => Date.parse('2026-11-22T12:00:00Z'));
    const weekOf = async (query: string) => {
      const response = await get(`/api/usage/global?${query}`, {}, sunday);
      return ((await response.json()) as { week: { since: string; requests: number } }).week;
    };
    expect(await weekOf('timezone=UTC')).toMatchObject({ since: '2026-11-16', requests: 9 });
    expect(await weekOf('timezone=UTC&startOfWeek=sunday')).toMatchObject({
      since: '2026-11-22',
      requests: 0,
    });
    const page = (await (
      await get('/api/requests?all=true&pageSize=4&page=3&sortBy=cost')
    ).json()) as {
      total: number;
      rows: { cost: number }[];
    };
    expect(page.total).toBe(9);
    expect(page.rows).toHaveLength(1);
    const first = (await (await get('/api/requests?all=true&pageSize=9&sortBy=cost')).json()) as {
      rows: { cost: number }[];
    };
    expect(first.rows.map((r) => r.cost)).toEqual(
      [...first.rows.map((r) => r.cost)].sort((a, b) => b - a),
    );
    expect((await get('/api/requests?pageSize=5000')).status).toBe(400);
  });

  it.each([
    ['csv', 'day', []],
    ['json', 'request', ['--since', '2026-11-19']],
    ['ndjson', 'model', ['--until', '2026-11-19']],
  ])('/api/export as %s by %s is the bytes usage export writes', async (format, groupBy, range) => {
    const query = new URLSearchParams({ format, groupBy, timezone: 'UTC' });
    if (range[0] !== undefined) query.set(range[0].slice(2), range[1] ?? '');
    const response = await get(`/api/export?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="usage-by-${groupBy}.${format}"`,
    );
    const cli = runCli([
      'export',
      '--format',
      format,
      '--group-by',
      groupBy,
      ...range,
      ...dataDirs,
      '--timezone',
      'UTC',
      '--no-ledger',
    ]);
    expect(cli.status).toBe(0);
    expect(await response.text()).toBe(cli.stdout);
    const bad = await get('/api/export?format=xlsx');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      "--format: 'xlsx' is not one of csv, json, ndjson",
    );
  });

  it('gives a bad value the CLI message as a 400', async () => {
    const response = await get('/api/daily?since=soon');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^--since: 'soon' is not a date/,
    );
  });

  // Each report's own options, read by one parser for the flag and the query parameter.
  it.each(
    REPORTS.flatMap((definition) =>
      (definition.options ?? [])
        .filter((option) => option.parse !== undefined)
        .map((option) => [definition.name, option.name, option.flags.split(' ')[0] ?? '']),
    ),
  )('%s: a bad %s is a 400 with the message of %s', async (name, parameter, flag) => {
    const response = await get(`/api/${name}?${parameter}=0x`);
    expect(response.status).toBe(400);
    const cli = runCli([name, flag, '0x', ...dataDirs]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toBe(`usage: ${((await response.json()) as { error: string }).error}\n`);
  });

  it('opens one session request by request', async () => {
    const response = await get('/api/sessions/s2?timezone=UTC');
    const body = await response.json();
    const cli = JSON.parse(
      runCli(['sessions', 's2', ...dataDirs, '--all', '--timezone', 'UTC', '--no-ledger', '--json'])
        .stdout,
    );
    expect(body).toEqual(cli);
    expect(await (await get('/api/session/s2/usage?timezone=UTC')).json()).toEqual(cli);
    const none = await get('/api/sessions/nosuch');
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ error: 'no one session id starts with that' });
  });
});

describe('usage dashboard, the process', () => {
  it('sees an edit of the config without a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'usage-dashboard-config-'));
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ budgets: { daily: 5 } }));
    const started = startDashboard([...dataDirs, '--config', config], { HOME: dir });
    try {
      const url = new URL(await started.address);
      const limit = async () => {
        const response = await fetch(`${url.origin}/api/budget`, {
          headers: { authorization: `Bearer ${url.searchParams.get('token')}` },
        });
        return ((await response.json()) as { budgets: { limit: number }[] }).budgets[0]?.limit;
      };
      expect(await limit()).toBe(5);
      writeFileSync(config, JSON.stringify({ budgets: { daily: 7 } }));
      utimesSync(config, new Date(), new Date(Date.now() + 2_000));
      expect(await limit()).toBe(7);
    } finally {
      started.server.kill('SIGTERM');
    }
  });
});

describe('the dashboard lets no one else in', () => {
  it('wants the token: 401 without it, and ?token= sets an HttpOnly SameSite=Strict cookie', async () => {
    expect(
      (await app().request(`http://${HOST}/api/daily`, { headers: { host: HOST } })).status,
    ).toBe(401);
    const wrong = await get('/api/daily', { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const landing = await app().request(`http://${HOST}/?token=${TOKEN}`, {
      headers: { host: HOST },
    });
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/');
    expect(landing.headers.get('set-cookie')).toMatch(
      /usage_token=test-token;.*HttpOnly.*SameSite=Strict/i,
    );
    const withCookie = await app().request(`http://${HOST}/api/models?all=true`, {
      headers: { host: HOST, cookie: `usage_token=${TOKEN}` },
    });
    expect(withCookie.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding), sends no CORS header and a strict CSP', async () => {
    expect((await get('/api/daily', { host: 'evil.example:4177' })).status).toBe(403);
    const page = await get('/', { origin: 'http://evil.example' });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).not.toMatch(/https?:\/\//);
  });
});

const shots = path.join(REPO, 'test-output');

describe.skipIf(!existsSync(CHROMIUM))('the dashboard in a real browser (Chromium)', () => {
  let server: ChildProcess | undefined;
  afterAll(() => server?.kill('SIGTERM'));

  it('shows the totals of --json, draws its chart, opens a session, and follows new lines', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'usage-dashboard-'));
    cpSync(rules, dir, { recursive: true });
    const args = ['--data-dir', `${dir}/root-a`, '--data-dir', `${dir}/root-b`];
    // What a status line kept of Claude Code's figures: its limits, and an estimate for the
    // costliest session of the range (the one the page opens below).
    const costliest = JSON.parse(
      runCli(['sessions', ...args, '--since', '2026-11-01', '--limit', '1', '--json']).stdout,
    ).sessions[0];
    const seenAt = Date.now();
    const resetsAt = seenAt + 2 * 3_600_000;
    const seen = { observedAt: seenAt, sessionId: 'x', version: '2.1.250' };
    mkdirSync(path.join(dir, '.cache', 'usage-ledger'), { recursive: true });
    writeFileSync(
      path.join(dir, '.cache', 'usage-ledger', 'official.json'),
      JSON.stringify({
        limits: {
          fiveHour: { usedPercentage: 42, resetsAt, ...seen },
          sevenDay: { usedPercentage: 96, resetsAt: seenAt + 24 * 3_600_000, ...seen },
        },
        sessions: {
          [costliest.sessionId]: {
            sessionId: costliest.sessionId,
            costUsd: 0.01,
            observedAt: seenAt,
            source: 'statusline',
            version: '2.1.250',
          },
        },
      }),
    );
    const started = startDashboard(args, { HOME: dir });
    server = started.server;
    const url = await started.address;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(url.replace('/?', '/?since=2026-11-01&'));
      await page
        .waitForSelector('body[data-ready="true"]', { timeout: 20_000 })
        .catch((error: Error) => {
          throw new Error(`${error.message}; ${problems.join('; ')}`);
        });
      const cli = JSON.parse(
        runCli([...args, '--since', '2026-11-01', '--timezone', 'UTC', '--json', '--no-ledger'])
          .stdout,
      );
      const shown = await page.textContent('#total-cost');
      expect(shown).toBe(`$${cli.totals.totalCost.toFixed(2)}`);
      expect(await page.textContent('#total-requests')).toBe(String(cli.totals.requests));
      // The chart drew: a canvas with something on it.
      const painted = await page.evaluate(() => {
        const canvas = document.querySelector('#chart canvas') as HTMLCanvasElement | null;
        if (canvas === null) return false;
        const pixels =
          canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        return Array.from(pixels).some((value, i) => i % 4 === 3 && value > 0);
      });
      expect(painted).toBe(true);
      // The heatmap shades one cell per weekday and hour with usage, and sums to the range.
      const hourly = JSON.parse(
        runCli([
          'hourly',
          ...args,
          '--since',
          '2026-11-01',
          '--timezone',
          'UTC',
          '--json',
          '--no-ledger',
        ]).stdout,
      ) as { hourly: { hour: string; totalCost: number }[] };
      const heat = await page.$$eval('#heatmap td[data-cost]', (cells) =>
        cells.map((cell) => Number((cell as HTMLElement).dataset.cost)),
      );
      expect(heat).toHaveLength(new Set(hourly.hourly.map((row) => row.hour.slice(0, 13))).size);
      expect(heat.reduce((a, b) => a + b, 0)).toBeCloseTo(cli.totals.totalCost, 9);
      expect(await page.textContent('#kinds tr:nth-child(3)')).toBe(
        `Output${cli.totals.outputTokens.toLocaleString('en-US')}$${cli.totals.costByKind.output.toFixed(2)}`,
      );
      // The chart stacks each day's cost by model, the costliest model first; its bars add up
      // to the range. Switched to tokens by kind per week, they add up to the range's tokens.
      const models = JSON.parse(
        runCli(['models', ...args, '--since', '2026-11-01', '--timezone', 'UTC', '--json']).stdout,
      ) as { models: { model: string; cost: number }[] };
      const chartOf = () =>
        page.$eval('#chart', (chart) => ({
          layers: (chart as HTMLElement).dataset.layers,
          total: Number((chart as HTMLElement).dataset.total),
        }));
      const byCost = [...models.models].sort((a, b) => b.cost - a.cost).map((m) => m.model);
      expect(await chartOf()).toEqual({
        layers: byCost.join('|'),
        total: expect.closeTo(cli.totals.totalCost, 9),
      });
      await page.selectOption('#chart-show', 'tokens');
      await page.selectOption('#chart-period', 'week');
      await page.waitForFunction(() =>
        document.querySelector('#chart-title')?.textContent?.includes('Tokens by kind per week'),
      );
      expect(await chartOf()).toEqual({
        layers: 'Input|Output|Cache write|Cache read',
        total: cli.totals.totalTokens,
      });
      expect(new URL(page.url()).searchParams.get('chart')).toBe('week');
      await page.click('#sessions tr.link');
      await page.waitForSelector('#session:not([hidden]) #requests tr:nth-child(2)');
      expect(await page.textContent('#session-title')).toContain(costliest.sessionId);
      expect(await page.textContent('#session-estimate')).toContain(
        `Claude Code's own estimate: $0.01 (from its status line, `,
      );
      expect(await page.textContent('#session-estimate')).toContain(
        `ours then $${costliest.totalCost.toFixed(2)}, +$${(costliest.totalCost - 0.01).toFixed(2)}`,
      );
      // Claude Code's windows beside ours, coloured by state (96% is over the 80% alert).
      const clock = new Date(resetsAt).toISOString().slice(11, 16);
      expect(await page.textContent('#window .official')).toBe(
        `Claude Code: 5h 42% (resets ${clock}) · 7d 96%`,
      );
      expect(await page.getAttribute('#window .official', 'data-state')).toBe('alert');
      // The request grid lists every request of the range; sorted by cost, the dearest first.
      expect(await page.textContent('#grid-page')).toBe(
        `page 1 of 1 · ${cli.totals.requests} requests`,
      );
      expect(await page.$$eval('#grid tr', (rows) => rows.length)).toBe(cli.totals.requests + 1);
      await page.selectOption('#grid-sort', 'cost');
      await page.waitForFunction(
        () =>
          document.querySelector('#grid tr:nth-child(2) td:last-child')?.textContent === '$0.05', // s3's Opus request of $0.04915
      );
      // The CSV link downloads what `usage export` writes for the page's range.
      await page.selectOption('#group-by', 'session');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download-csv'),
      ]);
      const saved = path.join(dir, 'download.csv');
      await download.saveAs(saved);
      const exported = runCli([
        'export',
        '--group-by',
        'session',
        '--since',
        '2026-11-01',
        ...args,
        '--timezone',
        'UTC',
        '--no-ledger',
      ]).stdout;
      expect(exported.split('\r\n').length).toBe(5); // header, three sessions, final CRLF
      expect(readFileSync(saved, 'utf8')).toBe(exported);
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'dashboard.png'), fullPage: true });
      // A custom range shows that range's totals; Back returns to the range before.
      const before = await page.textContent('#total-cost');
      await page.fill('#since-input', '2026-11-19');
      await page.fill('#until-input', '2026-11-19');
      await page.click('#custom-range button');
      await page.waitForFunction(
        () => document.querySelector('#range')?.textContent === '2026-11-19 to 2026-11-19',
      );
      const oneDay = JSON.parse(
        runCli([
          ...args,
          '--since',
          '2026-11-19',
          '--until',
          '2026-11-19',
          '--timezone',
          'UTC',
          '--json',
        ]).stdout,
      );
      expect(await page.textContent('#total-cost')).toBe(`$${oneDay.totals.totalCost.toFixed(2)}`);
      await page.goBack();
      await page.waitForFunction(
        (text) => document.querySelector('#total-cost')?.textContent === text,
        before,
      );
      // A new response of $1.50 (100,000 output tokens of Sonnet 4.5) in a followed transcript.
      appendFileSync(
        `${dir}/root-b/projects/-home-bob-api/s3.jsonl`,
        `\n${assistantLine({ id: 'live1', requestId: 'rl', timestamp: '2026-11-20T13:00:00Z', input: 0, output: 100_000, sessionId: 's3' })}\n`,
      );
      const expected = `$${(cli.totals.totalCost + 1.5).toFixed(2)}`;
      await page.waitForFunction(
        (text) => document.querySelector('#total-cost')?.textContent === text,
        expected,
        { timeout: 20_000 },
      );
      // No window is open on 2026-11 data; a request now opens one, priced as it was.
      expect(await page.getAttribute('#window', 'data-open')).toBe('false');
      appendFileSync(
        `${dir}/root-b/projects/-home-bob-api/s3.jsonl`,
        `${assistantLine({ id: 'now1', requestId: 'rn', timestamp: new Date().toISOString(), input: 0, output: 100_000, sessionId: 's3' })}\n`,
      );
      await page.waitForSelector('#window[data-open="true"]', { timeout: 20_000 });
      const window = (await page.textContent('#window')) ?? '';
      expect(window).toContain('$1.50');
      expect(window).toContain('100,000 tokens');
      await page.waitForFunction(() =>
        document
          .querySelector('[data-period="Today"]')
          ?.textContent?.includes('100,000 tokens · 1 request · 1 session'),
      );
      // Without the token, or from another Host, the running server answers nothing.
      const base = new URL(url);
      expect((await fetch(`${base.origin}/api/daily`)).status).toBe(401);
      const foreign = await new Promise<number>((resolve, reject) => {
        request(
          {
            host: base.hostname,
            port: base.port,
            path: `/api/daily${base.search}`,
            headers: { host: 'evil.example' },
          },
          (response) => resolve(response.statusCode ?? 0),
        )
          .on('error', reject)
          .end();
      });
      expect(foreign).toBe(403);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('keeps strings from the logs as text and fits a phone screen', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'usage-dashboard-hostile-'));
    const project = path.join(dir, 'projects', '-home-eve-x');
    mkdirSync(project, { recursive: true });
    const hostile = {
      model: '</script><script>window.__xss=1</script>',
      cwd: '/home/eve/<img src=x onerror="window.__xss=2">',
      sessionId: '<b>s</b>',
    };
    appendFileSync(
      path.join(project, 's.jsonl'),
      `${assistantLine({ ...hostile, id: 'h1', timestamp: new Date().toISOString() })}\n`,
    );
    const started = startDashboard(['--data-dir', dir], { HOME: dir });
    const url = await started.address;
    const browser = await launchChromium({ width: 390, height: 844 });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('dialog', (dialog) => problems.push(`dialog ${dialog.message()}`));
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
      expect(await page.textContent('#models tr:nth-child(2) td')).toBe(hostile.model);
      expect(await page.textContent('#projects tr:nth-child(2) td')).toBe(hostile.cwd);
      await page.click('#sessions tr.link');
      await page.waitForSelector('#session:not([hidden]) #requests tr:nth-child(2)');
      expect(await page.textContent('#session-title')).toContain(hostile.sessionId);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.$$('main script, main img, main b')).toHaveLength(0);
      // Wide tables scroll inside their sections; the page itself is no wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'dashboard-phone.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      started.server.kill('SIGTERM');
    }
  }, 60_000);
});
