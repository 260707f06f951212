import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExitCode, UsageError } from './errors.js';

/** Writes a file whole or not at all: a temporary file beside it, then a rename. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`, ExitCode.failure);
  }
}
