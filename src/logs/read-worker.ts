import { parentPort } from 'node:worker_threads';
import { claimed, type WorkerTask } from './load.js';
import { bytesToRead, TranscriptReader } from './read.js';
import { encodeRead, transferablesOf } from './transfer.js';

/**
 * A reader thread: for each read it is sent, takes its files one at a time until none is left
 * (`claimed`), with progress sent now and then, hands back what it read, and waits for the
 * next read (`ReaderThreads`).
 */
parentPort?.on('message', ({ files, next, leaveBytes, options }: WorkerTask) => {
  let pendingBytes = 0;
  let pendingFiles = 0;
  const reader = new TranscriptReader();
  reader.read(
    claimed(
      files,
      new Int32Array(next),
      leaveBytes > 0 ? { bytes: leaveBytes, sizeOf: bytesToRead } : undefined,
    ),
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
  // In order (on this thread): the main thread merges them with its own.
  const encoded = encodeRead(reader.result());
  parentPort?.postMessage({ type: 'done', result: encoded }, transferablesOf(encoded));
});
