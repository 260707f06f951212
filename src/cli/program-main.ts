import { endQuietlyOnClosedPipe } from './failure.js';
import { buildProgram } from './program.js';
import { runProgram } from './run.js';

/** Every command but the status line (main.ts starts it), which writes its line by itself. */
export async function run(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe();
  await runProgram(buildProgram(), argv);
}
