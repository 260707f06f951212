import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomHex } from './crypto.js';
import { ExitCode, UsageError } from './errors.js';

/**
 * A private folder (0700): the ledger, the caches and their files hold every project path and
 * session id. An existing folder of the user's keeps its mode.
 */
export async function privateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** A name beside `file` no one can predict, for a temporary file renamed over it when complete. */
export function temporaryNameFor(file: string): string {
  return `${file}.${process.pid}.${randomHex(6)}.tmp`;
}

/**
 * A temporary file beside `file`, made with an exclusive create (O_EXCL) under a random name,
 * mode 0600: a symlink planted at a predictable name cannot redirect the write.
 */
export async function exclusiveTemporary(file: string) {
  const temporary = temporaryNameFor(file);
  return { temporary, handle: await open(temporary, 'wx', 0o600) };
}

/** Writes a file whole or not at all, mode 0600: a temporary file beside it, then a rename. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  let temporary: string | undefined;
  try {
    await privateFolder(path.dirname(file));
    const made = await exclusiveTemporary(file);
    temporary = made.temporary;
    try {
      await made.handle.writeFile(content);
    } finally {
      await made.handle.close();
    }
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (error) {
    if (temporary !== undefined) await rm(temporary, { force: true });
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`, ExitCode.failure);
  }
}
