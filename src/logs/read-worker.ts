import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerTask } from './load.js';
import { readHere } from './read.js';
import { encodeRead, transferablesOf } from './transfer.js';

/** A worker thread's part of a large read: its files, with progress sent now and then. */
const { files, options } = workerData as WorkerTask;
let pendingBytes = 0;
let pendingFiles = 0;
const result = readHere(
  files,
  (bytes, fileDone) => {
    pendingBytes += bytes;
    if (fileDone) pendingFiles++;
    if (pendingBytes >= 8 * 1024 * 1024 || pendingFiles >= 64) {
      parentPort?.postMessage({ type: 'progress', bytes: pendingBytes, files: pendingFiles });
      pendingBytes = 0;
      pendingFiles = 0;
    }
  },
  options,
);
parentPort?.postMessage({ type: 'progress', bytes: pendingBytes, files: pendingFiles });
const encoded = encodeRead(result);
parentPort?.postMessage({ type: 'done', result: encoded }, transferablesOf(encoded));
