import { once } from 'node:events';
import { createWriteStream, type Stats, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { ExitCode, UsageError } from '../errors.js';
import { temporaryNameFor } from '../write-file-atomic.js';

async function writeAll(
  stream: NodeJS.WritableStream,
  chunks: Iterable<string>,
  end = false,
): Promise<void> {
  for (const chunk of chunks) {
    // Wait when the reader is slower than us, so output never piles up in memory.
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  if (end) {
    stream.end();
    await finished(stream);
  }
}

/** A file's stats, or null when it cannot be stat'ed (it is not there, say). */
export function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** Streams chunks to stdout, waiting for a slow reader. */
export async function writeToStdout(chunks: Iterable<string>): Promise<void> {
  await writeAll(process.stdout, chunks);
}

/**
 * Streams chunks into a file whole or not at all: a temporary file beside it, renamed into
 * place at the end. An existing file is replaced only with `force`; a failure removes the
 * temporary file and exits 1 with the reason, naming `option` (the flag that gave the file).
 */
export async function writeToFile(
  file: string,
  chunks: Iterable<string>,
  force: boolean,
  option = '--output',
): Promise<void> {
  const existing = statOrNull(file);
  if (existing !== null && !force) {
    throw new UsageError(`${option}: ${file} exists; add --force to replace it`, ExitCode.failure);
  }
  if (existing?.isDirectory()) {
    throw new UsageError(`${option}: ${file} is a folder; name a file`, ExitCode.failure);
  }
  // Only a regular file is replaced: a device or a pipe (/dev/null, /dev/stdout) is written to.
  if (existing !== null && !existing.isFile()) {
    await writeAll(createWriteStream(file, { flags: 'w' }), chunks, true);
    return;
  }
  const temporary = temporaryNameFor(file);
  const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
  // Errors surface through `once` and `finished` below; this keeps them from crashing the run.
  stream.on('error', () => {});
  try {
    await once(stream, 'open');
    await writeAll(stream, chunks);
    stream.end();
    await finished(stream);
    await rename(temporary, file);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${option}: cannot write ${file}: ${(error as Error).message}`,
      ExitCode.failure,
    );
  }
}
