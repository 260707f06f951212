#!/usr/bin/env node
// The least work a cold report of a logs folder must do, to know how far from it we are:
//   node bench/floor.mjs <logs dir> <stat|read|scan|parse> [threads]
// stat: find and stat every transcript; read: and read every byte; scan: and find the lines
// that name "usage"; parse: and JSON.parse those lines (no dedup, no pricing, no report).
// With threads > 1 the files are split by size between worker threads, as usage does.
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const NEEDLE = Buffer.from('"usage"');
const buffer = Buffer.allocUnsafe(1 << 20);

function work(files, mode) {
  let lines = 0;
  let usage = 0;
  if (mode === 'stat') return { lines, usage };
  for (const file of files) {
    const fd = openSync(file, 'r');
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      if (mode === 'read') continue;
      const chunk =
        carry.length > 0
          ? Buffer.concat([carry, buffer.subarray(0, read)])
          : buffer.subarray(0, read);
      let start = 0;
      // One forward search for the needle per chunk, not one per line.
      let hit = chunk.indexOf(NEEDLE);
      for (;;) {
        const end = chunk.indexOf(10, start);
        if (end === -1) break;
        lines++;
        if (hit !== -1 && hit < start) hit = chunk.indexOf(NEEDLE, start);
        if (hit !== -1 && hit < end) {
          usage++;
          if (mode === 'parse') {
            try {
              JSON.parse(chunk.toString('utf8', start, end));
            } catch {
              // a malformed line: counted by usage, skipped here
            }
          }
        }
        start = end + 1;
      }
      carry = Buffer.from(chunk.subarray(start));
    }
    closeSync(fd);
  }
  return { lines, usage };
}

if (isMainThread) {
  const [dir, mode = 'parse', threadsText = '1'] = process.argv.slice(2);
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.jsonl')) files.push({ full, size: statSync(full).size });
    }
  };
  walk(path.join(dir, 'projects'));
  const threads = Number(threadsText);
  if (threads <= 1) {
    console.log(
      JSON.stringify(
        work(
          files.map((f) => f.full),
          mode,
        ),
      ),
    );
  } else {
    const parts = Array.from({ length: threads }, () => ({ files: [], bytes: 0 }));
    for (const file of files.sort((a, b) => b.size - a.size)) {
      const part = parts.reduce((a, b) => (a.bytes <= b.bytes ? a : b));
      part.files.push(file.full);
      part.bytes += file.size;
    }
    const results = await Promise.all(
      parts.map(
        (part) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), {
              workerData: { files: part.files, mode },
            });
            worker.once('message', resolve).once('error', reject);
          }),
      ),
    );
    console.log(JSON.stringify(results));
  }
} else {
  parentPort.postMessage(work(workerData.files, workerData.mode));
}
