import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStdin } from '../../src/cli/raw-stdio.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'raw-stdio-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readStdin', () => {
  it('reads a file to its end', async () => {
    const file = path.join(dir, 'payload.json');
    const writer = openSync(file, 'w');
    writeSync(writer, '{"session_id":"é"}');
    closeSync(writer);
    const fd = openSync(file, 'r');
    await expect(readStdin(2_000, fd)).resolves.toBe('{"session_id":"é"}');
    closeSync(fd);
  });

  it('reads a non-blocking pipe that has nothing yet, to its end, as a socket', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, 'w');
    const reading = readStdin(5_000, fd);
    // The first read finds the pipe empty (EAGAIN); what comes later is still read.
    setTimeout(() => {
      writeSync(writer, Buffer.from('{"a":"bé'));
      writeSync(writer, Buffer.from('"}'));
      closeSync(writer);
    }, 100);
    await expect(reading).resolves.toBe('{"a":"bé"}');
  });

  it('stops waiting for a caller that never closes the pipe', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, 'w');
    writeSync(writer, 'partial');
    const started = Date.now();
    await expect(readStdin(300, fd)).resolves.toBe('partial');
    expect(Date.now() - started).toBeLessThan(2_000);
    closeSync(writer);
  });
});
