#!/usr/bin/env node
import { CommanderError } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import { terminalSafe } from '../format/printable.js';
import { commandFirst } from './argv.js';

// `usage | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.ok);
  throw error;
});

/** Turns every failure into one stderr message and the documented exit code. */
async function main(argv: string[]): Promise<void> {
  try {
    // The status line loads only its own code (see statusline-program.ts).
    const program =
      argv[2] === 'statusline'
        ? (await import('./statusline-program.js')).statuslineProgram()
        : (await import('./program.js')).buildProgram();
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

await main(process.argv);
