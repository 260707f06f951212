/** Exit codes, as documented in the README. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
} as const;

/**
 * An error meant for the user: one line on stderr and an exit code, never a stack trace.
 * Thrown from anywhere; only the CLI entry point turns it into output and an exit code.
 */
export class UsageError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = ExitCode.usage) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = exitCode;
  }
}
