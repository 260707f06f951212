import { type Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { commandFirst } from './argv.js';
import { reportFailure } from './failure.js';

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
    } else {
      reportFailure(error, argv);
    }
  }
}
