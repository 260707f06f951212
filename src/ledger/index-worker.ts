// A thread that builds the ledger's indexes (indexes.ts, `buildIndexesAside`) and says whether
// it could.
import { parentPort, workerData } from 'node:worker_threads';
import { BUILD_INDEXES } from './indexes.js';
import { sqlite } from './sqlite.js';

const { file, timeoutMs } = workerData as { file: string; timeoutMs: number };
let built = false;
try {
  const db = (await sqlite())(file, { fileMustExist: true, timeout: timeoutMs });
  try {
    db.exec(BUILD_INDEXES);
    built = true;
  } finally {
    db.close();
  }
} catch {
  // the main thread builds them
}
parentPort?.postMessage(built);
