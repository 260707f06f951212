import { ExitCode } from '../errors.js';
import { buildProgram } from './program.js';
import { runProgram } from './run.js';

/** Every command but the status line (main.ts starts it), which writes its line by itself. */
export async function run(argv: string[]): Promise<void> {
  // `usage | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
  await runProgram(buildProgram(), argv);
}
