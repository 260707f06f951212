// usage dashboard's work, loaded only when it runs: the server, Hono, the ledger's follower.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { cacheDir, defaultConfigFile } from '../config/paths.js';
import { syncLedger } from '../ledger/sync.js';
import { claudeCodeEstimate, latestLimits, officialCacheFile } from '../limits/keep.js';
import { packageRoot } from '../package-root.js';
import { cachedPricesFile } from '../pricing/sources.js';
import { dashboardApp } from '../server/app.js';
import { loadUsageFrom, type Usage } from '../usage.js';
import { warn } from './context.js';
import type { DashboardOptions } from './dashboard.js';
import { processEnvironment } from './environment.js';
import { followFolders } from './follow.js';
import { openStore } from './open-store.js';
import { statOrNull } from './output.js';
import { findProjectDirs } from './records.js';
import { timeZoneOf } from './zone.js';

const LOOPBACK = '127.0.0.1';
/** How often the followed logs are synced when no file event came. */
const FOLLOW_MS = 5_000;

/** Opens the page in the user's browser when there is a display to show it on. */
function openBrowser(url: string): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') return;
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start' : 'xdg-open';
  try {
    spawn(command, [url], { detached: true, stdio: 'ignore' })
      .on('error', () => {})
      .unref();
  } catch {
    // no browser to open: the address is printed
  }
}

/** When a file last changed (0: it is not there). */
const mtimeOf = (file: string) => statOrNull(file)?.mtimeMs ?? 0;

/** How many loaded usages (of distinct queries, at the logs' current state) are kept. */
const LOADS_KEPT = 16;

/**
 * `usage dashboard`: the page and its API on 127.0.0.1, following the logs like `watch` (the
 * ledger, or one in memory for `--data-dir`), until Ctrl-C or SIGTERM.
 */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  if (options.host !== LOOPBACK && options.host !== 'localhost') {
    warn(
      `--host ${options.host}: the dashboard answers beyond this machine; anyone with the token can read your usage`,
    );
  }
  const roots = await findProjectDirs(options.dataDir ?? []);
  const store = await openStore(options);
  await syncLedger(store, roots.projectDirs);
  const listeners = new Set<(version: number) => void>();
  let version = store.dataVersion();
  let syncing = false;
  const follow = async () => {
    if (syncing) return;
    syncing = true;
    try {
      await syncLedger(store, roots.projectDirs);
      const now = store.dataVersion();
      if (now !== version) {
        version = now;
        for (const listener of listeners) listener(version);
      }
    } catch {
      // the next round tries again
    } finally {
      syncing = false;
    }
  };
  const environment = processEnvironment();
  const configFile = options.config ?? defaultConfigFile(environment.env, environment.homeDir);
  const pricesFile = cachedPricesFile(cacheDir(environment.env, environment.homeDir));
  const loaded = new Map<string, Promise<Usage>>();
  const token = randomBytes(24).toString('base64url');
  let port = options.port;
  const officialFile = officialCacheFile(cacheDir(environment.env, environment.homeDir));
  const app = dashboardApp({
    token,
    official: () => latestLimits(store.db, officialFile),
    estimate: (sessionId, records) =>
      claudeCodeEstimate(store.db, officialFile, sessionId, records),
    hosts: () => [
      `${LOOPBACK}:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `${options.host}:${port}`,
    ],
    // A page asks for usage a dozen times a refresh, for other ranges, but the records read
    // depend only on the project and the cost mode (with tool calls for all), and change only
    // with the logs: one load serves them all.
    load: (request) => {
      // An edit of the config (budgets, prices) or a price update counts as a change too.
      const settings = `${mtimeOf(configFile)} ${mtimeOf(pricesFile)}`;
      const key = `${version} ${settings} ${request.mode} ${request.project ?? ''}`;
      const known = loaded.get(key);
      if (known !== undefined) return known;
      const usage = loadUsageFrom(
        store,
        {
          mode: request.mode,
          project: request.project,
          toolUses: true,
          dataDir: options.dataDir,
          ledger: options.ledger,
          config: options.config,
        },
        environment,
        { sync: 'none' },
      );
      if (loaded.size >= LOADS_KEPT) loaded.delete(loaded.keys().next().value ?? '');
      loaded.set(key, usage);
      usage.catch(() => loaded.delete(key));
      return usage;
    },
    timeZone: timeZoneOf(options.timezone),
    assets: path.join(packageRoot(), 'dist', 'dashboard'),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info) => {
        port = info.port;
        resolve(started);
      },
    );
  });
  const url = `http://${options.host === 'localhost' ? 'localhost' : options.host}:${port}/?token=${token}`;
  process.stdout.write(`Dashboard: ${url}\n`);
  if (options.open) openBrowser(url);

  const unfollow = followFolders(roots.projectDirs, () => void follow());
  const timer = setInterval(() => void follow(), FOLLOW_MS);
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearInterval(timer);
      unfollow();
      server.close(() => resolve());
      // Open event streams would hold the server: they end with the process.
      setTimeout(() => resolve(), 500).unref();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  store.db.close();
  process.exitCode = 0;
  process.exit(0);
}
