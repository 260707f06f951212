#!/usr/bin/env node
// The least work a cold report of a logs folder must do, to know how far from it we are:
//   node bench/floor.mjs <logs dir> <stat|read|scan|parse|rows|sync> [threads]
// stat: find and stat every transcript; read: and read every byte; scan: and find the lines
// that name "usage"; parse: and JSON.parse those lines, decoded as Latin-1, the cheapest string
// JSON.parse reads the same way (no dedup, no pricing, no report);
// rows: and take each response's key, time and four token counts to the main thread, every
// 64 MiB read (the worker threads read, the main thread waits); sync: and write those rows
// into a new SQLite file (WAL, one transaction per part, one upsert a row keeping the copy
// with the largest output), the least a first sync into a row-per-response ledger must add.
// With threads > 1 the files are split by size between worker threads, as usage does; with
// one, the same thread reads and writes.
import { closeSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const NEEDLE = Buffer.from('"usage"');
const buffer = Buffer.allocUnsafe(1 << 20);
/** Rows go to the writer every this many bytes read (a sync's batches, smaller). */
const PART_BYTES = 64 * 1024 * 1024;
/** Numbers a row carries besides its key: time, input, output, cache writes, cache reads. */
const ROW_NUMBERS = 5;

/** Rows of responses as they cross threads: keys in one string, numbers in one array. */
function rowsOf(keys, numbers) {
  return { keys: keys.join('\n'), numbers: Float64Array.from(numbers) };
}

/** Writes parts of rows into a new ledger-like SQLite file, one transaction each. */
function rowWriter() {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const file = path.join(os.tmpdir(), `usage-floor-${process.pid}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE responses (key TEXT PRIMARY KEY, ts INTEGER NOT NULL,
    input INTEGER NOT NULL, output INTEGER NOT NULL, cache_write INTEGER NOT NULL,
    cache_read INTEGER NOT NULL) WITHOUT ROWID`);
  const upsert = db.prepare(`INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET ts = excluded.ts, input = excluded.input,
      output = excluded.output, cache_write = excluded.cache_write,
      cache_read = excluded.cache_read
    WHERE excluded.output > responses.output`);
  const write = db.transaction(({ keys, numbers }) => {
    const split = keys === '' ? [] : keys.split('\n');
    for (let i = 0; i < split.length; i++) {
      const n = i * ROW_NUMBERS;
      upsert.run(
        split[i],
        numbers[n],
        numbers[n + 1],
        numbers[n + 2],
        numbers[n + 3],
        numbers[n + 4],
      );
    }
  });
  return {
    write,
    close: () => {
      db.close();
      for (const end of ['', '-wal', '-shm']) rmSync(file + end, { force: true });
    },
  };
}

function work(files, mode, onRows = () => {}) {
  let lines = 0;
  let usage = 0;
  if (mode === 'stat') return { lines, usage };
  const withRows = mode === 'rows' || mode === 'sync';
  let keys = [];
  let numbers = [];
  let partBytes = 0;
  for (const file of files) {
    const fd = openSync(file, 'r');
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      if (mode === 'read') continue;
      partBytes += read;
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
          if (mode !== 'scan') {
            try {
              const line = JSON.parse(chunk.toString('latin1', start, end));
              const message = line?.message;
              const tokens = message?.usage;
              if (withRows && typeof message?.id === 'string' && tokens !== undefined) {
                keys.push(`${message.id}:${line.requestId}`);
                numbers.push(
                  Date.parse(line.timestamp),
                  tokens.input_tokens ?? 0,
                  tokens.output_tokens ?? 0,
                  tokens.cache_creation_input_tokens ?? 0,
                  tokens.cache_read_input_tokens ?? 0,
                );
              }
            } catch {
              // a malformed line: counted by usage, skipped here
            }
          }
        }
        start = end + 1;
      }
      carry = Buffer.from(chunk.subarray(start));
      if (withRows && partBytes >= PART_BYTES) {
        onRows(rowsOf(keys, numbers));
        keys = [];
        numbers = [];
        partBytes = 0;
      }
    }
    closeSync(fd);
  }
  if (withRows) onRows(rowsOf(keys, numbers));
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
  const writer = mode === 'sync' ? rowWriter() : null;
  const onRows = (rows) => writer?.write(rows);
  if (threads <= 1) {
    console.log(
      JSON.stringify(
        work(
          files.map((f) => f.full),
          mode,
          onRows,
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
            worker.on('message', (message) => {
              if (message.rows !== undefined) onRows(message.rows);
              else resolve(message.result);
            });
            worker.once('error', reject);
          }),
      ),
    );
    console.log(JSON.stringify(results));
  }
  writer?.close();
} else {
  const onRows = (rows) => parentPort.postMessage({ rows }, [rows.numbers.buffer]);
  parentPort.postMessage({ result: work(workerData.files, workerData.mode, onRows) });
}
