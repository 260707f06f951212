import { buildProgram } from './program.js';
import { runProgram } from './run.js';

/** Every command but the status line (main.ts starts it). */
export async function run(argv: string[]): Promise<void> {
  await runProgram(buildProgram(), argv);
}
