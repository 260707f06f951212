import { ExitCode, UsageError } from '../errors.js';
import { terminalSafe } from '../format/printable.js';

/**
 * A command's failure as one stderr message and the documented exit code: a UsageError's own
 * message (and its code), anything else as unexpected (1), with its stack under --debug.
 */
export function reportFailure(error: unknown, argv: string[]): void {
  if (error instanceof UsageError) {
    process.stderr.write(`usage: ${terminalSafe(error.message)}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  const detail = argv.includes('--debug')
    ? `\n${(error as Error).stack ?? String(error)}`
    : ' (run with --debug for details)';
  process.stderr.write(
    `usage: ${terminalSafe(`unexpected error: ${(error as Error).message}${detail}`)}\n`,
  );
  process.exitCode = ExitCode.failure;
}

/** `usage | head` closes the pipe early; that is the reader's choice, not an error. */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
}
