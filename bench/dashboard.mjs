// The dashboard's speed on a synced ledger: each API route's 95th-percentile answer time over
// `calls` calls, and the page's first render with data in Chromium (when /usr/bin/chromium is
// there). Used by run.mjs on the 1 GiB corpus; alone: node bench/dashboard.mjs <logs dir>.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launchChromium, startDashboard } from './chromium.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(repo, 'dist', 'cli', 'main.js');

/** The routes the page calls, with the page's default range (the last 30 days of the data). */
const ROUTES = [
  '/api/daily?all=true',
  '/api/daily?since=30d',
  '/api/models?since=30d',
  '/api/projects?since=30d',
  '/api/sessions?since=30d&limit=20',
  '/api/hourly?since=30d',
  '/api/blocks?since=yesterday',
  '/api/tools?since=30d',
  '/api/usage/global',
  '/api/requests?since=30d&pageSize=50&sortBy=cost',
];

const percentile = (values, share) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};

async function firstRender(url) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The first load sets the token cookie; each timed load is a fresh navigation with it.
    await page.goto(url.href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const times = [];
    for (let i = 0; i < 5; i++) {
      const began = performance.now();
      await page.goto(`${url.origin}/`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      times.push(performance.now() - began);
    }
    return times;
  } finally {
    await browser.close();
  }
}

/** Rows `{ name, p50, p95, target }` in milliseconds. The ledger must already be synced. */
export async function benchDashboard(dir, ledger, calls = 20) {
  const { server, address } = startDashboard(['--ledger', ledger], {
    HOME: os.tmpdir(),
    CLAUDE_CONFIG_DIR: dir,
  });
  try {
    const url = new URL(await address);
    const headers = { authorization: `Bearer ${url.searchParams.get('token')}` };
    const rows = [];
    let first = null;
    for (const route of ROUTES) {
      const times = [];
      for (let i = 0; i <= calls; i++) {
        const began = performance.now();
        const response = await fetch(`${url.origin}${route}`, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${route}: ${response.status}`);
        // The first call of each route warms it; it is not counted. The very first reads the
        // ledger, as the first call after the logs change does: it is shown on its own.
        if (i > 0) times.push(performance.now() - began);
        else first ??= performance.now() - began;
      }
      rows.push({
        name: `GET ${route}`,
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        target: '< 50 ms (p95)',
      });
    }
    rows.push({
      name: `first call, reading the ledger (${ROUTES[0]})`,
      p50: first,
      p95: first,
      target: 'once per change of the logs',
    });
    if (existsSync(CHROMIUM)) {
      const times = await firstRender(url);
      rows.push({
        name: 'page load to first render with data (Chromium)',
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        target: '< 1000 ms',
      });
    }
    return rows;
  } finally {
    server.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node bench/dashboard.mjs <logs dir, with projects/ in it>');
    process.exit(2);
  }
  const ledger = path.join(os.tmpdir(), `usage-bench-dashboard-${process.pid}.db`);
  const sync = spawnSync(process.execPath, [cli, '--all', '--json', '--ledger', ledger], {
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), TZ: 'UTC', CLAUDE_CONFIG_DIR: dir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (sync.status !== 0) process.exit(1);
  try {
    for (const row of await benchDashboard(dir, ledger)) {
      console.log(
        `${row.name}\tp50 ${row.p50.toFixed(1)} ms\tp95 ${row.p95.toFixed(1)} ms\t${row.target}`,
      );
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(ledger + suffix, { force: true });
  }
}
