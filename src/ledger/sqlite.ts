import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

/** Opens a SQLite database file, as `new Database(file, options)` does. */
export type OpenSqlite = (file: string, options?: BetterSqlite3.Options) => BetterSqlite3.Database;

const requireHere = createRequire(import.meta.url);

/** better-sqlite3's addon where its install put it (a prebuilt binary or a build), or null. */
function addonFile(): string | null {
  try {
    const root = path.dirname(requireHere.resolve('better-sqlite3/package.json'));
    for (const build of ['Release', 'Debug']) {
      const file = path.join(root, 'build', build, 'better_sqlite3.node');
      if (existsSync(file)) return file;
    }
  } catch {
    // not resolvable from here: the package's own loader finds it, below
  }
  return null;
}

/**
 * better-sqlite3, loaded on first use so that reports without the ledger do not pay for the
 * native module; with URI file names on (set before it loads), which a read-only look at a
 * ledger in a read-only folder needs (`?immutable=1`). Plain paths mean what they did.
 *
 * Its JavaScript is bundled with ours and given the addon's path: from node_modules it is 13
 * files and `bindings`, which finds the addon by reading the call stack, ~10 ms of every run
 * that opens the ledger (the status line's among them). An addon somewhere else is found by
 * the package as installed.
 */
export async function sqlite(): Promise<OpenSqlite> {
  process.env.SQLITE_USE_URI = '1';
  const addon = addonFile();
  if (addon === null) {
    const Database = requireHere('better-sqlite3') as typeof BetterSqlite3;
    return (file, options) => new Database(file, options);
  }
  const { default: Database } = await import('better-sqlite3');
  return (file, options) => new Database(file, { ...options, nativeBinding: addon });
}
