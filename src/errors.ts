/** Exit codes, as documented in the README. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** `usage budget --check`: spending has reached the alert threshold of a budget. */
  budgetAlert: 3,
  /** `usage budget --check`: spending is over a budget. */
  overBudget: 4,
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
