// Types of bench/chromium.mjs for the tests that import it.
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM: string;

/** Debian's Chromium, headless, with a fresh user data dir, at 1280x800 unless told. */
export function launchChromium(viewport?: { width: number; height: number }): Promise<BrowserContext>;

/** The built `usage dashboard` on a free port; `address` is the URL it prints. */
export function startDashboard(
  args: string[],
  env: Record<string, string>,
): { server: ChildProcess; address: Promise<string> };
