import { type Command, CommanderError } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { terminalSafe } from '../format/printable.js';
import { commandFirst } from './argv.js';

/**
 * Runs `program` on the command line, turning every failure into one stderr message and the
 * documented exit code.
 */
export async function runProgram(program: Command, argv: string[]): Promise<void> {
  try {
    const args = commandFirst(argv.slice(2), program);
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message; help and version are not failures.
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    } else if (error instanceof UsageError) {
      process.stderr.write(`usage: ${terminalSafe(error.message)}\n`);
      process.exitCode = error.exitCode;
    } else {
      const detail = argv.includes('--debug')
        ? `\n${(error as Error).stack ?? String(error)}`
        : ' (run with --debug for details)';
      process.stderr.write(
        `usage: ${terminalSafe(`unexpected error: ${(error as Error).message}${detail}`)}\n`,
      );
      process.exitCode = ExitCode.failure;
    }
  }
}
