// Types of bench/chromium.mjs for the tests that import it.
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM: string;

/** Debian's Chromium, headless, with a fresh user data dir, at 1280x800. */
export function launchChromium(): Promise<BrowserContext>;
