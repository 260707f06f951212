// A thread that opens the ledger, builds its indexes when told to (indexes.ts,
// `startIndexBuilder`) and says whether it could.

import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { BUILD_INDEXES } from './indexes.js';
import { sqlite } from './sqlite.js';

const { file, timeoutMs } = workerData as { file: string; timeoutMs: number };
let db: Database | null = null;
try {
  db = (await sqlite())(file, { fileMustExist: true, timeout: timeoutMs });
} catch {
  // the main thread builds them
}
parentPort?.once('message', () => {
  let built = false;
  try {
    db?.exec(BUILD_INDEXES);
    built = db !== null;
  } catch {
    // the main thread builds them
  } finally {
    db?.close();
  }
  parentPort?.postMessage(built);
});
