import { parentPort } from 'node:worker_threads';
import type { WorkerTask } from './load.js';
import { readHere } from './read.js';
import { encodeRead, transferablesOf } from './transfer.js';

/**
 * A reader thread: reads each part of a large read it is sent (its files), with progress sent
 * now and then, and waits for the next one (`ReaderThreads`).
 */
parentPort?.on('message', ({ files, options }: WorkerTask) => {
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
});
