// Debian's Chromium through playwright-core (Playwright cannot download a browser here),
// headless with a fresh user data dir, and the built dashboard as a child process: for the
// dashboard's browser tests and its benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export async function launchChromium(viewport = { width: 1280, height: 800 }) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * Starts `usage dashboard --no-open --port 0 --timezone UTC` with `args` and `env`; `address`
 * resolves to the printed URL (with its token) once it listens.
 */
export function startDashboard(args, env) {
  const server = spawn(
    process.execPath,
    [CLI, 'dashboard', '--no-open', '--port', '0', '--timezone', 'UTC', ...args],
    { env: { PATH: process.env.PATH, TZ: 'UTC', ...env } },
  );
  const address = new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const line = /^Dashboard: (\S+)\n/.exec(out);
      if (line) resolve(line[1]);
    });
    server.on('exit', (code) => reject(new Error(`dashboard ended (${code}): ${out}`)));
  });
  return { server, address };
}
