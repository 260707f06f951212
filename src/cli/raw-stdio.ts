import { fstatSync, read, writeSync } from 'node:fs';
import { ExitCode } from '../errors.js';

/**
 * The status line's stdin and stdout by file descriptor. `process.stdin` and `process.stdout`
 * are streams, made on first use, and for a pipe (which is what Claude Code gives) they load
 * Node's net and stream code: ~3 ms of a run Claude Code makes every few seconds.
 */

/**
 * Whether `fd` is a character device: a terminal, or the like of /dev/null, which gives
 * nothing to wait for and shows no colour to anyone. node:tty's exact answer costs ~1.5 ms to
 * load (it loads node:net).
 */
export function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Stdin (or `fd`) up to its end, or what came within `waitMs`; a terminal gives nothing. A pipe
 * the caller made non-blocking (EAGAIN; Node's own child processes never get one) is read the
 * way Node reads one, as a socket.
 */
export function readStdin(waitMs: number, fd = 0): Promise<string> {
  if (isCharacterDevice(fd)) return Promise.resolve('');
  const deadline = Date.now() + waitMs;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(finish, waitMs);
    const readMore = () => {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      read(fd, buffer, 0, CHUNK_BYTES, null, (error, bytes) => {
        if (settled) return;
        if (error?.code === 'EAGAIN') {
          clearTimeout(timer);
          readAsSocket(fd, chunks, deadline - Date.now()).then(finish, finish);
        } else if (error !== null || bytes === 0) {
          finish();
        } else {
          chunks.push(buffer.subarray(0, bytes));
          readMore();
        }
      });
    };
    readMore();
  });
}

/** Adds what a non-blocking `fd` gives to `chunks`, up to its end or for `waitMs` at most. */
async function readAsSocket(fd: number, chunks: Buffer[], waitMs: number): Promise<void> {
  const { Socket } = await import('node:net');
  const socket = new Socket({ fd, readable: true, writable: false });
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, Math.max(waitMs, 0));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', done);
    socket.on('error', done);
  });
}

/**
 * Writes `text` to stdout and exits 0. A pipe Claude Code closed (EPIPE) is not an error;
 * one the caller made non-blocking and full (EAGAIN) gets the rest through `process.stdout`.
 */
export function printAndExit(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
      process.stdout.write(bytes.subarray(written), () => process.exit(ExitCode.ok));
      return;
    }
  }
  process.exit(ExitCode.ok);
}
