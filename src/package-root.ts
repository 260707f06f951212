import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding usage-ledger's package.json, found by walking up from this module:
 * the same answer from `src/` (tests), from the bundle in `dist/cli/`, or from a bundled script.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('usage-ledger: cannot find its package.json');
    dir = parent;
  }
  return dir;
}
