import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

// A status line's background sync (a detached process) may still be writing its ledger in the
// folder when a test ends: retry while files appear under the removal (ENOTEMPTY).
afterEach(async () => {
  await Promise.all(
    made
      .splice(0)
      .map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 })),
  );
});

/**
 * Builds a throwaway folder from `{ "relative/path.jsonl": content }` (an array of lines is
 * joined with newlines and ends with one) and returns its path. Removed after each test.
 */
export async function fsFixture(files: Record<string, string | string[]>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'usage-ledger-'));
  made.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, Array.isArray(content) ? `${content.join('\n')}\n` : content);
  }
  return root;
}
